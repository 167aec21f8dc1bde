import Foundation

/// Validates payloads of one format: the reader's and decoder's structural
/// findings, then every semantic rule that applies, adjusted by the settings.
public struct Validator: Sendable {
    /// The format documents are read as.
    public let format: any AvailabilityFormat
    /// Disabled rules and severity overrides.
    public var settings: RuleSettings {
        didSet { plan = RulePlan(format: format.id, skip: settings.disabled, clock: true) }
    }
    /// The clock for time-relative rules.
    public var now: Timestamp {
        didSet { options.now = now }
    }
    /// The store's zone (Tokopedia defaults to Asia/Jakarta).
    public var timeZone: TimeZone? {
        didSet { options.timeZone = timeZone }
    }
    /// The largest document read, and the longest NDJSON record.
    public var limits = Limits()
    /// What decoders are given, made once rather than per document.
    private var options: ConversionOptions
    /// What decoders are given (the clock and the zone).
    var decodingOptions: ConversionOptions { options }
    /// The rules that run, chosen once from the format and the settings.
    private var plan: RulePlan
    /// A validator for `format` that judges times against `now`; `timeZone` places local times.
    public init(format: any AvailabilityFormat, now: Timestamp, timeZone: TimeZone? = nil, settings: RuleSettings = RuleSettings()) {
        self.format = format
        self.now = now
        self.timeZone = timeZone
        self.settings = settings
        self.plan = RulePlan(format: format.id, skip: settings.disabled, clock: true)
        self.options = ConversionOptions(timeZone: timeZone, now: now)
    }

    /// Findings for one document, in reading order.
    public func validate(_ bytes: [UInt8]) -> [Finding] {
        bytes.withUnsafeBufferPointer { validate($0) }
    }

    /// Every finding for one document in `buffer`, sorted by position; empty when it is valid.
    public func validate(_ buffer: UnsafeBufferPointer<UInt8>) -> [Finding] {
        var decoded = Decoded()
        return validate(buffer, reusing: &decoded)
    }

    /// ``validate(_:)-(UnsafeBufferPointer<UInt8>)``, decoding into `decoded`
    /// (a stream worker's, reused for every record). A document over
    /// ``Limits/maxDocumentBytes`` is one `document_too_large` finding, unread.
    public func validate(_ buffer: UnsafeBufferPointer<UInt8>, reusing decoded: inout Decoded) -> [Finding] {
        if buffer.count > limits.maxDocumentBytes { return [limits.documentTooLarge()] }
        // The settings are applied out here, not in closures: passing the
        // method `settled` copied the whole validator for every record (eight
        // retains and eight releases).
        var findings = JSONReader().withDocument(buffer, failed: { $0 }) { document, readFindings in
            // The reader's findings first; `findings` is moved out, not copied.
            var findings = validate(root: document.root, reusing: &decoded)
            if !readFindings.isEmpty { findings.insert(contentsOf: readFindings, at: 0) }
            return findings
        }
        settings.settle(&findings)
        return findings
    }

    /// Decoder findings and rule findings for a tree built elsewhere (keeping its locations).
    public func validate(root node: JSONNode) -> [Finding] {
        JSONDocument.withDocument(for: node) { validate(root: $0.root) }
    }

    /// Decoder findings and rule findings for a read document.
    public func validate(root: JSONValue) -> [Finding] {
        var decoded = Decoded()
        return validate(root: root, reusing: &decoded)
    }

    /// Decoder findings and rule findings for a read document, decoded into `decoded`.
    func validate(root: JSONValue, reusing decoded: inout Decoded) -> [Finding] {
        var (read, findings) = format.decode(root, options: options, into: &decoded)
        if read { plan.check(root: root, decoded: &decoded, now: now, timeZone: timeZone, into: &findings) }
        findings.sortByLocation()
        return findings
    }
}

extension Validator {
    /// Findings for one NDJSON record, with the record number and locations in
    /// the whole input; the record is decoded into `decoded`, the worker's own.
    public func validate(record r: NDJSONPipeline.Record, file: String?, reusing decoded: inout Decoded) -> [Finding] {
        var findings = r.isOversized ? [NDJSONPipeline.oversizedFinding(r)] : validate(r.bytes, reusing: &decoded)
        findings.place(in: r, file: file)
        return findings
    }
}

extension Finding {
    /// The finding moved from a record's own coordinates to the whole input's.
    func placed(in r: NDJSONPipeline.Record, file: String?) -> Finding {
        var f = self
        f.place(in: r, file: file)
        return f
    }

    /// Moves the finding to record `number` of a stream whose text starts on
    /// line `line` (no byte offset: for a caller that reads lines, not a
    /// ``NDJSONPipeline/Record``).
    mutating func place(record number: Int, line: Int) {
        record = number
        if location.isKnown { location.line += line - 1 } else { location = SourceLocation(line: line, column: 1) }
    }

    /// Moves the finding from a record's own coordinates to the whole input's.
    mutating func place(in r: NDJSONPipeline.Record, file: String?) {
        record = r.number
        if let file { self.file = file }
        if fix != nil { fix = fix?.shifted(by: r.offset) }
        if location.isKnown {
            location.line += r.line - 1
            location.offset += r.offset
        } else {
            location = SourceLocation(line: r.line, column: 1, offset: r.offset)
        }
    }
}

extension Array where Element == Finding {
    /// Moves every finding from a record's own coordinates to the whole input's, in place.
    /// Inlined, so a record without findings (most of a stream) pays one test,
    /// not a call that copies the record and retains the file name (about 25
    /// instructions a record).
    @inline(__always) mutating func place(in r: NDJSONPipeline.Record, file: String?) {
        guard !isEmpty else { return }
        for i in indices { self[i].place(in: r, file: file) }
    }
}

extension NDJSONPipeline {
    /// The `record_too_large` finding of a record over the stream's limit (16 MiB unless lowered).
    static func oversizedFinding(_ r: Record) -> Finding {
        Finding(
            ruleID: "record_too_large", severity: .error,
            message: "the record is longer than \(ByteSize.text(r.limit)); it is not read", location: SourceLocation(line: 1, column: 1), pointer: "")
    }
}

extension Validator {
    /// Bounds on what one run reads: the largest document (`avail validate`,
    /// `fix` and `convert` read at most one byte more and report the rest as
    /// `document_too_large`) and the longest NDJSON record (`record_too_large`).
    public struct Limits: Sendable {
        /// The largest document read whole: 256 MiB.
        public var maxDocumentBytes = 256 << 20
        /// The longest NDJSON record: 16 MiB.
        public var maxRecordBytes = 16 << 20

        /// The default limits.
        public init() {}

        /// The finding for a document over ``maxDocumentBytes``.
        public func documentTooLarge() -> Finding {
            Finding(
                ruleID: "document_too_large", severity: .error,
                message: "the document is larger than \(ByteSize.text(maxDocumentBytes)); it is not read (one payload per line? pass --ndjson)",
                location: SourceLocation(line: 1, column: 1), pointer: "")
        }
    }
}
