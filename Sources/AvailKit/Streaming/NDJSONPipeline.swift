import Dispatch

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Streams newline-delimited records from a file descriptor: reads batches of
/// complete lines, processes each batch's records (in `jobs` slices at once),
/// and hands the results to `emit` in input order. Memory is bounded by the
/// batch size plus the longest record (capped at ``maxRecordBytes``).
public struct NDJSONPipeline: Sendable {
    /// One record: its 1-based number (blank lines are not records), 1-based
    /// line, byte offset in the input, and bytes (without the line break).
    public struct Record {
        /// The 1-based record number (blank lines are not records).
        public let number: Int
        /// The 1-based line the record is on.
        public let line: Int
        /// The record's byte offset in the input.
        public let offset: Int
        /// The record's bytes, without the line break; valid only while its batch is processed.
        public let bytes: UnsafeBufferPointer<UInt8>
        /// True for a record longer than ``maxRecordBytes``; `bytes` is then empty.
        public let isOversized: Bool
    }

    /// How many slices of a batch run at once.
    public var jobs: Int
    /// How many bytes of complete lines one batch reads.
    public var batchBytes: Int
    /// The longest record processed; a longer one is reported, not read.
    public var maxRecordBytes: Int

    /// A pipeline running `jobs` slices at once (at least 1), reading `batchBytes` at a time.
    public init(jobs: Int = 1, batchBytes: Int = 1 << 20, maxRecordBytes: Int = 16 << 20) {
        self.jobs = max(1, jobs)
        self.batchBytes = batchBytes
        self.maxRecordBytes = maxRecordBytes
    }

    /// Reading the input failed.
    public struct ReadError: Error, Sendable {
        /// The `errno` of the failed read.
        public var errno: Int32
    }

    /// Runs the stream. `process` may run concurrently; `emit` runs serially in
    /// record order and returns false to stop (for `--fail-fast`).
    public func run<R>(
        fd: Int32, process: @escaping @Sendable (Record) -> R, emit: (R) -> Bool
    ) throws(ReadError) {
        try run(fd: fd, worker: {}, process: { record, _ in process(record) }, emit: { result, _ in emit(result) })
    }

    /// Runs the stream with per-worker state: each of the `jobs` slices of a
    /// batch gets its own `W` from `worker` (an output buffer, say), so nothing
    /// mutable is shared between threads; `emit` sees each result with the
    /// state of the worker that made it, in record order, on the calling thread.
    ///
    /// With more than one job and a regular file as input, the stream is
    /// pipelined: while the workers process one batch, the calling thread
    /// reads and splits the next, and then emits the finished batch while the
    /// workers already process the next one, so neither side waits on the
    /// other. When `emit` stops the stream, the batch in flight is finished
    /// and its results dropped (`process` has no effect beyond its worker).
    ///
    /// A pipe is neither read ahead nor pipelined: with a producer that is
    /// still writing (`tail -f … |`), the read would block before this batch
    /// is emitted, so `--fail-fast` would wait for more input instead of
    /// stopping.
    @inlinable
    public func run<W, R>(
        fd: Int32, worker makeWorker: @escaping @Sendable () -> W, process: @escaping @Sendable (Record, inout W) -> R,
        emit: (R, W) -> Bool
    ) throws(ReadError) {
        var reader = BatchReader(fd: fd, batchBytes: batchBytes, maxRecordBytes: maxRecordBytes)
        if jobs > 1 && Self.isRegularFile(fd) {
            try runPipelined(&reader, makeWorker, process, emit)
            return
        }
        while let batch = try reader.next() {
            let slices = jobs > 1 && batch.spans.count > 1 ? min(jobs, batch.spans.count) : 1
            let (results, workers): ([[R]], [W])
            if slices == 1 {
                var worker = makeWorker()
                let sliceResults = batch.bytes.withUnsafeBufferPointer { buf in batch.spans.map { process(Self.record($0, in: buf), &worker) } }
                (results, workers) = ([sliceResults], [worker])
            } else {
                (results, workers) = InFlight(batch, slices: slices, makeWorker, process).finish()
            }
            guard Self.emit(results, workers, emit) else { return }
        }
    }

