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
            Payloads take --format, or the settings file's pattern for each file; *.yaml and *.yml files without one \
            are read as store configs, as 'lint' reads them. Safe fixes change only the spelling (milliseconds that \
            are whole seconds written as seconds, a BOM removed, a YAML 1.1 ambiguous scalar quoted); unsafe ones \
            are guesses and apply only with --unsafe-fixes. Each fix is listed on stderr ('FILE:LINE:COL: fixed: \
            WHAT [RULE]'), then a count. Each file is rewritten atomically (a temporary file renamed over it; a \
            symlink's target is replaced, the link stays; mode, owner and group are kept; a file that changed while \
            it was fixed is left alone). --diff prints a unified diff, writes nothing and exits 1 when a fix is \
            pending; - reads stdin and writes the fixed text to stdout. Streams (*.ndjson, *.jsonl, or --ndjson) are \
            fixed line by line in bounded memory. What is left is reported as validate and lint report it: exit 0 \
            when no error-severity finding remains (--strict: no warning), 1 otherwise, 2 on usage or I/O errors.
            """
    )

    @Option(
        help: "The payloads' format id; without it (and without a settings file pattern) the files are YAML store configs.",
        completion: .list(Formats.ids), transform: FormatID.parse)
    var format: FormatID?
    @Argument(help: "Files, directories or globs to fix; - reads stdin and writes stdout.") var files: [String]
    @Flag(help: "Also apply fixes that are guesses (a did-you-mean, removing a read-only field).") var unsafeFixes = false
    @Flag(help: "Print a unified diff of the fixes to stdout, write nothing, and exit 1 when one is pending.") var diff = false
    @Flag(help: "Fix every payload input as a stream: each line its own payload (NDJSON).") var ndjson = false
    @Option(help: "The current time (RFC 3339) for time-relative rules; default: as validate and lint.") var now: String?
    @Option(help: "The store's IANA time zone.") var timezone: String?
    @OptionGroup var check: CheckOptions

    func validate() throws {
        if ndjson && format == nil { throw ValidationError("--ndjson needs --format: NDJSON holds payloads, not configs") }
    }

    /// What a file is fixed as.
    enum Kind {
        case config
        case payload(any AvailabilityFormat, stream: Bool)
    }

    /// What `path` is fixed as: a payload of its format, else a store config
    /// when it is YAML (or stdin); nil for any other file without a format.
    func kind(of path: String, run: Run) -> Kind? {
        if let format = format?.format ?? run.project?.format(for: path).flatMap(Formats.named) {
            return .payload(format, stream: InputFiles.isStream(path, ndjson: ndjson))
        }
        return path == "-" || InputFiles.configs.contains(where: { path.hasSuffix("." + $0) }) ? .config : nil
    }

    func run() throws {
        var run = try Run(check, now: now)
        let zone = try run.timeZone(timezone)
        let toStderr = diff || files.contains("-")
        var report = Report(run, toStderr: toStderr)
        var fixes = FixLog(quiet: check.quiet || check.silent, diff: diff)
        var ioFailed = false
        let extensions = format == nil ? InputFiles.configs + (run.project?.formats.isEmpty == false ? InputFiles.payloads(ndjson: ndjson) : []) : InputFiles.payloads(ndjson: ndjson)
        let paths = try run.inputs(files, extensions: extensions)
        // Every file's kind is known before any is fixed: a JSON payload without a format is a
        // usage error, as in validate (it was read as a store config, with a finding per key).
        var kinds: [Kind] = []
        for path in paths {
            guard let kind = kind(of: path, run: run) else { throw run.noFormat(for: path) }
            kinds.append(kind)
        }
        run.readClock(for: paths)
        for (path, kind) in zip(paths, kinds) {
            let name = FileIO.displayName(path)
            let now = run.now(for: path)
            do throws(CLIFailure) {
                // A device, FIFO or socket is never replaced (nor read to be).
                if !diff && path != "-", let problem = FileIO.notRegular(path) {
                    throw CLIFailure(message: "cannot fix '\(path)': \(problem)")
                }
                if case .payload(let format, true) = kind {
                    let validator = Validator(format: format, now: now, timeZone: zone, settings: run.rules)
                    try fixStream(path, name: name, validator: validator, report: &report, fixes: &fixes)
                    continue
                }
                var validator: Validator?
                var linter = ConfigLinter(now: now, settings: try Run.flagSettings(check))
                linter.defaults = run.project?.ruleSettings ?? RuleSettings()
                if case .payload(let format, _) = kind { validator = Validator(format: format, now: now, timeZone: zone, settings: run.rules) }
                let limit = validator?.limits.maxDocumentBytes ?? linter.limits.maxBytes
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
                fixes.add(outcome.applied, file: name)
                report.add(outcome.remaining.map { f in
                    var f = f
                    f.file = name
                    return f
                })
            } catch {
                Terminal.reportError(error.message)
                ioFailed = true
            }
            if Terminal.out.failed { break }
        }
        report.incomplete = ioFailed
        // What was fixed (stderr) comes before the findings left and the summary (stdout on a terminal).
        _ = Terminal.err.flush()
        report.finish()
        _ = Terminal.out.flush()
        // A run stopped by an I/O error says what it fixed, never "Nothing to fix".
        if !ioFailed || fixes.count > 0 { fixes.finish(remaining: report.tally.total) }
        if ioFailed { throw ExitCode(2) }
        // A diff with a fix in it is a change waiting to be made: the check fails, as ruff's --diff does.
        if diff && fixes.count > 0 && !check.exitZero { throw ExitCode(1) }
        try report.exit(ioFailed: false)
    }

    /// Fixes an NDJSON stream line by line, writing as it reads: the fixed
    /// text to a temporary file renamed over the input (or to stdout for -),
    /// or with --diff the hunks to stdout.
    func fixStream(_ path: String, name: String, validator: Validator, report: inout Report, fixes: inout FixLog) throws(CLIFailure) {
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
        do throws(NDJSONPipeline.ReadError) {
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
                record: { remaining, applied in
                    fixes.add(applied, file: name)
                    report.add(remaining.map { f in
                        var f = f
                        f.file = name
                        return f
                    })
                },
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

/// What `fix` changed: one line per fix on stderr as it is made
/// (`FILE:LINE:COL: fixed: WHAT [RULE]`, or `would fix` with --diff), then a count.
struct FixLog {
    let quiet: Bool
    let diff: Bool
    private(set) var count = 0
    private var files = Set<String>()

    init(quiet: Bool, diff: Bool) {
        self.quiet = quiet
        self.diff = diff
    }

    mutating func add(_ applied: [Finding], file: String) {
        guard !applied.isEmpty else { return }
        count += applied.count
        files.insert(file)
        guard !quiet else { return }
        var text = ""
        for f in applied {
            let place = f.location.isKnown ? ":\(f.location.line):\(f.location.column)" : ""
            let record = f.record.map { "record \($0): " } ?? ""
            text += "\(TerminalText.escaped(f.file ?? file))\(place): \(diff ? "would fix" : "fixed"): \(record)\(TerminalText.escaped(f.fix?.title ?? f.message)) [\(f.ruleID)]\n"
        }
        Terminal.err.write(text.utf8)
    }

    /// `Fixed 3 findings in 2 files (1 remaining).`, or `Would fix …` with --diff, or `Nothing to fix.`
    func finish(remaining: Int) {
        guard !quiet else { return }
        let left = remaining > 0 ? " (\(remaining) remaining)" : ""
        guard count > 0 else {
            Terminal.err.write("Nothing to fix\(left).\n".utf8)
            return
        }
        let findings = "\(count) \(count == 1 ? "finding" : "findings")"
        let inFiles = "\(files.count) \(files.count == 1 ? "file" : "files")"
        Terminal.err.write("\(diff ? "Would fix" : "Fixed") \(findings) in \(inFiles)\(left).\n".utf8)
    }
}
