import AvailConfig
import Foundation
import Testing

@testable import AvailKit

/// File arguments as a repository uses them, `--quiet`, and colour.
@Suite struct InputAndOutputFlagTests {
    @Test func directoriesAndGlobsExpandToTheirFiles() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("avail-dirs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("payloads/nested"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("payloads/.git"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try #"{"status": "online"}"#.write(to: dir.appendingPathComponent("payloads/a.json"), atomically: true, encoding: .utf8)
        try #"{"status": "Paused"}"#.write(to: dir.appendingPathComponent("payloads/nested/b.json"), atomically: true, encoding: .utf8)
        try #"{"status": 1}"#.write(to: dir.appendingPathComponent("payloads/.git/c.json"), atomically: true, encoding: .utf8)
        try "not json".write(to: dir.appendingPathComponent("payloads/notes.txt"), atomically: true, encoding: .utf8)

        let expected =
            "payloads/nested/b.json:1:12: error: 'status' value 'Paused' is not one of 'online', 'paused'; did you mean 'paused'? [enum_value] [*]\n"
            + "Found 1 error (1 fixable with 'avail fix').\n"
        #expect(try runAvail(["validate", "--format", "gett", "payloads"], in: dir) == RunResult(exit: 1, stdout: expected, stderr: ""))
        #expect(try runAvail(["validate", "--format", "gett", "payloads/*/*.json"], in: dir) == RunResult(exit: 1, stdout: expected, stderr: ""))
        // With --ndjson a directory stands for its streams, *.ndjson and *.jsonl.
        try "{\"status\": \"x\"}\n".write(to: dir.appendingPathComponent("payloads/s.jsonl"), atomically: true, encoding: .utf8)
        let stream = try runAvail(["validate", "--format", "gett", "--ndjson", "payloads"], in: dir)
        #expect(stream.exit == 1 && stream.stdout.hasPrefix("payloads/s.jsonl:1:12: error: record 1: 'status' value 'x'"))
        let none = try runAvail(["validate", "--format", "gett", "payloads/*.yaml"], in: dir)
        #expect(none == RunResult(exit: 2, stdout: "", stderr: "avail: error: no file matches 'payloads/*.yaml'\n"))
    }

    /// `**` is any number of whole directories, none included, as in a
    /// settings file's patterns: glob(3) read it as `*`, one level exactly,
    /// so 'payloads/**/*.json' missed payloads/a.json and payloads/x/y/z.json.
    @Test func doubleStarGlobsMatchAtAnyDepth() throws {
        try withTemporaryDirectory { dir in
            for path in ["payloads/x/y", "payloads/.git", "other"] {
                try FileManager.default.createDirectory(at: dir.appendingPathComponent(path), withIntermediateDirectories: true)
            }
            for path in ["payloads/a.json", "payloads/x/b.json", "payloads/x/y/c.json", "payloads/.git/d.json", "other/e.json"] {
                try #"{"status": "x"}"#.write(to: dir.appendingPathComponent(path), atomically: true, encoding: .utf8)
            }
            try "not json".write(to: dir.appendingPathComponent("payloads/x/notes.txt"), atomically: true, encoding: .utf8)
            func files(_ pattern: String) throws -> [String] {
                let r = try runAvail(["validate", "--format", "gett", "--isolated", pattern], in: dir)
                #expect(r.exit == 1, "\(pattern): \(r.stderr)")
                return r.stdout.split(separator: "\n").dropLast().map { String($0.prefix { $0 != ":" }) }
            }
            #expect(try files("payloads/**/*.json") == ["payloads/a.json", "payloads/x/b.json", "payloads/x/y/c.json"])
            #expect(try files("**/c.json") == ["payloads/x/y/c.json"])
            #expect(try files("payloads/**") == ["payloads/a.json", "payloads/x/b.json", "payloads/x/y/c.json"])
            #expect(try files("payloads/x/**/*.json") == ["payloads/x/b.json", "payloads/x/y/c.json"])
            #expect(try files("**/*.json") == ["other/e.json", "payloads/a.json", "payloads/x/b.json", "payloads/x/y/c.json"])
            // A file named twice, or by its folder and a glob as well, is read once (as ruff reads it).
            let twice = try runAvail(["validate", "--format", "gett", "--isolated", "payloads/a.json", "./payloads/a.json", "payloads/x", "payloads/**/b.json"], in: dir)
            #expect(twice.stdout.split(separator: "\n").map { String($0.prefix { $0 != ":" }) } == ["payloads/a.json", "payloads/x/b.json", "payloads/x/y/c.json", "Found 3 errors."])
            let none = try runAvail(["validate", "--format", "gett", "--isolated", "payloads/**/*.yaml"], in: dir)
            #expect(none == RunResult(exit: 2, stdout: "", stderr: "avail: error: no file matches 'payloads/**/*.yaml'\n"))
        }
    }

