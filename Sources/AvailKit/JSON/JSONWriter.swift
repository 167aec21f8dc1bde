/// Writes a JSON tree deterministically (reports, schemas, plans; encoders
/// write through ``JSONOutput``, which gives the same bytes): members in the
/// order the tree holds them, numbers as
/// their text, non-ASCII as UTF-8, and only `"`, `\` and control characters
/// escaped.
public struct JSONWriter: Sendable {
    /// How much whitespace the output has.
    public enum Style: Sendable {
        /// Two-space indentation, `"key": value`, one member per line.
        case pretty
        /// No whitespace at all.
        case compact
    }

    /// Pretty or compact.
    public var style: Style

    /// A writer in `style`.
    public init(style: Style = .pretty) { self.style = style }

    /// The document's bytes, ending with a newline (so compact output is one NDJSON line).
    public func write(_ node: JSONNode) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(128)
        write(node, into: &out)
        out.append(0x0A)
        return out
    }

    /// The document as text, ending with a newline.
    public func string(_ node: JSONNode) -> String {
        String(decoding: write(node), as: UTF8.self)
    }

    /// Appends the value without a trailing newline.
    public func write(_ node: JSONNode, into out: inout [UInt8]) {
        write(node, indent: 0, into: &out)
    }

    /// Appends the value without a trailing newline, as if it stood `depth`
    /// levels deep in a pretty document (its inner lines indented to match).
    public func write(_ node: JSONNode, depth: Int, into out: inout [UInt8]) {
        write(node, indent: depth, into: &out)
    }

    private func newline(_ indent: Int, _ out: inout [UInt8]) {
        out.append(0x0A)
        for _ in 0..<(indent * 2) { out.append(0x20) }
    }

    private func write(_ node: JSONNode, indent: Int, into out: inout [UInt8]) {
        switch node.kind {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .number(let n): out.append(contentsOf: n.text.utf8)
        case .string(let s): Self.writeString(s, into: &out)
        case .array(let items):
            out.append(UInt8(ascii: "["))
            if items.isEmpty {
                out.append(UInt8(ascii: "]"))
                return
            }
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                if style == .pretty { newline(indent + 1, &out) }
                write(item, indent: indent + 1, into: &out)
            }
            if style == .pretty { newline(indent, &out) }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            if members.isEmpty {
                out.append(UInt8(ascii: "}"))
                return
            }
            for (i, m) in members.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                if style == .pretty { newline(indent + 1, &out) }
                Self.writeString(m.key, into: &out)
                out.append(UInt8(ascii: ":"))
                if style == .pretty { out.append(0x20) }
                write(m.value, indent: indent + 1, into: &out)
            }
            if style == .pretty { newline(indent, &out) }
            out.append(UInt8(ascii: "}"))
        }
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// Whether `utf8` can stand between quotes as it is (no `"`, `\\` or control character).
    static func needsNoEscape(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        // Eight bytes at a time while none needs a look (the reader's test,
        // which also flags non-ASCII), then byte by byte from the first word that does.
        var i = 0
        if let base = utf8.baseAddress {
            let raw = UnsafeRawPointer(base)
            while i + 8 <= utf8.count, ByteScan.attention(UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))) == 0 {
                i += 8
            }
        }
        for b in utf8[i...] where b < 0x20 || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") { return false }
        return true
    }

    /// Writes a quoted, escaped string.
    public static func writeString(_ s: String, into out: inout [UInt8]) {
        var s = s
        s.withUTF8 { utf8 in
            out.append(UInt8(ascii: "\""))
            // Most strings need no escape: one scan over the bytes, then copy them whole.
            if needsNoEscape(utf8) {
                out.append(contentsOf: utf8)
            } else {
                for b in utf8 {
                    switch b {
                    case UInt8(ascii: "\""): out.append(contentsOf: [0x5C, 0x22])
                    case UInt8(ascii: "\\"): out.append(contentsOf: [0x5C, 0x5C])
                    case 0x0A: out.append(contentsOf: [0x5C, UInt8(ascii: "n")])
                    case 0x0D: out.append(contentsOf: [0x5C, UInt8(ascii: "r")])
                    case 0x09: out.append(contentsOf: [0x5C, UInt8(ascii: "t")])
                    case 0x08: out.append(contentsOf: [0x5C, UInt8(ascii: "b")])
                    case 0x0C: out.append(contentsOf: [0x5C, UInt8(ascii: "f")])
                    case 0..<0x20:
                        out.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hexDigits[Int(b >> 4)], hexDigits[Int(b & 0xF)]])
                    default: out.append(b)
                    }
                }
            }
            out.append(UInt8(ascii: "\""))
        }
    }
}
