/// A JSON document read into a flat, position-indexed tape, as simdjson and
/// yyjson do: one entry per value (and per object key) in document order,
/// each a tag and a byte range of the input. Nothing is materialized while
/// reading: a string becomes a `String` only when its text is needed, and a
/// line:column or JSON Pointer is computed from the byte offset only when a
/// finding or an origin needs it.
///
/// The document borrows the input bytes: it is valid only while they are, which
/// ``JSONReader/withDocument(_:_:)`` guarantees by scoping it to a closure.
public final class JSONDocument {
    enum Tag: UInt8 {
        case null, `false`, `true`
        /// A number with no fraction and no exponent.
        case integer
        case number
        /// A string without escapes: its text is the bytes between the quotes.
        case string
        case escapedString
        case array
        case object
    }

    struct Entry {
        var tag: Tag
        /// An object member's key (the member's value is the next entry).
        var isKey = false
        /// A key that repeats an earlier key of its object (set by the reader).
        var isDuplicateKey = false
        /// The value's first byte (a string's opening quote).
        var start: Int
        /// Past the value's last byte (a container's closing bracket).
        var end: Int
        /// The entry after this value and everything inside it.
        var next: Int32
        /// The enclosing container's entry, -1 for the root.
        var parent: Int32
        /// The member or item index in the parent.
        var ordinal: Int32
        /// Members or items, for containers.
        var count: Int32
    }

    private(set) var bytes: UnsafeBufferPointer<UInt8>
    /// The tape, owned by the document and immutable once read. A raw buffer,
    /// not an array, so reading an entry costs no reference counting.
    private(set) var entries: UnsafeMutableBufferPointer<Entry>
    private var storage: UnsafeMutableBufferPointer<Entry>
    /// Where line 1 starts: 3 after a byte order mark, else 0.
    private(set) var bodyStart: Int
    /// Locations given by the producer (a YAML document's marks), one per entry.
    let explicitLocations: [SourceLocation]?
    /// Where the document sits in a larger one (a config's `/stores/3`): every pointer starts with it.
    var pointerPrefix = ""
    /// For a document built from another tree: the source bytes of a value
    /// written there exactly as `text` at a location (a YAML plain scalar, or
    /// one in quotes without escapes), so a fix can replace them; nil when the
    /// source has other bytes there.
    var sourceRange: ((_ text: String, _ at: SourceLocation) -> Range<Int>?)?

    // The locator's cursor: locations are mostly asked for in reading order,
    // so each is found by scanning forward from the previous one.
    private var cursorOffset: Int
    private var cursorLine = 1
    private var cursorColumn = 1

    init(bytes: UnsafeBufferPointer<UInt8>, entries: [Entry], bodyStart: Int, explicitLocations: [SourceLocation]? = nil) {
        self.bytes = bytes
        storage = UnsafeMutableBufferPointer<Entry>.allocate(capacity: max(entries.count, 1))
        _ = storage.initialize(from: entries)
        self.entries = UnsafeMutableBufferPointer(rebasing: storage[0..<entries.count])
        self.bodyStart = bodyStart
        self.explicitLocations = explicitLocations
        self.cursorOffset = bodyStart
    }

    /// A document that takes over a tape read into `storage` (its first
    /// `count` entries) and deallocates it when it goes.
    init(bytes: UnsafeBufferPointer<UInt8>, adopting storage: UnsafeMutableBufferPointer<Entry>, count: Int, bodyStart: Int) {
        self.bytes = bytes
        self.storage = storage
        self.entries = UnsafeMutableBufferPointer(rebasing: storage[0..<count])
        self.bodyStart = bodyStart
        self.explicitLocations = nil
        self.cursorOffset = bodyStart
    }

    deinit {
        storage.deallocate()
    }

