import ArgumentParser
import AvailConfig
import AvailKit
import Foundation

struct ConvertCommand: ParsableCommand, TakesFileOperands {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Convert payloads from one format to another through canonical.",
        discussion: """
            Converted documents go to stdout (or -o FILE, or one file each in --out-dir); findings and losses (what \
            the target cannot carry) go to stderr in the chosen output format. A loss that drops or approximates a \
            value, or widens a channel-scoped change to the whole store, refuses the document (exit 1) unless it is \
            accepted: every loss with --allow-lossy (and --widen-scope for scopes), or by name with --accept-loss \
            RULE, FIELD or RULE:FIELD (loss_dropped:note accepts dropping the note and still refuses dropping \
            'until'), or in the settings file's 'accept_losses'. Re-encodings (the same instant written another way) \
            are notes and never refused. Streams (*.ndjson, *.jsonl, or every input with --ndjson) are converted \
            record by record in constant memory: --envelope wraps each output with its record number, line, store \
            and request, --rejects FILE takes the records that fail.
            """
    )

    @Option(help: "Source format id.", completion: .list(Formats.ids), transform: FormatID.parse) var from: FormatID
    @Option(help: "Target format id.", completion: .list(Formats.ids), transform: FormatID.parse) var to: FormatID
    @Argument(help: "Input files, directories or globs; - (the default) reads stdin.") var files: [String] = []
    @Flag(help: "Pretty output, two-space indent (the default for documents).") var pretty = false
    @Flag(help: "Compact output on one line (always for streams).") var compact = false
    @Flag(help: "Accept every loss that drops or approximates a value (each is still reported).") var allowLossy = false
    @Flag(help: "Accept applying a channel-scoped change to a whole-store target.") var widenScope = false
    @Option(
        name: .customLong("accept-loss"),
        help: ArgumentHelp("Accept one kind of loss: RULE (loss_dropped), FIELD (note) or RULE:FIELD, comma-separated (repeatable).", valueName: "loss"),
        completion: .list(["loss_dropped", "loss_approximated", "scope_widened"] + CanonicalField.allCases.map(\.rawValue)))
    var acceptLosses: [String] = []
    @Flag(
        inversion: .prefixedNo,
        help: "Read each output back and refuse one that means something else than its input with no loss saying why (default: on, off for streams).")
    var checkMeaning: Bool?
    @Option(name: .shortAndLong, help: "Write the output here (atomically) instead of stdout.") var output: String?
    @Option(help: ArgumentHelp("Write each input's output to this directory, under the input's name.", valueName: "dir")) var outDir: String?
    @Flag(help: "Read every input as newline-delimited JSON: one payload per line.") var ndjson = false
    @Option(parsing: .unconditional, help: "For streams: records converted at once, on this many cores (default: every core); output stays in input order.")
    var jobs: Int?
    @Flag(help: "For streams: write each converted record as {record, line, store, method, path, body}, the shape 'plan' prints.")
    var envelope = false
    @Option(help: ArgumentHelp("For streams: write the records that are not converted here, one JSON line each with its findings.", valueName: "file"))
    var rejects: String?
    @Flag(help: "For streams: write records that cannot be converted through to the output unchanged.") var keepInvalid = false
    @Flag(help: "For streams: stop at the first record that cannot be converted.") var failFast = false
    @OptionGroup var values: ValueFlags
    @Option(help: "A store config: the store's time zone and provider ids (of --store, or of each document's own store id).")
    var stores: String?
    @Option(help: "The store's id in --stores.") var store: String?
    @Option(name: .customLong("loss-report"), help: .hidden) var lossReport: ReporterKind?
    @OptionGroup var check: CheckOptions

    func validate() throws {
        if pretty && compact { throw ValidationError("--pretty and --compact cannot be used together") }
        if store != nil && stores == nil { throw ValidationError("--store needs --stores, the config it is in") }
        if let jobs, jobs < 1 || jobs > 256 { throw ValidationError("--jobs must be between 1 and 256") }
        if output != nil && outDir != nil { throw ValidationError("--output and --out-dir cannot be used together") }
        if let output, let rejects, output == rejects || FileIO.sameFile(output, rejects) {
            throw ValidationError("--rejects and --output name the same file '\(rejects)'; the rejected records go to a file of their own")
        }
    }

    func run() throws {
        var check = check
        if check.outputFormat == nil { check.outputFormat = lossReport }
        let run = try Run(check, now: values.now, acceptLosses: acceptLosses)
        let paths = try run.inputs(files.isEmpty ? ["-"] : files, extensions: InputFiles.payloads(ndjson: ndjson))
        let streams = paths.filter { InputFiles.isStream($0, ndjson: ndjson) }
        if streams.isEmpty && (keepInvalid || failFast || jobs != nil || envelope || rejects != nil) {
            throw ValidationError("--jobs, --envelope, --rejects, --keep-invalid and --fail-fast are for streams (--ndjson, or *.ndjson files)")
        }
        if outDir != nil && paths.contains("-") { throw CLIFailure(message: "--out-dir names each output after its input; stdin has no name") }
        if let outDir { try checkDistinctOutputs(paths, in: outDir) }
        var report = Report(run, toStderr: true, summary: false)
        let documentConverter = Converter(from: from.format, to: to.format, options: try converterOptions(run, stream: false))
        let streamConverter = Converter(from: from.format, to: to.format, options: try converterOptions(run, stream: true))
        var destination = try output.map { path throws(CLIFailure) in try OutputFile(path: path, inputs: paths) }
        var ioFailed = false
        var notConverted = 0
        var converted = 0
        for path in paths {
            let name = FileIO.displayName(path)
            let isStream = InputFiles.isStream(path, ndjson: ndjson)
            do throws(CLIFailure) {
                let perFile = try outDir.map { dir throws(CLIFailure) in
                    try OutputFile(path: outputPath(for: path, in: dir, stream: isStream), inputs: [path], flag: "--out-dir")
                }
                let sink = perFile ?? destination
                var counts = (converted: 0, rejected: 0)
                if isStream {
                    counts = try convertStream(path, name: name, converter: streamConverter, into: sink, report: &report)
                } else {
                    counts = try convertDocument(path, name: name, converter: documentConverter, into: sink, report: &report)
                }
                converted += counts.converted
                notConverted += counts.rejected
                if let perFile {
                    if counts.converted > 0 && !Terminal.out.failed { try perFile.commit() } else { perFile.abandon() }
                }
            } catch {
                Terminal.reportError(error.message)
                ioFailed = true
            }
            if Terminal.out.failed || destination?.sink.failed == true { break }
        }
        if let file = destination {
            destination = nil
            if Terminal.out.failed || converted == 0 {
                file.abandon()
            } else {
                try file.commit()
            }
        }
        report.finish()
        if !streams.isEmpty && notConverted > 0 {
            let stopped = failFast ? "; stopped at the first (--fail-fast)" : ""
            Terminal.bufferError(
                "avail: error: \(notConverted) \(notConverted == 1 ? "record" : "records") not converted (\(converted) converted)\(stopped)\n")
        }
        if ioFailed { throw ExitCode(2) }
        if (notConverted > 0 || report.failing) && !check.exitZero { throw ExitCode(1) }
    }

    /// The converter's options: values, accepted losses, rule settings, the store config's store.
    func converterOptions(_ run: Run, stream: Bool) throws -> Converter.Options {
        let valueOptions = try values.options(run: run)
        var options = Converter.Options(
            values: valueOptions, allowLossy: allowLossy, widenScope: widenScope, style: compact || stream ? .compact : .pretty,
            settings: run.rules)
        options.acceptedLosses = run.acceptedLosses
        options.refusalHint = Self.acceptHint
        // The check reads every output back: about 3.5 times the cost of a stream record, so streams ask for it.
        options.checksMeaning = checkMeaning ?? !stream
        guard let stores else { return options }
        let config = try StoreLookup.config(at: stores, now: valueOptions.now ?? run.wallClock)
        let explicitZone = values.timezone != nil
        if let store {
            let resolved = try StoreLookup.found(config, path: stores, store: store).target(base: valueOptions, for: to.format, keepingZone: explicitZone)
            options.values = resolved.values
            options.resolveStore = { _ in .success(resolved) }
        } else {
            options.resolveStore = config.storeResolver(base: valueOptions, target: to.format, keepingZone: explicitZone)
        }
        return options
    }

    /// `DIR/NAME.json` (or `.ndjson` for a stream) for input `path`.
    /// Refuses inputs that would write the same file in `dir` (`a/x.json`
    /// and `b/x.json`): the second output would replace the first.
    func checkDistinctOutputs(_ paths: [String], in dir: String) throws(CLIFailure) {
        var seen: [String: String] = [:]
        for path in paths {
            let output = outputPath(for: path, in: dir, stream: InputFiles.isStream(path, ndjson: ndjson))
            if let first = seen[output] {
                throw CLIFailure(
                    message: "--out-dir would write '\(output)' for both '\(first)' and '\(path)'; convert them in separate runs or rename one")
            }
            seen[output] = path
        }
    }

    func outputPath(for path: String, in dir: String, stream: Bool) -> String {
        let base = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        return (dir as NSString).appendingPathComponent(base + (stream ? ".ndjson" : ".json"))
    }

    /// Converts one document; its findings and losses go to the report, its
    /// refusal as a `conversion_refused` finding saying how to accept it.
    func convertDocument(
        _ path: String, name: String, converter: Converter, into sink: OutputFile?, report: inout Report
    ) throws(CLIFailure) -> (converted: Int, rejected: Int) {
        let bytes = try FileIO.readAll(path)
        // A document over the limit is read no further: one finding, nothing written.
        guard bytes.count <= FileIO.maxDocumentBytes else {
            var finding = Validator.Limits().documentTooLarge()
            finding.file = name
            report.add([finding])
            return (0, 1)
        }
        let outcome = converter.convert(bytes)
        var findings = outcome.findings
        NDJSONHint.add(to: &findings, bytes: bytes)
        findings += report.settled(outcome.losses.map(\.finding).sortedByLocation(), by: converter.options.settings)
        if let refusal = outcome.refusal {
            findings.append(Finding(
                ruleID: "conversion_refused", severity: .error, message: refusal, location: .none,
                pointer: ""))
        }
        for i in findings.indices { findings[i].file = name }
        if let out = outcome.output {
            if let sink { sink.sink.write(out) } else { Terminal.write(bytes: out) }
        }
        report.add(findings)
        return outcome.output == nil ? (0, 1) : (1, 0)
    }

    /// How to accept what refused a conversion: the refused losses by name, or every one.
    static func acceptHint(_ losses: [Loss]) -> String {
        var names: [String] = []
        for loss in losses where loss.isRefused {
            let name = "\(loss.ruleID):\(loss.field)"
            if !names.contains(name) { names.append(name) }
        }
        var ways: [String] = []
        if !names.isEmpty { ways.append(names.map { "--accept-loss \($0)" }.joined(separator: " ")) }
        let lossy = losses.contains { $0.isRefused && $0.isLossy }
        let widened = losses.contains { $0.isRefused && $0.kind == .widened }
        var all: [String] = []
        if lossy || names.isEmpty { all.append("--allow-lossy") }
        if widened { all.append("--widen-scope") }
        ways.append(all.joined(separator: " ") + (names.isEmpty ? "" : " for every one"))
        return "accept with " + ways.joined(separator: ", or ")
    }

    /// Streams NDJSON: converted records (or envelopes) to the output, the
    /// records that fail to --rejects, per-record findings to the report, then
    /// one summary finding per kind of accepted loss. With --keep-invalid a
    /// record that is not converted, however long, is written through unchanged
    /// (an oversized one in pieces, as it is read).
    func convertStream(
        _ path: String, name: String, converter: Converter, into sink: OutputFile?, report: inout Report
    ) throws(CLIFailure) -> (converted: Int, rejected: Int) {
        let fd = try FileIO.openInput(path)
        defer { if fd != 0 { close(fd) } }
        let rejectFile = try rejects.map { file throws(CLIFailure) in try OutputFile(path: file, inputs: [path], flag: "--rejects") }
        func put(_ bytes: UnsafeBufferPointer<UInt8>) {
            if let sink { sink.sink.write(bytes) } else { Terminal.out.write(bytes) }
        }
        var summary = LossSummary()
        var convertedCount = 0
        var rejected = 0
        let (keepInvalid, failFast, envelope, rendering) = (keepInvalid, failFast, envelope, report.writesFindings)
        let keepsBytes = keepInvalid || rejectFile != nil
        let renderer = { var writer = report.renderer; writer.defaultFile = name; return writer }()
        let settings = converter.options.settings
        let rejecting = rejectFile != nil
        do throws(NDJSONPipeline.ReadError) {
            // Each worker writes its records into its own output buffer, renders their findings into
            // another and tallies their losses where they are made; emit copies the bytes out and
            // merges the tallies in record order.
            try NDJSONPipeline(jobs: jobs ?? Cores.count, passOversized: keepInvalid).run(
                fd: fd, worker: { ConvertWorker() }, reuse: { $0.reuse() },
                process: { record, worker -> ConvertedRecord in
                    // More bytes of an oversized record already reported: passed through as they come.
                    if record.isContinuation {
                        return ConvertedRecord(result: nil, passed: keepInvalid ? Array(record.bytes) + (record.endsLine ? [0x0A] : []) : nil)
                    }
                    // Made in place: a result built first and moved in was copied (its findings and bytes retained).
                    var converted = ConvertedRecord(
                        result: converter.convert(
                            record: record, file: name, keepOriginal: keepsBytes, into: &worker.out, losses: &worker.losses,
                            reusing: &worker.decoded))
                    // The converter keeps no bytes of an oversized record; its first piece is here.
                    if keepInvalid && record.isOversized { converted.passed = Array(record.bytes) + (record.endsLine ? [0x0A] : []) }
                    if envelope, let result = converted.result, let range = result.written {
                        converted.envelope = Envelope.line(for: result, body: worker.out.withBytes { Array($0[range]) })
                    }
                    if converted.result?.findings.isEmpty == false, var result = converted.result.take() {
                        result.findings = settings.apply(result.findings)
                        converted.tally = FindingTally(result.findings)
                        if rendering {
                            let start = worker.errors.count
                            renderer.render(result.findings, into: &worker.errors)
                            converted.errors = start..<worker.errors.count
                        }
                        if rejecting, result.written == nil { converted.reject = Envelope.reject(result, file: name) }
                        converted.result = result
                    }
                    return converted
                },
                emit: { converted, worker in
                    if let passed = converted.passed { passed.withUnsafeBufferPointer { put($0) } }
                    // Read in place: binding `converted.result` to a name copied the record's result.
                    guard converted.result != nil else { return !(Terminal.out.failed || sink?.sink.failed == true) }
                    if let range = converted.result?.written {
                        if let line = converted.envelope {
                            line.withUnsafeBufferPointer { put($0) }
                        } else {
                            worker.out.withBytes { put(UnsafeBufferPointer(rebasing: $0[range])) }
                        }
                        convertedCount += 1
                        if let marks = converted.result?.marks { summary.add(marks, from: worker.losses) }
                    } else {
                        rejected += 1
                        if keepInvalid, let original = converted.result?.original { original.withUnsafeBufferPointer { put($0) } }
                        if let reject = converted.reject { rejectFile?.sink.write(reject) }
                    }
                    if let range = converted.errors {
                        worker.errors.withUnsafeBufferPointer { report.add(piece: UnsafeBufferPointer(rebasing: $0[range]), tally: converted.tally) }
                    } else if let findings = converted.result?.findings, !findings.isEmpty {
                        report.add(findings)
                    }
                    // A write that failed loses the rest: stop reading.
                    if Terminal.out.failed || sink?.sink.failed == true || rejectFile?.sink.failed == true { return false }
                    return !(converted.result?.written == nil && failFast)
                },
                // Before waiting on a live pipe: the records so far go out now.
                idle: {
                    report.flush()
                    Terminal.flushBoth()
                })
        } catch {
            rejectFile?.abandon()
            throw CLIFailure(message: "cannot read '\(name)': \(FileIO.errorText(error.errno))")
        }
        if let rejectFile {
            if Terminal.out.failed { rejectFile.abandon() } else { try rejectFile.commit() }
        }
        report.add(report.settled(summary.findings, by: settings))
        return (convertedCount, rejected)
    }
}

