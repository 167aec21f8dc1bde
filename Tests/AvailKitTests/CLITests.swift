import Foundation
import Testing

@testable import AvailKit

@Suite struct CLITests {
    let pause = #"{ "status": "paused", "reason": "too_busy", "resumeAt": "2026-01-15T14:00:00Z" }"#

    @Test func formatsListsEveryFormat() throws {
        let r = try runAvail(["formats"])
        #expect(r.exit == 0)
        #expect(r.stdout.split(separator: "\n").map { String($0.split(separator: " ")[0]) } == Formats.ids)
    }

    @Test func schemaPrintsTheShippedFile() throws {
        for id in Formats.ids + ["store-config"] {
            let r = try runAvail(["schema", id])
            let file = try String(contentsOf: Paths.schemas.appendingPathComponent("\(id).schema.json"), encoding: .utf8)
            #expect(r == RunResult(exit: 0, stdout: file, stderr: ""))
        }
    }

    /// Workers write into their own buffers; the stream comes out the same, in order, whatever `--jobs`.
    @Test func ndjsonOutputDoesNotDependOnJobs() throws {
        var lines: [String] = []
        for i in 0..<300 {
            switch i % 4 {
            case 0: lines.append(#"{"status": "online"}"#)
            case 1: lines.append(#"{"status": "paused", "reason": "too_busy", "resumeAt": "2026-01-15T14:\#(String(i % 60).leftPadded(to: 2)):00Z"}"#)
            case 2: lines.append(#"{"status": "paused"}"#)  // needs --reason: not converted
            default: lines.append(#"{"status": "#)  // not JSON
            }
        }
        let input = lines.joined(separator: "\n") + "\n"
        let args = ["convert", "--from", "gett", "--to", "lula", "--ndjson", "--allow-lossy", "--keep-invalid", "-"]
        let one = try runAvail(args + ["--jobs", "1"], stdin: input)
        #expect(one.exit == 1)
        #expect(one.stdout.split(separator: "\n").count == 300)
        #expect(one.stdout.split(separator: "\n")[1] == #"{"dsp_name":"All","is_active":false,"end_time":"2026-01-15T14:01:00Z"}"#)
        for jobs in ["2", "3"] {
            #expect(try runAvail(args + ["--jobs", jobs], stdin: input) == one)
        }
        // The default: every core.
        #expect(try runAvail(args, stdin: input) == one)
    }

    /// A regular file is read, processed and emitted overlapped when `--jobs`
    /// is above 1: the output, and where `--fail-fast` stops, do not depend on
    /// it. The file spans several 1 MiB batches, and the bad record sits in
    /// the second, so a batch is in flight when the stream stops.
    @Test func pipelinedFileStopsWhereOneJobStops() throws {
        let good = (0..<14_000).map { i in #"{"status": "paused", "reason": "too_busy", "resumeAt": "2026-01-15T14:\#(String(i % 60).leftPadded(to: 2)):00Z"}"# }
        let text = (good + [#"{"status": "paused"}"#] + good).joined(separator: "\n") + "\n"
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("avail-pipelined-\(UUID().uuidString).ndjson")
        try text.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let validate = ["validate", "--format", "gett", "--ndjson", "--now", "2026-01-01T00:00:00Z", file.path]
        let stopped = try runAvail(validate + ["--fail-fast", "--jobs", "1"])
        #expect(stopped == RunResult(
            exit: 1,
            stdout: "\(file.path):14001:12: error: record 14001: a paused store needs a 'reason'; add one of 'operational_issues', "
                + "'staff_shortage', 'too_busy', 'maintenance', 'other' (status is 'paused') [paused_requires_reason]\nFound 1 error.\n",
            stderr: ""))
        let convert = [
            "convert", "--from", "gett", "--to", "lula", "--ndjson", "--allow-lossy", "--now", "2026-01-01T00:00:00Z", "--fail-fast", file.path,
        ]
        let converted = try runAvail(convert + ["--jobs", "1"])
        #expect(converted.exit == 1)
        #expect(converted.stdout.split(separator: "\n").count == 14_000)
        for jobs in ["2", "3"] {
            #expect(try runAvail(validate + ["--fail-fast", "--jobs", jobs]) == stopped)
            #expect(try runAvail(convert + ["--jobs", jobs]) == converted)
        }
        #expect(try runAvail(validate + ["--jobs", "2"]) == stopped)
        #expect(try runAvail(convert) == converted, "the default, every core")
    }

    /// A stream encodes records without loss messages and encodes again, with
    /// them, a record whose losses are shown: the first of each kind and field
    /// (record 3's approximation is new, its dropped reason is not), and every
    /// loss of a refused record. The messages and places are the same as a
    /// single document's.
    @Test func streamDescribesTheLossesItShows() throws {
        let input = [
            #"{"status":"online"}"#,
            #"{"status":"paused","reason":"too_busy","pausedAt":"2027-01-01T00:00:00Z","resumeAt":"2027-01-01T02:00:00Z","x":1}"#,
            #"{"status":"paused","reason":"other","resumeAt":"2027-01-02T02:00:00.5Z"}"#,
        ].joined(separator: "\n") + "\n"
        let args = ["convert", "--from", "gett.status", "--to", "tokopedia", "--ndjson", "--set", "shop_id=1", "--now", "2026-12-01T00:00:00Z", "-"]
        let open = #"{"shop_id":1,"action":"open"}"# + "\n"
        let unknown = "<stdin>:2:108: warning: record 2: unknown field 'x' in Gett StoreStatus [unknown_field]\n"
        let accepted = try runAvail(args + ["--allow-lossy"], stdin: input)
        #expect(accepted == RunResult(
            exit: 0,
            stdout: open + #"{"shop_id":1,"action":"close","start_date":1796083200,"end_date":1798768800,"close_now":true}"# + "\n"
                + #"{"shop_id":1,"action":"close","start_date":1796083200,"end_date":1798855200,"close_now":true}"# + "\n",
            stderr: unknown
                + "<stdin>:2:85: note: record 2: until '2027-01-01T02:00:00Z' is written as '1798768800' (same instant) (in 1 record; the first is shown) [reencoded]\n"
                + "<stdin>:2:29: warning: record 2: reason 'too_busy' is dropped; Tokopedia has no reason codes (close_note is free text) (in 2 records; the first is shown) [loss_dropped]\n"
                + "<stdin>:2:51: warning: record 2: since '2027-01-01T00:00:00Z' is dropped; a Tokopedia request cannot say when the state began (in 1 record; the first is shown) [loss_dropped]\n"
                + "<stdin>:2:108: warning: record 2: unknown field 'x' with value '1' is dropped; tokopedia has no such field (in 1 record; the first is shown) [loss_dropped]\n"
                + "<stdin>:3:48: warning: record 3: until '2027-01-02T02:00:00.5Z' is approximated; tokopedia holds whole UNIX seconds, so it becomes 1798855200 (in 1 record; the first is shown) [loss_approximated]\n"))
        let refused = try runAvail(args, stdin: input)
        #expect(refused == RunResult(
            exit: 1, stdout: open,
            stderr: unknown
                // Refused losses are errors, in reading order, then the refusal saying how to accept them.
                + "<stdin>:2:29: error: record 2: reason 'too_busy' is dropped; Tokopedia has no reason codes (close_note is free text) [loss_dropped]\n"
                + "<stdin>:2:51: error: record 2: since '2027-01-01T00:00:00Z' is dropped; a Tokopedia request cannot say when the state began [loss_dropped]\n"
                + "<stdin>:2:108: error: record 2: unknown field 'x' with value '1' is dropped; tokopedia has no such field [loss_dropped]\n"
                + "<stdin>:2:1: error: record 2: refusing a conversion to tokopedia that is lossy (3 losses); accept with --accept-loss loss_dropped:reason "
                + "--accept-loss loss_dropped:since --accept-loss loss_dropped:x, or --allow-lossy for every one [conversion_refused]\n"
                + "<stdin>:3:29: error: record 3: reason 'other' is dropped; Tokopedia has no reason codes (close_note is free text) [loss_dropped]\n"
                + "<stdin>:3:48: error: record 3: until '2027-01-02T02:00:00.5Z' is approximated; tokopedia holds whole UNIX seconds, so it becomes 1798855200 [loss_approximated]\n"
                + "<stdin>:3:1: error: record 3: refusing a conversion to tokopedia that is lossy (2 losses); accept with --accept-loss loss_approximated:until "
                + "--accept-loss loss_dropped:reason, or --allow-lossy for every one [conversion_refused]\n"
                + "avail: error: 2 records not converted (1 converted)\n"))
    }

    /// A stream summarizes the decoder's losses as it does the encoder's: a
    /// Deliverect record's `channelLink` read as `channelLinks` is a note
    /// counted in every record that has it, whatever the encoder lost (here
    /// nothing, Deliverect to itself, which had hidden it in every record).
    @Test func streamSummarizesTheDecodersLosses() throws {
        let input = [
            #"{"isActive":false,"channelLinks":["606d8489f0ddf13b00000006"]}"#,
            #"{"isActive":false,"channelLink":["606d8489f0ddf13b00000006"]}"#,
            #"{"isActive":false,"channelLink":["606d8489f0ddf13b00000006"]}"#,
        ].joined(separator: "\n") + "\n"
        let written = String(repeating: #"{"isActive":false,"channelLinks":["606d8489f0ddf13b00000006"]}"# + "\n", count: 3)
        let older = "warning: record %d: 'channelLink' is the older name; Deliverect's reference calls it 'channelLinks' [deliverect_channel_link_name]\n"
        for jobs in ["1", "2"] {
            let r = try runAvail(["convert", "--from", "deliverect", "--to", "deliverect", "--ndjson", "--jobs", jobs, "-"], stdin: input)
            #expect(r == RunResult(
                exit: 0, stdout: written,
                stderr: "<stdin>:2:33: " + String(format: older, 2) + "<stdin>:3:33: " + String(format: older, 3)
                    + "<stdin>:2:33: note: record 2: 'channelLink' is read as 'channelLinks' (in 2 records; the first is shown) [reencoded]\n"))
        }
    }

