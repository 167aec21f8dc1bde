import Foundation
import Testing

@testable import AvailKit

/// The record sequences (`NDJSONRecords`, `AsyncNDJSONRecords`,
/// `NDJSONReader`) and what validates and converts their records: the same
/// records, numbers, lines and findings as the CLI's stream, however the
/// input is cut, from memory, files and live asynchronous sources.
@Suite struct RecordSequenceTests {
    /// A Gett stream: a valid record, a blank line, a CR LF line with an
    /// error, a pause without a reason, a blank line of spaces, and a last
    /// line without a line break.
    static let stream = Array(
        ("{\"status\": \"online\"}\n\n{\"status\": \"Paused\", \"reason\": \"too_busy\"}\r\n{\"status\": \"paused\"}\n  \n"
            + "{\"status\": \"paused\", \"reason\": \"too_busy\", \"resumeAt\": \"2026-01-15T14:00:00-07:00\"}").utf8)

    static let records = [
        NDJSONRecord(number: 1, line: 1, offset: 0, bytes: Array(#"{"status": "online"}"#.utf8)),
        NDJSONRecord(number: 2, line: 3, offset: 22, bytes: Array(#"{"status": "Paused", "reason": "too_busy"}"#.utf8)),
        NDJSONRecord(number: 3, line: 4, offset: 66, bytes: Array(#"{"status": "paused"}"#.utf8)),
        NDJSONRecord(
            number: 4, line: 6, offset: 90, bytes: Array(#"{"status": "paused", "reason": "too_busy", "resumeAt": "2026-01-15T14:00:00-07:00"}"#.utf8)),
    ]

    static let now = Timestamp(unixSeconds: 1_767_225_600) ?? .epoch  // 2026-01-01T00:00:00Z

    static var validator: Validator {
        get throws { Validator(format: try Avail.format("gett"), now: now) }
    }

    /// What `avail validate --format gett --ndjson --now 2026-01-01T00:00:00Z s.ndjson` prints for the stream.
    static let findings = [
        "s.ndjson:3:12: error: record 2: 'status' value 'Paused' is not one of 'online', 'paused'; did you mean 'paused'? [enum_value]",
        "s.ndjson:4:12: error: record 3: a paused store needs a 'reason'; add one of 'operational_issues', 'staff_shortage', 'too_busy', 'maintenance', 'other' (status is 'paused') [paused_requires_reason]",
    ]

    @Test func recordsOfAStreamInMemory() {
        #expect(Array(NDJSONRecords(bytes: Self.stream)) == Self.records)
        #expect(Self.records.map(\.text)[0] == #"{"status": "online"}"#)
        #expect(Array(NDJSONRecords(bytes: [])) == [])
        #expect(Array(NDJSONRecords(bytes: Array(" \n\n\t\r\n".utf8))) == [], "blank lines are not records")
    }

    /// Cut into two chunks at every offset, into single bytes, and with empty
    /// chunks between: the records are the same.
    @Test func recordsDoNotDependOnHowTheInputIsCut() {
        for cut in 0...Self.stream.count {
            let chunks = [Array(Self.stream[..<cut]), [], Array(Self.stream[cut...])]
            #expect(Array(NDJSONRecords(chunks)) == Self.records, "cut at \(cut)")
        }
        #expect(Array(NDJSONRecords(Self.stream.map { [$0] })) == Self.records)
        // Any sequence of bytes is a chunk, not only arrays.
        #expect(Array(NDJSONRecords([Self.stream[...]])) == Self.records)
    }

    /// A line longer than the limit is one oversized record with no bytes,
    /// wherever the chunks cut it; the records after it are whole.
    @Test func oversizedRecordsAreReportedNotHeld() throws {
        let long = String(repeating: "x", count: 40)
        let online = #"{"status":"online"}"#
        let input = Array("\(online)\n\(long)\n\(online)\n\(long)".utf8)
        let expected = [
            NDJSONRecord(number: 1, line: 1, offset: 0, bytes: Array(online.utf8), limit: 24),
            NDJSONRecord(number: 2, line: 2, offset: 20, bytes: [], isOversized: true, limit: 24),
            NDJSONRecord(number: 3, line: 3, offset: 61, bytes: Array(online.utf8), limit: 24),
            NDJSONRecord(number: 4, line: 4, offset: 81, bytes: [], isOversized: true, limit: 24),
        ]
        #expect(Array(NDJSONRecords(bytes: input, maxRecordBytes: 24)) == expected)
        for size in 1...30 {
            let chunks = stride(from: 0, to: input.count, by: size).map { Array(input[$0..<min($0 + size, input.count)]) }
            #expect(Array(NDJSONRecords(chunks, maxRecordBytes: 24)) == expected, "chunks of \(size)")
        }
        // Validating it reports the record, with the limit, at its line.
        let results = Array(try Self.validator.results(of: NDJSONRecords(bytes: input, maxRecordBytes: 24), file: "big.ndjson"))
        #expect(results.map { $0.findings.map { $0.textLine() } } == [
            [], ["big.ndjson:2:1: error: record 2: the record is longer than 24 bytes; it is not read [record_too_large]"],
            [], ["big.ndjson:4:1: error: record 4: the record is longer than 24 bytes; it is not read [record_too_large]"],
        ])
        #expect(results.map(\.isValid) == [true, false, true, false])
    }

    @Test func validatorResultsAreTheCLIFindings() throws {
        let results = Array(try Self.validator.results(of: NDJSONRecords(bytes: Self.stream), file: "s.ndjson"))
        #expect(results.map(\.number) == [1, 2, 3, 4])
        #expect(results.map(\.line) == [1, 3, 4, 6])
        #expect(results.flatMap { $0.findings.map { $0.textLine() } } == Self.findings)
        #expect(results[1].findings.first?.record == 2)
        #expect(results[1].findings.first?.pointer == "/status")
    }

    /// The same findings as the stream pipeline `avail validate --ndjson`
    /// runs, for a stream of random records cut at random.
    @Test func validatorResultsMatchThePipeline() throws {
        var random = SeededRandom(state: 28)
        let lines = [
            #"{"status": "online"}"#, #"{"status": "Paused"}"#, #"{"status": "paused", "reason": "other"}"#, "", "   ",
            #"{"status": "paused", "reason": "#, #"{"status": "online", "resumeAt": "x"}"#, String(repeating: "y", count: 70),
        ]
        let validator = try Self.validator
        for round in 0..<20 {
            var text = (0..<Int.random(in: 0...30, using: &random)).map { _ in lines[Int.random(in: 0..<lines.count, using: &random)] }
                .joined(separator: Bool.random(using: &random) ? "\n" : "\r\n")
            if Bool.random(using: &random) { text += "\n" }
            let bytes = Array(text.utf8)
            let pipeline = NDJSONPipeline(batchBytes: 16, maxRecordBytes: 64)
            let expected = try streamFindings(bytes, pipeline: pipeline) { record in
                var decoded = Decoded()
                return validator.validate(record: record, file: "r.ndjson", reusing: &decoded)
            }
            var chunks: [[UInt8]] = []
            var at = 0
            while at < bytes.count {
                let n = min(Int.random(in: 0...40, using: &random), bytes.count - at)
                chunks.append(Array(bytes[at..<at + n]))
                at += n
            }
            let results = Array(validator.results(of: NDJSONRecords(chunks, maxRecordBytes: 64), file: "r.ndjson"))
            #expect(results.flatMap(\.findings) == expected, "round \(round)")
        }
    }

    /// A worker's state and a batch's storage serve the batches after it:
    /// every result still reaches `emit` with the worker that made it, in
    /// record order, each worker is handed to `reuse` once its batch is
    /// emitted, and workers are made only when none is free.
    @Test(arguments: [1, 2, 3]) func workersOutliveTheirBatch(jobs: Int) throws {
        struct Worker {
            var made: Int
            var records: [Int] = []
        }
        let count = 300
        let text = (1...count).map { #"{"n":\#($0)}"# + String(repeating: " ", count: $0 % 7) }.joined(separator: "\n")
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("avail-workers-\(UUID().uuidString).ndjson")
        try Data(text.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let fd = open(file.path, O_RDONLY)
        #expect(fd >= 0)
        defer { close(fd) }
        let made = Counter()
        var emitted: [String] = []
        var reused = 0
        var wrongWorker: [Int] = []
        let pipeline = NDJSONPipeline(jobs: jobs, batchBytes: 64)
        try pipeline.run(
            fd: fd, worker: { Worker(made: made.next()) },
            reuse: { worker in
                worker.records.removeAll()
                reused += 1
            },
            process: { record, worker -> (Int, String) in
                worker.records.append(record.number)
                return (record.number, String(decoding: record.bytes, as: UTF8.self))
            },
            emit: { result, worker in
                if !worker.records.contains(result.0) { wrongWorker.append(result.0) }
                emitted.append(result.1)
                return true
            })
        #expect(emitted == text.split(separator: "\n").map(String.init))
        #expect(wrongWorker == [])
        let batches = (text.utf8.count + 63) / 64
        if jobs == 1 {
            #expect(made.value == 1)
            #expect(reused >= batches / 2)
        } else {
            // The batches in flight, the one being emitted, and no more.
            #expect(made.value <= jobs * (NDJSONPipeline.batchesInFlight + 1))
            #expect(made.value < reused)
        }
    }

    @Test func aRecordConvertsWithItsPlace() throws {
        let converter = Converter(
            from: try Avail.format("gett"), to: try Avail.format("lula"),
            options: Converter.Options(values: ConversionOptions(now: Self.now), allowLossy: true, style: .compact))
        let outcome = converter.convert(Self.records[3], file: "s.ndjson")
        #expect(outcome.output.map { String(decoding: $0, as: UTF8.self) } == #"{"dsp_name":"All","is_active":false,"end_time":"2026-01-15T14:00:00-07:00"}"# + "\n")
        #expect(outcome.findings == [])
        #expect(outcome.losses.map(\.message) == ["reason 'too_busy' is dropped; Lula has no pause reasons"])
        #expect(outcome.losses.map { $0.origin?.location } == [SourceLocation(line: 6, column: 32, offset: 121)])
        #expect(outcome.losses.map { $0.origin?.pointer } == ["/reason"])

        let refused = converter.convert(Self.records[1], file: "s.ndjson")
        #expect(refused.output == nil)
        #expect(refused.findings.map { $0.textLine() } == [Self.findings[0]])

        let oversized = converter.convert(NDJSONRecord(number: 7, line: 9, offset: 400, bytes: [], isOversized: true, limit: 1 << 20))
        #expect(oversized.output == nil)
        #expect(oversized.findings.map { $0.textLine() } == ["<stdin>:9:1: error: record 7: the record is longer than 1 MiB; it is not read [record_too_large]"])
    }

    @Test func readerReadsAFileAndFailsLoudly() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("avail-records-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("s.ndjson")
        try Data(Self.stream).write(to: file)

        let reader = try NDJSONReader(contentsOfFile: file.path)
        var read: [NDJSONRecord] = []
        while let record = try reader.next() { read.append(record) }
        #expect(read == Self.records)
        #expect(try reader.next() == nil, "the end stays the end")

        var awaited: [NDJSONRecord] = []
        for try await record in try NDJSONReader(contentsOf: file) { awaited.append(record) }
        #expect(awaited == Self.records)

        // A file handle is read from where it is, and left open.
        let handle = try FileHandle(forReadingFrom: file)
        try handle.seek(toOffset: 22)
        var fromHandle: [NDJSONRecord] = []
        let handleReader = NDJSONReader(fileHandle: handle)
        while let record = try handleReader.next() { fromHandle.append(record) }
        #expect(fromHandle.map(\.bytes) == Self.records.dropFirst().map(\.bytes))
        #expect(fromHandle.map(\.line) == [1, 2, 4], "lines counted from where the handle was")
        #expect(fromHandle.map(\.offset) == [0, 44, 68], "offsets too")
        #expect(try handle.offset() == UInt64(Self.stream.count))
        try handle.close()

        #expect(throws: NDJSONPipeline.ReadError(errno: ENOENT)) { try NDJSONReader(contentsOfFile: dir.appendingPathComponent("missing").path) }
        #expect(NDJSONPipeline.ReadError(errno: ENOENT).description == "No such file or directory (errno 2)")
        let directory = try NDJSONReader(contentsOfFile: dir.path)
        #expect(throws: NDJSONPipeline.ReadError(errno: EISDIR)) { try directory.next() }
    }

    /// A live source that writes a record and waits: each record is handed
    /// out before the source writes again, the one after an oversized record
    /// too, and nothing is read past what was written.
    @Test(.timeLimit(.minutes(1))) func aLiveSourceGetsEachRecordAtOnce() async throws {
        let (chunks, input) = AsyncStream.makeStream(of: [UInt8].self)
        let (answers, answer) = AsyncStream.makeStream(of: NDJSONRecord.self)
        let reading = Task {
            for try await record in AsyncNDJSONRecords(chunks, maxRecordBytes: 10) { answer.yield(record) }
            answer.finish()
        }
        var got = answers.makeAsyncIterator()
        input.yield(Array("{\"a\":1}\n{\"b\"".utf8))
        #expect(await got.next() == NDJSONRecord(number: 1, line: 1, offset: 0, bytes: Array(#"{"a":1}"#.utf8), limit: 10))
        input.yield(Array(":2}\n".utf8) + Array(repeating: UInt8(ascii: "x"), count: 30))
        #expect(await got.next() == NDJSONRecord(number: 2, line: 2, offset: 8, bytes: Array(#"{"b":2}"#.utf8), limit: 10))
        #expect(await got.next() == NDJSONRecord(number: 3, line: 3, offset: 16, bytes: [], isOversized: true, limit: 10))
        input.yield(Array("xx\n{\"c\":3}\n".utf8))
        #expect(await got.next() == NDJSONRecord(number: 4, line: 4, offset: 49, bytes: Array(#"{"c":3}"#.utf8), limit: 10))
        input.yield(Array("{\"d\":4}".utf8))
        input.finish()
        #expect(await got.next() == NDJSONRecord(number: 5, line: 5, offset: 57, bytes: Array(#"{"d":4}"#.utf8), limit: 10))
        #expect(await got.next() == nil)
        try await reading.value
    }

    /// The stream pipeline (`avail validate --ndjson` reading a pipe) cuts by
    /// the same code: the record after an oversized one is handed on while the
    /// producer still waits, not when it writes again.
    @Test func thePipelineAnswersTheRecordAfterAnOversizedOneAtOnce() throws {
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        let writer = fds[1]
        let answered = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var answeredInTime = false
        let writing = Thread {
            let bytes = Array("{\"a\":1}\n\(String(repeating: "x", count: 40))\n{\"b\":2}\n".utf8)
            _ = bytes.withUnsafeBytes { write(writer, $0.baseAddress, $0.count) }
            // The producer waits for the answer (at most 10 s) before it ends the stream.
            answeredInTime = answered.wait(timeout: .now() + 10) == .success
            close(writer)
        }
        writing.start()
        defer { close(fds[0]) }
        var seen: [String] = []
        try NDJSONPipeline(batchBytes: 16, maxRecordBytes: 24).run(
            fd: fds[0], process: { r in "\(r.number) \(r.isOversized ? "oversized" : String(decoding: r.bytes, as: UTF8.self))" }
        ) { answer in
            seen.append(answer)
            if answer.hasPrefix("3 ") { answered.signal() }
            return true
        }
        #expect(seen == [#"1 {"a":1}"#, "2 oversized", #"3 {"b":2}"#])
        #expect(answeredInTime, "record 3 was answered before the producer closed the pipe")
    }

    /// A slow producer of single bytes (a pause every few bytes), validated
    /// as it arrives: the CLI's findings, in order.
    @Test(.timeLimit(.minutes(1))) func aSlowByteSourceIsValidatedAsItArrives() async throws {
        let (bytes, input) = AsyncStream.makeStream(of: UInt8.self)
        let producing = Task {
            for (i, byte) in Self.stream.enumerated() {
                input.yield(byte)
                if i % 7 == 0 { try await Task.sleep(for: .milliseconds(2)) }
            }
            input.finish()
        }
        var results: [Validator.RecordResult] = []
        for try await result in try Self.validator.results(of: AsyncNDJSONRecords(bytes: bytes), file: "s.ndjson") {
            results.append(result)
        }
        try await producing.value
        #expect(results.map(\.number) == [1, 2, 3, 4])
        #expect(results.map(\.line) == [1, 3, 4, 6])
        #expect(results.flatMap { $0.findings.map { $0.textLine() } } == Self.findings)
    }

    /// An error from the source ends the records with that error.
    @Test func aSourceErrorIsThrown() async throws {
        struct Broken: Error, Equatable {}
        let (chunks, input) = AsyncThrowingStream.makeStream(of: [UInt8].self)
        input.yield(Array("{\"a\":1}\n{\"b\"".utf8))
        input.finish(throwing: Broken())
        var iterator = AsyncNDJSONRecords(chunks).makeAsyncIterator()
        #expect(try await iterator.next()?.number == 1)
        await #expect(throws: Broken()) { try await iterator.next() }
    }

    /// The article's code is examples/ClientDemo's, word for word, so CI
    /// compiles and runs it (and compares what it prints).
    @Test func theArticleCodeIsCompiledByClientDemo() throws {
        let article = try String(
            contentsOf: Paths.packageRoot.appendingPathComponent("Sources/AvailKit/AvailKit.docc/StreamingRecords.md"), encoding: .utf8)
        let demo = try String(
            contentsOf: Paths.packageRoot.appendingPathComponent("examples/ClientDemo/Sources/ClientDemo/main.swift"), encoding: .utf8)
        // Fenced blocks: ```swift for code, ``` for what it prints.
        let fenced = article.components(separatedBy: "```").enumerated().filter { $0.offset % 2 == 1 }.map(\.element)
        let blocks = fenced.filter { $0.hasPrefix("swift\n") }.map { String($0.dropFirst(6)) }
        #expect(blocks.count == 3)
        for block in blocks { #expect(demo.contains(block), "not in ClientDemo's main.swift:\n\(block)") }
        // What the article says the code prints is what ClientDemo printed.
        let expected = try String(contentsOf: Paths.packageRoot.appendingPathComponent("examples/ClientDemo/expected-output.txt"), encoding: .utf8)
        let shown = fenced.filter { $0.hasPrefix("\n") }.map { String($0.dropFirst()) }
        #expect(shown.count == 2)
        for output in shown { #expect(expected.contains(output), "not in ClientDemo's expected output:\n\(output)") }
    }

    /// Byte sources are gathered into chunks that end at each line break.
    @Test func lineChunksEndAtEachLineBreak() async throws {
        let (bytes, input) = AsyncStream.makeStream(of: UInt8.self)
        for byte in Array("ab\n\ncdefg".utf8) { input.yield(byte) }
        input.finish()
        var chunks: [String] = []
        for try await chunk in AsyncLineChunks(bytes, maxChunkBytes: 3) { chunks.append(String(decoding: chunk, as: UTF8.self)) }
        #expect(chunks == ["ab\n", "\n", "cde", "fg"])
    }
}

/// A count shared between threads.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0

    /// Counts one more; the count so far.
    func next() -> Int {
        lock.withLock {
            count += 1
            return count
        }
    }

    var value: Int { lock.withLock { count } }
}
