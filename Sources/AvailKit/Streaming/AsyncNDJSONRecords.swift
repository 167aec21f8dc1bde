/// The records of an NDJSON stream that arrives asynchronously, as an
/// `AsyncSequence` of ``NDJSONRecord``: from any `AsyncSequence` of byte
/// chunks (a socket's reads, an HTTP body, an `AsyncStream<[UInt8]>`), or of
/// single bytes with ``init(bytes:maxRecordBytes:)`` (`FileHandle.bytes`
/// on Apple platforms, `URLSession`'s `bytes(for:)`).
///
/// A record is handed out as soon as its line break arrives: the sequence
/// waits for more input only when the bytes it holds end in the middle of a
/// line, so a producer that writes one record and waits gets it read. Chunks
/// may cut the stream anywhere; a line longer than `maxRecordBytes` is one
/// oversized record with no bytes (its bytes are dropped as they arrive),
/// and memory holds one batch of lines and the longest record kept.
///
/// ```swift
/// for try await record in AsyncNDJSONRecords(chunks) {
///     print(record.number, record.text)
/// }
/// ```
///
/// The sequence throws what its source throws, and nothing else.
public struct AsyncNDJSONRecords<Chunks: AsyncSequence>: AsyncSequence where Chunks.Element: Sequence, Chunks.Element.Element == UInt8 {
    /// Each element is one record.
    public typealias Element = NDJSONRecord

    /// The chunks the stream arrives in.
    public let chunks: Chunks
    /// The longest record kept, in bytes; a longer one is handed out as oversized.
    public let maxRecordBytes: Int

    /// The records of the stream that arrives in `chunks`.
    public init(_ chunks: Chunks, maxRecordBytes: Int = Validator.Limits().maxRecordBytes) {
        self.chunks = chunks
        self.maxRecordBytes = maxRecordBytes
    }

    /// Makes an iterator over the records.
    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(chunks: chunks.makeAsyncIterator(), cursor: RecordCursor(batchBytes: 1 << 20, maxRecordBytes: maxRecordBytes))
    }

    /// Hands out the records one at a time, waiting for chunks as it needs them.
    public struct AsyncIterator: AsyncIteratorProtocol {
        var chunks: Chunks.AsyncIterator
        var cursor: RecordCursor
        /// The chunk being read and how much of it was read.
        var chunk: [UInt8] = []
        var position = 0
        /// The chunks ran out (their iterator is not asked again).
        var finished = false

        /// The next record, or nil after the last; throws what the source throws.
        public mutating func next() async throws -> NDJSONRecord? {
            while true {
                switch cursor.next() {
                case .record(let record): return record
                case .end: return nil
                case .needsBytes:
                    // Empty chunks are skipped: a read of 0 bytes would end the input.
                    while position == chunk.count {
                        guard !finished, let next = try await chunks.next() else {
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

extension AsyncNDJSONRecords {
    /// The records of a stream that arrives one byte at a time (`bytes`
    /// yields `UInt8`); its bytes are gathered into chunks that end at each
    /// line break, so a record is handed out when its line ends.
    public init<Bytes>(bytes: Bytes, maxRecordBytes: Int = Validator.Limits().maxRecordBytes) where Chunks == AsyncLineChunks<Bytes> {
        self.init(AsyncLineChunks(bytes), maxRecordBytes: maxRecordBytes)
    }
}

/// The bytes of an `AsyncSequence` of `UInt8`, gathered into chunks that
/// end at each line break (LF), or after `maxChunkBytes` in a longer line:
/// what ``AsyncNDJSONRecords/init(bytes:maxRecordBytes:)`` reads.
public struct AsyncLineChunks<Bytes: AsyncSequence>: AsyncSequence where Bytes.Element == UInt8 {
    /// Each element is one chunk: a line with its LF, or a piece of a longer line.
    public typealias Element = [UInt8]

    /// The bytes.
    public let bytes: Bytes
    /// The longest chunk, in bytes.
    public let maxChunkBytes: Int

    /// Chunks of `bytes` that end at each LF, or after `maxChunkBytes` (at least 1).
    public init(_ bytes: Bytes, maxChunkBytes: Int = 64 << 10) {
        self.bytes = bytes
        self.maxChunkBytes = Swift.max(1, maxChunkBytes)
    }

    /// Makes an iterator over the chunks.
    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(bytes: bytes.makeAsyncIterator(), maxChunkBytes: maxChunkBytes)
    }

    /// Gathers the bytes of one chunk at a time.
    public struct AsyncIterator: AsyncIteratorProtocol {
        var bytes: Bytes.AsyncIterator
        let maxChunkBytes: Int
        /// The bytes ran out (their iterator is not asked again).
        var finished = false

        /// The next chunk, or nil after the last byte; throws what the bytes throw.
        public mutating func next() async throws -> [UInt8]? {
            guard !finished else { return nil }
            var chunk: [UInt8] = []
            while let byte = try await bytes.next() {
                chunk.append(byte)
                if byte == 0x0A || chunk.count >= maxChunkBytes { return chunk }
            }
            finished = true
            return chunk.isEmpty ? nil : chunk
        }
    }
}
