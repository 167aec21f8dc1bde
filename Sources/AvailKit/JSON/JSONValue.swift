/// One value of a ``JSONDocument``: an index into its tape. Reading it costs
/// nothing until a text, a location or a pointer is asked for.
///
/// Valid only while its document is (inside ``JSONReader/withDocument(_:_:)``);
/// it holds the document unretained, so passing values around costs no
/// reference counting in the per-record loop.
public struct JSONValue {
    /// The document the value is in.
    public unowned(unsafe) let document: JSONDocument
    let index: Int

    init(document: __shared JSONDocument, index: Int) {
        self.document = document
        self.index = index
    }

    /// Calls `body` with the document borrowed: a method called on
    /// `document` itself retains and releases it around the call, four
    /// atomic operations per record for a decoder's lookups.
    @inline(__always) func withDocument<R>(_ body: (JSONDocument) -> R) -> R {
        Unmanaged.passUnretained(document)._withUnsafeGuaranteedRef(body)
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

    var tag: JSONDocument.Tag { document.entries[index].tag }

    /// The value's kind; a string's text is decoded here.
    public var kind: Kind {
        switch tag {
        case .null: .null
        case .true: .bool(true)
        case .false: .bool(false)
        case .integer: .number(JSONNumber(text: document.text(at: index), isInteger: true))
        case .number: .number(JSONNumber(text: document.text(at: index), isInteger: false))
        case .string, .escapedString: .string(document.string(at: index))
        case .array: .array
        case .object: .object
        }
    }

    /// Where the value starts (line:column computed now, from the byte offset).
    public var location: SourceLocation { document.location(of: index) }

    /// The value's bytes in the input (a string with its quotes), or nil for a
    /// document built from another tree (a YAML config), whose bytes are not the input's.
    public var byteRange: Range<Int>? {
        guard document.explicitLocations == nil else { return nil }
        let e = document.entries[index]
        return e.start..<e.end
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
    public var stringValue: String? { isString ? document.string(at: index) : nil }

    /// A number with its exact text; nil for anything else.
    public var number: JSONNumber? {
        switch tag {
        case .integer: JSONNumber(text: document.text(at: index), isInteger: true)
        case .number: JSONNumber(text: document.text(at: index), isInteger: false)
        default: nil
        }
    }

    /// Whether this is a string spelled exactly `word` (no `String` is made for the comparison).
    public func isString(_ word: String) -> Bool { isString && document.stringEquals(index, word) }

    /// The string's unescaped UTF-8 bytes, when it has no escapes (no copy).
    var plainStringBytes: UnsafeBufferPointer<UInt8>? {
        let e = document.entries[index]
        guard e.tag == .string else { return nil }
        return UnsafeBufferPointer(rebasing: document.bytes[(e.start + 1)..<(e.end - 1)])
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
        public var key: String { value.document.string(at: keyIndex) }
        /// Where the key starts.
        public var keyLocation: SourceLocation { value.document.location(of: keyIndex) }

        /// Whether the key is spelled exactly `word`.
        public func hasKey(_ word: String) -> Bool { value.document.stringEquals(keyIndex, word) }
    }

    /// The members of an object in document order (empty for anything else).
    public var members: Members { Members(document: document, object: index) }

    /// An object's members, read from the tape as they are iterated.
    public struct Members: Sequence {
        unowned(unsafe) let document: JSONDocument
        let object: Int

        init(document: __shared JSONDocument, object: Int) {
            self.document = document
            self.object = object
        }

        public func makeIterator() -> Iterator {
            let e = document.entries[object]
            return Iterator(document: document, cursor: object + 1, remaining: e.tag == .object ? Int(e.count) : 0)
        }

        /// How many members the object has (duplicates included).
        public var count: Int {
            let e = document.entries[object]
            return e.tag == .object ? Int(e.count) : 0
        }

        public struct Iterator: IteratorProtocol {
            unowned(unsafe) let document: JSONDocument
            var cursor: Int
            var remaining: Int

            init(document: __shared JSONDocument, cursor: Int, remaining: Int) {
                self.document = document
                self.cursor = cursor
                self.remaining = remaining
            }

            public mutating func next() -> Member? {
                guard remaining > 0 else { return nil }
                remaining -= 1
                let key = cursor
                cursor = Int(document.entries[key + 1].next)
                return Member(keyIndex: key, value: JSONValue(document: document, index: key + 1))
            }
        }
    }

    /// The items of an array in order (empty for anything else).
    public var items: Items { Items(document: document, array: index) }

    /// An array's items, read from the tape as they are iterated.
    public struct Items: Sequence {
        unowned(unsafe) let document: JSONDocument
        let array: Int

        /// How many items the array has.
        public var count: Int {
            let e = document.entries[array]
            return e.tag == .array ? Int(e.count) : 0
        }

        /// Whether the array has no items.
        public var isEmpty: Bool { count == 0 }

        public func makeIterator() -> Iterator {
            Iterator(document: document, cursor: array + 1, remaining: count)
        }

        public struct Iterator: IteratorProtocol {
            unowned(unsafe) let document: JSONDocument
            var cursor: Int
            var remaining: Int

            init(document: __shared JSONDocument, cursor: Int, remaining: Int) {
                self.document = document
                self.cursor = cursor
                self.remaining = remaining
            }

            public mutating func next() -> JSONValue? {
                guard remaining > 0 else { return nil }
                remaining -= 1
                let item = cursor
                cursor = Int(document.entries[item].next)
                return JSONValue(document: document, index: item)
            }
        }
    }

    /// The first member named `key`, when this is an object.
    public subscript(key: String) -> JSONValue? {
        for m in members where m.hasKey(key) { return m.value }
        return nil
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
