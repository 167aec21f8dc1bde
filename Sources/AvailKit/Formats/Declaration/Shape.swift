#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The declared shape of a JSON value: its type and constraints.
///
/// A format declares its document once, as an ``ObjectShape``. The decoder's
/// structure checks (required, type, enum with did-you-mean, unknown and
/// read-only fields), `avail schema`, the files in `schemas/` and the README's
/// format table are all derived from that one declaration.
public indirect enum Shape: Sendable {
    /// A string, optionally non-empty, with a JSON Schema `format` or `pattern`.
    case string(minLength: Int = 0, format: String? = nil, pattern: String? = nil)
    /// A string that must be one of these values (case-sensitive).
    case enumeration([String])
    /// An integer that must be one of these values.
    case integerEnumeration([Int64])
    /// `true` or `false`.
    case boolean
    /// A JSON integer, optionally bounded (inclusive).
    case integer(minimum: Int64? = nil, maximum: Int64? = nil)
    /// An integer that must equal this value (a `version`).
    case constant(Int64)
    /// An RFC 3339 date-time with `T`, upper-case `Z` or an offset (`$defs/timestamp` in schemas).
    case timestamp
    /// Integer UNIX seconds (never milliseconds).
    case unixSeconds
    /// A nested object with its own declared shape.
    case object(ObjectShape)
    /// An array; `items` nil when its entries are not declared.
    case array(items: Shape?, minItems: Int = 0, unique: Bool = false)
    /// An object whose keys are free and whose values all have one shape.
    case map(Shape)
    /// The shape, or `null`.
    case nullable(Shape)
    /// A shape shared under a name (`$defs` in the schema).
    case named(String, Shape)
    /// Any JSON value (a member kept as written).
    case anyValue

    /// A string enum from a Swift enum's raw values, so the values are written once.
    public static func enumeration<E: DeclaredEnum>(_ type: E.Type) -> Shape {
        .enumeration(type.ordered.map(\.rawValue))
    }

    /// An object whose members are not declared (`{"type": "object"}`).
    public static var anyObject: Shape { .object(ObjectShape(name: "object", fields: [], closed: false)) }

    /// The shape with names and nullability looked through.
    var resolved: Shape {
        switch self {
        case .named(_, let s): s.resolved
        default: self
        }
    }

    /// Whether `null` is an accepted value.
    var acceptsNull: Bool {
        switch self {
        case .nullable: true
        case .named(_, let s): s.acceptsNull
        default: false
        }
    }

    /// What a value of this shape is, in messages: "a string", "an integer (UNIX seconds)".
    var expected: String {
        switch self {
        case .string, .enumeration, .timestamp: "a string"
        case .integerEnumeration, .integer, .constant: "an integer"
        case .boolean: "a boolean"
        case .unixSeconds: "an integer (UNIX seconds)"
        case .object, .map: "an object"
        case .array: "an array"
        case .nullable(let s): s.expected + " or null"
        case .named(_, let s): s.expected
        case .anyValue: "any JSON value"
        }
    }
}

/// One member of an object: its key, shape and documentation.
public struct Field: Sendable {
    /// The member's key.
    public let key: String
    /// The JSON value the member holds.
    public let shape: Shape
    /// Whether a document without the member is invalid (`required_field`).
    public let isRequired: Bool
    /// Set by the provider: a request that sends it gets `read_only_field`,
    /// whose message says who sets it (`"is set by Gett and read-only"`).
    public let readOnly: String?
    /// How a wrong type is described when the shape's own words are too plain
    /// ("an array of channel names").
    public let expected: String?
    /// What the field means, for the schema and the docs.
    public let description: String?
    /// Values outside the enum that the provider's docs or its other endpoints
    /// use, with what to write instead: the finding says this rather than a
    /// did-you-mean that may mean the opposite (`OFFLINE` is nearest `ONLINE`).
    public let misused: [String: String]

