import Foundation

/// Renderings of the catalog for `avail explain`, `avail rules --json` and the docs' rule table (docs/validating.md).
public enum RuleDocs {
    /// The rule's `avail explain` text: what, why, formats, fix and examples.
    public static func explain(_ rule: Rule) -> String {
        var text = "\(rule.id): \(rule.title)\n\n"
        text += "Severity: \(rule.severity.rawValue)\n"
        text += "Formats: \(rule.formats.joined(separator: ", "))\n"
        if let group = RuleCatalog.group(of: rule.id) { text += "Group: \(group) (--select \(group) runs this group alone)\n" }
        if rule.isTimeRelative { text += "Reads the clock (--now); not applied by 'avail convert'.\n" }
        if rule.isRequired { text += "Reports input that cannot be read: it cannot be disabled or lowered below error.\n" }
        if let fix = rule.fix {
            text += "Fix (\(fix.safety.rawValue)\(fix.safety == .unsafe ? ", with --unsafe-fixes" : "")): \(fix.how)\n"
        }
        text += "\n\(rule.summary)\n\nWhy: \(rule.rationale)\n"
        for example in rule.examples {
            text += "\n" + (example.isPassing ? "Passes" : "Fails") + " (\(example.format)"
            if let target = example.target { text += " converted to \(target)" }
            text += example.isPassing ? "" : ", now \(example.now)"
            if let zone = example.timeZone { text += ", --timezone \(zone)" }
            if example.isStream { text += ", one payload per line (--ndjson)" }
            if let limit = example.limit { text += ", the limit lowered to \(ByteSize.text(limit))" }
            text += "):\n    \(example.input.count > 200 ? String(example.input.prefix(60)) + "..." : example.input)\n"
            if !example.isPassing {
                text += "  gives: \(example.expected.joined(separator: ", "))\n"
            }
            if let fixed = example.fixed, fixed.count <= 200 { text += "  fixed: \(fixed)\n" }
        }
        return text
    }

    /// The rule as the JSON object `avail rules --json` writes.
    public static func node(for rule: Rule) -> JSONNode {
        .object([
            ("id", .string(rule.id)),
            ("title", .string(rule.title)),
            ("severity", .string(rule.severity.rawValue)),
            ("group", RuleCatalog.group(of: rule.id).map { .string($0) } ?? .null),
            ("formats", .array(rule.formats.map { .string($0) })),
            ("summary", .string(rule.summary)),
            ("rationale", .string(rule.rationale)),
            ("time_relative", .bool(rule.isTimeRelative)),
            ("required", .bool(rule.isRequired)),
            ("fix", rule.fix.map { .object([("safety", .string($0.safety.rawValue)), ("how", .string($0.how))]) } ?? .null),
            ("examples", .array(rule.examples.map { e in
                .object([
                    ("format", .string(e.format)),
                    ("input", .string(e.input)),
                    ("expected", .array(e.expected.map { .string($0) })),
                ] + (e.fixed.map { [("fixed", JSONNode.string($0))] } ?? [])
                    + (e.target.map { [("target", JSONNode.string($0))] } ?? [])
                    + (e.isStream ? [("ndjson", JSONNode.bool(true))] : [])
                    + (e.limit.map { [("limit", JSONNode.int(Int64($0)))] } ?? []))
            })),
        ])
    }

    /// The rule table of docs/validating.md: one table row per rule.
    public static func markdownTable() -> String {
        var lines = ["| rule | severity | fix | formats | what it checks |", "|---|---|---|---|---|"]
        for rule in RuleCatalog.all {
            let formats = rule.formats == Formats.ids ? "all" : rule.formats.map { "`\($0)`" }.joined(separator: ", ")
            let summary = rule.summary.replacingOccurrences(of: "|", with: "\\|")
            lines.append("| `\(rule.id)` | \(rule.severity.rawValue) | \(rule.fix?.safety.rawValue ?? "") | \(formats) | \(summary) |")
        }
        return lines.joined(separator: "\n")
    }
}
