/// Findings as JSON: `{"findings": [...], "summary": {...}}`, one object per
/// finding with file, record, line, column, pointer, rule, severity, message
/// and fix (`{"applicability": "safe", "message": …}` or null).
public struct JSONReporter: Sendable {
    /// A reporter.
    public init() {}

    /// One finding as the JSON object the reporter writes for it.
    public static func node(for f: Finding, file: String) -> JSONNode {
        var members: [(String, JSONNode)] = [("file", .string(f.file ?? file))]
        if let record = f.record { members.append(("record", .int(Int64(record)))) }
        if f.location.isKnown {
            members.append(("line", .int(Int64(f.location.line))))
            members.append(("column", .int(Int64(f.location.column))))
        }
        members.append(("pointer", f.pointer.map { .string($0) } ?? .null))
        members.append(("rule", .string(f.ruleID)))
        members.append(("severity", .string(f.severity.rawValue)))
        members.append(("message", .string(f.message)))
        members.append(("fix", f.fix.map { .object([("applicability", .string($0.safety.rawValue)), ("message", .string($0.title))]) } ?? .null))
        return .object(members)
    }

    /// The findings as one JSON document, each without a file naming `defaultFile`.
    public func render(_ findings: [Finding], defaultFile: String = "<stdin>") -> String {
        ReporterKind.json.render(findings, defaultFile: defaultFile)
    }
}