    /// Declares a field; see the properties for what each argument means.
    public init(
        _ key: String, _ shape: Shape, required: Bool = false, readOnly: String? = nil, expected: String? = nil,
        description: String? = nil, misused: [String: String] = [:]
    ) {
        self.misused = misused
        self.key = key
        self.shape = shape
        self.isRequired = required
        self.readOnly = readOnly
        self.expected = expected
        self.description = description
    }

    /// The phrase for a wrong-type message.
    var expectedText: String { expected ?? shape.expected }
}

/// A value that makes other fields required: `status` `paused` needs `reason`.
/// Emitted in schemas as `if`/`then`; checked by the named rule.
public struct Condition: Sendable {
    /// The member whose value triggers the condition.
    public let key: String
    /// The value (as its JSON text) that triggers it.
    public let value: String
    /// The members required when it triggers.
    public let requires: [String]
    /// The rule that reports a document breaking the condition.
    public let rule: String
    /// How the rule's message names the case ("action 'close'", "a closed store").
    public let subject: String

    /// Set when the value that makes fields required is a boolean (`"is_active": false`).
    public let boolValue: Bool?

    /// When `key` is the string `value`, `requires` are required; a missing one is a `rule` finding about `subject`.
    public init(when key: String, is value: String, requires: [String], rule: String, subject: String? = nil) {
        self.key = key
        self.value = value
        self.boolValue = nil
        self.requires = requires
        self.rule = rule
        self.subject = subject ?? "\(key) '\(value)'"
    }

    /// When `key` is the boolean `value`, `requires` are required; a missing one is a `rule` finding about `subject`.
    public init(when key: String, is value: Bool, requires: [String], rule: String, subject: String? = nil) {
        self.key = key
        self.value = String(value)
        self.boolValue = value
        self.requires = requires
        self.rule = rule
        self.subject = subject ?? "\(key) \(value)"
    }
}

/// An object's declaration: its members in the format's documented order,
/// whether other keys are allowed, and the conditions between members.
/// Immutable after init (its flag buffers are written once), so it is shared freely between threads.
public final class ObjectShape: @unchecked Sendable {
    /// What the object is called in messages ("Gett StoreStatusUpdate").
    public let name: String
    /// The declared members, in the format's documented key order.
    public let fields: [Field]
    /// Whether keys outside `fields` are findings (`additionalProperties: false`).
    public let closed: Bool
    /// The fewest members a valid object has (`minProperties` in the schema).
    public let minProperties: Int
    /// Each inner list: the document needs all of these keys, for one of the lists (`anyOf`).
    public let requiresOneOf: [[String]]
    /// Members required only when another member has a given value (`if`/`then` in the schema).
    public let conditions: [Condition]
    /// What the object is, for the schema and the docs.
    public let description: String?

    /// The keys in declaration order, and per key whether it is required or
    /// accepts null: plain arrays, so the decoder's per-record lookups copy no `Field`.
    public let keys: [String]
    /// What a decoder reads per record, as raw tables owned by the shape.
    let lookup: Lookup

    /// Per field: required, accepts null, read-only; the keys' UTF-8 bytes and
    /// each field's enum values (empty when not an enum). A plain value of
    /// pointers, read by every worker per record through an unretained
    /// reference to the shape, so no reference count is touched. No
    /// `String` is made to compare with the input.
    struct Lookup {
        let isRequired: UnsafeBufferPointer<Bool>
        let acceptsNull: UnsafeBufferPointer<Bool>
        let isReadOnly: UnsafeBufferPointer<Bool>
        let keyTable: ByteTable
        let enumTables: UnsafeBufferPointer<ByteTable>
        /// The declared keys as strings, for ``ObjectDecoder``'s in-order guess.
        let keys: UnsafeBufferPointer<String>
        /// Each enumeration field's values as an `enum_value` message lists
        /// them ("'online', 'paused'"), made once; "" for other fields.
        let quotedValues: UnsafeBufferPointer<String>

        /// The index of a declared key, compared as UTF-8 bytes against the key table.
        @inline(__always) func index(of key: String) -> Int? { keyTable.index(of: key) }
    }

