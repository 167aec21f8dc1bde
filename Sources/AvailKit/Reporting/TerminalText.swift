/// Text that is safe to print on a terminal: control characters written as
/// escapes, so a file name or a value cannot start a new output line (and
/// forge a finding) or send the terminal an escape sequence.
public enum TerminalText {
    /// Whether `byte` starts a character that ``escaped(_:)`` rewrites: a C0
    /// control (tab and line breaks included), DEL, or the lead byte 0xC2 of a
    /// C1 control (checked in full by the slow path).
    @inline(__always) static func mayNeedEscape(_ byte: UInt8) -> Bool { byte < 0x20 || byte == 0x7F || byte == 0xC2 }

    /// Whether `bytes` hold a byte that the one-byte `mayNeedEscape` flags, read eight at a time
    /// (a byte at a time was about 520 instructions for a finding's message).
    static func mayNeedEscape(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        ByteScan.contains(bytes, word: ByteScan.mayNeedEscape, byte: mayNeedEscape)
    }

    /// `text` with its control characters (U+0000–U+001F, U+007F–U+009F)
    /// written as `\n`, `\r`, `\t` or `\u{1b}`; other text is unchanged.
    public static func escaped(_ text: String) -> String {
        // Over the contiguous bytes when the string has them (a native string
        // does): the view's own `contains` walked it index by index, about 17
        // instructions a byte, for every finding's message and file.
        let mayNeed = text.utf8.withContiguousStorageIfAvailable { mayNeedEscape($0) } ?? text.utf8.contains(where: mayNeedEscape)
        guard mayNeed else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x0A: out += "\\n"
            case 0x0D: out += "\\r"
            case 0x09: out += "\\t"
            case 0x00..<0x20, 0x7F...0x9F: out += "\\u{" + String(scalar.value, radix: 16) + "}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// ``escaped(_:)`` of UTF-8 bytes, appended to `out`.
    static func appendEscaped(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        guard mayNeedEscape(bytes) else {
            out.append(contentsOf: bytes)
            return
        }
        out.append(contentsOf: escaped(String(decoding: bytes, as: UTF8.self)).utf8)
    }
}
