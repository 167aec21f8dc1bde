import ArgumentParser
import AvailKit
import Foundation

struct ConvertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Convert a payload from one format to another through canonical.",
        discussion: """
            Losses (what the target cannot carry) are reported on stderr. A lossy conversion is
            refused (exit 1) unless --allow-lossy; a channel-scoped change sent to a whole-store
            format is refused unless --widen-scope. Re-encodings (the same instant written
            another way) are reported as notes and never refused.
            """
    )

    @Option(help: "Source format id.") var from: FormatID
    @Option(help: "Target format id.") var to: FormatID
    @Argument(help: "Input file, or - for stdin.") var file: String = "-"
    @Flag(help: "Pretty output, two-space indent (default).") var pretty = false
    @Flag(help: "Compact output on one line.") var compact = false
    @Flag(help: "Write even when values are dropped or approximated.") var allowLossy = false
    @Flag(help: "Apply a channel-scoped change to a whole-store target.") var widenScope = false
    @Option(help: "Loss report on stderr: text or json.") var lossReport: ReportStyle = .text
    @Flag(
        inversion: .prefixedNo,
        help: "Read each output back and refuse one that means something else than its input with no loss saying why (default: on, off with --ndjson).")
    var checkMeaning: Bool?
    @Option(name: .shortAndLong, help: "Write the output here (atomically) instead of stdout.") var output: String?
    @Flag(help: "Read newline-delimited JSON: convert one payload per line, streaming, in constant memory.") var ndjson = false
    @Option(help: "With --ndjson: records converted at once, on this many cores (default: every core); output stays in input order.")
    var jobs: Int?
    @Flag(help: "With --ndjson: write records that cannot be converted through unchanged.") var keepInvalid = false
    @Flag(help: "With --ndjson: stop at the first record that cannot be converted.") var failFast = false
    @OptionGroup var values: ValueFlags
    @Option(help: "A store config whose store (--store) gives the time zone and provider ids.") var stores: String?
    @Option(help: "The store's id in --stores.") var store: String?
    @OptionGroup var rules: RuleFlags

    enum ReportStyle: String, ExpressibleByArgument {
        case text, json
    }

    func validate() throws {
        if pretty && compact { throw ValidationError("--pretty and --compact cannot be used together") }
        if (stores == nil) != (store == nil) { throw ValidationError("--stores and --store go together") }
        if let jobs, jobs < 1 || jobs > 256 { throw ValidationError("--jobs must be between 1 and 256") }
        if !ndjson && (keepInvalid || failFast || jobs != nil) { throw ValidationError("--jobs, --keep-invalid and --fail-fast need --ndjson") }
    }

    func converterOptions() throws -> Converter.Options {
        var valueOptions = try values.options()
        if let stores, let store {
            try StoreLookup.apply(configPath: stores, store: store, to: &valueOptions, explicitZone: values.timezone != nil)
        }
        var options = Converter.Options(
            values: valueOptions, allowLossy: allowLossy, widenScope: widenScope,
            style: compact || ndjson ? .compact : .pretty, settings: try rules.settings())
        // The check reads every output back: about 3.5 times the cost of a stream record, so streams ask for it.
        options.checksMeaning = checkMeaning ?? !ndjson
        return options
    }

    func run() throws {
        if ndjson { return try runNDJSON() }
        let bytes = try FileIO.readAll(file)
        let options = try converterOptions()
        let name = FileIO.displayName(file)
        // A document over the limit is read no further: one finding, nothing written.
        guard bytes.count <= FileIO.maxDocumentBytes else {
            let finding = Validator.Limits().documentTooLarge()
            switch lossReport {
            case .text: Terminal.writeError(TextReporter(file: name).render([finding]))
            case .json: Terminal.writeError(LossReport.json([], findings: [finding], file: name, refusal: nil))
            }
            throw ExitCode(1)
        }
        let outcome = Converter(from: from.format, to: to.format, options: options).convert(bytes)
        var report: String
        switch lossReport {
        case .text:
            report = TextReporter(file: name).render(outcome.findings)
            report += TextReporter(file: name).render(outcome.losses.map(\.finding).sortedByLocation())
            if let refusal = outcome.refusal { report += "avail: error: \(refusal)\n" }
        case .json:
            report = LossReport.json(outcome.losses, findings: outcome.findings, file: name, refusal: outcome.refusal)
        }
        if let out = outcome.output {
            if let output {
                try FileIO.writeAtomically(out, to: output, inputs: [file])
            } else {
                Terminal.write(bytes: out)
            }
        }
        Terminal.writeError(report)
        if outcome.exitCode != 0 { throw ExitCode(outcome.exitCode) }
    }

    /// Streams NDJSON: converted records on stdout (or --output), per-record
    /// errors on stderr, then one summary line per kind of accepted loss.
    /// With --keep-invalid a record that is not converted, however long, is
    /// written through unchanged (an oversized one in pieces, as it is read).
    func runNDJSON() throws {
        let converter = Converter(from: from.format, to: to.format, options: try converterOptions())
        let name = FileIO.displayName(file)
        let fd = try FileIO.openInput(file)
        defer { if fd != 0 { close(fd) } }
        let file = try output.map { path throws(CLIFailure) in try OutputFile(path: path, inputs: [self.file]) }
        func put(_ bytes: UnsafeBufferPointer<UInt8>) {
            if let file { file.sink.write(bytes) } else { Terminal.out.write(bytes) }
        }
        var summary = LossSummary()
        var convertedCount = 0
        var rejected = 0
        do {
            // Each worker writes its records into its own output buffer, renders their errors into
            // another and tallies their losses where they are made; emit copies the bytes out and
            // merges the tallies in record order.
            let reporter = TextReporter(file: name)
            // Plain copies: the closures run once per record, and a flag's getter is not free.
            let (keepInvalid, failFast) = (keepInvalid, failFast)
            try NDJSONPipeline(jobs: jobs ?? Cores.count, passOversized: keepInvalid).run(
                fd: fd, worker: { ConvertWorker() },
                process: { record, worker -> ConvertedRecord in
                    // More bytes of an oversized record already reported: passed through as they come.
                    if record.isContinuation {
                        return ConvertedRecord(result: nil, errors: nil, passed: Array(record.bytes) + (record.endsLine ? [0x0A] : []))
                    }
                    let result = converter.convert(
                        record: record, file: name, keepOriginal: keepInvalid, into: &worker.out, losses: &worker.losses,
                        reusing: &worker.decoded)
                    // The converter keeps no bytes of an oversized record; its first piece is here.
                    let passed = keepInvalid && record.isOversized ? Array(record.bytes) + (record.endsLine ? [0x0A] : []) : nil
                    guard !result.findings.isEmpty else { return ConvertedRecord(result: result, errors: nil, passed: passed) }
                    let start = worker.errors.count
                    reporter.write(result.findings, into: &worker.errors)
                    return ConvertedRecord(result: result, errors: start..<worker.errors.count, passed: passed)
                },
                emit: { converted, worker in
                    if let passed = converted.passed { passed.withUnsafeBufferPointer { put($0) } }
                    guard let result = converted.result else { return !(Terminal.out.failed || file?.sink.failed == true) }
                    if let range = result.written {
                        worker.out.withBytes { put(UnsafeBufferPointer(rebasing: $0[range])) }
                        convertedCount += 1
                        summary.add(result.marks, from: worker.losses)
                    } else {
                        rejected += 1
                        if let original = result.original { original.withUnsafeBufferPointer { put($0) } }
                    }
                    if let range = converted.errors { worker.errors.withUnsafeBufferPointer { Terminal.err.write(UnsafeBufferPointer(rebasing: $0[range])) } }
                    // A write that failed loses the rest: stop reading.
                    if Terminal.out.failed || file?.sink.failed == true { return false }
                    return !(result.written == nil && failFast)
                },
                // Before waiting on a live pipe: the records so far go out now.
                idle: { Terminal.flushBoth() })
        } catch {
            file?.abandon()
            throw CLIFailure(message: "cannot read '\(name)': \(FileIO.errorText(error.errno))")
        }
        if let file {
            if Terminal.out.failed {
                file.abandon()
            } else {
                try file.commit()
            }
        }
        Terminal.bufferError(TextReporter(file: name).render(summary.findings))
        if rejected > 0 {
            let stopped = failFast ? "; stopped at the first (--fail-fast)" : ""
            Terminal.bufferError("avail: error: \(rejected) \(rejected == 1 ? "record" : "records") not converted (\(convertedCount) converted)\(stopped)\n")
            throw ExitCode(1)
        }
    }
}

/// One NDJSON record converted, as a worker hands it to the emitting thread:
/// the converter's result (nil for more bytes of an oversized record), where
/// its error lines are in the worker's buffer, and bytes passed through
/// unchanged (`--keep-invalid`, for an oversized record).
struct ConvertedRecord {
    var result: Converter.RecordResult?
    var errors: Range<Int>?
    var passed: [UInt8]?
}

/// What one NDJSON worker owns: the value its records are decoded into, the
/// buffer they are written into and the tally of their losses.
struct ConvertWorker {
    var decoded = Decoded()
    var out = JSONOutput(style: .compact, capacity: 1 << 20)
    /// The rejected records' findings, as text lines.
    var errors: [UInt8] = []
    var losses = LossSummary()
}
