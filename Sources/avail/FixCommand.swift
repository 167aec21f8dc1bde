import ArgumentParser
import AvailConfig
import AvailKit
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

struct FixCommand: ParsableCommand, TakesFileOperands {
    static let configuration = CommandConfiguration(
        commandName: "fix",
        abstract: "Repair the mechanical defects that validate and lint find, in place.",
        discussion: """
            Payloads need --format; without it the files are read as YAML store configs, as 'lint'
            reads them. Safe fixes change only the spelling (milliseconds that are whole seconds
            written as seconds, a BOM removed, a YAML 1.1 ambiguous scalar quoted); unsafe ones are
            guesses and apply only with --unsafe-fixes ('avail rules' says which rule fixes how).
            Each file is rewritten atomically (a temporary file renamed over it; a symlink's target
            is replaced, the link stays; mode, owner and group are kept; a file that changed while
            it was fixed is left alone). --diff prints a unified diff and writes nothing; - reads
            stdin and writes the fixed text to stdout. With --ndjson a stream is fixed line by line
            in bounded memory. What is left is reported as validate and lint report it: exit 0 when
            no error-severity finding remains (--strict: no warning), 1 otherwise, 2 on usage or
            I/O errors.
            """
    )

    @Option(help: "The payloads' format id; without it the files are YAML store configs.") var format: FormatID?
    @Argument(help: "Files, directories (configs: *.yaml, *.yml; with --format: *.json, or *.ndjson and *.jsonl with --ndjson) or globs to fix; - reads stdin and writes stdout.") var files: [String]
    @Flag(help: "Also apply fixes that are guesses (a did-you-mean, removing a read-only field).") var unsafeFixes = false
    @Flag(help: "Print a unified diff of the fixes to stdout and write nothing.") var diff = false
    @Flag(help: "With --format: fix each line as its own payload (NDJSON).") var ndjson = false
    @Flag(help: "Fail (exit 1) on warnings that remain too.") var strict = false
    @Option(help: "Output format of the remaining findings: text, json, sarif or github.") var reporter: ReporterKind = .text
    @Option(help: "The current time (RFC 3339) for time-relative rules; default: the clock.") var now: String?
    @Option(help: "The store's IANA time zone.") var timezone: String?
    @OptionGroup var rules: RuleFlags
    @OptionGroup var output: OutputFlags

    func validate() throws {
        if ndjson && format == nil { throw ValidationError("--ndjson needs --format: NDJSON holds payloads, not configs") }
    }

    func run() throws {
        let clock = try Clock.now(now)
        let zone = try timezone.map { name throws(CLIFailure) in
            guard let zone = TimeZones.zone(named: name) else { throw CLIFailure(message: TimeZones.unknownMessage(name)) }
            return zone
        }
        let settings = try rules.settings()
        let validator = format.map { Validator(format: $0.format, now: clock, timeZone: zone, settings: settings) }
        let linter = ConfigLinter(now: clock, settings: settings)
        var report = Report(reporter: reporter, style: output.style(for: reporter), strict: strict, toStderr: diff || files.contains("-"))
        var ioFailed = false
        let extensions = format == nil ? InputFiles.configs : InputFiles.payloads(ndjson: ndjson)
        for path in try InputFiles.expand(files, extensions: extensions) {
            let name = FileIO.displayName(path)
            do throws(CLIFailure) {
                // A device, FIFO or socket is never replaced (nor read to be).
                if !diff && path != "-", let problem = FileIO.notRegular(path) {
                    throw CLIFailure(message: "cannot fix '\(path)': \(problem)")
                }
                if let validator, ndjson {
                    try fixStream(path, name: name, validator: validator, report: &report)
                } else {
                    let limit = validator == nil ? linter.limits.maxBytes : validator?.limits.maxDocumentBytes ?? FileIO.maxDocumentBytes
                    let input = try FileIO.read(path, limit: limit)
                    let outcome = validator.map { $0.fix(input.bytes, unsafe: unsafeFixes) } ?? linter.fix(input.bytes, unsafe: unsafeFixes)
                    // An input over the limit was read in part: it is reported, never written back.
                    let whole = input.bytes.count <= limit
                    if diff {
                        Terminal.write(UnifiedDiff.render(old: input.bytes, new: outcome.bytes, oldName: "a/\(name)", newName: "b/\(name)"))
                    } else if path == "-" {
                        if whole { Terminal.write(bytes: outcome.bytes) }
                    } else if outcome.changed && whole {
                        try FileIO.replaceAtomically(outcome.bytes, at: path, unchangedSince: input.snapshot)
                    }
                    report.add(outcome.remaining, file: name)
                }
            } catch {
                Terminal.reportError(error.message)
                ioFailed = true
            }
            if Terminal.out.failed { break }
        }
        report.finish()
        if ioFailed { throw ExitCode(2) }
        if report.failing { throw ExitCode(1) }
    }