    /// The tape buffer, handed to the next read; the document is empty after it.
    func takeStorage() -> UnsafeMutableBufferPointer<Entry> {
        let taken = storage
        storage = UnsafeMutableBufferPointer(start: nil, count: 0)
        entries = storage
        return taken
    }

    /// Makes this (spare) document the one read into `storage`, as the
    /// adopting initializer does, without allocating a new object.
    func reset(bytes: UnsafeBufferPointer<UInt8>, adopting storage: UnsafeMutableBufferPointer<Entry>, count: Int, bodyStart: Int) {
        self.storage.deallocate()
        self.bytes = bytes
        self.storage = storage
        self.entries = UnsafeMutableBufferPointer(rebasing: storage[0..<count])
        self.bodyStart = bodyStart
        cursorOffset = bodyStart
        cursorLine = 1
        cursorColumn = 1
    }

    /// The root value (entry 0).
    public var root: JSONValue { JSONValue(document: self, index: 0) }

    // MARK: Locations

    /// Line and column of a byte offset: line breaks are LF, CR LF or CR;
    /// columns count Unicode scalars (UTF-8 lead bytes) from the line start.
    func location(atOffset offset: Int) -> SourceLocation {
        if offset < cursorOffset {
            cursorOffset = bodyStart
            cursorLine = 1
            cursorColumn = 1
        }
        var i = cursorOffset
        var line = cursorLine
        var column = cursorColumn
        let end = min(offset, bytes.count)
        while i < end {
            // Eight bytes at a time when they hold no line break: the column
            // grows by the number of bytes that are not UTF-8 continuation bytes.
            if end - i >= 8, let base = bytes.baseAddress {
                let word = UInt64(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self))
                if ByteScan.equal(0x0A, in: word) | ByteScan.equal(0x0D, in: word) == 0 {
                    // A continuation byte is 10xxxxxx: its high bit set and the next bit clear.
                    let continuations = word & ~(word << 1) & 0x8080_8080_8080_8080
                    column += 8 - continuations.nonzeroBitCount
                    i += 8
                    continue
                }
            }
            let b = bytes[i]
            if b == 0x0D {
                line += 1
                column = 1
            } else if b == 0x0A {
                // The LF of a CR LF ends no second line (even when the cursor stopped between the two).
                if i == 0 || bytes[i - 1] != 0x0D { line += 1 }
                column = 1
            } else if b & 0xC0 != 0x80 {
                column += 1
            }
            i += 1
        }
        cursorOffset = end
        cursorLine = line
        cursorColumn = column
        return SourceLocation(line: line, column: column, offset: offset)
    }

    func location(of index: Int) -> SourceLocation {
        if let explicitLocations { return explicitLocations[index] }
        return location(atOffset: entries[index].start)
    }

    // MARK: Pointers

    /// The RFC 6901 pointer of an entry (a key entry gives its member's pointer).
    ///
    /// Made in one allocation: each token's length is found first, a key's
    /// bytes are copied from the tape, and only a key with JSON escapes or a
    /// character a pointer escapes (`~`, `/`) is made as a `String` (a config's
    /// five-level pointers cost about 5,900 instructions built from strings).
    func pointer(of index: Int) -> String {
        guard pointerPrefix.isEmpty else { return pointerPrefix + pointerInDocument(of: index) }
        return pointerInDocument(of: index)
    }

    /// The pointer of entry `index` from this document's root.
    private func pointerInDocument(of index: Int) -> String {
        var i = index
        if entries[i].isKey { i += 1 }
        var depth = 0
        var up = i
        while up > 0 {
            depth += 1
            up = Int(entries[up].parent)
        }
        guard depth > 0 else { return "" }
        // A root member with a plain key (most findings' pointers): "/" and its bytes, no path to collect.
        if depth == 1, entries[0].tag == .object, let key = plainKey(i - 1) {
            return JSONPointer.joined(UnsafeBufferPointer(start: nil, count: 0), key)
        }
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: depth) { path in
            // path[k] is the entry k + 1 levels below the root.
            var e = i
            for k in stride(from: depth - 1, through: 0, by: -1) {
                path[k] = e
                e = Int(entries[e].parent)
            }
            // The tokens made as strings, by level; empty (no allocation) while there are none.
            var escaped: [String?] = []
            var length = depth
            for k in 0..<depth {
                let e = path[k]
                if entries[Int(entries[e].parent)].tag == .object {
                    if let key = plainKey(e - 1) {
                        length += key.count
                    } else {
                        let token = escapePointerToken(string(at: e - 1))
                        if escaped.isEmpty { escaped = Array(repeating: nil, count: depth) }
                        escaped[k] = token
                        length += token.utf8.count
                    }
                } else {
                    length += String(entries[e].ordinal).utf8.count  // a small string: no allocation
                }
            }
            return String(unsafeUninitializedCapacity: length) { out in
                var n = 0
                func put(_ bytes: UnsafeBufferPointer<UInt8>) {
                    _ = UnsafeMutableBufferPointer(rebasing: out[n..<(n + bytes.count)]).initialize(from: bytes)
                    n += bytes.count
                }
                for k in 0..<depth {
                    let e = path[k]
                    out[n] = UInt8(ascii: "/")
                    n += 1
                    if k < escaped.count, var token = escaped[k] {
                        token.withUTF8(put)
                    } else if entries[Int(entries[e].parent)].tag == .object, let key = plainKey(e - 1) {
                        put(key)
                    } else {
                        var digits = String(entries[e].ordinal)  // a small string: no allocation
                        digits.withUTF8(put)
                    }
                }
                return n
            }
        }
    }

    /// A key's bytes on the tape when they are its text and a pointer token
    /// as they are (no JSON escapes, no `~` or `/`); nil otherwise.
    private func plainKey(_ keyIndex: Int) -> UnsafeBufferPointer<UInt8>? {
        let e = entries[keyIndex]
        guard e.tag == .string else { return nil }
        let body = UnsafeBufferPointer(rebasing: bytes[(e.start + 1)..<(e.end - 1)])
        return needsPointerEscape(body) ? nil : body
    }

    // MARK: Text

    /// The text of a string entry, escapes decoded.
    func string(at index: Int) -> String {
        let e = entries[index]
        let body = UnsafeBufferPointer(rebasing: bytes[(e.start + 1)..<(e.end - 1)])
        guard e.tag == .escapedString else { return String(decoding: body, as: UTF8.self) }
        return String(decoding: unescape(body), as: UTF8.self)
    }

    /// The raw text of a scalar entry (a number's digits, a literal).
    func text(at index: Int) -> String {
        let e = entries[index]
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[e.start..<e.end]), as: UTF8.self)
    }

    /// An integer entry's value, read off its digits; nil when it does not
    /// fit an `Int64` (what `Int64(text(at:))` gives, without the `String`).
    func int64(at index: Int) -> Int64? {
        let e = entries[index]
        var i = e.start
        let negative = bytes[i] == UInt8(ascii: "-")
        if negative { i += 1 }
        var value: Int64 = 0
        if e.end - i <= 18 {
            // Up to 18 digits cannot overflow: no check per digit.
            while i < e.end {
                value = value &* 10 &+ Int64(bytes[i] &- 0x30)
                i += 1
            }
            return negative ? -value : value
        }
        while i < e.end {
            let digit = Int64(bytes[i] &- 0x30)
            let (shifted, over) = value.multipliedReportingOverflow(by: 10)
            // Accumulated with the number's sign, so Int64.min fits.
            let (next, out) = negative ? shifted.subtractingReportingOverflow(digit) : shifted.addingReportingOverflow(digit)
            if over || out { return nil }
            value = next
            i += 1
        }
        return value
    }

    /// Which string of `table` a string entry spells, or nil.
    func stringIndex(_ index: Int, in table: ByteTable) -> Int? {
        let e = entries[index]
        switch e.tag {
        case .string:
            return table.index(of: UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(bytes)[(e.start + 1)..<(e.end - 1)]))
        case .escapedString:
            var text = Array(string(at: index).utf8)
            return text.withUnsafeMutableBytes { table.index(of: UnsafeRawBufferPointer($0)) }
        default:
            return nil
        }
    }

    /// The value entry of the first member of object entry `object` whose key
    /// is exactly `word`, or nil: one walk over the members, each key
    /// compared in place (``spells(_:_:)``).
    func member(of object: Int, named word: UnsafeBufferPointer<UInt8>) -> Int? {
        let o = entries[object]
        guard o.tag == .object else { return nil }
        var key = object + 1
        for _ in 0..<Int(o.count) {
            if spells(key, word) { return key + 1 }
            key = Int(entries[key + 1].next)
        }
        return nil
    }

    /// Whether string entry `index` is exactly the UTF-8 `word`, compared
    /// byte for byte (lengths first) without materializing it; an escaped
    /// string is unescaped first. False for anything but a string.
    func spells(_ index: Int, _ word: UnsafeBufferPointer<UInt8>) -> Bool {
        let e = entries[index]
        switch e.tag {
        case .string:
            guard e.end - e.start - 2 == word.count, let base = bytes.baseAddress else { return false }
            let text = base + e.start + 1
            for k in 0..<word.count where text[k] != word[k] { return false }
            return true
        case .escapedString:
            return string(at: index).utf8.elementsEqual(word)
        default:
            return false
        }
    }

    /// Whether a string entry's text is exactly `word`, without materializing it.
    func stringEquals(_ index: Int, _ word: String) -> Bool {
        withUTF8(of: word) { spells(index, $0) }
    }
}

