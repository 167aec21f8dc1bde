import Dispatch

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Streams newline-delimited records from a file descriptor: reads batches of
/// complete lines, processes each batch's records (on `jobs` worker threads at once),
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
        /// True for a record longer than ``maxRecordBytes``; `bytes` is then
        /// empty, or with ``passOversized`` one piece of its bytes.
        public let isOversized: Bool
        /// Which piece of an oversized record's bytes this is, with
        /// ``passOversized`` (every other record is ``Piece/whole``).
        public let piece: Piece
        /// The pipeline's ``maxRecordBytes``.
        public let limit: Int

        /// Which part of a record's bytes a ``Record`` holds.
        public enum Piece: UInt8, Sendable {
            /// All of it.
            case whole
            /// The start of an oversized record (the record is reported with this piece).
            case first
            /// More of the same oversized record, and its line goes on.
            case middle
            /// The end of the same oversized record (its line break, or the end of the input, follows).
            case last
        }

        /// Whether this piece goes on an oversized record already seen (same number and line).
        public var isContinuation: Bool { piece == .middle || piece == .last }

        /// Whether the record's line ends after this piece.
        public var endsLine: Bool { piece == .whole || piece == .last }
    }

    /// How many worker threads process a batch at once.
    public var jobs: Int
    /// How many bytes of complete lines one batch reads.
    public var batchBytes: Int
    /// The longest record processed; a longer one is reported, not read.
    public var maxRecordBytes: Int
    /// Whether the bytes of a record longer than ``maxRecordBytes`` are handed
    /// on, in pieces of bounded size, in order (``Record/piece``), so it can be
    /// passed through unchanged (`convert --keep-invalid`); without it they are dropped.
    public var passOversized: Bool

    /// A pipeline running `jobs` workers at once (at least 1), reading `batchBytes` at a time.
    public init(jobs: Int = 1, batchBytes: Int = 1 << 20, maxRecordBytes: Int = 16 << 20, passOversized: Bool = false) {
        self.jobs = max(1, jobs)
        self.batchBytes = batchBytes
        self.maxRecordBytes = maxRecordBytes
        self.passOversized = passOversized
    }

    /// Reading the input failed.
    public struct ReadError: Error, Sendable, Equatable, CustomStringConvertible {
        /// The `errno` of the failed read.
        public var errno: Int32

        /// What `errno` means (`No such file or directory`), with its number.
        public var description: String {
            guard let text = strerror(errno) else { return "error \(errno)" }
            return "\(String(cString: text)) (errno \(errno))"
        }
    }

    /// Runs the stream. `process` may run concurrently; `emit` runs serially in
    /// record order and returns false to stop (for `--fail-fast`).
    public func run<R>(
        fd: Int32, process: @escaping @Sendable (Record) -> R, emit: (R) -> Bool, idle: () -> Void = {}
    ) throws(ReadError) {
        try run(fd: fd, worker: {}, reuse: { _ in }, process: { record, _ in process(record) }, emit: { result, _ in emit(result) }, idle: idle)
    }

    /// Runs the stream with per-worker state: each of the `jobs` workers of a
    /// batch gets its own `W` (an output buffer, say), so nothing mutable is
    /// shared between threads; `emit` sees each result with the state of the
    /// worker that made it, in record order, on the calling thread. It gets
    /// the result in place (`inout`) and may take parts of it: the result is
    /// dropped after. Handed over by value, each result was copied for the
    /// call (for a converted record, 12 retains and releases of its parts).
    ///
    /// Workers outlive their batch: once a batch is emitted, each of its
    /// workers is handed to `reuse` (which empties its buffers, keeping their
    /// storage) and works on a later batch; `worker` makes one only when none
    /// is free. The batches' bytes, record lists and result arrays are reused
    /// the same way. A batch is about a megabyte: allocated afresh, each one
    /// was faulted in page by page, a fifth of a validation's time.
    ///
    /// With more than one job and a regular file as input, the stream is
    /// pipelined: the calling thread reads and splits batches ahead and
    /// queues them for the workers (two at a time), and emits each finished
    /// batch while the workers process the ones after it, so neither side
    /// waits on the other. When `emit` stops the stream, the batches in flight
    /// are finished and their results dropped (`process` has no effect
    /// beyond its worker).
    ///
    /// A pipe is neither read ahead nor pipelined: with a producer that is
    /// still writing (`tail -f … |`), the read would block before this batch
    /// is emitted, so `--fail-fast` would wait for more input instead of
    /// stopping. And before each read of a pipe, `idle` runs (the caller
    /// flushes its output there): a producer that writes one record and waits
    /// gets that record's answer at once, not when a block fills.
    @inlinable
    public func run<W, R>(
        fd: Int32, worker makeWorker: @escaping @Sendable () -> W, reuse: (inout W) -> Void,
        process: @escaping @Sendable (Record, inout W) -> R, emit: (inout R, W) -> Bool, idle: () -> Void = {}
    ) throws(ReadError) {
        var reader = BatchReader(batchBytes: batchBytes, maxRecordBytes: maxRecordBytes, passOversized: passOversized)
        let live = !Self.isRegularFile(fd)
        guard jobs > 1 else {
            var worker = makeWorker()
            // One chunk, the batch's results.
            var results: [[R]] = [[]]
            while var batch = try reader.next(fd: fd) {
                results[0].removeAll(keepingCapacity: true)
                results[0].reserveCapacity(batch.spans.count)
                batch.bytes.withUnsafeBufferPointer { buf in
                    for span in batch.spans { results[0].append(process(Self.record(span, in: buf, limit: batch.limit), &worker)) }
                }
                guard Self.emit(&results, owners: [0], [worker], emit) else { return }
                reuse(&worker)
                reader.recycle(&batch)
                if live { idle() }
            }
            return
        }
        try runInFlight(&reader, fd: fd, readAhead: !live, makeWorker, reuse, process, emit, idle)
    }

    /// How many batches are queued for the workers while one is emitted: the
    /// next batch's work is already queued when the workers finish one, so
    /// they never wait for the reading thread to hand it over.
    @usableFromInline static var batchesInFlight: Int { 2 }

    /// Batches processed by the workers and emitted in input order. With
    /// `readAhead`, the next batches are read and queued while one is
    /// processed, and each batch is emitted while the workers process the
    /// ones after it; without it (a pipe), the next batch is read only after
    /// this one is emitted.
    @inlinable
    func runInFlight<W, R>(
        _ reader: inout BatchReader, fd: Int32, readAhead: Bool, _ makeWorker: @escaping @Sendable () -> W, _ reuse: (inout W) -> Void,
        _ process: @escaping @Sendable (Record, inout W) -> R, _ emit: (inout R, W) -> Bool, _ idle: () -> Void
    ) throws(ReadError) {
        let depth = readAhead ? Self.batchesInFlight : 1
        // Started batches, in input order.
        var flights: [InFlight<W, R>] = []
        // What emitted batches left: workers ready for another batch, and empty result arrays.
        var spareWorkers: [W] = []
        var spareResults: [[R]] = []
        func fill() throws(ReadError) {
            while flights.count < depth, let batch = try reader.next(fd: fd) {
                flights.append(InFlight(batch, workers: jobs, spareWorkers: &spareWorkers, spareResults: &spareResults, makeWorker, process))
            }
        }
        do {
            try fill()
            while !flights.isEmpty {
                var done = flights.removeFirst().finish()
                if readAhead { try fill() }
                guard Self.emit(&done.results, owners: done.owners, done.workers, emit) else { break }
                // Taken out one by one, so each is held only here and keeps its storage when emptied.
                while var chunk = done.results.popLast() {
                    chunk.removeAll(keepingCapacity: true)
                    spareResults.append(chunk)
                }
                while var worker = done.workers.popLast() {
                    reuse(&worker)
                    spareWorkers.append(worker)
                }
                reader.recycle(&done.batch)
                if !readAhead {
                    idle()
                    try fill()
                }
            }
        } catch {
            for flight in flights { _ = flight.finish() }
            throw error
        }
        // Stopped by `emit`: the batches still in flight are finished and dropped.
        for flight in flights { _ = flight.finish() }
    }

    /// Hands each chunk's results to `emit` in record order, with the state of
    /// the worker that made the chunk; false when `emit` stops the stream.
    @inlinable
    static func emit<W, R>(_ results: inout [[R]], owners: [Int], _ workers: [W], _ emit: (inout R, W) -> Bool) -> Bool {
        for chunk in results.indices {
            let worker = workers[owners[chunk]]
            for i in results[chunk].indices where !emit(&results[chunk][i], worker) { return false }
        }
        return true
    }

    /// Whether `fd` is a regular file (reading it ahead cannot block on a producer).
    @usableFromInline
    static func isRegularFile(_ fd: Int32) -> Bool {
        var info = stat()
        return fstat(fd, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
    }

    /// Where a record is: its number, line and input offset, and its bytes in
    /// the batch (`end` -1: an oversized record whose bytes were not kept).
    @usableFromInline
    typealias Span = (number: Int, line: Int, offset: Int, start: Int, end: Int, piece: Record.Piece)

    /// Complete lines read from the input, and where each record is in them.
    @usableFromInline
    struct Batch: Sendable {
        @usableFromInline var bytes: [UInt8]
        @usableFromInline var spans: [Span]
        @usableFromInline var limit: Int

        @usableFromInline init(bytes: [UInt8], spans: [Span], limit: Int) {
            self.bytes = bytes
            self.spans = spans
            self.limit = limit
        }
    }

    /// Cuts an input into batches of complete lines. A line longer than
    /// `maxRecordBytes` becomes an oversized record, reported without being
    /// held: its bytes are dropped up to its line break, or with
    /// `passOversized` handed on in pieces of at most a batch. Each byte is
    /// searched for a line break once, however the reads cut the input (a
    /// pipe hands over 64 KiB at a time).
    ///
    /// The reader holds no source: ``next(fd:)`` reads a file descriptor, and
    /// the record sequences (``NDJSONRecords``, ``AsyncNDJSONRecords``,
    /// ``NDJSONReader``) hand it their bytes with ``fill(with:)`` whenever
    /// ``take()`` says it needs more, so every input is cut by this one code.
    @usableFromInline
    struct BatchReader {
        let batchBytes: Int
        let maxRecordBytes: Int
        let passOversized: Bool
        /// Bytes read after the last complete line.
        private let pending: ByteBuffer
        /// How many bytes at the start of `pending` are known to hold no line break.
        private var scanned = 0
        /// The input offset of `pending`'s first byte.
        private var offset = 0
        private var recordNumber = 0
        private var lineNumber = 0
        /// Inside an oversized record: the bytes up to its line break are dropped (or passed on).
        private var skipping = false
        /// The input has ended: the bytes held are all there is.
        private(set) var eof = false
        /// The byte and span arrays of batches handed back with ``recycle(_:)``, emptied, for the next batches.
        private var spareBytes: [[UInt8]] = []
        private var spareSpans: [[Span]] = []

        /// What the bytes held make, without reading more.
        @usableFromInline
        enum Step {
            /// A batch with at least one record (or one piece of an oversized record).
            case batch(Batch)
            /// The input has ended and every record was handed out.
            case end
            /// Nothing more can be cut from the bytes held: more input (or its end) is needed.
            case needsBytes
        }

        @usableFromInline
        init(batchBytes: Int, maxRecordBytes: Int, passOversized: Bool = false) {
            self.batchBytes = max(1, batchBytes)
            self.maxRecordBytes = maxRecordBytes
            self.passOversized = passOversized
            pending = ByteBuffer(capacity: self.batchBytes * 2)
        }

        /// The next batch with at least one record read from `fd`, or nil at the end of the input.
        @usableFromInline
        mutating func next(fd: Int32) throws(ReadError) -> Batch? {
            while true {
                switch take() {
                case .batch(let batch): return batch
                case .end: return nil
                case .needsBytes:
                    if fill(with: { read(fd, $0.baseAddress, $0.count) }) < 0 {
                        if errno == EINTR { continue }
                        throw ReadError(errno: errno)
                    }
                }
            }
        }

        /// Reads at most a batch more with `read` (a `read(2)`-like call that
        /// fills the buffer it is given): the count read; 0 ends the input, and
        /// -1 (an error, with `errno` set) leaves it as it was.
        @usableFromInline
        mutating func fill(with read: (UnsafeMutableRawBufferPointer) -> Int) -> Int {
            let n = pending.fill(batchBytes, with: read)
            if n == 0 { eof = true }
            return n
        }

        /// Ends the input: what is held is all there is.
        @usableFromInline
        mutating func finish() { eof = true }

        /// Takes back a batch that is done with: its arrays hold the next
        /// batches, so their storage is not allocated (and faulted in) again.
        /// `batch` is left empty.
        @usableFromInline
        mutating func recycle(_ batch: inout Batch) {
            // Moved out of `batch`, so each array is held only here and keeps its storage when emptied.
            var bytes = batch.bytes
            var spans = batch.spans
            batch = Batch(bytes: [], spans: [], limit: batch.limit)
            bytes.removeAll(keepingCapacity: true)
            spans.removeAll(keepingCapacity: true)
            spareBytes.append(bytes)
            spareSpans.append(spans)
        }

        /// The next batch cut from the bytes held, the end, or that more bytes are needed.
        /// Bytes after an oversized record's line break are cut at once, not
        /// after the next read: from a live producer, the record after it is
        /// answered before the producer writes again.
        @usableFromInline
        mutating func take() -> Step {
            while true {
                if skipping {
                    if let piece = skipOversized() { return .batch(piece) }
                    if skipping { return .needsBytes }
                    continue
                }
                if pending.count == 0 { return eof ? .end : .needsBytes }
                // The complete lines: up to the last newline, or everything at the end of input.
                var end = pending.count
                if !eof {
                    guard let last = pending.last(0x0A, from: scanned) else {
                        scanned = pending.count
                        guard pending.count > maxRecordBytes else { return .needsBytes }
                        // A record too long to hold: report it once, then drop (or pass on) its bytes up to its newline.
                        recordNumber += 1
                        lineNumber += 1
                        let held = passOversized ? pending.copy(0..<pending.count) : []
                        let span: Span = (recordNumber, lineNumber, offset, 0, passOversized ? held.count : -1, passOversized ? .first : .whole)
                        offset += pending.count
                        pending.removeAll()
                        scanned = 0
                        skipping = true
                        return .batch(Batch(bytes: held, spans: [span], limit: maxRecordBytes))
                    }
                    end = last + 1
                }
                var spans = spareSpans.popLast() ?? []
                split(end, into: &spans)
                // The batch takes a copy of its lines; the partial line after `end` starts the next one.
                var bytes = spareBytes.popLast() ?? []
                pending.copy(0..<end, into: &bytes)
                pending.consume(end)
                scanned = pending.count
                offset += end
                if !spans.isEmpty { return .batch(Batch(bytes: bytes, spans: spans, limit: maxRecordBytes)) }
                spareBytes.append(bytes)
                spareSpans.append(spans)
                // Only blank lines: what is left is a partial line (none at the end of the input).
                if pending.count == 0 && eof { return .end }
                return .needsBytes
            }
        }

        /// Consumes the bytes of the oversized record being skipped, up to its
        /// line break; a piece of them with `passOversized`.
        private mutating func skipOversized() -> Batch? {
            let newline = pending.first(0x0A, from: 0)
            let ends = newline != nil || eof
            var length = newline ?? pending.count
            let consumed = newline.map { $0 + 1 } ?? pending.count
            // A CR LF's CR is part of the line break, as for every other record.
            if newline != nil, length > 0, pending.bytes[length - 1] == 0x0D { length -= 1 }
            var piece: Batch?
            if passOversized && (length > 0 || ends) {
                let span: Span = (recordNumber, lineNumber, offset, 0, length, ends ? .last : .middle)
                piece = Batch(bytes: pending.copy(0..<length), spans: [span], limit: maxRecordBytes)
            }
            offset += consumed
            pending.consume(consumed)
            scanned = 0
            if ends { skipping = false }
            return piece
        }

        /// The records of `pending[0..<end]`, numbering lines and records on, into `spans` (empty).
        private mutating func split(_ end: Int, into spans: inout [Span]) {
            let buf = pending.bytes
            do {
                guard let base = buf.baseAddress else { return }
                spans.reserveCapacity(end / 64)
                var start = 0
                while start < end {
                    // memchr: this loop runs on the one reading thread.
                    let lineEnd = memchr(base + start, 0x0A, end - start).map { base.distance(to: $0.assumingMemoryBound(to: UInt8.self)) } ?? end
                    var contentEnd = lineEnd
                    if contentEnd > start && buf[contentEnd - 1] == 0x0D { contentEnd -= 1 }
                    lineNumber += 1
                    var blank = true
                    for i in start..<contentEnd where buf[i] != 0x20 && buf[i] != 0x09 {
                        blank = false
                        break
                    }
                    if !blank {
                        recordNumber += 1
                        if contentEnd - start > maxRecordBytes {
                            // Too long, though read whole: reported, its bytes kept only to be passed on.
                            spans.append((recordNumber, lineNumber, offset + start, start, passOversized ? contentEnd : -1, .whole))
                        } else {
                            spans.append((recordNumber, lineNumber, offset + start, start, contentEnd, .whole))
                        }
                    }
                    start = lineEnd + 1
                }
            }
        }
    }

    @usableFromInline
    static func record(_ s: Span, in buf: UnsafeBufferPointer<UInt8>, limit: Int) -> Record {
        let oversized = s.piece != .whole || s.end < 0 || s.end - s.start > limit
        guard s.end >= 0 else {
            return Record(
                number: s.number, line: s.line, offset: s.offset, bytes: UnsafeBufferPointer(start: nil, count: 0), isOversized: true, piece: s.piece,
                limit: limit)
        }
        return Record(
            number: s.number, line: s.line, offset: s.offset, bytes: UnsafeBufferPointer(rebasing: buf[s.start..<s.end]), isOversized: oversized,
            piece: s.piece, limit: limit)
    }

    /// One batch being processed by `workers` pool threads. The batch is cut
    /// into more chunks than workers (contiguous runs of records), and each
    /// worker claims the next chunk when it is done with one, so a worker that
    /// was slowed down (by the emitting thread, or by a run of records with
    /// findings) does not leave the others idle at the end of the batch. Each
    /// worker has its own state; each chunk its own results array, and the
    /// worker that made it: no slots shared between threads, and (this code is
    /// generic) no per-record lookup of an `Optional<R>` type. The batch's
    /// bytes and spans are owned here until ``finish()`` returns, so they
    /// outlive the workers. Workers and result arrays left by earlier batches
    /// are used before new ones are made.
    @usableFromInline
    final class InFlight<W, R>: @unchecked Sendable {
        /// Chunks per worker: enough to even out the workers, few enough that claiming one costs nothing.
        @usableFromInline static var chunksPerWorker: Int { 8 }
        /// Written only by ``finish()``, once every worker is done with it.
        @usableFromInline var batch: Batch
        @usableFromInline let chunks: Int
        @usableFromInline let results: UnsafeMutableBufferPointer<[R]>
        /// Which worker made each chunk.
        @usableFromInline let owners: UnsafeMutableBufferPointer<Int>
        @usableFromInline let workers: UnsafeMutableBufferPointer<W?>
        @usableFromInline let claims = ChunkClaims()
        @usableFromInline let group = DispatchGroup()

        @inlinable
        init(
            _ batch: Batch, workers count: Int, spareWorkers: inout [W], spareResults: inout [[R]], _ makeWorker: @escaping @Sendable () -> W,
            _ process: @escaping @Sendable (Record, inout W) -> R
        ) {
            self.batch = batch
            let records = batch.spans.count
            chunks = max(1, min(records, count * Self.chunksPerWorker))
            results = .allocate(capacity: chunks)
            for chunk in 0..<chunks { results.initializeElement(at: chunk, to: spareResults.popLast() ?? []) }
            owners = .allocate(capacity: chunks)
            owners.initialize(repeating: 0)
            // No more workers than chunks: a short batch starts no worker that would find nothing to claim.
            let started = min(count, chunks)
            workers = .allocate(capacity: started)
            for w in 0..<started { workers.initializeElement(at: w, to: spareWorkers.popLast()) }
            for w in 0..<started {
                // Each worker writes only its own element of `workers`, and the
                // elements of `results` and `owners` for the chunks it claimed.
                DispatchQueue.global().async(group: group) { [self] in
                    batch.bytes.withUnsafeBufferPointer { buf in
                        var worker = workers[w].take() ?? makeWorker()
                        while true {
                            let chunk = claims.next()
                            guard chunk < chunks else { break }
                            let bounds = records * chunk / chunks..<records * (chunk + 1) / chunks
                            results[chunk].reserveCapacity(bounds.count)
                            for i in bounds { results[chunk].append(process(NDJSONPipeline.record(batch.spans[i], in: buf, limit: batch.limit), &worker)) }
                            owners[chunk] = w
                        }
                        workers[w] = worker
                    }
                }
            }
        }

        /// Waits for every worker; each chunk's results in record order, the
        /// worker that made each chunk, the workers and the batch, all moved
        /// out (the flight keeps no reference to them).
        @inlinable
        func finish() -> (results: [[R]], owners: [Int], workers: [W], batch: Batch) {
            group.wait()
            var taken: [[R]] = []
            taken.reserveCapacity(chunks)
            for chunk in 0..<chunks {
                taken.append(results.moveElement(from: chunk))
                results.initializeElement(at: chunk, to: [])
            }
            // Every worker stores its state before it leaves, so none is missing here.
            var left: [W] = []
            for w in workers.indices { if let worker = workers[w].take() { left.append(worker) } }
            let done = batch
            batch = Batch(bytes: [], spans: [], limit: batch.limit)
            return (taken, Array(owners), left, done)
        }

        @inlinable
        deinit {
            // The workers hold `self`: a flight goes only after every worker is done.
            results.deinitialize().deallocate()
            owners.deallocate()
            workers.deinitialize().deallocate()
        }
    }

    /// Hands out chunk numbers 0, 1, 2, … to the workers of one batch, each once.
    @usableFromInline
    final class ChunkClaims: @unchecked Sendable {
        private let lock = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
        private var claimed = 0

        @usableFromInline init() {
            lock.initialize(to: pthread_mutex_t())
            pthread_mutex_init(lock, nil)
        }

        deinit {
            pthread_mutex_destroy(lock)
            lock.deallocate()
        }

        /// The next unclaimed chunk number.
        @usableFromInline func next() -> Int {
            pthread_mutex_lock(lock)
            defer { pthread_mutex_unlock(lock) }
            claimed += 1
            return claimed - 1
        }
    }
}
