import Foundation
import Testing

@testable import AvailConfig
@testable import AvailKit

extension ReliabilityTests {
    /// What grows with the input grows linearly: each test is a hostile input
    /// for one path, with a bound the quadratic code missed by far (issue 25,
    /// "quadratic or worse on small, valid input"). Bounds are for a debug
    /// build on a loaded two-core machine.
    @Suite struct LinearityTests {
        /// A stream whose records each drop a different unknown key: the loss
        /// summary found its entries by a linear search (40,000 records took 7.7 s
        /// in a release build, 3,000,000 did not finish in 120 s), and it holds
        /// at most ``LossSummary/maxEntries`` entries.
        @Test func lossSummaryWithADifferentFieldPerRecord() {
            var summary = LossSummary()
            let took = seconds {
                for i in 0..<60_000 {
                    let loss = Loss(kind: .dropped, field: "k\(i)", origin: nil, message: "unknown field 'k\(i)' is dropped")
                    var worker = LossSummary()
                    let marks = worker.tally([loss], record: i + 1, line: i + 1, file: nil)
                    summary.add(marks, from: worker)
                }
            }
            #expect(took < 5, "took \(took) s")
            let findings = summary.findings
            #expect(findings.count == LossSummary.maxEntries + 1)
            #expect(findings.first?.message == "unknown field 'k0' is dropped (in 1 record; the first is shown)")
            #expect(findings.last?.message == "unknown field 'k1000' is dropped (one of 59000 losses of fields past the 1000 summarized one by one; the first is shown)")
            #expect(findings.last?.record == 1001)
        }

