import AvailConfig
import Foundation
import Testing

@testable import AvailKit

/// Whatever arrives gets a finding, in bounded time and memory: each test has
/// a time bound in process, and the CLI runs are held to a peak RSS bound
/// (GNU time's maximum resident set size).
@Suite struct HostileInputTests {
    let clock = ContinuousClock()
    let now = Timestamp(unixSeconds: 1_796_083_200) ?? Timestamp(unixSeconds: 0)!

    func within<T>(_ limit: Duration, _ body: () throws -> T, sourceLocation: Testing.SourceLocation = #_sourceLocation) rethrows -> T {
        let start = clock.now
        let result = try body()
        let took = clock.now - start
        #expect(took < limit, "took \(took), bound \(limit)", sourceLocation: sourceLocation)
        return result
    }

    /// Peak RSS in MB of `avail ARGS` on a file holding `bytes`, and its exit code.
    func peakRSS(_ args: [String], input bytes: [UInt8]) throws -> (mb: Double, exit: Int32, stdout: String) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("avail-hostile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("input")
        try Data(bytes).write(to: file)
        let timing = dir.appendingPathComponent("time")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/time")
        p.arguments = ["-o", timing.path, "-f", "%M", Paths.avail.path] + args + [file.path]
        p.currentDirectoryURL = dir
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        let kb = Double((try String(contentsOf: timing, encoding: .utf8)).split(separator: "\n").last.map(String.init) ?? "0") ?? 0
        return (kb / 1024, p.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test func hundredThousandNestedArrays() throws {
        let bytes = Array(String(repeating: "[", count: 100_000).utf8) + Array(String(repeating: "]", count: 100_000).utf8)
        let findings = within(.seconds(1)) { Validator(format: CanonicalFormat(), now: now).validate(bytes) }
        #expect(findings.map(\.ruleID) == ["json_too_deep"])
        let run = try peakRSS(["validate", "--format", "canonical"], input: bytes)
        #expect(run.exit == 1)
        #expect(run.mb < 64)
    }

    @Test func fiftyMegabyteString() throws {
        let bytes = Array(#"{"status": "online", "reason": ""#.utf8) + [UInt8](repeating: UInt8(ascii: "x"), count: 50 << 20) + Array(#""}"#.utf8)
        let findings = within(.seconds(15)) { Validator(format: GettFormat(kind: .response), now: now).validate(bytes) }
        #expect(findings.map(\.ruleID) == ["enum_value"])
        #expect(findings.first?.message.count ?? 0 < 300, "the value is shown shortened")
        let run = try peakRSS(["validate", "--format", "gett.status"], input: bytes)
        #expect(run.exit == 1)
        #expect(run.mb < 400)
        #expect(run.stdout.count < 1000)
    }

    @Test func hundredThousandKeys() throws {
        func document(keys: Int) -> [UInt8] {
            var text = #"{"state": "open""#
            for i in 0..<keys { text += #", "k\#(i)": \#(i)"# }
            return Array((text + "}").utf8)
        }
        // Linear, judged by growth rather than a wall-clock bound (a loaded machine is slower, not
        // steeper): ten times the keys take ten times as long; a quadratic reader would take a hundred.
        let validator = Validator(format: CanonicalFormat(), now: now)
        let (small, large) = (document(keys: 10_000), document(keys: 100_000))
        let start = clock.now
        let few = validator.validate(small)
        let middle = clock.now
        let findings = validator.validate(large)
        let (tenth, whole) = (middle - start, clock.now - middle)
        #expect(few.count == 10_000)
        #expect(whole < tenth * 30, "100,000 keys took \(whole), 10,000 took \(tenth)")
        #expect(findings.count == 100_000)
        #expect(Set(findings.map(\.ruleID)) == ["unknown_field"])
    }

    @Test func extremeNumbers() {
        let cases: [(String, [String])] = [
            (#"{"shop_id": 1e999999, "action": "open"}"#, ["type_mismatch"]),
            (#"{"shop_id": -0, "action": "open"}"#, []),
            (#"{"shop_id": 1, "action": "close", "start_date": 99999999999999999999, "end_date": -99999999999999999999}"#, ["integer_range", "integer_range"]),
            (#"{"shop_id": 1, "action": "close", "start_date": 9223372036854775807, "end_date": 1798848000}"#, ["timestamp_unit"]),
            (#"{"shop_id": 1, "action": "close", "start_date": -62135596801, "end_date": 1798848000}"#, ["invalid_timestamp"]),
        ]
        for (input, rules) in cases {
            let findings = Validator(format: TokopediaFormat(), now: now).validate(Array(input.utf8))
            #expect(findings.map(\.ruleID) == rules, "\(input)")
        }
    }

    @Test func surrogatesNulsBOMAndLineEnds() {
        let gett = Validator(format: GettFormat(kind: .response), now: now)
        #expect(gett.validate(Array(#"{"status": "\uD800"}"#.utf8)).map(\.ruleID) == ["invalid_json"])
        #expect(gett.validate(Array(#"{"status": "\uDC00\uD800"}"#.utf8)).map(\.ruleID) == ["invalid_json"])
        #expect(gett.validate([0x7B, 0x00, 0x7D]).map(\.ruleID) == ["invalid_json"])
        let nul = gett.validate(Array(#"{"status": "on\u0000line"}"#.utf8))
        #expect(nul.map(\.ruleID) == ["enum_value"])
        #expect(!(nul.first?.message.contains("\u{0}") ?? true), "control characters are escaped in messages")
        #expect(gett.validate([0xEF, 0xBB, 0xBF] + Array(#"{"status": "online"}"#.utf8)).map(\.ruleID) == ["json_bom"])
        let crlf = gett.validate(Array("{\r\n  \"status\": \"online\",\r\n  \"reason\": \"Busy\"\r\n}".utf8))
        #expect(crlf.map { "\($0.ruleID)@\($0.location)" } == ["enum_value@3:13"])
    }

    @Test func everyTruncationOfADocument() {
        let doc = Array(#"{"status": "paused", "reason": "too_busy", "pausedAt": "2027-01-15T12:00:00-07:00", "resumeAt": "2027-01-15T14:00:00.5+07:00"}"#.utf8)
        for n in 0..<doc.count {
            let findings = Validator(format: GettFormat(kind: .response), now: now).validate(Array(doc[0..<n]))
            #expect(findings.contains { $0.severity == .error }, "prefix of \(n) bytes")
        }
    }

    /// Found by the config fuzz target: 319 bytes whose aliases repeat about
    /// 3 million nodes, under the expanded-node limit, took 3.4 s and 950 MB
    /// to lint (and more than 15 s under the sanitizers). Aliases now have a
    /// budget of their own, which refuses it at its sixth line.
    @Test func aliasesThatRepeatMillionsOfNodesAreRefusedEarly() throws {
        let text = """
            a: &a [x, x, x, x, x, x, x, x, x, x]
            b: &b [*a, America/Argentina/Tucumana, *a, *a]
            c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]
            d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]
            e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]
            f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]
            g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]

            """
        let findings = ConfigLinter(now: now).lint(Array(text.utf8)).findings
        #expect(findings.map { "\($0.ruleID)@\($0.location)" } == ["yaml_limits@6:12"])
    }

    @Test func yamlAliasBombDeepNestingAndHugeScalar() throws {
        var bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
        var previous = "a"
        for name in ["b", "c", "d", "e", "f", "g", "h", "i"] {
            bomb += "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 10).joined(separator: ", ") + "]\n"
            previous = name
        }
        let linter = ConfigLinter(now: now)
        #expect(within(.seconds(1)) { linter.lint(Array(bomb.utf8)).findings.map(\.ruleID) } == ["yaml_limits"])
        let run = try peakRSS(["lint"], input: Array(bomb.utf8))
        #expect(run.exit == 1)
        #expect(run.mb < 64)

        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(within(.seconds(2)) { linter.lint(Array(deep.utf8)).findings.map(\.ruleID) } == ["yaml_limits"])
        let deepBlock = (0..<2000).map { String(repeating: " ", count: $0) + "k\($0):" }.joined(separator: "\n")
        #expect(within(.seconds(2)) { linter.lint(Array(deepBlock.utf8)).findings.map(\.ruleID) } == ["yaml_limits"])

        let huge = "version: 1\nstores:\n  - id: " + String(repeating: "x", count: 10 << 20) + "\n"
        #expect(within(.seconds(15)) { linter.lint(Array(huge.utf8)).findings.map(\.ruleID) } == ["yaml_limits"])
    }

    /// An interrupted NDJSON conversion leaves neither the output nor its temporary file.
    @Test func interruptedRunLeavesNoPartialFile() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("avail-interrupt-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let (p, input) = try startAvail(
            ["convert", "--from", "gett", "--to", "canonical", "--ndjson", "--reason", "other", "--output", "out.ndjson", "-"], in: dir)
        let record = Data(#"{"status": "paused", "reason": "too_busy"}"#.utf8 + [0x0A])
        for _ in 0..<20_000 { input.write(record) }
        Thread.sleep(forTimeInterval: 0.3)
        p.terminate()
        p.waitUntilExit()
        #expect(p.terminationReason == .uncaughtSignal)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == [])
    }
}