    /// Declares an object; see the properties for what each argument means.
    public init(
        name: String, fields: [Field], closed: Bool = true, minProperties: Int = 0, requiresOneOf: [[String]] = [],
        conditions: [Condition] = [], description: String? = nil
    ) {
        self.name = name
        self.fields = fields
        self.closed = closed
        self.minProperties = minProperties
        self.requiresOneOf = requiresOneOf
        self.conditions = conditions
        self.description = description
        self.keys = fields.map(\.key)
        self.lookup = Lookup(
            isRequired: .copy(fields.map(\.isRequired)),
            acceptsNull: .copy(fields.map(\.shape.acceptsNull)),
            isReadOnly: .copy(fields.map { $0.readOnly != nil }),
            keyTable: ByteTable(fields.map { Array($0.key.utf8) }),
            enumTables: .copy(fields.map { field in
                guard case .enumeration(let values) = field.shape.resolved else { return ByteTable([]) }
                return ByteTable(values.map { Array($0.utf8) })
            }),
            keys: .copy(fields.map(\.key)),
            quotedValues: .copy(fields.map { field in
                guard case .enumeration(let values) = field.shape.resolved else { return "" }
                return values.map { "'\($0)'" }.joined(separator: ", ")
            }))
    }

    deinit {
        lookup.isRequired.deallocate()
        lookup.acceptsNull.deallocate()
        lookup.isReadOnly.deallocate()
        lookup.keyTable.deallocate()
        UnsafeMutableBufferPointer(mutating: lookup.keys).deinitialize().deallocate()
        UnsafeMutableBufferPointer(mutating: lookup.quotedValues).deinitialize().deallocate()
        for table in lookup.enumTables { table.deallocate() }
        lookup.enumTables.deallocate()
    }


    /// The declared field named `key`, if any.
    public func field(_ key: String) -> Field? { fields.first { $0.key == key } }

    /// The shape unretained, for a decoder made per record from a shape in a
    /// `static let`: passing the shape itself to `ObjectDecoder` retained and
    /// released it, an object every worker thread shares, for every record.
    @inline(__always) public var reference: Unmanaged<ObjectShape> { .passUnretained(self) }

    /// The same object under another name, for messages.
    public func named(_ name: String) -> ObjectShape {
        ObjectShape(
            name: name, fields: fields, closed: closed, minProperties: minProperties, requiresOneOf: requiresOneOf,
            conditions: conditions, description: description)
    }
}

/// A format's whole declaration: its document shape, title and description.
public final class FormatDeclaration: Sendable {
    /// The format id (`gett.status`).
    public let id: String
    /// A short human name (`Gett store status`).
    public let title: String
    /// One line for `avail formats` and the README.
    public let summary: String
    /// The schema's description.
    public let description: String
    /// The document's top-level object.
    public let root: ObjectShape
    /// ``root`` unretained, for a decoder per record: passing `root` itself
    /// retained and released it for every record (an atomic operation on an
    /// object every worker thread shares).
    public let rootReference: Unmanaged<ObjectShape>
    /// Target fields the encoder reads from `--set NAME=VALUE` when the source cannot carry them.
    public let settable: [SettableField]
    /// The channel whose own API this is (`ubereats`), for a platform's
    /// formats: the endpoint is the scope, so a change for that channel needs
    /// no `channels`, and statements about other channels do not apply to it.
    public let platform: String?
    /// Whether the encoder writes several statements (``Availability/also``)
    /// itself; every other format gets one statement (``Statements/projected(_:for:)``).
    public let writesStatements: Bool
    /// Whether the document is a JSON array of `root` objects (a response with
    /// one entry per platform or operation) rather than one `root` object.
    public let isArray: Bool

    /// Declares a format; schemas, docs and structure checks are derived from it.
    public init(
        id: String, title: String, summary: String, description: String, settable: [SettableField] = [], platform: String? = nil,
        writesStatements: Bool = false, isArray: Bool = false, root: ObjectShape
    ) {
        self.isArray = isArray
        self.id = id
        self.title = title
        self.summary = summary
        self.description = description
        self.root = root
        self.rootReference = Unmanaged.passUnretained(root)
        self.settable = settable
        self.platform = platform
        self.writesStatements = writesStatements
    }
}