extension Report {
    /// Losses with the run's rule settings applied (a loss rule turned off is not shown).
    func settled(_ findings: [Finding], by settings: RuleSettings) -> [Finding] {
        settings.apply(findings)
    }
}

/// The JSON lines a stream writes around records: the envelope of a converted
/// record and the line of a rejected one.
enum Envelope {
    /// `{"record":N,"line":L,"store":S,"method":M,"path":P,"body":B}` with a line break; `body` is the compact output line.
    static func line(for result: Converter.RecordResult, body: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(body.count + 96)
        out += Array(#"{"record":"#.utf8) + Array(String(result.number).utf8)
        out += Array(#","line":"#.utf8) + Array(String(result.line).utf8)
        out += Array(#","store":"#.utf8)
        if let store = result.target?.store { JSONWriter.writeString(store, into: &out) } else { out += Array("null".utf8) }
        out += Array(#","method":"#.utf8)
        if let endpoint = result.target?.endpoint { JSONWriter.writeString(endpoint.method, into: &out) } else { out += Array("null".utf8) }
        out += Array(#","path":"#.utf8)
        if let endpoint = result.target?.endpoint { JSONWriter.writeString(endpoint.path, into: &out) } else { out += Array("null".utf8) }
        out += Array(#","body":"#.utf8)
        // The output line ends with its line break: the envelope closes before it.
        out += body.last == 0x0A ? body.dropLast() : body[...]
        out += Array("}\n".utf8)
        return out
    }

    /// `{"record":N,"line":L,"input":…,"findings":[…]}` with a line break: the
    /// record itself when it is JSON, as a string when it is not, null when it was too large to keep.
    static func reject(_ result: Converter.RecordResult, file: String) -> [UInt8] {
        var out: [UInt8] = []
        out += Array(#"{"record":"#.utf8) + Array(String(result.number).utf8)
        out += Array(#","line":"#.utf8) + Array(String(result.line).utf8)
        out += Array(#","input":"#.utf8)
        if var original = result.original {
            if original.last == 0x0A { original.removeLast() }
            if original.last == 0x0D { original.removeLast() }
            if result.isJSON { out += original } else { JSONWriter.writeString(String(decoding: original, as: UTF8.self), into: &out) }
        } else {
            out += Array("null".utf8)
        }
        out += Array(#","findings":"#.utf8)
        JSONWriter(style: .compact).write(.array(result.findings.map { JSONReporter.node(for: $0, file: file) }), into: &out)
        out += Array("}\n".utf8)
        return out
    }
}

/// One NDJSON record converted, as a worker hands it to the emitting thread:
/// the converter's result (nil for more bytes of an oversized record), its
/// envelope line, where its findings' rendering is in the worker's buffer and
/// their tally, its rejects line, and bytes passed through unchanged
/// (`--keep-invalid`, for an oversized record).
struct ConvertedRecord {
    var result: Converter.RecordResult?
    var envelope: [UInt8]? = nil
    var errors: Range<Int>? = nil
    var tally = FindingTally()
    var reject: [UInt8]? = nil
    var passed: [UInt8]? = nil
}

/// What one NDJSON worker owns: the value its records are decoded into, the
/// buffer they are written into and the tally of their losses.
struct ConvertWorker {
    var decoded = Decoded()
    var out = JSONOutput(style: .compact, capacity: 1 << 20)
    /// The rejected records' findings, rendered.
    var errors: [UInt8] = []
    var losses = LossSummary()

    /// Ready for another batch: the buffers emptied, their storage kept, and a new loss tally.
    mutating func reuse() {
        out.truncate(to: 0)
        errors.removeAll(keepingCapacity: true)
        losses = LossSummary()
    }
}