/// `body` with `text`'s UTF-8 bytes: in place when the string is contiguous
/// (a native or small string), from a copy otherwise.
@inline(__always) func withUTF8<R>(of text: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
    if let result = text.utf8.withContiguousStorageIfAvailable(body) { return result }
    var contiguous = text
    return contiguous.withUTF8(body)
}

/// Decodes the escapes of a validated string body.
func unescape(_ body: UnsafeBufferPointer<UInt8>) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(body.count)
    var i = 0
    while i < body.count {
        let b = body[i]
        guard b == 0x5C else {
            out.append(b)
            i += 1
            continue
        }
        let c = body[i + 1]
        i += 2
        switch c {
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = hexValue(body, i)
            i += 4
            if (0xD800...0xDBFF).contains(scalar) {
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (hexValue(body, i + 2) - 0xDC00)
                i += 6
            }
            if let u = Unicode.Scalar(scalar) { appendUTF8(u, to: &out) }
        default: out.append(c)  // " \ /
        }
    }
    return out
}

private func hexValue(_ b: UnsafeBufferPointer<UInt8>, _ at: Int) -> UInt32 {
    var v: UInt32 = 0
    for k in at..<(at + 4) {
        let c = b[k]
        let d: UInt32 =
            switch c {
            case 0x30...0x39: UInt32(c - 0x30)
            case 0x41...0x46: UInt32(c - 0x41 + 10)
            default: UInt32(c &- 0x61 &+ 10)
            }
        v = v << 4 | d
    }
    return v
}

