/// Byte tests on eight bytes at a time (a little-endian word, SWAR), shared
/// by the reader's string scan, the writer's escape check, line:column
/// counting and the terminal-safety scans of the text and github reporters.
enum ByteScan {
    /// The high bit of each byte of `w` that is `"`, `\`, below 0x20 or 0x80
    /// and above. A borrow can flag a byte above a real match, never one below
    /// it, so the lowest flag is always exact.
    @inline(__always) static func attention(_ w: UInt64) -> UInt64 {
        let control = (w &- ones &* 0x20) & ~w
        return ((w | control) & highs) | equal(UInt8(ascii: "\""), in: w) | equal(UInt8(ascii: "\\"), in: w)
    }

    /// The high bit of each byte of `w` that is `byte` (the zero-byte test on
    /// `w` XOR the byte repeated), with the same borrow caveat as ``attention(_:)``:
    /// zero exactly when no byte is `byte`.
    @inline(__always) static func equal(_ byte: UInt8, in w: UInt64) -> UInt64 {
        let x = w ^ (ones &* UInt64(byte))
        return (x &- ones) & ~x & highs
    }

    /// Whether a byte of `w` is below 0x20, 0x7F or 0xC2: ``TerminalText``'s
    /// one-byte test, eight at a time.
    @inline(__always) static func mayNeedEscape(_ w: UInt64) -> Bool {
        (w &- ones &* 0x20) & ~w & highs | equal(0x7F, in: w) | equal(0xC2, in: w) != 0
    }

    /// Whether a byte of `bytes` passes `byte`; `word` says whether any of
    /// eight bytes does, and must agree with `byte`.
    @inline(__always) static func contains(_ bytes: UnsafeBufferPointer<UInt8>, word: (UInt64) -> Bool, byte: (UInt8) -> Bool) -> Bool {
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

    private static var ones: UInt64 { 0x0101_0101_0101_0101 }
    private static var highs: UInt64 { 0x8080_8080_8080_8080 }
}
