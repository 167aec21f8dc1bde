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

/// Scans of bytes eight at a time, with word tests that are exact as yes-or-no answers.
enum ByteScan {
    static let ones: UInt64 = 0x0101_0101_0101_0101
    static let highs: UInt64 = 0x8080_8080_8080_8080

    /// Whether a byte of `bytes` passes `byte`; `word` says whether any of
    /// eight bytes (a little-endian word) does, and must agree with `byte`.
    @inline(__always) static func contains(
        _ bytes: UnsafeBufferPointer<UInt8>, word: (UInt64) -> Bool, byte: (UInt8) -> Bool
    ) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        var i = 0
        while i + 8 <= bytes.count {
            if word(UInt64(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self))) { return true }
            i += 8
        }
        while i < bytes.count {
            if byte(base[i]) { return true }
            i += 1
        }
        return false
    }

    /// Whether a byte of `w` is zero.
    @inline(__always) static func hasZero(_ w: UInt64) -> Bool { (w &- ones) & ~w & highs != 0 }

    /// Whether a byte of `w` is `b`.
    @inline(__always) static func has(_ w: UInt64, _ b: UInt8) -> Bool { hasZero(w ^ (ones &* UInt64(b))) }

    /// Whether a byte of `w` is below 0x20, 0x7F or 0xC2: ``TerminalText``'s one-byte test, eight at a time.
    @inline(__always) static func mayNeedEscape(_ w: UInt64) -> Bool {
        (w &- ones &* 0x20) & ~w & highs != 0 || has(w, 0x7F) || has(w, 0xC2)
    }
}