    /// Read, process and emit overlapped: batch n+1 is read while batch n is
    /// processed, and batch n is emitted while batch n+1 is processed.
    @inlinable
    func runPipelined<W, R>(
        _ reader: inout BatchReader, _ makeWorker: @escaping @Sendable () -> W, _ process: @escaping @Sendable (Record, inout W) -> R,
        _ emit: (R, W) -> Bool
    ) throws(ReadError) {
        func start(_ batch: Batch?) -> InFlight<W, R>? {
            batch.map { InFlight($0, slices: min(jobs, max(1, $0.spans.count)), makeWorker, process) }
        }
        var current = start(try reader.next())
        while let flight = current {
            let next: Batch?
            do {
                next = try reader.next()
            } catch {
                _ = flight.finish()
                throw error
            }
            let (results, workers) = flight.finish()
            current = start(next)
            guard Self.emit(results, workers, emit) else {
                _ = current?.finish()
                return
            }
        }
    }

    /// Hands each slice's results to `emit` in record order; false when `emit` stops the stream.
    @inlinable
    static func emit<W, R>(_ results: [[R]], _ workers: [W], _ emit: (R, W) -> Bool) -> Bool {
        for (slice, sliceResults) in results.enumerated() {
            for result in sliceResults where !emit(result, workers[slice]) { return false }
        }
        return true
    }