    @Test func convertsStdinCompact() throws {
        let r = try runAvail(["convert", "--from", "gett", "--to", "canonical", "--compact", "-"], stdin: pause)
        #expect(r == RunResult(exit: 0, stdout: #"{"state":"paused","reason":"too_busy","until":"2026-01-15T14:00:00Z"}"# + "\n", stderr: ""))
    }

    @Test func badJSONIsExitOneWithLocation() throws {
        let r = try runAvail(["convert", "--from", "gett", "--to", "canonical"], stdin: "{\"status\": \"paused\",\n  \"reason\" \"too_busy\"}")
        #expect(r == RunResult(exit: 1, stdout: "", stderr: "<stdin>:2:12: error: unexpected '\"'; expected ':' after the key [invalid_json]\n"))
    }

    @Test func missingFileIsExitTwo() throws {
        let r = try runAvail(["convert", "--from", "gett", "--to", "canonical", "/nonexistent/x.json"])
        #expect(r == RunResult(exit: 2, stdout: "", stderr: "avail: error: cannot read '/nonexistent/x.json': No such file or directory\n"))
    }

    @Test func unknownFormatIsExitTwo() throws {
        let r = try runAvail(["convert", "--from", "uber", "--to", "canonical", "-"], stdin: pause)
        #expect(r.exit == 2)
        // One error prefix, and no list of every id: 'avail formats' has them.
        #expect(r.stderr.hasPrefix("avail: error: The value 'uber' is invalid for '--from <from>': unknown format 'uber' ('avail formats' lists them)\n"))
        let near = try runAvail(["convert", "--from", "doordash-webhook", "--to", "canonical", "-"], stdin: pause)
        #expect(near.exit == 2)
        #expect(near.stderr.hasPrefix("avail: error: The value 'doordash-webhook' is invalid for '--from <from>': unknown format 'doordash-webhook'; did you mean"), "\(near.stderr)")
    }

