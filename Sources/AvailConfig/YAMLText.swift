import AvailKit

/// A YAML file's text as UTF-8, whichever encoding YAML 1.2 allows it came
/// in (§5.2): UTF-8, UTF-16 or UTF-32, either byte order, told by the byte
/// order mark or, without one, by where the first ASCII character's zero
/// bytes are. Everything after this reads UTF-8, so the linter's own checks
/// (suppression comments, the source checks, fixes at libyaml's marks) see
/// the same text libyaml does; a fix is written back in the file's encoding.
struct YAMLText {
    /// A YAML encoding.
    enum Encoding: String {
        case utf8 = "UTF-8"
        case utf16LE = "UTF-16LE"
        case utf16BE = "UTF-16BE"
        case utf32LE = "UTF-32LE"
        case utf32BE = "UTF-32BE"

        var unit: Int {
            switch self {
            case .utf8: 1
            case .utf16LE, .utf16BE: 2
            case .utf32LE, .utf32BE: 4
            }
        }

        var isLittleEndian: Bool { self == .utf16LE || self == .utf32LE }
    }

    /// The file's encoding.
    var encoding: Encoding
    /// Whether the file starts with a byte order mark (kept when a fix writes it back).
    var hasBOM: Bool
    /// The text as UTF-8, without the byte order mark.
    var utf8: [UInt8]

    /// The encoding and byte order mark length of `bytes`, as YAML 1.2 tells them.
    static func detect(_ b: [UInt8]) -> (Encoding, bom: Int) {
        func at(_ i: Int) -> UInt8? { i < b.count ? b[i] : nil }
        switch (at(0), at(1), at(2), at(3)) {
        case (0x00, 0x00, 0xFE, 0xFF): return (.utf32BE, 4)
        case (0x00, 0x00, 0x00, .some): return (.utf32BE, 0)
        case (0xFF, 0xFE, 0x00, 0x00): return (.utf32LE, 4)
        case (.some, 0x00, 0x00, 0x00): return (.utf32LE, 0)
        case (0xEF, 0xBB, 0xBF, _): return (.utf8, 3)
        case (0xFE, 0xFF, _, _): return (.utf16BE, 2)
        case (0x00, .some, _, _): return (.utf16BE, 0)
        case (0xFF, 0xFE, _, _): return (.utf16LE, 2)
        case (.some, 0x00, _, _): return (.utf16LE, 0)
        default: return (.utf8, 0)
        }
    }

    /// The text of `bytes` as UTF-8; a finding (`yaml_syntax`, at the bad
    /// character) when UTF-16 or UTF-32 text does not decode.
    static func decode(_ bytes: [UInt8]) -> Result<YAMLText, FindingFailure> {
        let (encoding, bom) = detect(bytes)
        if encoding == .utf8 {
            return .success(YAMLText(encoding: .utf8, hasBOM: bom > 0, utf8: bom > 0 ? Array(bytes[bom...]) : bytes))
        }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        let unit = encoding.unit
        let little = encoding.isLittleEndian
        func read(_ i: Int) -> UInt32 {
            var v: UInt32 = 0
            for k in 0..<unit { v |= UInt32(bytes[i + k]) << (8 * (little ? k : unit - 1 - k)) }
            return v
        }
        func failure(_ message: String) -> Result<YAMLText, FindingFailure> {
            let location = LineOffsets(out).location(atOffset: out.count)
            return .failure(FindingFailure(finding: Finding(
                ruleID: "yaml_syntax", severity: .error, message: message, location: SourceLocation(line: location.line, column: location.column),
                pointer: "")))
        }
        var i = bom
        while i < bytes.count {
            guard i + unit <= bytes.count else {
                return failure("the file is \(encoding.rawValue) but ends in the middle of a character (\(bytes.count - i) stray bytes)")
            }
            var value = read(i)
            i += unit
            if unit == 2, value >= 0xD800 && value <= 0xDBFF {
                guard i + 2 <= bytes.count, case let low = read(i), low >= 0xDC00 && low <= 0xDFFF else {
                    return failure("the file is \(encoding.rawValue) but holds a lone surrogate 0x\(String(value, radix: 16, uppercase: true)); save it as UTF-8")
                }
                value = 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00)
                i += 2
            }
            guard let scalar = Unicode.Scalar(value) else {
                return failure("the file is \(encoding.rawValue) but holds 0x\(String(value, radix: 16, uppercase: true)), which is not a Unicode character; save it as UTF-8")
            }
            UTF8.encode(scalar) { out.append($0) }
        }
        return .success(YAMLText(encoding: encoding, hasBOM: bom > 0, utf8: out))
    }

    /// `utf8` (this text, fixed) in the file's encoding, with its byte order mark if it had one.
    func encoded(_ utf8: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count * encoding.unit + 4)
        func put(_ v: UInt32, _ unit: Int) {
            for k in 0..<unit { out.append(UInt8(truncatingIfNeeded: v >> (8 * (encoding.isLittleEndian ? k : unit - 1 - k)))) }
        }
        if hasBOM {
            if encoding == .utf8 { out += [0xEF, 0xBB, 0xBF] } else { put(0xFEFF, encoding.unit) }
        }
        if encoding == .utf8 { return out + utf8 }
        for scalar in String(decoding: utf8, as: UTF8.self).unicodeScalars {
            if encoding.unit == 4 {
                put(scalar.value, 4)
            } else {
                for unit in scalar.utf16 { put(UInt32(unit), 2) }
            }
        }
        return out
    }
}

/// A finding that stops the read, as an error value.
struct FindingFailure: Error {
    var finding: Finding
}

/// Where UTF-8 text first goes wrong.
enum UTF8Check {
    /// The offset of the first byte of the first invalid UTF-8 sequence (an
    /// overlong form, a surrogate, a value past U+10FFFF, a stray
    /// continuation byte or a sequence cut short), or nil when `buf` is valid.
    static func firstInvalid(_ buf: UnsafeBufferPointer<UInt8>) -> Int? {
        var i = 0
        let n = buf.count
        while i < n {
            let b = buf[i]
            if b < 0x80 {
                i += 1
                continue
            }
            var need = 0
            var low: UInt8 = 0x80
            var high: UInt8 = 0xBF
            switch b {
            case 0xC2...0xDF: need = 1
            case 0xE0: need = 2; low = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: need = 2
            case 0xED: need = 2; high = 0x9F
            case 0xF0: need = 3; low = 0x90
            case 0xF1...0xF3: need = 3
            case 0xF4: need = 3; high = 0x8F
            default: return i
            }
            guard i + need < n else { return i }
            let second = buf[i + 1]
            guard second >= low && second <= high else { return i }
            for k in 2..<(need + 1) where buf[i + k] & 0xC0 != 0x80 { return i }
            i += need + 1
        }
        return nil
    }
}
