/// The format table of docs/formats.md, rendered from the declarations.
public enum FormatDocs {
    /// One row per declaration: id, summary and top-level fields (required in bold, read-only marked).
    public static func markdownTable(_ declarations: [FormatDeclaration]) -> String {
        var lines = ["| id | what | fields (**required**, *read-only*) |", "|---|---|---|"]
        for d in declarations {
            let fields = d.root.fields.map { field -> String in
                var text = "`\(field.key)`"
                if field.isRequired { text = "**\(text)**" }
                if field.readOnly != nil { text = "*\(text)*" }
                return text + (field.shape.brief.map { " \($0)" } ?? "")
            }
            let what = d.summary.replacingOccurrences(of: "|", with: "\\|")
            let list = fields.joined(separator: ", ")
            lines.append("| `\(d.id)` | \(what) | \(d.isArray ? "an array of objects with \(list)" : list) |")
        }
        return lines.joined(separator: "\n")
    }

    /// One row per `--set` field: the formats whose encoders read it, and what it is.
    public static func settableTable(_ declarations: [FormatDeclaration]) -> String {
        var lines = ["| `--set` field | read by | what |", "|---|---|---|"]
        var order: [SettableField] = []
        var readers: [String: [String]] = [:]
        for d in declarations {
            for field in d.settable {
                if readers[field.display] == nil { order.append(field) }
                readers[field.display, default: []].append("`\(d.id)`")
            }
        }
        for field in order {
            lines.append("| `\(field.display)` | \(readers[field.display, default: []].joined(separator: ", ")) | \(field.help) |")
        }
        return lines.joined(separator: "\n")
    }
}

extension Shape {
    /// A few words on the value, for the table: enum values, a type.
    var brief: String? {
        switch self {
        case .enumeration(let values): values.count <= 8 ? values.joined(separator: "/") : "enum"
        case .integerEnumeration(let values): values.map(String.init).joined(separator: "/")
        case .boolean: "boolean"
        case .integer, .constant: "integer"
        case .timestamp: "RFC 3339"
        case .unixSeconds: "UNIX seconds"
        case .string: "string"
        case .object, .map: "object"
        case .array: "array"
        case .nullable(let s): s.brief.map { "\($0) or null" }
        case .named(_, let s): s.brief
        case .anyValue: "any"
        }
    }
}
