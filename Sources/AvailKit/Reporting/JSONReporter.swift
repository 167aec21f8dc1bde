/// Findings as JSON: `{"findings": [...], "summary": {...}}`, one object per
/// finding with file, line, column, pointer, rule, severity and message.
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
        return .object(members)
    }

    /// The findings as a JSON array, each without a file naming `defaultFile`.
    public func render(_ findings: [Finding], defaultFile: String = "<stdin>") -> String {
        let count = { (s: Severity) in JSONNode.int(Int64(findings.filter { $0.severity == s }.count)) }
        let doc: JSONNode = .object([
            ("findings", .array(findings.map { Self.node(for: $0, file: defaultFile) })),
            ("summary", .object([("errors", count(.error)), ("warnings", count(.warning)), ("notes", count(.note))])),
        ])
        return JSONWriter().string(doc)
    }
}