    /// Fixes an NDJSON stream line by line, writing as it reads: the fixed
    /// text to a temporary file renamed over the input (or to stdout for -),
    /// or with --diff the hunks to stdout.
    func fixStream(_ path: String, name: String, validator: Validator, report: inout Report) throws(CLIFailure) {
        let fd = try FileIO.openInput(path)
        defer { if fd != 0 { close(fd) } }
        var opening = stat()
        let inPlace = !diff && path != "-"
        if inPlace { fstat(fd, &opening) }
        let file = inPlace ? try OutputFile(path: path, inputs: []) : nil
        var stream = UnifiedDiff.LineStream(oldName: "a/\(name)", newName: "b/\(name)")
        var buffer: [UInt8] = []
        func drain() {
            guard !buffer.isEmpty else { return }
            if let file { file.sink.write(buffer) } else { Terminal.out.write(buffer) }
            buffer.removeAll(keepingCapacity: true)
        }
        let fixer = NDJSONFixer(validator: validator, unsafe: unsafeFixes)
        var lines = 0
        var lastWrite = ContinuousClock.now
        let summary: NDJSONFixer.Summary
        do {
            summary = try fixer.run(
                fd: fd,
                line: { line in
                    if diff {
                        switch line {
                        case .line(let old, let new, let newline):
                            if let new {
                                new.withUnsafeBufferPointer { stream.line(old: old, new: $0, newline: newline, into: &buffer) }
                            } else {
                                stream.line(old: old, new: nil, newline: newline, into: &buffer)
                            }
                        case .piece(_, let ends, _):
                            if ends { stream.opaqueLine(into: &buffer) }
                        }
                    } else {
                        line.write(into: &buffer)
                    }
                    // Written when a buffer's worth is ready, or a tenth of a second after the
                    // last write: a hunk reaches `| head` without waiting for the next one.
                    lines += 1
                    if buffer.count >= 1 << 16 || (lines & 1023 == 0 && !buffer.isEmpty && ContinuousClock.now - lastWrite > .milliseconds(100)) {
                        drain()
                        if file == nil { Terminal.out.flush() }
                        lastWrite = ContinuousClock.now
                    }
                    // A write that failed loses the rest: stop reading.
                    return !(Terminal.out.failed || file?.sink.failed == true)
                },
                record: { remaining, _ in report.add(remaining, file: name) },
                // Before waiting on a live pipe: the lines so far go out now.
                idle: {
                    drain()
                    if file == nil { Terminal.flushBoth() }
                    lastWrite = ContinuousClock.now
                })
        } catch {
            file?.abandon()
            throw CLIFailure(message: "cannot read '\(name)': \(FileIO.errorText(error.errno))")
        }
        if diff { stream.finish(into: &buffer) }
        drain()
        guard let file else { return }
        // Nothing changed: the file stays as it is (and keeps its modification time).
        guard summary.changedLines > 0, !Terminal.out.failed else {
            file.abandon()
            if file.sink.failed { throw CLIFailure(message: "cannot write '\(path)': \(FileIO.errorText(file.sink.failure ?? EIO))") }
            return
        }
        // Replaced only while the input is what was read: a line appended meanwhile is not lost.
        var read = FileIO.Snapshot(opening)
        read.size = Int64(summary.bytesRead)
        file.unchangedSince = read
        try file.commit()
    }
}

/// The findings a fix leaves, reported as validate and lint report them:
/// the text and github reporters stream each record's lines as they come,
/// json and sarif collect them into one document at the end. They go to
/// stderr when stdout carries the fixed text or the diff.
struct Report {
    let reporter: ReporterKind
    let style: ReportStyle
    let strict: Bool
    let toStderr: Bool
    private(set) var failing = false
    private var collected: [Finding] = []
    private var text: [UInt8] = []

    init(reporter: ReporterKind, style: ReportStyle, strict: Bool, toStderr: Bool) {
        self.reporter = reporter
        self.style = style
        self.strict = strict
        self.toStderr = toStderr
    }

    mutating func add(_ findings: [Finding], file: String) {
        guard !findings.isEmpty else { return }
        var placed = findings
        for i in placed.indices {
            if placed[i].severity == .error || (strict && placed[i].severity == .warning) { failing = true }
            placed[i].file = file
        }
        guard reporter == .text || reporter == .github else {
            collected += placed
            return
        }
        text.removeAll(keepingCapacity: true)
        reporter.write(placed, into: &text, style: style)
        if toStderr { Terminal.err.write(text) } else { Terminal.out.write(text) }
    }

    mutating func finish() {
        guard reporter != .text && reporter != .github else { return }
        let rendered = reporter.render(collected, style: style)
        if toStderr { Terminal.writeError(rendered) } else { Terminal.write(rendered) }
    }
}
