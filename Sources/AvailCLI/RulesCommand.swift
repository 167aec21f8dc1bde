import ArgumentParser
import AvailKit

struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "rules", abstract: "List the validation rules.")

    @Flag(help: "Print the catalog as JSON.") var json = false

    func run() {
        if json {
            Terminal.write(JSONWriter().string(.array(RuleCatalog.all.map(RuleDocs.node(for:)))))
            return
        }
        // The group is what --select and --ignore also take (`--select time`).
        let width = RuleCatalog.all.map(\.id.count).max() ?? 0
        let groupWidth = RuleCatalog.groups.map(\.name.count).max() ?? 0
        for (group, rules) in RuleCatalog.groups {
            for rule in rules {
                let id = rule.id.padding(toLength: width + 2, withPad: " ", startingAt: 0)
                let severity = rule.severity.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0)
                let fix = (rule.fix?.safety.rawValue ?? "").padding(toLength: 8, withPad: " ", startingAt: 0)
                let name = group.padding(toLength: groupWidth + 2, withPad: " ", startingAt: 0)
                Terminal.write("\(id)\(severity)\(fix)\(name)\(rule.title)\n")
            }
        }
    }
}

struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "explain", abstract: "Describe a rule, with its examples.")

    @Argument(help: "The rule id.", completion: .list(RuleWords.ids)) var rule: String

    func run() throws {
        guard let found = RuleCatalog.rule(rule) else {
            throw CLIFailure(message: RuleSettings.problem(withRuleID: rule) ?? "unknown rule '\(rule)'")
        }
        Terminal.write(RuleDocs.explain(found))
    }
}