    @Test func usageErrorsAreExitTwo() throws {
        #expect(try runAvail(["convert", "--from", "gett", "--to", "gett", "--pretty", "--compact"]).exit == 2)
        #expect(try runAvail(["nonsense"]).exit == 2)
        let tz = try runAvail(["convert", "--from", "gett", "--to", "gett", "--timezone", "America/Denvr", "-"], stdin: pause)
        #expect(tz == RunResult(exit: 2, stdout: "", stderr: "avail: error: unknown time zone 'America/Denvr'; did you mean 'America/Denver'?\n"))
        let now = try runAvail(["convert", "--from", "gett", "--to", "gett", "--now", "yesterday", "-"], stdin: pause)
        #expect(now.exit == 2)
        #expect(now.stderr.hasPrefix("avail: error: --now 'yesterday' is not a valid timestamp"))
    }

    /// Each discussion paragraph is one line in the source (joined with `\`
    /// continuations), so the parser wraps it at the terminal's width: hard
    /// line breaks in the source, wrapped again at 80 columns, left lines of
    /// two or three words ("--format, or the").
    @Test(arguments: ["validate", "convert", "fix", "lint", "plan"])
    func helpParagraphsWrapEvenly(command: String) throws {
        let r = try runAvail([command, "--help"])
        #expect(r.exit == 0)
        let lines = r.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        // The discussion: from the line after the overview's paragraph to the usage line.
        guard let usage = lines.firstIndex(where: { $0.hasPrefix("USAGE:") }), let start = lines.firstIndex(of: "") else {
            Issue.record("no discussion in '\(command) --help'")
            return
        }
        let discussion = lines[(start + 1)..<usage]
        #expect(discussion.count > 3)
        for (i, line) in zip(discussion.indices, discussion) where !line.isEmpty && i + 1 < usage && !lines[i + 1].isEmpty {
            #expect(line.count >= 50, "'\(command) --help' wraps early: '\(line)'")
        }
    }

