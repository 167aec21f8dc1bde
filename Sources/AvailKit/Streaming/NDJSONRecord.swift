/// One record of an NDJSON stream, owning its bytes: what ``NDJSONRecords``,
/// ``AsyncNDJSONRecords`` and ``NDJSONReader`` hand out.
///
/// Records are cut by the same code as `avail validate --ndjson`: blank lines
/// (spaces and tabs only) are not records, a CR before the LF is part of the
/// line break, and a line longer than ``limit`` is an oversized record,
/// handed out with no bytes, so that validating it reports
/// `record_too_large` instead of reading it.
public struct NDJSONRecord: Hashable, Sendable {
    /// The 1-based record number (blank lines are not records).
    public let number: Int
    /// The 1-based line the record is on.
    public let line: Int
    /// The record's byte offset in the input.
    public let offset: Int
    /// The record's bytes, without the line break; empty for an oversized record.
    public let bytes: [UInt8]
    /// True for a record longer than ``limit``: its bytes were not kept.
    public let isOversized: Bool
    /// The longest record the stream keeps, in bytes.
    public let limit: Int

    /// A record at `number`, `line` and byte `offset` with `bytes`; an
    /// oversized record (longer than `limit`) has no bytes.
    public init(number: Int, line: Int, offset: Int, bytes: [UInt8], isOversized: Bool = false, limit: Int = Validator.Limits().maxRecordBytes) {
        self.number = number
        self.line = line
        self.offset = offset
        self.bytes = isOversized ? [] : bytes
        self.isOversized = isOversized
        self.limit = limit
    }

    /// A copy of a pipeline record (a whole one: oversized records are never passed on in pieces here).
    init(_ r: NDJSONPipeline.Record) {
        self.init(number: r.number, line: r.line, offset: r.offset, bytes: Array(r.bytes), isOversized: r.isOversized, limit: r.limit)
    }

    /// The record's bytes as text (invalid UTF-8 is replaced, as a reader would show it).
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// Calls `body` with the record as the pipeline's ``NDJSONPipeline/Record``
    /// (its bytes borrowed for the call), for the APIs that take one, such as
    /// ``Validator/validate(record:file:reusing:)``.
    public func withRecord<R>(_ body: (NDJSONPipeline.Record) throws -> R) rethrows -> R {
        try bytes.withUnsafeBufferPointer { buffer in
            try body(
                NDJSONPipeline.Record(
                    number: number, line: line, offset: offset, bytes: buffer, isOversized: isOversized, piece: .whole, limit: limit))
        }
    }
}

/// Hands out the records a ``NDJSONPipeline/BatchReader`` cuts, one at a
/// time and owning their bytes; the record sequences feed it their input.
struct RecordCursor {
    private var reader: NDJSONPipeline.BatchReader
    private var batch: NDJSONPipeline.Batch?
    private var index = 0

    /// What the cursor has next.
    enum Step {
        /// The next record.
        case record(NDJSONRecord)
        /// The input ended and every record was handed out.
        case end
        /// More input (``fill(with:)``) or its end (``finish()``) is needed.
        case needsBytes
    }

    /// A cursor reading `batchBytes` at a time that reports records longer than `maxRecordBytes`.
    init(batchBytes: Int, maxRecordBytes: Int) {
        reader = NDJSONPipeline.BatchReader(batchBytes: batchBytes, maxRecordBytes: max(1, maxRecordBytes))
    }

    /// The next record, the end, or that more input is needed.
    mutating func next() -> Step {
        while true {
            if let held = batch, index < held.spans.count {
                let span = held.spans[index]
                index += 1
                return .record(held.bytes.withUnsafeBufferPointer { NDJSONRecord(NDJSONPipeline.record(span, in: $0, limit: held.limit)) })
            }
            if var done = batch.take() { reader.recycle(&done) }
            switch reader.take() {
            case .batch(let next):
                batch = next
                index = 0
            case .end: return .end
            case .needsBytes: return .needsBytes
            }
        }
    }

    /// Reads more input with `read` (`read(2)`-like; it must not return 0 before the input ends).
    mutating func fill(with read: (UnsafeMutableRawBufferPointer) -> Int) -> Int { reader.fill(with: read) }

    /// Copies at most a batch of `source[from...]` in: the count copied (at least 1 when `from` is before its end).
    mutating func fill(from source: UnsafeRawBufferPointer, at from: Int) -> Int {
        guard from < source.count else { return 0 }
        return reader.fill { target in
            let n = min(target.count, source.count - from)
            target.copyMemory(from: UnsafeRawBufferPointer(rebasing: source[from..<from + n]))
            return n
        }
    }

    /// Ends the input.
    mutating func finish() { reader.finish() }
}
