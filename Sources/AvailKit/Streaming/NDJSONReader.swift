import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads the records of an NDJSON file, or of any file descriptor, one at a
/// time in bounded memory: `while let record = try reader.next()`, or
/// `for try await record in reader`.
///
/// Reading can fail (a disk error, a directory given as a file), so each
/// read throws ``NDJSONPipeline/ReadError`` instead of ending the records
/// early. Records are cut as ``NDJSONRecords`` cuts them: a line longer than
/// `maxRecordBytes` is one oversized record with no bytes.
///
/// ```swift
/// let reader = try NDJSONReader(contentsOfFile: "payloads.ndjson")
/// while let record = try reader.next() {
///     print(record.number, record.text)
/// }
/// ```
///
/// A reader is one pass over its input, shared by every iterator made from
/// it. Reads block: for a pipe or a socket that waits on a producer, read on
/// a thread of your own, or hand the bytes to ``AsyncNDJSONRecords``.
public final class NDJSONReader: AsyncSequence {
    /// Each element is one record.
    public typealias Element = NDJSONRecord

    private let fd: Int32
    /// Whether the reader opened `fd` (and closes it).
    private let owns: Bool
    private var cursor: RecordCursor

    /// A reader of the file at `path`; throws when it cannot be opened.
    public init(contentsOfFile path: String, maxRecordBytes: Int = Validator.Limits().maxRecordBytes) throws(NDJSONPipeline.ReadError) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw NDJSONPipeline.ReadError(errno: errno) }
        self.fd = fd
        owns = true
        cursor = RecordCursor(batchBytes: 1 << 20, maxRecordBytes: maxRecordBytes)
    }

    /// A reader of the file at `url` (a file URL); throws when it cannot be opened.
    public convenience init(contentsOf url: URL, maxRecordBytes: Int = Validator.Limits().maxRecordBytes) throws(NDJSONPipeline.ReadError) {
        try self.init(contentsOfFile: url.path, maxRecordBytes: maxRecordBytes)
    }

    /// A reader of what is left to read from `handle` (which it does not close).
    public convenience init(fileHandle handle: FileHandle, maxRecordBytes: Int = Validator.Limits().maxRecordBytes) {
        self.init(fileDescriptor: handle.fileDescriptor, maxRecordBytes: maxRecordBytes)
    }

    /// A reader of what is left to read from `fd` (which it does not close).
    public init(fileDescriptor fd: Int32, maxRecordBytes: Int = Validator.Limits().maxRecordBytes) {
        self.fd = fd
        owns = false
        cursor = RecordCursor(batchBytes: 1 << 20, maxRecordBytes: maxRecordBytes)
    }

    deinit {
        if owns { close(fd) }
    }

    /// The next record, or nil after the last; throws when a read fails.
    public func next() throws(NDJSONPipeline.ReadError) -> NDJSONRecord? {
        let fd = fd
        while true {
            switch cursor.next() {
            case .record(let record): return record
            case .end: return nil
            case .needsBytes:
                if cursor.fill(with: { read(fd, $0.baseAddress, $0.count) }) < 0 {
                    if errno == EINTR { continue }
                    throw NDJSONPipeline.ReadError(errno: errno)
                }
            }
        }
    }

    /// Makes an iterator that reads from this reader.
    public func makeAsyncIterator() -> AsyncIterator { AsyncIterator(reader: self) }

    /// Reads the reader's next record each time it is asked.
    public struct AsyncIterator: AsyncIteratorProtocol {
        let reader: NDJSONReader

        /// The next record, or nil after the last; throws when a read fails.
        public mutating func next() async throws -> NDJSONRecord? { try reader.next() }
    }
}
