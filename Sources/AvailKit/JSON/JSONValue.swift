/// One value of a ``JSONDocument``: an index into its tape. Reading it costs
/// nothing until a text, a location or a pointer is asked for.
///
/// Valid only while its document is (inside ``JSONReader/withDocument(_:_:)``);
/// it holds the document unretained and reads it borrowed, so neither
/// passing values around nor reading them touches a reference count in the
/// per-record loop.
public struct JSONValue {
    /// The document, unretained, read through ``withDocument(_:)``. An
    /// `unowned(unsafe)` reference is copied (retained and released) wherever
    /// it is read to call a method or to build a value: a Tokopedia record's
    /// rules did that about forty times.
    let borrowed: Unmanaged<JSONDocument>
    let index: Int

    /// The document the value is in.
    public var document: JSONDocument { borrowed.takeUnretainedValue() }

    init(document: __shared JSONDocument, index: Int) {
        self.init(borrowed: .passUnretained(document), index: index)
    }

    init(borrowed: Unmanaged<JSONDocument>, index: Int) {
        self.borrowed = borrowed
        self.index = index
    }

    /// Another value of the same document.
    @inline(__always) func sibling(_ index: Int) -> JSONValue { JSONValue(borrowed: borrowed, index: index) }

    /// Calls `body` with the document borrowed: no reference count is touched.
    @inline(__always) func withDocument<R>(_ body: (JSONDocument) -> R) -> R {
        borrowed._withUnsafeGuaranteedRef(body)
    }

    /// A value's kind, with the scalar's content (a string's text is decoded here).
    public enum Kind: Equatable {
        /// `null`.
        case null
        /// `true` or `false`.
        case bool(Bool)
        /// A number, with its exact text.
        case number(JSONNumber)
        /// A string, unescaped.
        case string(String)
        /// An array; read its items with ``JSONValue/items``.
        case array
        /// An object; read its members with ``JSONValue/members``.
        case object
    }

    var tag: JSONDocument.Tag { withDocument { $0.entries[index].tag } }

    /// The value's kind; a string's text is decoded here.
    public var kind: Kind {
        switch tag {
        case .null: .null
        case .true: .bool(true)
        case .false: .bool(false)
        case .integer: .number(JSONNumber(text: withDocument { $0.text(at: index) }, isInteger: true))
        case .number: .number(JSONNumber(text: withDocument { $0.text(at: index) }, isInteger: false))
        case .string, .escapedString: .string(withDocument { $0.string(at: index) })
        case .array: .array
        case .object: .object
        }
    }

    /// Where the value starts (line:column computed now, from the byte offset).
    public var location: SourceLocation { document.location(of: index) }

    /// The value's bytes in the input (a string with its quotes). For a
    /// document built from another tree (a YAML config), a scalar's bytes in
    /// that tree's source when it wrote the value plainly or in quotes without
    /// escapes, else nil.
    public var byteRange: Range<Int>? {
        withDocument { document in
            guard document.explicitLocations != nil else {
                let e = document.entries[index]
                return e.start..<e.end
            }
            guard let find = document.sourceRange else { return nil }
            let at = document.location(of: index)
            switch tag {
            case .string, .escapedString:
                let text = document.string(at: index)
                return find(text, at) ?? find("\"" + text + "\"", at) ?? find("'" + text + "'", at)
            case .integer, .number, .true, .false, .null:
                return find(document.text(at: index), at)
            case .array, .object:
                return nil
            }
        }
    }

    /// The value's RFC 6901 pointer (built now, from the tape's parent links).
    public var pointer: String { document.pointer(of: index) }

    /// Whether the value is `null`.
    public var isNull: Bool { tag == .null }
    /// Whether the value is an object.
    public var isObject: Bool { tag == .object }
    /// Whether the value is an array.
    public var isArray: Bool { tag == .array }
    /// Whether the value is a string.
    public var isString: Bool { tag == .string || tag == .escapedString }
    /// Whether the value is a number with no fraction and no exponent.
    public var isInteger: Bool { tag == .integer }

    /// The value of `true` or `false`; nil for anything else.
    public var boolValue: Bool? {
        switch tag {
        case .true: true
        case .false: false
        default: nil
        }
    }

    /// The text of a string, unescaped; nil for anything else.
    public var stringValue: String? { isString ? withDocument { $0.string(at: index) } : nil }

    /// A number with its exact text; nil for anything else.
    public var number: JSONNumber? {
        switch tag {
        case .integer: JSONNumber(text: withDocument { $0.text(at: index) }, isInteger: true)
        case .number: JSONNumber(text: withDocument { $0.text(at: index) }, isInteger: false)
        default: nil
        }
    }

    /// The value as an `Int64` when it is an integer that fits, read off the
    /// bytes (``JSONNumber/int64`` of ``number`` makes a `String` first).
    public var int64: Int64? {
        tag == .integer ? withDocument { $0.int64(at: index) } : nil
    }