    @Test func quietShowsOnlyErrorsAndPipesGetNoColour() throws {
        let input = #"{"status": "Paused", "resume_at": "x"}"#
        let all = try runAvail(["validate", "--format", "gett", "-"], stdin: input)
        #expect(all.stdout.contains("[unknown_field]") && all.stdout.contains("[enum_value]"))
        #expect(!all.stdout.contains("\u{1B}["), "no colour when stdout is not a terminal")
        let enumValue = "<stdin>:1:12: error: 'status' value 'Paused' is not one of 'online', 'paused'; did you mean 'paused'? [enum_value] [*]\n"
        let unknownField = "<stdin>:1:22: warning: unknown field 'resume_at' in Gett StoreStatusUpdate; did you mean 'resumeAt'? [unknown_field]\n"
        // --quiet as ruff means it: the findings and no summary line.
        let quiet = try runAvail(["validate", "--format", "gett", "--quiet", "-"], stdin: input)
        #expect(quiet == RunResult(exit: 1, stdout: enumValue + unknownField, stderr: ""))
        // --errors-only shows the errors; the summary still counts everything.
        let errors = try runAvail(["validate", "--format", "gett", "--errors-only", "-"], stdin: input)
        #expect(errors == RunResult(exit: 1, stdout: enumValue + "Found 1 error and 1 warning (1 fixable with 'avail fix').\n", stderr: ""))
        #expect(try runAvail(["validate", "--format", "gett", "--silent", "-"], stdin: input) == RunResult(exit: 1, stdout: "", stderr: ""))
    }

    @Test func colourMarksTheSeverityWord() {
        let f = Finding(ruleID: "enum_value", severity: .error, message: "m", location: SourceLocation(line: 1, column: 2), pointer: "")
        #expect(TextReporter(file: "x", color: true).render([f]) == "x:1:2: \u{1B}[1;31merror\u{1B}[0m: m [enum_value]\n")
        #expect(TextReporter(file: "x").render([f]) == "x:1:2: error: m [enum_value]\n")
    }

    /// A --set field no encoder reads is refused, not ignored.
    @Test func unknownSetFieldIsAUsageError() throws {
        let r = try runAvail(["convert", "--from", "gett", "--to", "tokopedia", "--set", "shopid=1", "-"], stdin: #"{"status": "online"}"#)
        #expect(r == RunResult(exit: 2, stdout: "", stderr: "avail: error: --set: no target reads a field 'shopid'; the fields are shop_id, end_date, reason, merchant_supplied_id, doordash_store_id, channel_links.CHANNEL, accountId, restaurantIds, allowRestaurantOverride, tenant, platforms.KEY, closing_minutes, merchantID; did you mean 'shop_id'?\n"))
        let link = try runAvail(["convert", "--from", "canonical", "--to", "deliverect", "--set", "channel_links.ubereats=606d8489f0ddf13b0a1b2c36", "--compact", "-"], stdin: #"{"state": "open", "channels": ["ubereats"]}"#)
        #expect(link.stdout == #"{"isActive":true,"channelLinks":["606d8489f0ddf13b0a1b2c36"]}"# + "\n")
    }

    /// A --set value the field cannot take is refused before anything is
    /// converted: an unknown tenant was written into the payload (exit 0), and
    /// 'maybe' was read as true.
    @Test(arguments: [
        ("justeat.offline-status", "tenant=UK", "--set tenant='UK' is not one of au, ca, dk, es, ie, it, no, nz, uk; did you mean 'uk'?"),
        ("justeat", "allowRestaurantOverride=maybe", "--set allowRestaurantOverride='maybe' is not true or false"),
        ("tokopedia", "shop_id=abc", "--set shop_id='abc' is not an integer"),
        ("tokopedia", "end_date=tomorrow", "--set end_date='tomorrow' is not an integer"),
        ("tokopedia", "shop_id=99999999999999999999", "--set shop_id='99999999999999999999' does not fit a 64-bit integer"),
        ("doordash.deactivation", "doordash_store_id=12a", "--set doordash_store_id='12a' is not an integer"),
        ("deliveryhero", "closing_minutes=30,0", "--set closing_minutes='30,0' is not a comma-separated list of integers from 1 to 525600"),
    ])
    func setValueOfTheWrongKindIsAUsageError(target: String, set: String, message: String) throws {
        let r = try runAvail(["convert", "--from", "gett", "--to", target, "--set", set, "--allow-lossy", "-"], stdin: #"{"status": "online"}"#)
        #expect(r == RunResult(exit: 2, stdout: "", stderr: "avail: error: \(message)\n"))
    }
}