    /// Whether `fd` is a regular file (reading it ahead cannot block on a producer).
    @usableFromInline
    static func isRegularFile(_ fd: Int32) -> Bool {
        var info = stat()
        return fstat(fd, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
    }

    @usableFromInline
    typealias Span = (number: Int, line: Int, offset: Int, start: Int, end: Int)

    /// Complete lines read from the input, and where each record is in them.
    @usableFromInline
    struct Batch: Sendable {
        @usableFromInline var bytes: [UInt8]
        @usableFromInline var spans: [Span]
    }

    /// Reads the input into batches of complete lines: a line longer than
    /// `maxRecordBytes` becomes an oversized record (reported, not read) and
    /// its bytes are dropped up to its line break.
    @usableFromInline
    struct BatchReader {
        let fd: Int32
        let batchBytes: Int
        let maxRecordBytes: Int
        /// Bytes read after the last complete line.
        private var pending: [UInt8] = []
        /// The input offset of `pending`'s first byte.
        private var offset = 0
        private var recordNumber = 0
        private var lineNumber = 0
        /// Inside an oversized record: the bytes up to its line break are dropped.
        private var skipping = false
        private var eof = false

        @usableFromInline
        init(fd: Int32, batchBytes: Int, maxRecordBytes: Int) {
            self.fd = fd
            self.batchBytes = max(1, batchBytes)
            self.maxRecordBytes = maxRecordBytes
        }

        /// The next batch with at least one record, or nil at the end of the input.
        @usableFromInline
        mutating func next() throws(ReadError) -> Batch? {
            while true {
                if !eof {
                    let start = pending.count
                    pending.append(contentsOf: repeatElement(0, count: batchBytes))
                    let n = pending.withUnsafeMutableBytes { raw in
                        raw.baseAddress.map { read(fd, $0 + start, batchBytes) } ?? 0
                    }
                    pending.removeLast(batchBytes - max(n, 0))
                    if n < 0 {
                        if errno == EINTR { continue }
                        throw ReadError(errno: errno)
                    }
                    if n == 0 { eof = true }
                }
                if pending.isEmpty {
                    if eof { return nil }
                    continue
                }
                // The complete lines: up to the last newline, or everything at the end of input.
                var end = pending.count
                if !eof {
                    guard let last = pending.lastIndex(of: 0x0A) else {
                        guard pending.count > maxRecordBytes else { continue }
                        // A record too long to hold: report it once, drop bytes up to its newline.
                        var oversized: Batch?
                        if !skipping {
                            recordNumber += 1
                            lineNumber += 1
                            oversized = Batch(bytes: [], spans: [(recordNumber, lineNumber, offset, 0, -1)])
                            skipping = true
                        }
                        offset += pending.count
                        pending.removeAll(keepingCapacity: true)
                        if let oversized { return oversized }
                        continue
                    }
                    end = last + 1
                }
                let spans = split(end)
                // The batch takes the buffer; the partial line after `end` starts the next one.
                let bytes = pending
                pending = Array(bytes[end...])
                pending.reserveCapacity(batchBytes + pending.count)
                offset += end
                if !spans.isEmpty { return Batch(bytes: bytes, spans: spans) }
                if eof && pending.isEmpty { return nil }
            }
        }

        /// The records of `pending[0..<end]`, numbering lines and records on.
        private mutating func split(_ end: Int) -> [Span] {
            pending.withUnsafeBufferPointer { buf in
                guard let base = buf.baseAddress else { return [] }
                var spans: [Span] = []
                spans.reserveCapacity(end / 64)
                var start = 0
                while start < end {
                    // memchr: this loop runs on the one reading thread.
                    let lineEnd = memchr(base + start, 0x0A, end - start).map { base.distance(to: $0.assumingMemoryBound(to: UInt8.self)) } ?? end
                    var contentEnd = lineEnd
                    if contentEnd > start && buf[contentEnd - 1] == 0x0D { contentEnd -= 1 }
                    if skipping {
                        skipping = false  // the tail of an oversized record
                    } else {
                        lineNumber += 1
                        var blank = true
                        for i in start..<contentEnd where buf[i] != 0x20 && buf[i] != 0x09 {
                            blank = false
                            break
                        }
                        if !blank {
                            recordNumber += 1
                            let tooLong = contentEnd - start > maxRecordBytes
                            spans.append((recordNumber, lineNumber, offset + start, start, tooLong ? -1 : contentEnd))
                        }
                    }
                    start = lineEnd + 1
                }
                return spans
            }
        }
    }

    @usableFromInline
    static func record(_ s: Span, in buf: UnsafeBufferPointer<UInt8>) -> Record {
        guard s.end >= 0 else {
            return Record(number: s.number, line: s.line, offset: s.offset, bytes: UnsafeBufferPointer(start: nil, count: 0), isOversized: true)
        }
        return Record(number: s.number, line: s.line, offset: s.offset, bytes: UnsafeBufferPointer(rebasing: buf[s.start..<s.end]), isOversized: false)
    }

    /// One batch being processed in `slices` contiguous slices on pool
    /// threads, each slice with its own worker state and its own results
    /// array: no slots shared between threads, and (this code is generic) no
    /// per-record lookup of an `Optional<R>` type. The batch's bytes and spans
    /// are owned here until ``finish()`` returns, so they outlive the slices.
    @usableFromInline
    final class InFlight<W, R>: @unchecked Sendable {
        @usableFromInline let batch: Batch
        @usableFromInline let results: UnsafeMutableBufferPointer<[R]>
        @usableFromInline let workers: UnsafeMutableBufferPointer<W?>
        @usableFromInline let group = DispatchGroup()

        @inlinable
        init(_ batch: Batch, slices: Int, _ makeWorker: @escaping @Sendable () -> W, _ process: @escaping @Sendable (Record, inout W) -> R) {
            self.batch = batch
            results = .allocate(capacity: slices)
            results.initialize(repeating: [])
            workers = .allocate(capacity: slices)
            workers.initialize(repeating: nil)
            let count = batch.spans.count
            for slice in 0..<slices {
                let bounds = count * slice / slices..<count * (slice + 1) / slices
                // Each slice writes only its own element of `results` and `workers`.
                DispatchQueue.global().async(group: group) { [self] in
                    batch.bytes.withUnsafeBufferPointer { buf in
                        var worker = makeWorker()
                        var mine: [R] = []
                        mine.reserveCapacity(bounds.count)
                        for i in bounds { mine.append(process(NDJSONPipeline.record(batch.spans[i], in: buf), &worker)) }
                        results[slice] = mine
                        workers[slice] = worker
                    }
                }
            }
        }

        /// Waits for every slice; each slice's results in record order, and the workers.
        @inlinable
        func finish() -> ([[R]], [W]) {
            group.wait()
            return (Array(results), workers.compactMap { $0 })
        }

        @inlinable
        deinit {
            // The slices hold `self`: a flight goes only after every slice is done.
            results.deinitialize().deallocate()
            workers.deinitialize().deallocate()
        }
    }
}