    /// Whether this is a string spelled exactly `word` (no `String` is made for the comparison).
    public func isString(_ word: String) -> Bool { isString && withDocument { $0.stringEquals(index, word) } }

    /// The string's unescaped UTF-8 bytes, when it has no escapes (no copy).
    var plainStringBytes: UnsafeBufferPointer<UInt8>? {
        withDocument { document in
            let e = document.entries[index]
            guard e.tag == .string else { return nil }
            return UnsafeBufferPointer(rebasing: document.bytes[(e.start + 1)..<(e.end - 1)])
        }
    }

    /// The JSON type name used in messages: `object`, `array`, `string`, `number`, `boolean`, `null`.
    public var typeName: String {
        switch tag {
        case .null: "null"
        case .true, .false: "boolean"
        case .integer, .number: "number"
        case .string, .escapedString: "string"
        case .array: "array"
        case .object: "object"
        }
    }

    /// A short rendering for messages: strings quoted, containers abbreviated.
    public var summary: String {
        switch tag {
        case .null: "null"
        case .true: "true"
        case .false: "false"
        case .integer, .number: document.text(at: index)
        case .string, .escapedString: shown(document.string(at: index))
        case .array: "[...]"
        case .object: "{...}"
        }
    }

    // MARK: Containers

    /// One object member: its key (decoded on demand) and value.
    public struct Member {
        let keyIndex: Int
        /// The member's value.
        public let value: JSONValue

        /// The key, unescaped.
        public var key: String { value.withDocument { $0.string(at: keyIndex) } }
        /// Where the key starts.
        public var keyLocation: SourceLocation { value.document.location(of: keyIndex) }

        /// Whether the key is spelled exactly `word`.
        public func hasKey(_ word: String) -> Bool { value.withDocument { $0.stringEquals(keyIndex, word) } }
    }

    /// The members of an object in document order (empty for anything else).
    public var members: Members { Members(object: self) }

    /// An object's members, read from the tape as they are iterated.
    public struct Members: Sequence {
        let object: JSONValue

        public func makeIterator() -> Iterator {
            Iterator(object: object, cursor: object.index + 1, remaining: count)
        }

        /// How many members the object has (duplicates included).
        public var count: Int {
            object.withDocument { document in
                let e = document.entries[object.index]
                return e.tag == .object ? Int(e.count) : 0
            }
        }

        public struct Iterator: IteratorProtocol {
            let object: JSONValue
            var cursor: Int
            var remaining: Int

            public mutating func next() -> Member? {
                guard remaining > 0 else { return nil }
                remaining -= 1
                let key = cursor
                cursor = object.withDocument { Int($0.entries[key + 1].next) }
                return Member(keyIndex: key, value: object.sibling(key + 1))
            }
        }
    }

    /// The items of an array in order (empty for anything else).
    public var items: Items { Items(array: self) }

    /// An array's items, read from the tape as they are iterated.
    public struct Items: Sequence {
        let array: JSONValue

        /// How many items the array has.
        public var count: Int {
            array.withDocument { document in
                let e = document.entries[array.index]
                return e.tag == .array ? Int(e.count) : 0
            }
        }

        /// Whether the array has no items.
        public var isEmpty: Bool { count == 0 }

        public func makeIterator() -> Iterator {
            Iterator(array: array, cursor: array.index + 1, remaining: count)
        }

        public struct Iterator: IteratorProtocol {
            let array: JSONValue
            var cursor: Int
            var remaining: Int

            public mutating func next() -> JSONValue? {
                guard remaining > 0 else { return nil }
                remaining -= 1
                let item = cursor
                cursor = array.withDocument { Int($0.entries[item].next) }
                return array.sibling(item)
            }
        }
    }

    /// The first member named `key`, when this is an object.
    public subscript(key: String) -> JSONValue? {
        // One walk on the tape with the key's bytes in hand: a member at a
        // time through ``Members`` and ``Member/hasKey(_:)`` was most of what
        // Tokopedia's rules cost (they look members up by name).
        withUTF8(of: key) { word in withDocument { $0.member(of: index, named: word) } }.map(sibling)
    }

    // MARK: Materializing

    /// The value as a tree with locations and pointers, for callers that keep it.
    public var node: JSONNode {
        let location = location
        let pointer = pointer
        switch tag {
        case .array:
            return JSONNode(.array(items.map(\.node)), location: location, pointer: pointer)
        case .object:
            return JSONNode(
                .object(members.map { JSONMember(key: $0.key, keyLocation: $0.keyLocation, value: $0.value.node) }), location: location,
                pointer: pointer)
        case .null: return JSONNode(.null, location: location, pointer: pointer)
        case .true: return JSONNode(.bool(true), location: location, pointer: pointer)
        case .false: return JSONNode(.bool(false), location: location, pointer: pointer)
        case .integer, .number: return JSONNode(.number(number ?? JSONNumber(0)), location: location, pointer: pointer)
        case .string, .escapedString: return JSONNode(.string(document.string(at: index)), location: location, pointer: pointer)
        }
    }
}
