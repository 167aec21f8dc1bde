import ArgumentParser
import AvailConfig
import AvailKit
import Foundation

struct ValidateCommand: ParsableCommand, TakesFileOperands {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check payloads against the rule catalog.",
        discussion: """
            Findings go to stdout in the chosen output format. Each file's format is --format, or the settings \
            file's 'formats' pattern that matches it. *.ndjson and *.jsonl files (and every input with --ndjson) are \
            streams of one payload per line, read in constant memory; findings name the record and its line, and a \
            bad record never stops the stream unless --fail-fast. Rules that read the clock judge a file git tracks \
            unchanged at its last commit ('clock: commit', the default), anything else at the wall clock; --now sets \
            it.

            Exit codes: 0 no error-severity finding (with --strict: no warning either), 1 otherwise, 2 usage or I/O \
            error. 'avail rules' lists the rules; 'avail explain RULE' shows one.
            """
    )

    @Option(
        help: "The payloads' format id (default: the settings file's pattern for each file).", completion: .list(Formats.ids),
        transform: FormatID.parse)
    var format: FormatID?
    @Argument(help: "Files, directories (their *.json, *.ndjson and *.jsonl) or globs; - (the default) reads stdin.") var files: [String] = []
    @Flag(help: "Read every input as newline-delimited JSON: one payload per line.") var ndjson = false
    @Option(parsing: .unconditional, help: "For streams: records checked at once, on this many cores (default: every core); output stays in input order.")
    var jobs: Int?
    @Flag(help: "For streams: stop at the first record with an error.") var failFast = false
    @Option(help: "The current time (RFC 3339) for time-relative rules; default: see above.") var now: String?
    @Option(help: "The store's IANA time zone (Tokopedia dates default to Asia/Jakarta).") var timezone: String?
    @OptionGroup var check: CheckOptions

    func validate() throws {
        if let jobs, jobs < 1 || jobs > 256 { throw ValidationError("--jobs must be between 1 and 256") }
    }

    func run() throws {
        var run = try Run(check, now: now)
        let zone = try run.timeZone(timezone)
        let paths = try run.inputs(files.isEmpty ? ["-"] : files, extensions: InputFiles.payloads(ndjson: ndjson))
        // Every file's format is known before any is read: a missing one is a usage error, not a finding.
        var formats: [any AvailabilityFormat] = []
        for path in paths {
            guard let format = format?.format ?? run.project?.format(for: path).flatMap(Formats.named) else { throw run.noFormat(for: path) }
            formats.append(format)
        }
        run.readClock(for: paths)
        var report = Report(run)
        var ioFailed = false
        for (path, format) in zip(paths, formats) {
            let name = FileIO.displayName(path)
            let validator = Validator(format: format, now: run.now(for: path), timeZone: zone, settings: run.rules)
            do throws(CLIFailure) {
                if InputFiles.isStream(path, ndjson: ndjson) {
                    if try validateStream(path, name: name, validator: validator, report: &report) { break }
                } else {
                    let bytes = try FileIO.readAll(path)
                    var findings = validator.validate(bytes)
                    NDJSONHint.add(to: &findings, bytes: bytes)
                    for i in findings.indices { findings[i].file = name }
                    report.add(findings)
                    if failFast && findings.hasErrors { break }
                }
            } catch {
                Terminal.reportError(error.message)
                ioFailed = true
            }
            if Terminal.out.failed { break }
        }
        report.incomplete = ioFailed
        report.finish()
        try report.exit(ioFailed: ioFailed)
    }

    /// Validates one stream; true when `--fail-fast` stopped it.
    func validateStream(_ path: String, name: String, validator: Validator, report: inout Report) throws(CLIFailure) -> Bool {
        let fd = try FileIO.openInput(path)
        defer { if fd != 0 { close(fd) } }
        var stopped = false
        let rendering = report.writesFindings
        let failFast = failFast
        let named = { var writer = report.renderer; writer.defaultFile = name; return writer }()
        do throws(NDJSONPipeline.ReadError) {
            // Each worker decodes its records into its own value and renders their findings into
            // its own buffer; emit copies the pieces out in record order. Findings leave the
            // worker only when they are counted rule by rule (--statistics).
            try NDJSONPipeline(jobs: jobs ?? Cores.count).run(
                fd: fd, worker: { ValidateWorker() },
                reuse: {
                    $0.text.removeAll(keepingCapacity: true)
                    $0.findings.removeAll(keepingCapacity: true)
                },
                process: { record, worker -> RecordVerdict in
                    let findings = validator.validate(record: record, file: name, reusing: &worker.decoded)
                    guard !findings.isEmpty else { return RecordVerdict() }
                    var verdict = RecordVerdict(tally: FindingTally(findings))
                    if rendering {
                        let start = worker.text.count
                        named.render(findings, into: &worker.text)
                        verdict.text = start..<worker.text.count
                    } else {
                        let start = worker.findings.count
                        worker.findings += findings
                        verdict.findings = start..<worker.findings.count
                    }
                    return verdict
                },
                emit: { verdict, worker in
                    if let range = verdict.text {
                        worker.text.withUnsafeBufferPointer { report.add(piece: UnsafeBufferPointer(rebasing: $0[range]), tally: verdict.tally) }
                    } else if !verdict.findings.isEmpty {
                        report.add(Array(worker.findings[verdict.findings]))
                    }
                    if verdict.tally.errors > 0 && failFast {
                        stopped = true
                        return false
                    }
                    // Output that cannot be written is lost: stop reading.
                    return !Terminal.out.failed
                },
                // Before waiting on a live pipe: the answers so far go out now.
                idle: {
                    report.flush()
                    Terminal.flushBoth()
                })
        } catch {
            throw CLIFailure(message: "cannot read '\(name)': \(FileIO.errorText(error.errno))")
        }
        return stopped
    }
}

/// What one validate worker owns: the value its records are decoded into and
/// the buffer their findings are rendered into.
struct ValidateWorker {
    var decoded = Decoded()
    var text: [UInt8] = []
    /// The findings themselves, when they are counted rule by rule.
    var findings: [Finding] = []
}

/// What a validate worker hands back for one record: its findings' tally,
/// and where their rendering, or the findings themselves when they are
/// counted rule by rule, are in the worker's buffers. Ranges, not arrays: a
/// verdict holds nothing to release, and most records have no findings.
struct RecordVerdict {
    var tally = FindingTally()
    var text: Range<Int>? = nil
    var findings: Range<Int> = 0..<0
}

/// A document that does not parse because a second value follows the
/// first, and whose lines each hold a value, is probably NDJSON: the finding says so.
enum NDJSONHint {
    static func add(to findings: inout [Finding], bytes: [UInt8]) {
        guard let i = findings.firstIndex(where: { $0.ruleID == "invalid_json" && $0.message.contains("after the JSON value") }),
            looksLikeNDJSON(bytes)
        else { return }
        findings[i].message += "; the file looks like NDJSON (one payload per line): pass --ndjson, or name it *.ndjson"
    }

    /// At least two lines, and the first two non-blank lines each start with `{` or `[`.
    static func looksLikeNDJSON(_ bytes: [UInt8]) -> Bool {
        var starts = 0
        var lineStart = true
        for b in bytes.prefix(1 << 20) {
            if b == 0x0A {
                lineStart = true
                continue
            }
            if lineStart, b != 0x20, b != 0x09, b != 0x0D {
                guard b == UInt8(ascii: "{") || b == UInt8(ascii: "[") else { return false }
                starts += 1
                if starts == 2 { return true }
                lineStart = false
            }
        }
        return false
    }
}
