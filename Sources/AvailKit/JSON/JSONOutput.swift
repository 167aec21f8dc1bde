/// Writes JSON straight into a byte buffer, member by member, as encoders
/// produce it: no tree in between. The bytes are exactly what ``JSONWriter``
/// writes for the same document (pretty: two-space indentation and
/// `"key": value`; compact: no whitespace), so both stay one format.
///
/// The bytes live in one growable allocation written through a pointer (an
/// `Array` append has a fixed cost of checks, and an encoder makes a dozen
/// writes per record). The allocation is copied on write, so `JSONOutput`
/// keeps value semantics.
public struct JSONOutput {
    private var storage: OutputStorage
    /// Pretty or compact, as ``JSONWriter`` writes it.
    public let style: JSONWriter.Style
    /// One bit per open container: set while it has no member yet.
    private var empty: UInt64 = 0
    private var depth = 0

    /// An empty output in `style`, with room for `capacity` bytes.
    public init(style: JSONWriter.Style, capacity: Int = 256) {
        self.style = style
        self.storage = OutputStorage(capacity: capacity)
    }

    /// Everything written so far (a copy).
    public var bytes: [UInt8] { withBytes { Array($0) } }

    /// The number of bytes written so far.
    public var count: Int { storage.count }

    /// Calls `body` with the bytes written so far, without copying them.
    public func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try body(UnsafeBufferPointer(start: storage.base, count: storage.count))
    }

    /// Drops everything written after `count` bytes (a document that was not
    /// finished or not accepted), ready for the next document.
    public mutating func truncate(to count: Int) {
        unique()
        storage.count = max(0, min(count, storage.count))
        empty = 0
        depth = 0
    }

    // MARK: Bytes

    private mutating func unique() {
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
    }

    /// Room for `n` more bytes; the caller writes them and adds `n` to the count.
    @inline(__always) private mutating func reserve(_ n: Int) -> UnsafeMutablePointer<UInt8> {
        unique()
        if storage.capacity - storage.count < n { storage.grow(toHold: n) }
        return storage.base + storage.count
    }

    @inline(__always) private mutating func append(_ byte: UInt8) {
        reserve(1).pointee = byte
        storage.count += 1
    }

    @inline(__always) private mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let from = bytes.baseAddress else { return }
        reserve(bytes.count).update(from: from, count: bytes.count)
        storage.count += bytes.count
    }

    private mutating func append(_ text: StaticString) {
        append(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// A string's text between quotes, escaped as ``JSONWriter`` escapes it.
    private mutating func appendQuoted(_ text: String) {
        var s = text
        s.withUTF8 { appendQuoted($0) }
    }

    /// UTF-8 text between quotes, escaped as ``JSONWriter`` escapes it.
    @inline(__always) private mutating func appendQuoted(_ utf8: UnsafeBufferPointer<UInt8>) {
        guard JSONWriter.needsNoEscape(utf8) else {
            // Rare: the writer's escaping, then its bytes.
            var escaped: [UInt8] = []
            JSONWriter.writeString(String(decoding: utf8, as: UTF8.self), into: &escaped)
            escaped.withUnsafeBufferPointer { append($0) }
            return
        }
        let to = reserve(utf8.count + 2)
        to.pointee = UInt8(ascii: "\"")
        if let from = utf8.baseAddress { (to + 1).update(from: from, count: utf8.count) }
        to[utf8.count + 1] = UInt8(ascii: "\"")
        storage.count += utf8.count + 2
    }

    /// Appends a whole document written elsewhere in this style (between documents only).
    public mutating func append(document bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { append($0) }
    }

    /// Ends a document with a line break (one NDJSON line per document).
    public mutating func endLine() { append(0x0A) }

    // MARK: Containers

    /// Opens an object, as a value or after ``key(_:)``.
    public mutating func beginObject() { open(UInt8(ascii: "{")) }
    /// Closes the innermost object.
    public mutating func endObject() { close(UInt8(ascii: "}")) }
    /// Opens an array, as a value or after ``key(_:)``.
    public mutating func beginArray() { open(UInt8(ascii: "[")) }
    /// Closes the innermost array.
    public mutating func endArray() { close(UInt8(ascii: "]")) }

    private mutating func open(_ bracket: UInt8) {
        append(bracket)
        depth += 1
        if depth < 64 { empty |= 1 << UInt64(depth) }
    }

    private mutating func close(_ bracket: UInt8) {
        let wasEmpty = depth < 64 && empty & (1 << UInt64(depth)) != 0
        if depth < 64 { empty &= ~(1 << UInt64(depth)) }
        depth -= 1
        if !wasEmpty && style == .pretty { newline() }
        append(bracket)
    }

    /// Whether the innermost container has no member or item yet; from now on it has one.
    private mutating func claimFirst() -> Bool {
        guard depth < 64 && empty & (1 << UInt64(depth)) != 0 else { return false }
        empty &= ~(1 << UInt64(depth))
        return true
    }

    /// The separator and indentation before a member or an item.
    private mutating func next() {
        if !claimFirst() { append(UInt8(ascii: ",")) }
        if style == .pretty { newline(depth) }
    }

    private mutating func newline(_ indent: Int? = nil) {
        append(0x0A)
        for _ in 0..<((indent ?? depth) * 2) { append(0x20) }
    }

    /// Starts an object member; its value is written next.
    public mutating func key(_ key: JSONKey) {
        switch key.name {
        // A string literal's StaticString always has a pointer to its UTF-8.
        case .literal(let name): self.key(UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
        case .text(let name):
            var name = name
            name.withUTF8 { self.key($0) }
        }
    }

    /// The separator, indentation, quoted name and colon of a member. A name
    /// that needs no escape (every key an encoder writes) goes in one
    /// reservation: a stream writes a handful of keys per record, and writing
    /// the pieces one by one reserved, and checked that the storage is not
    /// shared, four times per key.
    private mutating func key(_ name: UnsafeBufferPointer<UInt8>) {
        guard JSONWriter.needsNoEscape(name), let from = name.baseAddress else {
            next()
            appendQuoted(name)
            append(UInt8(ascii: ":"))
            if style == .pretty { append(0x20) }
            return
        }
        let comma = claimFirst() ? 0 : 1
        let pretty = style == .pretty
        // Pretty: a line break and two spaces a level before the name, a space after the colon.
        let indent = pretty ? 1 + 2 * depth : 0
        let start = comma + indent
        let to = reserve(start + name.count + 3 + (pretty ? 1 : 0))
        if comma == 1 { to.pointee = UInt8(ascii: ",") }
        if pretty {
            to[comma] = 0x0A
            (to + comma + 1).update(repeating: 0x20, count: indent - 1)
        }
        to[start] = UInt8(ascii: "\"")
        (to + start + 1).update(from: from, count: name.count)
        to[start + 1 + name.count] = UInt8(ascii: "\"")
        to[start + 2 + name.count] = UInt8(ascii: ":")
        if pretty { to[start + 3 + name.count] = 0x20 }
        storage.count += start + name.count + 3 + (pretty ? 1 : 0)
    }

    /// Starts an array item; its value is written next.
    public mutating func item() { next() }

    // MARK: Scalars

    /// Writes a string value, escaping `"`, `\` and control characters.
    public mutating func string(_ s: String) { appendQuoted(s) }
    /// Writes an integer value.
    public mutating func int(_ v: Int64) {
        let to = reserve(20)
        storage.count += writeDecimal(v, into: to)
    }
    /// Writes `true` or `false`.
    public mutating func bool(_ b: Bool) { append(b ? "true" : "false") }
    /// Writes `null`.
    public mutating func null() { append("null") }
    /// Writes a number with its exact text.
    public mutating func number(_ n: JSONNumber) {
        var text = n.text
        text.withUTF8 { append($0) }
    }

    /// Writes a whole value (a member kept from a source document), as ``JSONWriter`` would.
    public mutating func value(_ node: JSONNode) {
        switch node.kind {
        case .null: null()
        case .bool(let b): bool(b)
        case .number(let n): number(n)
        case .string(let s): string(s)
        case .array(let items):
            beginArray()
            for item in items {
                self.item()
                value(item)
            }
            endArray()
        case .object(let members):
            beginObject()
            for m in members {
                key(JSONKey(m.key))
                value(m.value)
            }
            endObject()
        }
    }

    // MARK: Members

    /// Writes the member `"name": "value"`.
    public mutating func field(_ name: JSONKey, _ value: String) {
        key(name)
        string(value)
    }

    /// Writes the member `"name": value` for an integer.
    public mutating func field(_ name: JSONKey, int value: Int64) {
        key(name)
        int(value)
    }

    /// Writes the member `"name": true` or `false`.
    public mutating func field(_ name: JSONKey, bool value: Bool) {
        key(name)
        bool(value)
    }

    /// Writes the member `"name": null`.
    public mutating func nullField(_ name: JSONKey) {
        key(name)
        null()
    }
}

/// An object member's name as an encoder writes it: usually a literal, whose
/// bytes are written as they are in the binary (no `String` is made, retained
/// or scanned through its view per record); a computed name is wrapped with
/// ``init(_:)``.
public struct JSONKey: ExpressibleByStringLiteral, Sendable {
    enum Name {
        case literal(StaticString)
        case text(String)
    }

    let name: Name

    /// A literal name.
    public init(stringLiteral name: StaticString) { self.name = .literal(name) }

    /// A computed name (a channel, an order type).
    public init(_ name: String) { self.name = .text(name) }
}

/// ``JSONOutput``'s bytes: one allocation, grown by doubling.
final class OutputStorage {
    private(set) var base: UnsafeMutablePointer<UInt8>
    private(set) var capacity: Int
    var count = 0

    init(capacity: Int) {
        self.capacity = Swift.max(capacity, 16)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    /// A separate copy of the bytes, for a write to an output that is shared.
    func copy() -> OutputStorage {
        let copy = OutputStorage(capacity: capacity)
        copy.base.update(from: base, count: count)
        copy.count = count
        return copy
    }

    /// Makes room for `n` more bytes.
    func grow(toHold n: Int) {
        let needed = count + n
        var newCapacity = capacity
        while newCapacity < needed { newCapacity = newCapacity > Int.max / 2 ? needed : newCapacity * 2 }
        let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        grown.update(from: base, count: count)
        base.deallocate()
        base = grown
        capacity = newCapacity
    }
}

/// Writes `value` in decimal ASCII digits (and a `-`) at `start`, which has
/// room for 20 bytes; returns how many it wrote. The digits are made
/// backwards from the end of the room and then moved to its start.
func writeDecimal(_ value: Int64, into start: UnsafeMutablePointer<UInt8>) -> Int {
    var i = 20
    // The magnitude as UInt64: Int64.min has no positive Int64. 19 digits and a sign fit.
    var rest = value.magnitude
    repeat {
        i -= 1
        start[i] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest % 10)
        rest /= 10
    } while rest > 0
    if value < 0 {
        i -= 1
        start[i] = UInt8(ascii: "-")
    }
    if i > 0 { start.update(from: start + i, count: 20 - i) }
    return 20 - i
}