extension ObjectShape {
    /// Whether a field of this object, or of an object or array inside it, is
    /// a ``Shape/timestamp``. Each object is looked at once (`seen`), so a
    /// shape that contains itself ends.
    func declaresTimestamp(_ seen: inout Set<ObjectIdentifier>) -> Bool {
        guard seen.insert(ObjectIdentifier(self)).inserted else { return false }
        return fields.contains { $0.shape.declaresTimestamp(&seen) }
    }

    func declaresTimestamp() -> Bool {
        var seen = Set<ObjectIdentifier>()
        return declaresTimestamp(&seen)
    }
}

extension Shape {
    fileprivate func declaresTimestamp(_ seen: inout Set<ObjectIdentifier>) -> Bool {
        switch self {
        case .timestamp: true
        case .object(let object): object.declaresTimestamp(&seen)
        case .array(let items, _, _): items?.declaresTimestamp(&seen) ?? false
        case .map(let value), .nullable(let value), .named(_, let value): value.declaresTimestamp(&seen)
        default: false
        }
    }
}

/// A target field a source cannot carry, which `--set NAME=VALUE` supplies
/// (a store id that travels in the body, a date a request needs). Each
/// format declares the ones its encoder reads; the CLI accepts exactly these.
public struct SettableField: Hashable, Sendable {
    /// The name `--set` takes (`shop_id`), or its prefix (`channel_links.`)
    /// when the field takes a suffix.
    public let name: String
    /// The suffix's placeholder in help text (`CHANNEL`); nil for a plain field.
    public let placeholder: String?
    /// What the value is.
    public let help: String
    /// What a value must look like: the CLI refuses another before converting anything.
    public let value: Value

    /// What a `--set` value must look like.
    public enum Value: Hashable, Sendable {
        /// Any text (an id, a code written as given).
        case text
        /// A 64-bit integer.
        case integer
        /// Integers from `range`, separated by commas.
        case integers(ClosedRange<Int64>)
        /// `true` or `false`.
        case boolean
        /// One of these words, spelled as listed.
        case oneOf([String])
    }

    /// A field named exactly `name`.
    public init(_ name: String, _ value: Value = .text, help: String) {
        self.name = name
        self.placeholder = nil
        self.help = help
        self.value = value
    }

    /// A family of fields `prefix` + a suffix (`channel_links.ubereats`).
    public init(prefix: String, placeholder: String, _ value: Value = .text, help: String) {
        self.name = prefix
        self.placeholder = placeholder
        self.help = help
        self.value = value
    }

    /// What is wrong with `text` as this field's value, as the end of a
    /// sentence that starts with the value (`is not an integer`); nil when it is one.
    public func problem(with text: String) -> String? {
        switch value {
        case .text:
            return nil
        case .integer:
            guard Int64(text) == nil else { return nil }
            // Digits that do not fit say so: "not an integer" about 99999999999999999999 was wrong.
            let digits = text.hasPrefix("-") || text.hasPrefix("+") ? text.dropFirst() : Substring(text)
            return !digits.isEmpty && digits.allSatisfy(\.isASCII) && digits.allSatisfy(\.isNumber)
                ? "does not fit a 64-bit integer" : "is not an integer"
        case .integers(let range):
            let items = text.split(separator: ",", omittingEmptySubsequences: false).map { Int64($0.trimmingCharacters(in: .whitespaces)) }
            guard items.allSatisfy({ $0.map(range.contains) == true }) else {
                return "is not a comma-separated list of integers from \(range.lowerBound) to \(range.upperBound)"
            }
            return nil
        case .boolean:
            return text == "true" || text == "false" ? nil : "is not true or false"
        case .oneOf(let words):
            guard !words.contains(text) else { return nil }
            return "is not one of \(words.joined(separator: ", "))\(Suggest.hint(for: text, in: words))"
        }
    }

    /// Whether `key` (the part of `--set` before `=`) names this field.
    public func matches(_ key: String) -> Bool {
        placeholder == nil ? key == name : key.hasPrefix(name) && key.count > name.count
    }

