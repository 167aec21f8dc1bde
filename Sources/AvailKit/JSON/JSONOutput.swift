/// Writes JSON straight into a byte buffer, member by member, as encoders
/// produce it: no tree in between. The bytes are exactly what ``JSONWriter``
/// writes for the same document (pretty: two-space indentation and
/// `"key": value`; compact: no whitespace), so both stay one format.
public struct JSONOutput {
    /// Everything written so far.
    public private(set) var bytes: [UInt8]
    /// Pretty or compact, as ``JSONWriter`` writes it.
    public let style: JSONWriter.Style
    /// One bit per open container: set while it has no member yet.
    private var empty: UInt64 = 0
    private var depth = 0

    /// An empty output in `style`, with room for `capacity` bytes.
    public init(style: JSONWriter.Style, capacity: Int = 256) {
        self.style = style
        self.bytes = []
        bytes.reserveCapacity(capacity)
    }

    /// Drops everything written after `count` bytes (a document that was not
    /// finished or not accepted), ready for the next document.
    public mutating func truncate(to count: Int) {
        bytes.removeSubrange(min(count, bytes.count)...)
        empty = 0
        depth = 0
    }

    /// Ends a document with a line break (one NDJSON line per document).
    public mutating func endLine() { bytes.append(0x0A) }

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
        bytes.append(bracket)
        depth += 1
        if depth < 64 { empty |= 1 << UInt64(depth) }
    }

    private mutating func close(_ bracket: UInt8) {
        let wasEmpty = depth < 64 && empty & (1 << UInt64(depth)) != 0
        if depth < 64 { empty &= ~(1 << UInt64(depth)) }
        depth -= 1
        if !wasEmpty && style == .pretty { newline() }
        bytes.append(bracket)
    }

    /// The separator and indentation before a member or an item.
    private mutating func next() {
        if depth < 64 && empty & (1 << UInt64(depth)) != 0 {
            empty &= ~(1 << UInt64(depth))
        } else {
            bytes.append(UInt8(ascii: ","))
        }
        if style == .pretty { newline(depth) }
    }

    private mutating func newline(_ indent: Int? = nil) {
        bytes.append(0x0A)
        for _ in 0..<((indent ?? depth) * 2) { bytes.append(0x20) }
    }

    /// Starts an object member; its value is written next.
    public mutating func key(_ key: String) {
        next()
        JSONWriter.writeString(key, into: &bytes)
        bytes.append(UInt8(ascii: ":"))
        if style == .pretty { bytes.append(0x20) }
    }

    /// Starts an array item; its value is written next.
    public mutating func item() { next() }

    // MARK: Scalars

    /// Writes a string value, escaping `"`, `\` and control characters.
    public mutating func string(_ s: String) { JSONWriter.writeString(s, into: &bytes) }
    /// Writes an integer value.
    public mutating func int(_ v: Int64) { bytes.appendDecimal(Int(v)) }
    /// Writes `true` or `false`.
    public mutating func bool(_ b: Bool) { bytes.append(contentsOf: (b ? "true" : "false").utf8) }
    /// Writes `null`.
    public mutating func null() { bytes.append(contentsOf: "null".utf8) }

    // MARK: Members

    /// Writes the member `"name": "value"`.
    public mutating func field(_ name: String, _ value: String) {
        key(name)
        string(value)
    }

    /// Writes the member `"name": value` for an integer.
    public mutating func field(_ name: String, int value: Int64) {
        key(name)
        int(value)
    }

    /// Writes the member `"name": true` or `false`.
    public mutating func field(_ name: String, bool value: Bool) {
        key(name)
        bool(value)
    }

    /// Writes the member `"name": null`.
    public mutating func nullField(_ name: String) {
        key(name)
        null()
    }
}
