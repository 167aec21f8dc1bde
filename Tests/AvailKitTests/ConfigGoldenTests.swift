import AvailConfig
import Foundation
import Testing

@testable import AvailKit

/// `golden/lint/<case>/`: an `input.yaml`, a `case.json` (`{"args": [...],
/// "planted": true}` for a defect planted into `examples/stores.yaml`) and
/// one transcript per reporter of `avail lint`.
struct LintCase: CustomStringConvertible, Sendable {
    var name: String
    var directory: URL
    var args: [String]
    var planted: Bool

    var description: String { "lint/\(name)" }

    static let now = "2026-11-01T00:00:00Z"

    static func all() -> [LintCase] {
        let root = Paths.golden.appendingPathComponent("lint")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        return names.sorted().compactMap { name in
            let dir = root.appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: dir.appendingPathComponent("case.json").path),
                let meta = JSONReader().read([UInt8](data)).root
            else { return nil }
            var args = meta["args"]?.items?.compactMap(\.stringValue) ?? []
            let isRuleCase = name.hasPrefix("rule-")
            if !args.contains("--now") { args += ["--now", isRuleCase ? RuleExample.defaultNow : now] }
            return LintCase(name: name, directory: dir, args: args, planted: meta["planted"]?.kind == .bool(true))
        }
    }
}

@Suite struct ConfigGoldenTests {
    @Test(arguments: LintCase.all())
    func everyReporter(_ c: LintCase) throws {
        for reporter in ReporterKind.allCases {
            let args = ["lint", "input.yaml"] + c.args + ["--reporter", reporter.rawValue]
            let result = runAvailInProcess(args, in: c.directory)
            Golden.check(Golden.transcript(command: ["avail"] + args, result: result), against: c.directory.appendingPathComponent("\(reporter.rawValue).txt"))
        }
    }

    /// Each defect planted into the clean example gives exactly one finding.
    @Test(arguments: LintCase.all().filter(\.planted))
    func plantedDefectGivesOneFinding(_ c: LintCase) throws {
        let bytes = try [UInt8](Data(contentsOf: c.directory.appendingPathComponent("input.yaml")))
        let findings = ConfigLinter(now: try ts(LintCase.now)).lint(bytes).findings
        #expect(findings.count == 1, "\(c): \(findings.map { $0.textLine() })")
    }

    /// The shipped example configs: the commerce providers' stores, the US delivery platforms' stores and the stores on the platforms elsewhere.
    static let examples = ["examples/stores.yaml", "examples/delivery.yaml", "examples/world.yaml"]

    @Test(arguments: examples)
    func exampleConfigLintsClean(_ example: String) throws {
        let r = try runAvail(["lint", example, "--now", LintCase.now, "--strict"], in: Paths.packageRoot)
        #expect(r == RunResult(exit: 0, stdout: "All checks passed.\n", stderr: ""))
    }

    /// Each provider planned on the example that configures it (`plan/<provider>.txt`).
    @Test(arguments: Provider.allCases.map(\.rawValue))
    func planOnTheExample(_ provider: String) throws {
        let commerce = [Provider.gett, .lula, .tokopedia, .bigcommerce].map(\.rawValue)
        let world = [Provider.wolt, .justeat, .deliveryhero, .ifood, .grab].map(\.rawValue)
        let example = commerce.contains(provider) ? Self.examples[0] : world.contains(provider) ? Self.examples[2] : Self.examples[1]
        let args = ["plan", example, "--to", provider, "--now", LintCase.now]
        let result = try runAvail(args, in: Paths.packageRoot)
        Golden.check(
            Golden.transcript(command: ["avail"] + args, result: result),
            against: Paths.golden.appendingPathComponent("plan/\(provider).txt"))
    }

    @Test func convertWithStoreConfig() throws {
        let args = [
            "convert", "--from", "gett", "--to", "tokopedia", "--stores", "examples/stores.yaml", "--store", "jakarta-central",
            // Before the example pause ends: a pause that is over has nothing to send.
            "--allow-lossy", "--now", "2026-01-15T12:00:00Z", "examples/gett-pause.json",
        ]
        let r = try runAvail(args, in: Paths.packageRoot)
        #expect(r.exit == 0)
        #expect(r.stdout.contains("\"shop_id\": 1707045"))
        let unknown = try runAvail(["convert", "--from", "gett", "--to", "lula", "--stores", "examples/stores.yaml", "--store", "uptwn", "-"], stdin: "{}", in: Paths.packageRoot)
        #expect(unknown == RunResult(exit: 2, stdout: "", stderr: "avail: error: no store 'uptwn' in 'examples/stores.yaml'; did you mean 'uptown'?\n"))
    }

    /// `--stores` fills the ids a body carries from the store's provider
    /// block (each provider's ``StoreAPI``); a `--set` on the command line wins.
    @Test func convertFillsBodyIdsFromTheStoreConfig() throws {
        let pause = #"{"state":"paused","reason":"operational_issues","channels":["ubereats"]}"#
        let convert = { (to: String, extra: [String], stdin: String) in
            try runAvail(
                ["convert", "--from", "canonical", "--to", to, "--stores", "examples/delivery.yaml", "--store", "airport", "--allow-lossy",
                 "--compact", "--now", LintCase.now] + extra + ["-"], stdin: stdin, in: Paths.packageRoot)
        }
        let links = try convert("deliverect", [], pause)
        #expect(links.exit == 0)
        #expect(links.stdout == #"{"isActive":false,"channelLinks":["606d8489f0ddf13b0a1b2c36"]}"# + "\n")
        let given = try convert("deliverect", ["--set", "channel_links.ubereats=aaaaaaaaaaaaaaaaaaaaaaaa"], pause)
        #expect(given.stdout == #"{"isActive":false,"channelLinks":["aaaaaaaaaaaaaaaaaaaaaaaa"]}"# + "\n")
        let webhook = try convert("doordash.deactivation", [], #"{"state":"paused","reason":"operational_issues"}"#)
        #expect(webhook.exit == 0)
        #expect(webhook.stdout.hasPrefix(#"{"store":{"merchant_supplied_id":"airport-001"},"#))
    }

    /// Suppression comments count lines by their line breaks, CRLF included,
    /// and a rule id ends before the '\r'.
    @Test func suppressionCommentsInACRLFFile() throws {
        let lint = { (text: String) in try ConfigLinter(now: ts(LintCase.now)).lint(Array(text.utf8)).findings }
        let config = "version: 1\r\nstores:\r\n  - id: a\r\n    # avail-disable-next-line unknown_timezone\r\n    timezone: America/Denvr\r\n"
        #expect(try lint(config).isEmpty)
        let unsuppressed = config.replacingOccurrences(of: "disable-next-line", with: "disable-line")
        #expect(try lint(unsuppressed).map { "\($0.ruleID)@\($0.location)" } == ["unknown_timezone@5:15"])
        let misspelt = config.replacingOccurrences(of: "unknown_timezone", with: "unknown_timezon")
        #expect(try lint(misspelt).map { "\($0.ruleID)@\($0.location)" } == ["unknown_rule@4:5", "unknown_timezone@5:15"])
        // The comment's own finding is a rule like any other: --ignore turns it off (it bypassed the settings).
        var ignoring = ConfigLinter(now: try ts(LintCase.now))
        ignoring.settings = RuleSettings(disabled: ["unknown_rule"])
        #expect(ignoring.lint(Array(misspelt.utf8)).findings.map { "\($0.ruleID)@\($0.location)" } == ["unknown_timezone@5:15"])
    }
}