    /// The field as help text shows it: `shop_id`, `channel_links.CHANNEL`.
    public var display: String { name + (placeholder ?? "") }
}

extension Shape {
    /// UNIX seconds from this value on are year 5138 or later: such a value is milliseconds.
    public static let unixSecondsLimit: Int64 = 100_000_000_000

    /// The canonical reason codes.
    public static var reason: Shape { .enumeration(Availability.Reason.self) }
}

/// A Swift enum whose raw values a format declares as a field's allowed values.
/// `ordered` is the cases in declaration order, stored once, so a decoder
/// maps a matched value's index to its case without `init(rawValue:)`.
public protocol DeclaredEnum: RawRepresentable, CaseIterable, Sendable where RawValue == String {
    /// Every value, in the order schemas and docs list them.
    static var ordered: OrderedCases<Self> { get }
}

/// An enum's values in a fixed order, in memory that is never freed.
///
/// Decoders map an input string to its value through this table for every
/// record, on every worker thread; a `static let` array would be reference
/// counted by each of them at once, so the table is a plain pointer instead.
/// Declare it once per type: `static let ordered = OrderedCases(allCases)`.
public struct OrderedCases<Element: Sendable>: RandomAccessCollection, @unchecked Sendable {
    private let base: UnsafeBufferPointer<Element>

    /// A table of `values`, kept for the life of the process (declarations are `static let`s).
    public init(_ values: some Collection<Element>) { base = .copy(Array(values)) }

    /// 0.
    public var startIndex: Int { 0 }
    /// The number of values.
    public var endIndex: Int { base.count }
    /// The value at `position`.
    public subscript(position: Int) -> Element { base[position] }
}

extension UnsafeBufferPointer {
    /// A new buffer holding `elements`; the caller deallocates it.
    static func copy(_ elements: [Element]) -> UnsafeBufferPointer<Element> {
        let buffer = UnsafeMutableBufferPointer<Element>.allocate(capacity: Swift.max(elements.count, 1))
        _ = buffer.initialize(from: elements)
        return UnsafeBufferPointer(rebasing: buffer[0..<elements.count])
    }
}

/// A few byte strings in one raw buffer (an enum's values, an object's
/// keys, the rule ids), found without touching a reference count or running
/// a string hash. Each string's length and first eight bytes (as one word)
/// are kept apart, so a candidate costs two integer comparisons (and the
/// rest of the bytes for a string longer than eight). A table of up to eight
/// strings is searched in order; a larger one (the 60-odd rule ids) has buckets,
/// indexed by a multiplicative hash of the length, the first and the last
/// eight bytes, that name the one candidate. Measured on validate: buckets
/// made a four-key lookup slower (a chain of dependent loads and
/// multiplications: 79 instructions against 69, 4.7% of the samples against
/// 3.9%) than a few comparisons in order.
/// Sendable: its buffers are written once, in `init`, and only read after.
struct ByteTable: @unchecked Sendable {
    let bytes: UnsafeBufferPointer<UInt8>
    /// Where each string starts in `bytes`, and one past the last.
    let offsets: UnsafeBufferPointer<Int>
    /// Each string's first eight bytes, little-endian, zero after its end.
    let heads: UnsafeBufferPointer<UInt64>
    /// Index + 1 of the string in each bucket, 0 for an empty bucket: at
    /// least twice as many buckets as strings (a power of two), so a probe
    /// ends at an empty bucket within a step or two. Empty for a table
    /// searched in order.
    let buckets: UnsafeBufferPointer<Int32>
    /// 64 less the number of bits of a bucket index.
    let shift: UInt64
    /// The most strings searched in order.
    static let scanned = 8

