import Foundation
import Testing

@testable import AvailKit

/// `golden/validate/<case>/`: an `input.json` or `input.ndjson`, a `case.json`
/// (`{"format": F, "args": [...]}`) and one transcript per reporter
/// (`text.txt`, `json.txt`, `sarif.txt`, `github.txt`) of `avail validate`.
struct ValidateCase: CustomStringConvertible, Sendable {
    var name: String
    var directory: URL
    var format: String
    var input: String
    var args: [String]

    var description: String { "validate/\(name)" }

    static func all() -> [ValidateCase] {
        let root = Paths.golden.appendingPathComponent("validate")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        return names.sorted().compactMap { name in
            let dir = root.appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: dir.appendingPathComponent("case.json").path),
                let meta = JSONReader().read([UInt8](data)).root, let format = meta["format"]?.stringValue
            else { return nil }
            var args = meta["args"]?.items?.compactMap(\.stringValue) ?? []
            if !args.contains("--now") { args += ["--now", RuleExample.defaultNow] }
            let input = FileManager.default.fileExists(atPath: dir.appendingPathComponent("input.ndjson").path) ? "input.ndjson" : "input.json"
            return ValidateCase(name: name, directory: dir, format: format, input: input, args: args)
        }
    }
}

@Suite struct ValidateGoldenTests {
    @Test(arguments: ValidateCase.all())
    func everyReporter(_ c: ValidateCase) throws {
        for reporter in ReporterKind.allCases {
            let args = ["validate", "--format", c.format, c.input] + c.args + ["--reporter", reporter.rawValue]
            let result = runAvailInProcess(args, in: c.directory)
            Golden.check(
                Golden.transcript(command: ["avail"] + args, result: result),
                against: c.directory.appendingPathComponent("\(reporter.rawValue).txt"))
        }
    }

    /// A limit's rule whose every failing example lowers the limit (a
    /// document over 256 MiB, a record over 16 MiB) has no golden: the
    /// input would be the size of the limit. HostileInputTests run them
    /// through the CLI at their real limits instead. The conversion rules
    /// are a conversion's findings, not a payload's: the conversion goldens
    /// (`golden/FORMAT/CASE/to-*.txt`) and their catalog examples have them.
    @Test func everyRuleHasAGoldenCase() {
        let validate = Set(ValidateCase.all().map(\.name))
        let lint = Set(LintCase.all().map(\.name))
        for rule in RuleCatalog.all
        where !rule.examples.filter({ !$0.isPassing }).allSatisfy({ $0.limit != nil }) && RuleCatalog.group(of: rule.id) != "conversion" {
            let config = rule.formats == [RuleCatalog.storeConfig]
            let found = config ? lint.contains("rule-\(rule.id)") : validate.contains("rule-\(rule.id)")
            #expect(found, "no golden/\(config ? "lint" : "validate")/rule-\(rule.id)")
        }
    }

    @Test func exitCodes() throws {
        let dir = Paths.golden.appendingPathComponent("validate")
        let clean = try runAvail(["validate", "--format", "canonical", "clean/input.json"], in: dir)
        #expect(clean == RunResult(exit: 0, stdout: "All checks passed.\n", stderr: ""))
        #expect(try runAvail(["validate", "--format", "gett", "warning-only/input.json"], in: dir).exit == 0)
        #expect(try runAvail(["validate", "--format", "gett", "--strict", "warning-only/input.json"], in: dir).exit == 1)
        #expect(try runAvail(["validate", "--format", "gett", "rule-paused_requires_reason/input.json"], in: dir).exit == 1)
        let missing = try runAvail(["validate", "--format", "canonical", "nope.json", "clean/input.json"], in: dir)
        #expect(missing == RunResult(exit: 2, stdout: "", stderr: "avail: error: cannot read 'nope.json': No such file or directory\n"))
        let badFlag = try runAvail(["validate", "--format", "gett", "--disable", "pause_requires_reason", "-"], stdin: "{}")
        #expect(badFlag.exit == 2)
        // --disable is --ignore's other name.
        #expect(badFlag.stderr == "avail: error: --ignore (or --disable): unknown rule or group 'pause_requires_reason'; did you mean 'paused_requires_reason'? ('avail rules' lists them)\n")
    }

    @Test func explainAndRulesJSON() throws {
        let explain = try runAvail(["explain", "close_requires_dates"])
        #expect(explain.exit == 0)
        #expect(explain.stdout.hasPrefix("close_requires_dates: A closure needs its dates\n\nSeverity: error\nFormats: canonical, tokopedia\nGroup: semantics (--select semantics runs this group alone)\n"))
        let unknown = try runAvail(["explain", "close_require_dates"])
        #expect(unknown == RunResult(exit: 2, stdout: "", stderr: "avail: error: unknown rule 'close_require_dates'; did you mean 'close_requires_dates'? ('avail rules' lists them)\n"))
        let json = try runAvail(["rules", "--json"])
        let root = try #require(JSONReader().read(Array(json.stdout.utf8)).root)
        #expect(root.items?.compactMap { $0["id"]?.stringValue } == RuleCatalog.all.map(\.id))
        #expect(root.items?.first { $0["id"]?.stringValue == "end_after_start" }?["group"]?.stringValue == "time")
        // The text lists each rule's group, which --select and --ignore also take.
        let text = try runAvail(["rules"])
        #expect(text.stdout.split(separator: "\n").contains("end_after_start                          error            time          End after start"))
    }
}
