/// Renders findings as `file:line:col: severity: message [rule_id]` lines, with ` [*]` after a finding `avail fix` repairs.
public struct TextReporter: Sendable {
    /// The file findings without one are reported in.
    public var file: String
    /// Severity words in ANSI colour (red error, yellow warning, cyan note).
    public var color: Bool

    /// A reporter naming `file` for findings without one, colouring severities when `color`.
    public init(file: String, color: Bool = false) {
        self.file = file
        self.color = color
    }

    /// One line per finding: `file:line:col: severity: message [rule_id]`.
    public func render(_ findings: [Finding]) -> String {
        var out: [UInt8] = []
        write(findings, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends ``render(_:)``'s lines to `out`.
    public func write(_ findings: [Finding], into out: inout [UInt8]) {
        for f in findings {
            f.writeTextLine(into: &out, defaultFile: file, color: color, marksFixable: true)
            out.append(0x0A)
        }
    }
}

/// Renders a conversion's findings and losses as one JSON document (for `--loss-report json`).
public enum LossReport {
    /// The losses and findings as one JSON document; `refusal` says why nothing was written, if so.
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
            members.append(("refused", .bool(loss.isRefused)))
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
