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

    /// ``apply(_:)`` in place.
    func apply(to findings: inout [Finding]) {
        if !disabled.isEmpty { findings.removeAll { disabled.contains($0.ruleID) } }
        guard !severities.isEmpty else { return }
        for i in findings.indices {
            if let s = severities[findings[i].ruleID] { findings[i].severity = s }
        }
    }

    /// Why `id` is not a rule id, with a did-you-mean; nil when it is one.
    public static func problem(withRuleID id: String) -> String? {
        guard RuleCatalog.rule(id) == nil else { return nil }
        var message = "unknown rule '\(id)'"
        if let guess = Suggest.closest(to: id, in: RuleCatalog.all.map(\.id)) { message += "; did you mean '\(guess)'?" }
        return message + " ('avail rules' lists them)"
    }
}
