/// The records of an NDJSON stream held in memory, or arriving as any
/// sequence of byte chunks, as a `Sequence` of ``NDJSONRecord``.
///
/// Chunks may cut the stream anywhere, in the middle of a line or of a UTF-8
/// character; the records are the same however it is cut. A line longer
/// than `maxRecordBytes` is one oversized record with no bytes, and memory
/// holds one batch of lines and the longest record kept, not the stream.
///
/// ```swift
/// let stream = Array("{\"status\": \"online\"}\n\n{\"status\": \"paused\"}\n".utf8)
/// for record in NDJSONRecords(bytes: stream) {
///     print(record.number, record.line, record.text)   // 1 1 …, then 2 3 …
/// }
/// ```
///
/// Reading a file can fail, which a `Sequence` cannot say: read files with
/// ``NDJSONReader`` and asynchronous sources with ``AsyncNDJSONRecords``.
public struct NDJSONRecords<Chunks: Sequence>: Sequence where Chunks.Element: Sequence, Chunks.Element.Element == UInt8 {
    /// The chunks the stream arrives in.
    public let chunks: Chunks
    /// The longest record kept, in bytes; a longer one is handed out as oversized.
    public let maxRecordBytes: Int

    /// The records of the stream that `chunks` hold, in order.
    public init(_ chunks: Chunks, maxRecordBytes: Int = Validator.Limits().maxRecordBytes) {
        self.chunks = chunks
        self.maxRecordBytes = maxRecordBytes
    }

    /// Makes an iterator over the records.
    public func makeIterator() -> Iterator {
        Iterator(chunks: chunks.makeIterator(), cursor: RecordCursor(batchBytes: 1 << 20, maxRecordBytes: maxRecordBytes))
    }

    /// Hands out the records one at a time, reading chunks as it needs them.
    public struct Iterator: IteratorProtocol {
        var chunks: Chunks.Iterator
        var cursor: RecordCursor
        /// The chunk being read and how much of it was read.
        var chunk: [UInt8] = []
        var position = 0
        /// The chunks ran out (their iterator is not asked again).
        var finished = false

        /// The next record, or nil after the last.
        public mutating func next() -> NDJSONRecord? {
            while true {
                switch cursor.next() {
                case .record(let record): return record
                case .end: return nil
                case .needsBytes:
                    // Empty chunks are skipped: a read of 0 bytes would end the input.
                    while position == chunk.count {
                        guard !finished, let next = chunks.next() else {
                            finished = true
                            cursor.finish()
                            break
                        }
                        chunk = Array(next)
                        position = 0
                    }
                    guard position < chunk.count else { continue }
                    let from = position
                    let held = chunk
                    position += held.withUnsafeBytes { cursor.fill(from: $0, at: from) }
                }
            }
        }
    }
}

extension NDJSONRecords where Chunks == CollectionOfOne<[UInt8]> {
    /// The records of a whole stream in memory.
    public init(bytes: [UInt8], maxRecordBytes: Int = Validator.Limits().maxRecordBytes) {
        self.init(CollectionOfOne(bytes), maxRecordBytes: maxRecordBytes)
    }
}