    init(_ strings: [[UInt8]]) {
        bytes = .copy(strings.flatMap { $0 })
        var offsets = [0]
        for s in strings { offsets.append(offsets[offsets.count - 1] + s.count) }
        self.offsets = .copy(offsets)
        heads = .copy(strings.map { s in s.withUnsafeBytes { Self.head(of: $0) } })
        guard strings.count > Self.scanned else {
            buckets = UnsafeBufferPointer(start: nil, count: 0)  // nothing to allocate (or deallocate)
            shift = 64
            return
        }
        var bits: UInt64 = 2
        while 1 << bits < 2 * strings.count { bits += 1 }
        shift = 64 - bits
        var table = [Int32](repeating: 0, count: 1 << Int(bits))
        for (i, s) in strings.enumerated() {
            var b = s.withUnsafeBytes { Self.bucket(head: Self.head(of: $0), text: $0, shift: 64 - bits) }
            // A repeated string keeps its first index, as a search in order does.
            while table[b] != 0 && strings[Int(table[b]) - 1] != s { b = (b + 1) & (table.count - 1) }
            if table[b] == 0 { table[b] = Int32(i + 1) }
        }
        buckets = .copy(table)
    }

    var count: Int { offsets.count - 1 }

    /// The first eight bytes of `text` as a little-endian word, zero after its end.
    @inline(__always) static func head(of text: UnsafeRawBufferPointer) -> UInt64 {
        guard let base = text.baseAddress else { return 0 }
        let n = text.count
        if n >= 8 { return UInt64(littleEndian: base.loadUnaligned(as: UInt64.self)) }
        if n >= 4 {
            // Two loads of four bytes that overlap: the shared bytes are the same in both.
            let low = UInt64(UInt32(littleEndian: base.loadUnaligned(as: UInt32.self)))
            let high = UInt64(UInt32(littleEndian: base.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self)))
            return low | high << (8 * UInt64(n - 4))
        }
        var word: UInt64 = 0
        for i in 0..<n { word |= UInt64(base.load(fromByteOffset: i, as: UInt8.self)) << (8 * UInt64(i)) }
        return word
    }

    /// The bucket `text` (whose first eight bytes are `head`) hashes to: its
    /// length, first and last eight bytes mixed by one multiplication (rule
    /// ids share long prefixes, so the last bytes count too).
    @inline(__always) private static func bucket(head: UInt64, text: UnsafeRawBufferPointer, shift: UInt64) -> Int {
        let n = text.count
        var word = head ^ UInt64(truncatingIfNeeded: n) &* 0x9E37_79B9
        if n > 8, let base = text.baseAddress {
            let last = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self))
            word ^= last << 29 | last >> 35
        }
        return Int(truncatingIfNeeded: (word &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    /// The index of the string equal to `text`, if any.
    func index(of text: UnsafeRawBufferPointer) -> Int? {
        let n = text.count
        let head = Self.head(of: text)
        if buckets.isEmpty {
            for i in 0..<count where heads[i] == head && offsets[i + 1] - offsets[i] == n && rest(of: i, equals: text) { return i }
            return nil
        }
        // Wrapping arithmetic: every index is within the table by construction.
        let mask = buckets.count &- 1
        var b = Self.bucket(head: head, text: text, shift: shift)
        while true {
            let entry = Int(buckets[b])
            if entry == 0 { return nil }
            let i = entry &- 1
            if heads[i] == head && offsets[entry] &- offsets[i] == n && rest(of: i, equals: text) { return i }
            b = (b &+ 1) & mask
        }
    }

    /// Whether string `i`'s bytes after the eighth equal `text`'s, whose
    /// length and first eight bytes are equal.
    @inline(__always) private func rest(of i: Int, equals text: UnsafeRawBufferPointer) -> Bool {
        let n = text.count
        if n <= 8 { return true }
        guard let table = bytes.baseAddress, let base = text.baseAddress else { return false }
        return memcmp(table + (offsets[i] &+ 8), base + 8, n &- 8) == 0
    }

    /// The index of the string equal to `text`'s UTF-8, if any.
    func index(of text: String) -> Int? {
        var text = text
        return text.withUTF8 { index(of: UnsafeRawBufferPointer($0)) }
    }

    func deallocate() {
        bytes.deallocate()
        offsets.deallocate()
        heads.deallocate()
        buckets.deallocate()
    }
}
