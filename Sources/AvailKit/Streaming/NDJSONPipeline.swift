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
        fd: Int32, process: @Sendable (Record) -> R, emit: (R) -> Bool
    ) throws(ReadError) {
        try run(fd: fd, worker: {}, process: { record, _ in process(record) }, emit: { result, _ in emit(result) })
    }

    /// Runs the stream with per-worker state: each of the `jobs` slices of a
    /// batch gets its own `W` from `worker` (an output buffer, say), so nothing
    /// mutable is shared between threads; `emit` sees each result with the
    /// state of the worker that made it, in record order.
    public func run<W, R>(
        fd: Int32, worker makeWorker: @Sendable () -> W, process: @Sendable (Record, inout W) -> R, emit: (R, W) -> Bool
    ) throws(ReadError) {
        var buffer: [UInt8] = []
        buffer.reserveCapacity(batchBytes * 2)
        var chunk = [UInt8](repeating: 0, count: batchBytes)
        var recordNumber = 0
        var lineNumber = 0
        var offset = 0
        var skipping = false
        var eof = false
        while !eof {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw ReadError(errno: errno)
            }
            if n == 0 { eof = true } else { buffer.append(contentsOf: chunk[0..<n]) }
            if buffer.isEmpty { continue }
            // The complete lines: up to the last newline, or everything at the end of input.
            var end = buffer.count
            if !eof {
                guard let last = buffer.lastIndex(of: 0x0A) else {
                    if buffer.count > maxRecordBytes {
                        // A record too long to hold: report it once, drop bytes up to its newline.
                        if !skipping {
                            recordNumber += 1
                            lineNumber += 1
                            var worker = makeWorker()
                            let r = oversized(recordNumber, lineNumber, offset) { process($0, &worker) }
                            if !emit(r, worker) { return }
                            skipping = true
                        }
                        offset += buffer.count
                        buffer.removeAll(keepingCapacity: true)
                    }
                    continue
                }
                end = last + 1
            }
            var stop = false
            buffer.withUnsafeBufferPointer { buf in
                guard let base = buf.baseAddress else { return }
                var spans: [Span] = []
                spans.reserveCapacity(end / 64)
                var start = 0
                while start < end {
                    // memchr: this loop runs on one thread while the workers wait.
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
                            if contentEnd - start > maxRecordBytes {
                                spans.append((recordNumber, lineNumber, offset + start, start, -1))
                            } else {
                                spans.append((recordNumber, lineNumber, offset + start, start, contentEnd))
                            }
                        }
                    }
                    start = lineEnd + 1
                }
                let (results, workers) = processAll(spans, buf, makeWorker, process)
                emitting: for (slice, sliceResults) in results.enumerated() {
                    for result in sliceResults where !emit(result, workers[slice]) {
                        stop = true
                        break emitting
                    }
                }
            }
            if stop { return }
            offset += end
            buffer.removeFirst(min(end, buffer.count))
        }
    }

    private func oversized<R>(_ number: Int, _ line: Int, _ offset: Int, _ process: (Record) -> R) -> R {
        process(Record(number: number, line: line, offset: offset, bytes: UnsafeBufferPointer(start: nil, count: 0), isOversized: true))
    }

    typealias Span = (number: Int, line: Int, offset: Int, start: Int, end: Int)

    static func record(_ s: Span, in buf: UnsafeBufferPointer<UInt8>) -> Record {
        guard s.end >= 0 else {
            return Record(number: s.number, line: s.line, offset: s.offset, bytes: UnsafeBufferPointer(start: nil, count: 0), isOversized: true)
        }
        return Record(number: s.number, line: s.line, offset: s.offset, bytes: UnsafeBufferPointer(rebasing: buf[s.start..<s.end]), isOversized: false)
    }

    /// Processes a batch in `jobs` contiguous slices, each with its own worker
    /// state; returns each slice's results in record order, and the workers.
    /// A slice collects its results in an array of its own: no optional
    /// slots shared between threads, and (this code is generic) no per-record
    /// lookup of an `Optional<R>` type.
    private func processAll<W, R>(
        _ spans: [Span], _ buf: UnsafeBufferPointer<UInt8>, _ makeWorker: @Sendable () -> W, _ process: @Sendable (Record, inout W) -> R
    ) -> ([[R]], [W]) {
        let slices = jobs > 1 && spans.count > 1 ? min(jobs, spans.count) : 1
        if slices == 1 {
            var worker = makeWorker()
            let results = spans.map { process(Self.record($0, in: buf), &worker) }
            return ([results], [worker])
        }
        let bounds = (0..<slices).map { spans.count * $0 / slices..<spans.count * ($0 + 1) / slices }
        var results = [[R]](repeating: [], count: slices)
        var workers = [W?](repeating: nil, count: slices)
        results.withUnsafeMutableBufferPointer { out in
            workers.withUnsafeMutableBufferPointer { states in
                nonisolated(unsafe) let out = out
                nonisolated(unsafe) let states = states
                nonisolated(unsafe) let buf = buf
                DispatchQueue.concurrentPerform(iterations: slices) { slice in
                    var worker = makeWorker()
                    var mine: [R] = []
                    mine.reserveCapacity(bounds[slice].count)
                    for i in bounds[slice] { mine.append(process(Self.record(spans[i], in: buf), &worker)) }
                    out[slice] = mine
                    states[slice] = worker
                }
            }
        }
        return (results, workers.compactMap { $0 })
    }
}