/// One RFC 6901 reference token, `~` and `/` escaped.
/// Whether a pointer token's UTF-8 has a `~` or `/`, which RFC 6901 escapes.
func needsPointerEscape(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
    utf8.contains { $0 == UInt8(ascii: "~") || $0 == UInt8(ascii: "/") }
}

func escapePointerToken(_ token: String) -> String {
    var scanned = token
    // Over the contiguous bytes: the generic UTF8View search costs more than the token.
    guard scanned.withUTF8(needsPointerEscape) else { return token }
    var escaped = ""
    for ch in token.unicodeScalars {
        switch ch {
        case "~": escaped += "~0"
        case "/": escaped += "~1"
        default: escaped.unicodeScalars.append(ch)
        }
    }
    return escaped
}

extension JSONDocument {
    /// A document holding a tree built elsewhere (a YAML config's values), with
    /// the tree's own locations, so decoders read it like any other input.
    public static func withDocument<R>(for node: JSONNode, pointerPrefix: String = "", _ body: (JSONDocument) -> R) -> R {
        withDocument(for: node, pointerPrefix: pointerPrefix, sourceRange: nil, body)
    }

    /// ``withDocument(for:pointerPrefix:_:)`` with the tree's source bytes:
    /// `sourceRange` finds a scalar's bytes (its text at its location), so
    /// fixes that replace a value apply to the source (a YAML config's).
    public static func withDocument<R>(
        for node: JSONNode, pointerPrefix: String = "", sourceRange: ((_ text: String, _ at: SourceLocation) -> Range<Int>?)?,
        _ body: (JSONDocument) -> R
    ) -> R {
        var builder = TreeBuilder()
        builder.add(node, parent: -1, ordinal: 0)
        let storage = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(builder.bytes.count, 1))
        _ = storage.initialize(from: builder.bytes)
        defer { storage.deallocate() }
        let document = JSONDocument(
            bytes: UnsafeBufferPointer(storage), entries: builder.entries, bodyStart: 0, explicitLocations: builder.locations)
        document.pointerPrefix = pointerPrefix
        document.sourceRange = sourceRange
        return withExtendedLifetime(document) { body(document) }
    }

    private struct TreeBuilder {
        var bytes: [UInt8] = []
        var entries: [Entry] = []
        var locations: [SourceLocation] = []

        mutating func string(_ s: String, location: SourceLocation, parent: Int32, ordinal: Int32, isKey: Bool) {
            let start = bytes.count
            JSONWriter.writeString(s, into: &bytes)
            let tag: Tag = bytes.count - start == s.utf8.count + 2 ? .string : .escapedString
            entries.append(Entry(
                tag: tag, isKey: isKey, start: start, end: bytes.count, next: Int32(truncatingIfNeeded: entries.count + 1), parent: parent,
                ordinal: ordinal, count: 0))
            locations.append(location)
        }

        mutating func add(_ node: JSONNode, parent: Int32, ordinal: Int32) {
            let index = entries.count
            let start = bytes.count
            let tag: Tag
            var count: Int32 = 0
            switch node.kind {
            case .string(let s):
                string(s, location: node.location, parent: parent, ordinal: ordinal, isKey: false)
                return
            case .null:
                tag = .null
                bytes += Array("null".utf8)
            case .bool(let b):
                tag = b ? .true : .false
                bytes += Array((b ? "true" : "false").utf8)
            case .number(let n):
                tag = n.isInteger ? .integer : .number
                bytes += Array(n.text.utf8)
            case .array(let items):
                tag = .array
                count = Int32(truncatingIfNeeded: items.count)
            case .object(let members):
                tag = .object
                count = Int32(truncatingIfNeeded: members.count)
            }
            entries.append(Entry(tag: tag, start: start, end: start, next: 0, parent: parent, ordinal: ordinal, count: count))
            locations.append(node.location)
            let me = Int32(truncatingIfNeeded: index)
            switch node.kind {
            case .array(let items):
                for (i, item) in items.enumerated() { add(item, parent: me, ordinal: Int32(truncatingIfNeeded: i)) }
            case .object(let members):
                for (i, m) in members.enumerated() {
                    string(m.key, location: m.keyLocation, parent: me, ordinal: Int32(truncatingIfNeeded: i), isKey: true)
                    add(m.value, parent: me, ordinal: Int32(truncatingIfNeeded: i))
                }
            default: break
            }
            entries[index].end = bytes.count
            entries[index].next = Int32(truncatingIfNeeded: entries.count)
        }
    }
}