        @Test func streamConversionWithADifferentUnknownKeyPerRecord() throws {
            try withTemporaryDirectory { dir in
                let lines = (0..<20_000).map { #"{"status": "online", "k\#($0)": 1}"# }
                try (lines.joined(separator: "\n") + "\n").write(to: dir.appendingPathComponent("s.ndjson"), atomically: true, encoding: .utf8)
                var r = RunResult(exit: 0, stdout: "", stderr: "")
                let took = try seconds {
                    r = try runAvail(["convert", "--from", "gett", "--to", "canonical", "--ndjson", "--allow-lossy", "s.ndjson", "-o", "out.ndjson"], in: dir)
                }
                #expect(r.exit == 0)
                // A warning per record (each has an unknown field), then the summary: at most 1,000 lines and one for the rest.
                #expect(r.stderr.split(separator: "\n").filter { $0.contains("the first is shown") }.count == LossSummary.maxEntries + 1)
                #expect(took < 20, "took \(took) s")
            }
        }

        /// 20,000 file arguments took 11 s (ArgumentParser merges the origin of
        /// every earlier value into each new one); the same files as a directory 0.2 s.
        @Test func twentyThousandFileArguments() throws {
            try withTemporaryDirectory { dir in
                // The cost is in the arguments, not the files: one file named 20,000 times.
                _ = FileManager.default.createFile(atPath: dir.appendingPathComponent("a.json").path, contents: Data(#"{"status": "online"}"#.utf8))
                let names = Array(repeating: "a.json", count: 20_000)
                _ = FileManager.default.createFile(atPath: dir.appendingPathComponent("z.json").path, contents: Data(#"{"status": "Paused"}"#.utf8))
            var r = RunResult(exit: 0, stdout: "", stderr: "")
                let took = try seconds { r = try runAvail(["validate", "--format", "gett"] + names + ["--strict", "z.json"], in: dir) }
                #expect(
                    r.stdout == "z.json:1:12: error: 'status' value 'Paused' is not one of 'online', 'paused'; did you mean 'paused'? [enum_value] [*]\n"
                        + "Found 1 error (1 fixable with 'avail fix').\n")
                #expect(r.exit == 1)
                #expect(took < 6, "took \(took) s")
                // The operands split off: options among and after them, `--` and a lone `-` still mean what they meant.
                let tail = try runAvail(["validate"] + names.prefix(300) + ["--format", "gett", "--", "z.json"], in: dir)
                #expect(tail.stdout == r.stdout)
            }
        }

        /// A canonical channel list: each name was compared with every earlier
        /// one (20,000 in 0.4 s, 80,000 in 7 s), in a document and in a config's
        /// availability block. CanonicalFormat.decodeList keeps a set beside the list now.
        @Test func eightyThousandChannels() throws {
            let n = 80_000
            let document = #"{"state": "open", "channels": ["# + (0..<n).map { #""c\#($0)""# }.joined(separator: ", ") + "]}"
            let took = seconds { _ = Validator(format: CanonicalFormat(), now: Timestamp.epoch).validate(Array(document.utf8)) }
            #expect(took < 3, "took \(took) s")
            let config = "version: 1\nstores:\n  - id: x\n    timezone: America/Denver\n    availability:\n      state: open\n      channels:\n"
                + (0..<n).map { "        - c\($0)\n" }.joined()
            let lint = seconds { _ = ConfigLinter(now: Timestamp.epoch).lint(Array(config.utf8)) }
            #expect(lint < 6, "took \(lint) s")
        }

        /// `fix --ndjson` held the file, the fixed copy and a copy of each line
        /// (1.8 GB for 257 MB; 3.6 GB with --diff); it streams now.
        @Test func fixStreamsInBoundedMemory() throws {
            try withTemporaryDirectory { dir in
                // 32 MiB in 336 records: few records, so the run is quick even unoptimized.
                let pad = String(repeating: "x", count: 100_000)
                var text = ""
                for i in 0..<336 {
                    text += (i % 50 == 0 ? #"{"status": "Paused", "reason": "too_busy", "x": ""# : #"{"status": "online", "x": ""#) + pad + "\"}\n"
                }
                try text.write(to: dir.appendingPathComponent("s.ndjson"), atomically: true, encoding: .utf8)
                let inPlace = try peakRSS(ofShell: "\"$AVAIL\" fix --format gett --ndjson --quiet s.ndjson", in: dir)
                #expect(inPlace.exit == 0)
                #expect(inPlace.mb < 64, "peak \(inPlace.mb) MB for a 32 MiB stream")
                #expect(try String(contentsOf: dir.appendingPathComponent("s.ndjson"), encoding: .utf8) == text.replacingOccurrences(of: "Paused", with: "paused"))
                try text.write(to: dir.appendingPathComponent("s.ndjson"), atomically: true, encoding: .utf8)
                let diff = try peakRSS(ofShell: "\"$AVAIL\" fix --format gett --ndjson --quiet --diff s.ndjson > diff.txt", in: dir)
                #expect(diff.exit == 1, "a pending fix fails --diff")
                #expect(diff.mb < 64, "peak \(diff.mb) MB for a 32 MiB stream's diff")
            }
        }

        /// A 100 MB line through a pipe was skipped at 15 MB/s (each read searched
        /// everything held for a line break); each byte is searched once now.
        @Test func aLongLineThroughAPipe() throws {
            var r = RunResult(exit: 0, stdout: "", stderr: "")
            let took = try seconds {
                r = try runShell("head -c 100000000 /dev/zero | tr '\\0' x | \"$AVAIL\" validate --format gett --ndjson -")
            }
            #expect(r == RunResult(exit: 1, stdout: "<stdin>:1:1: error: record 1: the record is longer than 16 MiB; it is not read [record_too_large]\nFound 1 error.\n", stderr: ""))
            #expect(took < 5, "took \(took) s")
        }

        /// Suppression comments were looked for with a Foundation string search
        /// per comment line: 7 s for a 63 MiB config, 6.0 s for 2,000,000 short
        /// comments (`avail lint`, release build). The scan alone, in process.
        @Test func twoMillionCommentLines() throws {
            let text = Array(("version: 1\nstores:\n  - id: downtown   # avail-disable-line closure_in_past\n" + String(repeating: "# a\n", count: 2_000_000)).utf8)
            let lines = LineOffsets(text)
            var suppressions: Suppressions?
            let took = seconds { suppressions = Suppressions(text, lines: lines) }
            #expect(suppressions?.byLine == [3: ["closure_in_past"]])
            #expect(took < 2.5, "took \(took) s")
            // And the command, on a small one: the comment still suppresses.
            try withTemporaryDirectory { dir in
                let config = "version: 1\nstores:\n  - id: NO   # avail-disable-line yaml_ambiguous_scalar\n    timezone: America/Denver\n" + String(repeating: "# a\n", count: 10_000)
                try config.write(to: dir.appendingPathComponent("c.yaml"), atomically: true, encoding: .utf8)
                #expect(try runAvail(["lint", "c.yaml"], in: dir) == RunResult(exit: 0, stdout: "All checks passed.\n", stderr: ""))
            }
        }

        /// The github reporter joined strings through five Foundation
        /// replacements per finding (5.5 times the text reporter); it writes bytes as text does.
        @Test func githubReporterKeepsUpWithText() {
            let findings = (0..<100_000).map { i in
                Finding(
                    ruleID: "enum_value", severity: .error, message: "'status' value 'Paused' is not one of 'online', 'paused'; did you mean 'paused'?",
                    location: SourceLocation(line: i + 1, column: 12), pointer: "/status", file: "payloads/stream.ndjson", record: i + 1)
            }
            var text: [UInt8] = []
            var github: [UInt8] = []
            let textTook = seconds { ReportWriter(.text).render(findings, into: &text) }
            let githubTook = seconds { ReportWriter(.github).render(findings, into: &github) }
            #expect(githubTook < textTook * 3 + 0.05, "github \(githubTook) s, text \(textTook) s")
        }
    }
}
