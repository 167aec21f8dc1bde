import ArgumentParser
import AvailKit

extension Severity: ExpressibleByArgument {}
extension ReporterKind: ExpressibleByArgument {}

/// `--disable ID` and `--severity ID=LEVEL`, checked against the catalog.
struct RuleFlags: ParsableArguments {
    @Option(name: .customLong("disable"), help: ArgumentHelp("Turn a rule off for this run (repeatable).", valueName: "rule-id"))
    var disabled: [String] = []

    @Option(name: .customLong("severity"), help: ArgumentHelp("Change a rule's severity: error, warning or note (repeatable).", valueName: "rule-id=level"))
    var severities: [String] = []

    func settings() throws(CLIFailure) -> RuleSettings {
        var settings = RuleSettings()
        for id in disabled {
            if let problem = RuleSettings.problem(withRuleID: id) ?? RuleSettings.problem(disabling: id) {
                throw CLIFailure(message: "--disable: \(problem)")
            }
            settings.disabled.insert(id)
        }
        for item in severities {
            let parts = item.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, let level = Severity(rawValue: parts[1]) else {
                throw CLIFailure(message: "--severity expects RULE=LEVEL with LEVEL one of error, warning, note; got '\(item)'")
            }
            if let problem = RuleSettings.problem(withRuleID: parts[0]) ?? RuleSettings.problem(setting: parts[0], to: level) {
                throw CLIFailure(message: "--severity: \(problem)")
            }
            settings.severities[parts[0]] = level
        }
        return settings
    }
}
