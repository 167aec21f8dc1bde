/// Renders findings as `file:line:col: severity: message [rule_id]` lines.
public struct TextReporter: Sendable {
    public var file: String

    public init(file: String) { self.file = file }

    public func render(_ findings: [Finding]) -> String {
        findings.map { $0.textLine(defaultFile: file) + "\n" }.joined()
    }
}

/// Renders a conversion's findings and losses as one JSON document (for `--loss-report json`).
public enum LossReport {
    public static func json(
        _ losses: [Loss], findings: [Finding] = [], file: String, refusal: String?, style: JSONWriter.Style = .pretty
    ) -> String {
        let items: [JSONNode] = losses.map { loss in
            var members: [(String, JSONNode)] = [
                ("kind", .string(loss.kind.rawValue)),
                ("field", .string(loss.field)),
            ]
            if let o = loss.origin {
                members.append(("pointer", .string(o.pointer)))
                members.append(("value", .string(o.value)))
                if o.location.isKnown {
                    members.append(("line", .int(Int64(o.location.line))))
                    members.append(("column", .int(Int64(o.location.column))))
                }
            }
            members.append(("refused", .bool(loss.isLossy || loss.kind == .widened)))
            members.append(("message", .string(loss.message)))
            return .object(members)
        }
        let doc: JSONNode = .object([
            ("file", .string(file)),
            ("findings", .array(findings.map { JSONReporter.node(for: $0, file: file) })),
            ("losses", .array(items)),
            ("refusal", refusal.map { .string($0) } ?? .null),
        ])
        return JSONWriter(style: style).string(doc)
    }
}
