import ArgumentParser
import AvailKit
import Foundation

struct ValidateCommand: ParsableCommand, TakesFileOperands {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check payloads of one format against the rule catalog.",
        discussion: """
            Findings go to stdout in the chosen reporter's format. With --ndjson each input is read
            as a stream of one payload per line, in constant memory; findings name the record and
            its line, and a bad record never stops the stream unless --fail-fast. Exit codes: 0 no
            error-severity finding (with --strict: no warning either), 1 otherwise, 2 usage or I/O
            error. 'avail rules' lists the rules; 'avail explain RULE' shows one with examples.
            """
    )

    @Option(help: "The payloads' format id.") var format: FormatID
    @Argument(help: "Files, directories (their *.json, or *.ndjson and *.jsonl with --ndjson) or globs; - (the default) reads stdin.") var files: [String] = []
    @Flag(help: "Treat each input as newline-delimited JSON: one payload per line.") var ndjson = false
    @Option(help: "With --ndjson: records checked at once, on this many cores (default: every core); output stays in input order.")
    var jobs: Int?
    @Flag(help: "With --ndjson: stop at the first record with an error.") var failFast = false
    @Flag(help: "Fail (exit 1) on warnings too.") var strict = false
    @Option(help: "Output format: text, json, sarif or github.") var reporter: ReporterKind = .text
    @Option(help: "The current time (RFC 3339) for time-relative rules; default: the clock.") var now: String?
    @Option(help: "The store's IANA time zone (Tokopedia dates default to Asia/Jakarta).") var timezone: String?
    @OptionGroup var rules: RuleFlags
    @OptionGroup var output: OutputFlags

    func validate() throws {
        if let jobs, jobs < 1 || jobs > 256 { throw ValidationError("--jobs must be between 1 and 256") }
    }

    func run() throws {
        let zone = try timezone.map { name throws(CLIFailure) in
            guard let zone = TimeZones.zone(named: name) else { throw CLIFailure(message: TimeZones.unknownMessage(name)) }
            return zone
        }
        let validator = Validator(format: format.format, now: try Clock.now(now), timeZone: zone, settings: try rules.settings())
        let streaming = reporter == .text || reporter == .github
        let style = output.style(for: reporter)
        let paths = try InputFiles.expand(files.isEmpty ? ["-"] : files, extensions: InputFiles.payloads(ndjson: ndjson))
        var collected: [Finding] = []
        var failing = false
        var ioFailed = false
        func take(_ findings: [Finding]) {
            guard !findings.isEmpty else { return }
            if findings.contains(where: { $0.severity == .error || (strict && $0.severity == .warning) }) { failing = true }
            if streaming { Terminal.write(reporter.render(findings, style: style)) } else { collected += findings }
        }
        for path in paths {
            let name = FileIO.displayName(path)
            do {
                if ndjson {
                    let fd = try FileIO.openInput(path)
                    defer { if fd != 0 { close(fd) } }
                    var stopped = false
                    // Plain copies: the closures run once per record, and a flag's getter is not free.
                    let reporter = reporter
                    let (strict, failFast) = (strict, failFast)
                    do {
                        // Each worker decodes its records into its own value and renders their text and
                        // annotation lines into its own buffer; emit copies them out in record order.
                        // Findings leave the worker only for the reporters that collect them (json, sarif).
                        try NDJSONPipeline(jobs: jobs ?? Cores.count).run(
                            fd: fd, worker: { ValidateWorker() },
                            process: { record, worker -> RecordVerdict in
                                let findings = validator.validate(record: record, file: name, reusing: &worker.decoded)
                                guard !findings.isEmpty else { return RecordVerdict() }
                                // Severities read by index: `contains` copied each finding to look at one byte.
                                var hasError = false
                                var hasWarning = false
                                for i in findings.indices {
                                    let severity = findings[i].severity
                                    if severity == .error { hasError = true }
                                    if severity == .warning { hasWarning = true }
                                }
                                var verdict = RecordVerdict(failing: hasError || (strict && hasWarning), hasError: hasError)
                                if streaming {
                                    let start = worker.text.count
                                    reporter.write(findings, into: &worker.text, style: style)
                                    verdict.text = start..<worker.text.count
                                } else {
                                    verdict.findings = findings
                                }
                                return verdict
                            },
                            emit: { verdict, worker in
                                if verdict.failing { failing = true }
                                if let range = verdict.text { Terminal.out.write(worker.text[range]) }
                                if !verdict.findings.isEmpty { collected += verdict.findings }
                                if verdict.hasError && failFast {
                                    stopped = true
                                    return false
                                }
                                // Output that cannot be written is lost: stop reading.
                                return !Terminal.out.failed
                            },
                            // Before waiting on a live pipe: the answers so far go out now.
                            idle: { Terminal.flushBoth() })
                    } catch {
                        throw CLIFailure(message: "cannot read '\(name)': \(FileIO.errorText(error.errno))")
                    }
                    if stopped { break }
                } else {
                    take(validator.validate(try FileIO.readAll(path)).map { f in
                        var f = f
                        f.file = name
                        return f
                    })
                }
            } catch let failure as CLIFailure {
                Terminal.reportError(failure.message)
                ioFailed = true
            }
            if Terminal.out.failed { break }
        }
        if !streaming { Terminal.write(reporter.render(collected, style: style)) }
        if ioFailed { throw ExitCode(2) }
        if failing { throw ExitCode(1) }
    }
}

/// What one validate worker owns: the value its records are decoded into and
/// the buffer their findings are rendered into.
struct ValidateWorker {
    var decoded = Decoded()
    var text: [UInt8] = []
}

/// What a validate worker hands back for one record: whether it fails the
/// run, where its rendered lines are in the worker's buffer, or its findings
/// for the collecting reporters.
struct RecordVerdict {
    var failing = false
    var hasError = false
    var text: Range<Int>? = nil
    var findings: [Finding] = []
}