    @Test func unknownSchemaOrProviderGetsADidYouMean() throws {
        let schema = try runAvail(["schema", "gettt"])
        #expect(schema.exit == 2)
        #expect(schema.stderr.hasPrefix("avail: error: The value 'gettt' is invalid for '<format>': unknown format 'gettt'; did you mean 'gett'?"))
        let plan = try runAvail(["plan", "stores.yaml", "--to", "doordsh"])
        #expect(plan.exit == 2)
        #expect(plan.stderr.contains("unknown provider 'doordsh'; did you mean 'doordash'?"))
    }

    /// Run in a directory that was deleted (the current directory reads as ""),
    /// avail looks for no settings file and reads stdin; it looped forever
    /// walking up "..", "../.." and so on.
    @Test func aDeletedCurrentDirectoryIsNoSettingsFile() throws {
        try withTemporaryDirectory { dir in
            let script = """
                mkdir gone && cd gone && rmdir ../gone && printf '%s' '{"status": "online"}' | timeout 20 "$AVAIL" validate --format gett.status -
                """
            let r = try runShell(script, in: dir, shell: "/bin/bash")
            #expect(r == RunResult(exit: 0, stdout: "All checks passed.\n", stderr: ""))
        }
    }

    /// As for ruff and jq: no command is a usage error, on stderr; --help is the help.
    @Test func noCommandIsAUsageError() throws {
        let bare = try runAvail([])
        #expect(bare == RunResult(exit: 2, stdout: "", stderr: """
            avail: error: no command given; use one of convert, validate, lint, fix, plan, rules, explain, formats, schema
            Usage: avail <subcommand>
              See 'avail --help' for more information.

            """))
        let help = try runAvail(["--help"])
        #expect(help.exit == 0)
        #expect(help.stdout.hasPrefix("OVERVIEW: "))
    }

    /// `--statistics` in each reporter's shape: text lines, a JSON array for
    /// json (and sarif), one object per line for json-lines (it was one array).
    @Test func statisticsFollowTheReporter() throws {
        let dir = Paths.packageRoot.appendingPathComponent("examples")
        let text = try runAvail(["validate", "payloads/", "--statistics"], in: dir)
        #expect(text == RunResult(exit: 1, stdout: """
            1  invalid_timestamp  error         Invalid timestamp
            1  enum_value         error    [*]  Value not allowed

            """, stderr: ""))
        let lines = try runAvail(["validate", "payloads/", "--statistics", "--output-format", "json-lines"], in: dir)
        #expect(lines == RunResult(exit: 1, stdout: """
            {"rule":"invalid_timestamp","count":1,"severity":"error","fix":null,"title":"Invalid timestamp"}
            {"rule":"enum_value","count":1,"severity":"error","fix":"safe","title":"Value not allowed"}

            """, stderr: ""))
        let json = try runAvail(["validate", "payloads/", "--statistics", "--output-format", "json"], in: dir)
        let array = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]]
        #expect(json.exit == 1 && array?.map { $0["rule"] as? String } == ["invalid_timestamp", "enum_value"])
    }

    /// A settings file with errors prints them as lint does, one per line, in
    /// order, and stops with exit 2; a misspelt key is one of them (it was
    /// ignored, silently: 'ignor' turned nothing off). The errors had been
    /// joined into one message whose line breaks were escaped as '\n'. A
    /// missing --config file says why, as any input does.
    @Test func settingsFileErrorsArePrintedLineByLine() throws {
        try withTemporaryDirectory { dir in
            try FileManager.default.createDirectory(at: dir.appendingPathComponent("sub"), withIntermediateDirectories: true)
            try #"{"status": "Paused"}"#.write(to: dir.appendingPathComponent("sub/a.json"), atomically: true, encoding: .utf8)
            try "version: 1\nignor: [enum_value]\nformats: {\"sub/*.json\": get}\n".write(
                to: dir.appendingPathComponent(".avail.yaml"), atomically: true, encoding: .utf8)
            let bad = try runAvail(["validate", "--format", "gett", "sub"], in: dir)
            #expect(bad == RunResult(exit: 2, stdout: "", stderr: """
                .avail.yaml:2:1: error: unknown key 'ignor' in settings; did you mean 'ignore'? [unknown_key]
                .avail.yaml:3:25: error: unknown format 'get'; did you mean 'gett'? ('avail formats' lists them) [enum_value]
                avail: error: the settings file '.avail.yaml' is not valid; fix the errors above (or run with --isolated)

                """))
            try "version: 1\nignore: [enum_value]\n".write(to: dir.appendingPathComponent(".avail.yaml"), atomically: true, encoding: .utf8)
            #expect(try runAvail(["validate", "--format", "gett", "sub"], in: dir) == RunResult(exit: 0, stdout: "All checks passed.\n", stderr: ""))
            let missing = try runAvail(["validate", "--format", "gett", "--config", "nope.yaml", "sub"], in: dir)
            #expect(missing == RunResult(exit: 2, stdout: "", stderr: "avail: error: cannot read 'nope.yaml': No such file or directory\n"))
        }
    }

    /// `avail help NAME` for a name that is no command is a usage error with a
    /// did-you-mean; it printed the overview and exited 0.
    @Test func helpForNoCommandIsAUsageError() throws {
        let typo = try runAvail(["help", "valdate"])
        #expect(typo == RunResult(exit: 2, stdout: "", stderr: """
            avail: error: 'valdate' is not a command; the commands are convert, validate, lint, fix, plan, rules, explain, formats, schema; did you mean 'validate'?
            Usage: avail <subcommand>
              See 'avail --help' for more information.

            """))
        #expect(try runAvail(["help", "nosuch"]).exit == 2)
        let help = try runAvail(["help", "validate"])
        #expect(help.exit == 0 && help.stdout.hasPrefix("OVERVIEW: Check payloads against the rule catalog."))
        #expect(try runAvail(["help"]).exit == 0)
        let command = try runAvail(["validat", "x.json"])
        #expect(command.exit == 2 && command.stderr.hasPrefix("avail: error: 'validat' is not a command; the commands are convert, validate, lint, fix, plan, rules, explain, formats, schema; did you mean 'validate'?\n"))
        // A negative --jobs is a value out of range, not a missing value (it read as a flag).
        for command in ["validate", "convert"] {
            let jobs = try runAvail([command, "--ndjson", "--jobs", "-1", "x.ndjson"] + (command == "convert" ? ["--from", "gett", "--to", "canonical"] : ["--format", "gett"]))
            #expect(jobs.exit == 2 && jobs.stderr.hasPrefix("avail: error: --jobs must be between 1 and 256\n"), "\(command): \(jobs.stderr)")
        }
        // ruff's --fix is a command here; ArgumentParser suggested --now.
        let fix = try runAvail(["lint", "--fix", "x.yaml"])
        #expect(fix.exit == 2 && fix.stderr.hasPrefix("avail: error: lint has no --fix; 'avail fix FILES' writes the fixes (add --unsafe-fixes for the guesses), as ruff's --fix does\n"))
    }

    /// A --stores config with errors shows them, as plan does, instead of only sending the user to lint.
    @Test func storesConfigWithErrorsShowsThem() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("avail-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try "version: 1\nstores:\n  - id: s1\n    name: S\n    providers:\n      gett: { store_id: abc }\n".write(
            to: dir.appendingPathComponent("bad.yaml"), atomically: true, encoding: .utf8)
        let r = try runAvail(["convert", "--from", "gett", "--to", "gett", "--stores", "bad.yaml", "--store", "s1", "-"], stdin: pause, in: dir)
        #expect(r == RunResult(exit: 2, stdout: "", stderr: """
            bad.yaml:3:5: error: missing required field 'timezone' [required_field]
            bad.yaml:6:25: error: Gett 'store_id' 'abc' is not a UUID such as '3fa85f64-5717-4562-b3fc-2c963f66afa6' [invalid_provider_id]
            avail: error: 'bad.yaml' has lint errors; fix them first ('avail lint bad.yaml')

            """))
    }

    @Test func stdinIsReadOnce() throws {
        let twice = try runAvail(["validate", "--format", "gett", "-", "-"], stdin: #"{"status": "online"}"#)
        #expect(twice == RunResult(exit: 2, stdout: "", stderr: "avail: error: '-' (stdin) is given more than once; it can be read only once\n"))
    }

    @Test func helpIsExitZero() throws {
        let r = try runAvail(["convert", "--help"])
        #expect(r.exit == 0)
        #expect(r.stdout.contains("--allow-lossy"))
    }

    @Test func outDirWritesOneFilePerInputAndRefusesTwoOfTheSameName() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("avail-cli-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        for sub in ["a", "b", "c", "od"] {
            try FileManager.default.createDirectory(at: dir.appendingPathComponent(sub), withIntermediateDirectories: true)
        }
        for file in ["a/x.json", "b/x.json", "c/y.json"] { try pause.write(to: dir.appendingPathComponent(file), atomically: true, encoding: .utf8) }
        let ok = try runAvail(["convert", "--from", "gett", "--to", "canonical", "a/x.json", "c/y.json", "--out-dir", "od"], in: dir)
        #expect(ok == RunResult(exit: 0, stdout: "", stderr: ""))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("od").path).sorted() == ["x.json", "y.json"])
        // b/x.json would replace a/x.json's output: refused before anything is written.
        try FileManager.default.removeItem(at: dir.appendingPathComponent("od/x.json"))
        let clash = try runAvail(["convert", "--from", "gett", "--to", "canonical", "a/x.json", "b/x.json", "--out-dir", "od"], in: dir)
        #expect(clash == RunResult(
            exit: 2, stdout: "",
            stderr: "avail: error: --out-dir would write 'od/x.json' for both 'a/x.json' and 'b/x.json'; convert them in separate runs or rename one\n"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("od").path) == ["y.json"])
    }

    @Test func outputIsWrittenAtomicallyAndNeverOverAnInput() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("avail-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = dir.appendingPathComponent("in.json")
        try pause.write(to: input, atomically: true, encoding: .utf8)
        let ok = try runAvail(["convert", "--from", "gett", "--to", "canonical", "in.json", "--output", "out.json"], in: dir)
        #expect(ok == RunResult(exit: 0, stdout: "", stderr: ""))
        #expect(try String(contentsOf: dir.appendingPathComponent("out.json"), encoding: .utf8).hasPrefix("{\n  \"state\": \"paused\""))
        let clobber = try runAvail(["convert", "--from", "gett", "--to", "gett", "in.json", "-o", "./in.json"], in: dir)
        #expect(clobber == RunResult(exit: 2, stdout: "", stderr: "avail: error: refusing to overwrite the input './in.json'; choose another --output\n"))
        #expect(try String(contentsOf: input, encoding: .utf8) == pause)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["in.json", "out.json"])
    }

    /// Lula's "open until" has no Gett equivalent (resumeAt only ends a pause): the end is a reported
    /// loss. `--loss-report json` is kept as `--output-format json`: the findings, losses as rules,
    /// on stderr (stdout is the converted output's).
    @Test func lossReportAsJSON() throws {
        let r = try runAvail(
            ["convert", "--from", "lula", "--to", "gett", "--loss-report", "json", "--now", "2026-11-01T00:00:00Z", "-"],
            stdin: #"{"dsp_name": "All", "is_active": true, "end_time": "2026-11-15T23:59:00-07:00"}"#)
        #expect(r.exit == 1)
        #expect(r.stdout == "")
        #expect(r.stderr == """
            {
              "findings": [
                {
                  "file": "<stdin>",
                  "line": 1,
                  "column": 52,
                  "pointer": "/end_time",
                  "rule": "loss_dropped",
                  "severity": "error",
                  "message": "until '2026-11-15T23:59:00-07:00' is dropped; Gett cannot end an open state: resumeAt only ends a pause",
                  "fix": null
                },
                {
                  "file": "<stdin>",
                  "pointer": "",
                  "rule": "conversion_refused",
                  "severity": "error",
                  "message": "refusing a conversion to gett that is lossy (1 loss); accept with --accept-loss loss_dropped:until, or --allow-lossy for every one",
                  "fix": null
                }
              ],
              "summary": {
                "errors": 2,
                "warnings": 0,
                "notes": 0,
                "fixable": 0
              }
            }

            """)
    }
}
