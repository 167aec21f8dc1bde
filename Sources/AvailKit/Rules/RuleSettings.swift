/// Per-run adjustments: rules turned off and severities changed.
public struct RuleSettings: Sendable, Equatable {
    /// Rule ids whose findings are dropped.
    public var disabled: Set<String>
    /// Severity overrides by rule id.
    public var severities: [String: Severity]

    /// Settings; the defaults keep every rule at its own severity.
    public init(disabled: Set<String> = [], severities: [String: Severity] = [:]) {
        self.disabled = disabled
        self.severities = severities
    }

    /// Each finding at its rule's catalog severity, then these settings
    /// applied, in place: ``RuleCatalog/normalize(_:)`` and ``apply(_:)`` without a copy.
    func settle(_ findings: inout [Finding]) {
        if findings.isEmpty { return }
        RuleCatalog.normalize(&findings)
        apply(to: &findings)
    }

    /// Findings with disabled rules removed and severities overridden.
    public func apply(_ findings: [Finding]) -> [Finding] {
        var applied = findings
        apply(to: &applied)
        return applied
    }

    /// ``apply(_:)`` in place. A rule that reports unreadable input
    /// (``Rule/isRequired``) is never removed or lowered below error, whatever
    /// the settings say.
    func apply(to findings: inout [Finding]) {
        if !disabled.isEmpty { findings.removeAll { disabled.contains($0.ruleID) && !RuleSettings.isRequired($0.ruleID) } }
        guard !severities.isEmpty else { return }
        for i in findings.indices {
            if let s = severities[findings[i].ruleID], s == .error || !RuleSettings.isRequired(findings[i].ruleID) { findings[i].severity = s }
        }
    }

    /// Whether these settings accept what rule `id` would refuse: the rule is
    /// turned off, or set below error (a loss then passes, and is reported at that severity).
    public func accepts(_ id: String) -> Bool {
        if disabled.contains(id) { return true }
        if let severity = severities[id] { return severity != .error }
        return false
    }

    static func isRequired(_ id: String) -> Bool { RuleCatalog.rule(id)?.isRequired == true }

    /// Why rule `id` cannot be turned off (``Rule/isRequired``), or nil when it can be.
    public static func problem(disabling id: String) -> String? {
        guard isRequired(id) else { return nil }
        return "'\(id)' reports input that cannot be read; it cannot be disabled"
    }

    /// Why rule `id` cannot be set to `severity` (a rule that reports
    /// unreadable input stays an error), or nil when it can be.
    public static func problem(setting id: String, to severity: Severity) -> String? {
        guard severity != .error, isRequired(id) else { return nil }
        return "'\(id)' reports input that cannot be read; its severity cannot be lowered below error"
    }

    /// Runs only the rules `words` select (rule ids, groups or `all`): every
    /// other checking rule is turned off. The conversion rules stay as they
    /// are (a loss is accepted only when named: `--ignore loss_dropped`), and
    /// so do the rules that report unreadable input.
    public mutating func select(_ words: [String]) {
        var chosen = Set<String>()
        for word in words { chosen.formUnion(RuleCatalog.rules(selectedBy: word).map(\.id)) }
        let conversion = Set(RuleCatalog.rules(selectedBy: "conversion").map(\.id))
        for rule in RuleCatalog.all where !chosen.contains(rule.id) && !rule.isRequired && !conversion.contains(rule.id) {
            disabled.insert(rule.id)
        }
    }

    /// These settings with `other`'s on top: its rules off too, its severities winning.
    public func merged(with other: RuleSettings) -> RuleSettings {
        var merged = self
        merged.disabled.formUnion(other.disabled)
        merged.severities.merge(other.severities) { _, theirs in theirs }
        // A rule the other settings re-grade is on again unless they also turn it off.
        for id in other.severities.keys where !other.disabled.contains(id) { merged.disabled.remove(id) }
        return merged
    }

    /// Why `word` selects nothing (not `all`, a group or a rule id), with a did-you-mean; nil when it selects rules.
    public static func problem(withSelector word: String) -> String? {
        guard RuleCatalog.rules(selectedBy: word).isEmpty else { return nil }
        let names = RuleCatalog.all.map(\.id) + RuleCatalog.groups.map(\.name) + ["all"]
        var message = "unknown rule or group '\(word)'"
        message += Suggest.hint(for: word, in: names)
        return message + " ('avail rules' lists them)"
    }

    /// Why `id` is not a rule id, with a did-you-mean; nil when it is one.
    public static func problem(withRuleID id: String) -> String? {
        guard RuleCatalog.rule(id) == nil else { return nil }
        var message = "unknown rule '\(id)'"
        message += Suggest.hint(for: id, in: RuleCatalog.all.map(\.id))
        return message + " ('avail rules' lists them)"
    }
}
