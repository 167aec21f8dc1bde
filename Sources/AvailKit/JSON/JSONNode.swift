/// A JSON value read from (or to be written to) a document, with where it was.
///
/// Objects keep their members in document order, duplicates included (the
/// reader reports them); numbers keep the exact text they were written with.
public struct JSONNode: Sendable, Equatable {
    /// What a node holds.
    public enum Kind: Sendable, Equatable {
        /// `null`.
        case null
        /// `true` or `false`.
        case bool(Bool)
        /// A number, with its exact text.
        case number(JSONNumber)
        /// A string, unescaped.
        case string(String)
        /// An array's items, in order.
        case array([JSONNode])
        /// An object's members, in document order (duplicates kept).
        case object([JSONMember])
    }

    /// What the node holds.
    public var kind: Kind
    /// Where the value starts; `.none` for built values.
    public var location: SourceLocation
    /// RFC 6901 pointer to this value; "" for the root and for built values.
    public var pointer: String

    /// A node holding `kind`; built nodes have no location and an empty pointer.
    public init(_ kind: Kind, location: SourceLocation = .none, pointer: String = "") {
        self.kind = kind
        self.location = location
        self.pointer = pointer
    }

    /// Structural equality, ignoring locations and pointers.
    public static func == (lhs: JSONNode, rhs: JSONNode) -> Bool { lhs.kind == rhs.kind }
}

/// One `"key": value` pair of an object.
public struct JSONMember: Sendable, Equatable {
    /// The key, unescaped.
    public var key: String
    /// Where the key starts; ``SourceLocation/none`` for built members.
    public var keyLocation: SourceLocation
    /// The member's value.
    public var value: JSONNode

    /// A member `key: value`.
    public init(key: String, keyLocation: SourceLocation = .none, value: JSONNode) {
        self.key = key
        self.keyLocation = keyLocation
        self.value = value
    }

    public static func == (lhs: JSONMember, rhs: JSONMember) -> Bool {
        lhs.key == rhs.key && lhs.value == rhs.value
    }
}

/// A JSON number as written, with its integer value when it has one.
public struct JSONNumber: Sendable, Hashable {
    /// The exact text from the document (or the canonical text of a built number).
    public let text: String
    /// Whether the text has no fraction and no exponent.
    public let isInteger: Bool

    /// A number with its exact `text`; `isInteger` when it has no fraction and no exponent.
    public init(text: String, isInteger: Bool) {
        self.text = text
        self.isInteger = isInteger
    }

    /// An integer number.
    public init(_ value: Int64) {
        self.text = String(value)
        self.isInteger = true
    }

    /// The value as an `Int64`, or nil when it is not an integer or does not fit.
    public var int64: Int64? { isInteger ? Int64(text) : nil }

    /// The value as a finite `Double`, or nil when it overflows (`1e999999`).
    public var double: Double? {
        guard let d = Double(text), d.isFinite else { return nil }
        return d
    }
}

extension JSONNode {
    /// A built `null`.
    public static var null: JSONNode { JSONNode(.null) }
    /// A built boolean.
    public static func bool(_ value: Bool) -> JSONNode { JSONNode(.bool(value)) }
    /// A built string.
    public static func string(_ value: String) -> JSONNode { JSONNode(.string(value)) }
    /// A built integer.
    public static func int(_ value: Int64) -> JSONNode { JSONNode(.number(JSONNumber(value))) }
    /// A built array.
    public static func array(_ items: [JSONNode]) -> JSONNode { JSONNode(.array(items)) }
    /// A built object with its members in the order given.
    public static func object(_ members: KeyValuePairs<String, JSONNode>) -> JSONNode {
        JSONNode(.object(members.map { JSONMember(key: $0.key, value: $0.value) }))
    }
    /// A built object with its members in the order given.
    public static func object(_ members: [(String, JSONNode)]) -> JSONNode {
        JSONNode(.object(members.map { JSONMember(key: $0.0, value: $0.1) }))
    }

    /// The JSON type name used in messages: `object`, `array`, `string`, `number`, `boolean`, `null`.
    public var typeName: String {
        switch kind {
        case .null: "null"
        case .bool: "boolean"
        case .number: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }

    /// The text of a string; nil for anything else.
    public var stringValue: String? {
        if case .string(let s) = kind { return s }
        return nil
    }

    /// The members of an object; nil for anything else.
    public var members: [JSONMember]? {
        if case .object(let m) = kind { return m }
        return nil
    }

    /// The number of a number node; nil for anything else.
    public var numberValue: JSONNumber? {
        if case .number(let n) = kind { return n }
        return nil
    }

    /// The items of an array; nil for anything else.
    public var items: [JSONNode]? {
        if case .array(let a) = kind { return a }
        return nil
    }

    /// The first member named `key`, when this is an object.
    public subscript(key: String) -> JSONNode? {
        members?.first { $0.key == key }?.value
    }

    /// A short rendering of the value for messages: strings quoted, containers abbreviated.
    public var summary: String { kind.summary }
}

extension JSONNode.Kind {
    /// The value as messages show it: a scalar's text, `[...]` or `{...}`.
    var summary: String {
        switch self {
        case .null: "null"
        case .bool(let b): b ? "true" : "false"
        case .number(let n): n.text
        case .string(let s): shown(s)
        case .array: "[...]"
        case .object: "{...}"
        }
    }
}
