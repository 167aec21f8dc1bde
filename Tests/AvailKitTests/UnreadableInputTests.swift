import AvailConfig
import Foundation
import Testing

@testable import AvailKit

extension ReliabilityTests {
    /// A document that cannot be read is never a pass: parse and limit findings
    /// cannot be turned off or lowered, and each limit has its own rule id.
    @Suite struct UnreadableInputTests {
        @Test(arguments: [
            ("validate --format gett --disable invalid_json", "--ignore (or --disable): 'invalid_json' reports input that cannot be read; it cannot be disabled"),
            ("validate --format gett --disable json_too_deep", "--ignore (or --disable): 'json_too_deep' reports input that cannot be read; it cannot be disabled"),
            ("validate --format gett --disable document_too_large", "--ignore (or --disable): 'document_too_large' reports input that cannot be read; it cannot be disabled"),
            ("validate --format gett --ndjson --disable record_too_large", "--ignore (or --disable): 'record_too_large' reports input that cannot be read; it cannot be disabled"),
            ("validate --format gett --severity invalid_json=warning",
             "--severity: 'invalid_json' reports input that cannot be read; its severity cannot be lowered below error"),
            ("convert --from gett --to canonical --disable invalid_json", "--ignore (or --disable): 'invalid_json' reports input that cannot be read; it cannot be disabled"),
            ("fix --format gett --severity json_too_deep=note",
             "--severity: 'json_too_deep' reports input that cannot be read; its severity cannot be lowered below error"),
            ("lint --disable yaml_syntax", "--ignore (or --disable): 'yaml_syntax' reports input that cannot be read; it cannot be disabled"),
            ("lint --disable yaml_limits", "--ignore (or --disable): 'yaml_limits' reports input that cannot be read; it cannot be disabled"),
            ("lint --severity yaml_syntax=warning",
             "--severity: 'yaml_syntax' reports input that cannot be read; its severity cannot be lowered below error"),
        ])
        /// (`--disable` is `--ignore`'s other name: the message names the flag once, as `--ignore`.)
        func parseAndLimitRulesCannotBeTurnedOff(_ command: String, _ message: String) throws {
            let r = try runShell("exec \"$AVAIL\" \(command) - < /dev/null")
            #expect(r == RunResult(exit: 2, stdout: "", stderr: "avail: error: \(message)\n"))
        }

        /// Raising one to error, its own level, is no change and is accepted.
        @Test func settingTheirSeverityToErrorIsAccepted() throws {
            let r = try runAvail(["validate", "--format", "gett", "--severity", "invalid_json=error", "-"], stdin: "{")
            #expect(r.exit == 1 && r.stdout.hasSuffix("[invalid_json]\nFound 1 error.\n"))
        }

        /// The library keeps them too, whatever settings it is given.
        @Test func settingsNeverDropThem() {
            let settings = RuleSettings(disabled: ["invalid_json", "unknown_field"], severities: ["invalid_json": .note])
            let v = Validator(format: GettFormat(kind: .request), now: Timestamp.epoch, settings: settings)
            #expect(v.validate(Array("{".utf8)).map { "\($0.ruleID):\($0.severity)" } == ["invalid_json:error"])
            let linter = ConfigLinter(now: Timestamp.epoch, settings: RuleSettings(disabled: ["yaml_syntax"]))
            #expect(linter.lint(Array("a: [b\n".utf8)).findings.map(\.ruleID) == ["yaml_syntax"])
        }

        /// `lint /dev/zero` reads 64 MiB and one byte, and says the file is too large (no `--ndjson`, which lint lacks).
        @Test func lintOfAnEndlessFileIsAYAMLLimit() throws {
            let r = try runAvail(["lint", "/dev/zero"])
            #expect(r == RunResult(exit: 1, stdout: "/dev/zero:1:1: error: the file is larger than 64 MiB; split the configuration [yaml_limits]\nFound 1 error.\n", stderr: ""))
        }

        /// A YAML file over 64 MiB is `yaml_limits`, not `yaml_syntax`.
        @Test func aConfigOverSixtyFourMebibytesIsAYAMLLimit() throws {
            try withTemporaryDirectory { dir in
                var text = "version: 1\nstores:\n  - id: downtown\n    timezone: America/Denver\n"
                text += String(repeating: "# " + String(repeating: "x", count: 1021) + "\n", count: 65 * 1024)
                try text.write(to: dir.appendingPathComponent("big.yaml"), atomically: true, encoding: .utf8)
                let r = try runAvail(["lint", "big.yaml"], in: dir)
                #expect(r == RunResult(exit: 1, stdout: "big.yaml:1:1: error: the file is larger than 64 MiB; split the configuration [yaml_limits]\nFound 1 error.\n", stderr: ""))
            }
        }

        /// A document over 256 MiB is a finding with its own id (it was a usage
        /// error that suggested --ndjson); only 256 MiB and a byte are read.
        @Test func aDocumentOverTheLimitIsAFinding() throws {
            let r = try runAvail(["validate", "--format", "gett", "/dev/zero"])
            #expect(r == RunResult(exit: 1, stdout: "/dev/zero:1:1: error: the document is larger than 256 MiB; it is not read (one payload per line? pass --ndjson) [document_too_large]\nFound 1 error.\n", stderr: ""))
            let convert = try runAvail(["convert", "--from", "gett", "--to", "canonical", "/dev/zero"])
            #expect(convert == RunResult(exit: 1, stdout: "", stderr: "/dev/zero:1:1: error: the document is larger than 256 MiB; it is not read (one payload per line? pass --ndjson) [document_too_large]\n"))
        }

