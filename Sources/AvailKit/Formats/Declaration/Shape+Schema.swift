/// JSON Schema (2020-12) emission from declarations: `avail schema` and the
/// files in `schemas/` are this output, kept equal by a golden test.
extension FormatDeclaration {
    /// The format's JSON Schema as a JSON tree, keys in a fixed order.
    public var schema: JSONNode {
        var emitter = SchemaEmitter()
        var members: [(String, JSONNode)] = [
            ("$schema", .string(SchemaEmitter.dialect)), ("title", .string(title)), ("description", .string(description)),
        ]
        if isArray {
            members += [("type", .string("array")), ("items", .object(emitter.members(of: root)))]
        } else {
            members += emitter.members(of: root)
        }
        members += emitter.defs
        return .object(members)
    }

    /// The schema text as shipped: two-space indentation and a final newline.
    public var schemaText: String { JSONWriter(style: .pretty).string(schema) }
}

struct SchemaEmitter {
    static let dialect = "https://json-schema.org/draft/2020-12/schema"

    /// The RFC 3339 profile AvailKit reads: `T`, upper-case `Z` or `±HH:MM`, up to 18 fraction digits.
    static let timestampSchema: JSONNode = .object([
        ("type", .string("string")),
        ("format", .string("date-time")),
        ("pattern", .string(#"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,18})?(Z|[+-][0-9]{2}:[0-9]{2})$"#)),
        ("description", .string("RFC 3339 date-time with 'T', upper-case 'Z' or a UTC offset.")),
    ])

    private var usesTimestamp = false
    private var named: [(String, JSONNode)] = []

    /// `$defs`, the timestamp first, then named shapes in order of first use; empty when none.
    var defs: [(String, JSONNode)] {
        var all: [(String, JSONNode)] = usesTimestamp ? [("timestamp", Self.timestampSchema)] : []
        all += named
        return all.isEmpty ? [] : [("$defs", .object(all))]
    }

    mutating func node(_ shape: Shape) -> JSONNode { .object(members(shape)) }

    mutating func members(_ shape: Shape) -> [(String, JSONNode)] {
        switch shape {
        case .string(let minLength, let format, let pattern):
            var m: [(String, JSONNode)] = [("type", .string("string"))]
            if minLength > 0 { m.append(("minLength", .int(Int64(minLength)))) }
            if let format { m.append(("format", .string(format))) }
            if let pattern { m.append(("pattern", .string(pattern))) }
            return m
        case .enumeration(let values):
            return [("enum", .array(values.map { .string($0) }))]
        case .integerEnumeration(let values):
            return [("enum", .array(values.map { .int($0) }))]
        case .boolean:
            return [("type", .string("boolean"))]
        case .integer(let minimum, let maximum):
            var m: [(String, JSONNode)] = [("type", .string("integer"))]
            if let minimum { m.append(("minimum", .int(minimum))) }
            if let maximum { m.append(("maximum", .int(maximum))) }
            return m
        case .constant(let value):
            return [("const", .int(value))]
        case .timestamp:
            usesTimestamp = true
            return [("$ref", .string("#/$defs/timestamp"))]
        case .unixSeconds:
            return [
                ("type", .string("integer")), ("minimum", .int(0)), ("maximum", .int(Shape.unixSecondsLimit - 1)),
                ("description", .string("UNIX timestamp in seconds.")),
            ]
        case .object(let object):
            return members(of: object)
        case .array(let items, let minItems, let unique):
            var m: [(String, JSONNode)] = [("type", .string("array"))]
            if minItems > 0 { m.append(("minItems", .int(Int64(minItems)))) }
            if unique { m.append(("uniqueItems", .bool(true))) }
            if let items { m.append(("items", node(items))) }
            return m
        case .anyValue:
            return []
        case .map(let values):
            return [("type", .string("object")), ("additionalProperties", node(values))]
        case .nullable(let inner):
            var m = members(inner)
            // {"type": "string"} becomes {"type": ["string", "null"]}; anything else an anyOf.
            if let i = m.firstIndex(where: { $0.0 == "type" }), case .string(let type) = m[i].1.kind {
                m[i].1 = .array([.string(type), .string("null")])
                return m
            }
            return [("anyOf", .array([.object(m), .object([("type", .string("null"))])]))]
        case .named(let name, let inner):
            if !named.contains(where: { $0.0 == name }) {
                named.append((name, .null))  // reserve the slot before nested names
                let schema = node(inner)
                if let i = named.firstIndex(where: { $0.0 == name }) { named[i].1 = schema }
            }
            return [("$ref", .string("#/$defs/\(name)"))]
        }
    }

    mutating func members(of object: ObjectShape) -> [(String, JSONNode)] {
        var m: [(String, JSONNode)] = [("type", .string("object"))]
        let required = object.fields.filter(\.isRequired).map(\.key)
        if !required.isEmpty { m.append(("required", .array(required.map { .string($0) }))) }
        if object.closed { m.append(("additionalProperties", .bool(false))) }
        if object.minProperties > 0 { m.append(("minProperties", .int(Int64(object.minProperties)))) }
        if !object.fields.isEmpty {
            var properties: [(String, JSONNode)] = []
            for field in object.fields {
                var p = members(field.shape)
                if field.readOnly != nil { p.append(("readOnly", .bool(true))) }
                if let description = field.description {
                    p.removeAll { $0.0 == "description" }
                    p.append(("description", .string(description)))
                }
                properties.append((field.key, .object(p)))
            }
            m.append(("properties", .object(properties)))
        }
        if !object.requiresOneOf.isEmpty {
            m.append(("anyOf", .array(object.requiresOneOf.map { .object([("required", .array($0.map { .string($0) }))]) })))
        }
        let conditions: [[(String, JSONNode)]] = object.conditions.map { c in
            [
                ("if", .object([
                    ("required", .array([.string(c.key)])),
                    ("properties", .object([(c.key, .object([("const", c.boolValue.map(JSONNode.bool) ?? .string(c.value))]))])),
                ])),
                ("then", .object([("required", .array(c.requires.map { .string($0) }))])),
            ]
        }
        if conditions.count == 1 {
            m += conditions[0]
        } else if conditions.count > 1 {
            m.append(("allOf", .array(conditions.map { .object($0) })))
        }
        if let description = object.description { m.append(("description", .string(description))) }
        return m
    }
}