        /// An NDJSON line over 16 MiB is `record_too_large`, not `invalid_json`.
        @Test func aRecordOverTheLimitHasItsOwnRule() throws {
            try withTemporaryDirectory { dir in
                let long = #"{"status": "online", "reason": ""# + String(repeating: "x", count: 17 << 20) + #""}"#
                try ([#"{"status": "online"}"#, long, #"{"status": "Paused"}"#].joined(separator: "\n") + "\n").write(
                    to: dir.appendingPathComponent("s.ndjson"), atomically: true, encoding: .utf8)
                let r = try runAvail(["validate", "--format", "gett", "--ndjson", "s.ndjson"], in: dir)
                #expect(r.stdout == """
                    s.ndjson:2:1: error: record 2: the record is longer than 16 MiB; it is not read [record_too_large]
                    s.ndjson:3:12: error: record 3: 'status' value 'Paused' is not one of 'online', 'paused'; did you mean 'paused'? [enum_value] [*]
                    Found 2 errors (1 fixable with 'avail fix').

                    """)
                #expect(r.exit == 1)
            }
        }

        /// `convert --ndjson --keep-invalid` passes a record over 16 MiB through
        /// unchanged (it was dropped), in place, with one or two jobs, ended by
        /// a line break or by the end of the input.
        @Test(arguments: [1, 2])
        func keepInvalidPassesAnOversizedRecordThrough(_ jobs: Int) throws {
            try withTemporaryDirectory { dir in
                let long = #"{"status": "online", "reason": ""# + String(repeating: "y", count: (17 << 20) + 12_345) + #""}"#
                for last in ["\n", ""] {
                    let input = #"{"status": "online"}"# + "\n" + long + "\n" + #"{"status": "online"}"# + "\n" + long + last
                    try input.write(to: dir.appendingPathComponent("s.ndjson"), atomically: true, encoding: .utf8)
                    let r = try runAvail(
                        ["convert", "--from", "gett", "--to", "gett", "--ndjson", "--keep-invalid", "--jobs", String(jobs), "s.ndjson", "-o", "out.ndjson"],
                        in: dir)
                    #expect(r.exit == 1)
                    #expect(r.stderr == """
                        s.ndjson:2:1: error: record 2: the record is longer than 16 MiB; it is not read [record_too_large]
                        s.ndjson:4:1: error: record 4: the record is longer than 16 MiB; it is not read [record_too_large]
                        avail: error: 2 records not converted (2 converted)

                        """)
                    let out = try String(contentsOf: dir.appendingPathComponent("out.ndjson"), encoding: .utf8)
                    #expect(out == #"{"status":"online"}"# + "\n" + long + "\n" + #"{"status":"online"}"# + "\n" + long + "\n", "jobs \(jobs), last line \(last.isEmpty ? "unended" : "ended")")
                }
            }
        }

        /// The pipeline hands an oversized record's bytes on in order, in pieces
        /// no longer than a batch, however the reads cut them.
        @Test func oversizedRecordsArePassedInPieces() throws {
            var random = SeededRandom(state: 25)
            for _ in 0..<40 {
                var lines: [String] = []
                for _ in 0..<Int.random(in: 1...12, using: &random) {
                    let length = Int.random(in: 0...90, using: &random)
                    lines.append(String(repeating: "a", count: length))
                }
                let text = lines.joined(separator: "\n") + (Bool.random(using: &random) ? "\n" : "")
                let pipeline = NDJSONPipeline(batchBytes: Int.random(in: 1...20, using: &random), maxRecordBytes: 30, passOversized: true)
                let pieces = try streamPieces(Array(text.utf8), pipeline: pipeline)
                var rebuilt: [UInt8] = []
                var records: [Int] = []
                for p in pieces {
                    rebuilt += p.bytes
                    if p.endsLine { rebuilt.append(0x0A) }
                    if !p.continuation { records.append(p.number) }
                }
                let expected = lines.filter { !$0.isEmpty }.map { $0 + "\n" }.joined()
                #expect(String(decoding: rebuilt, as: UTF8.self) == expected, "\(lines.map(\.count))")
                let count = lines.filter { !$0.isEmpty }.count
                #expect(records == (count == 0 ? [] : Array(1...count)), "each record once, in order")
            }
        }

        func streamPieces(_ bytes: [UInt8], pipeline: NDJSONPipeline) throws -> [(number: Int, bytes: [UInt8], endsLine: Bool, continuation: Bool)] {
            var fds: [Int32] = [0, 0]
            #expect(pipe(&fds) == 0)
            let writer = fds[1]
            let writing = Thread {
                bytes.withUnsafeBytes { raw in
                    var done = 0
                    while done < raw.count, let base = raw.baseAddress {
                        let n = write(writer, base + done, raw.count - done)
                        if n <= 0 { break }
                        done += n
                    }
                }
                close(writer)
            }
            writing.start()
            defer { close(fds[0]) }
            var out: [(number: Int, bytes: [UInt8], endsLine: Bool, continuation: Bool)] = []
            try pipeline.run(fd: fds[0], process: { r in (r.number, Array(r.bytes), r.endsLine, r.isContinuation) }) { piece in
                out.append(piece)
                return true
            }
            return out
        }
    }
}
