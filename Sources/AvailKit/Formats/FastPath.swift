/// The fast path: formats may read a record straight from its bytes when the
/// record is a flat object of plain values (ASCII, no escapes, no nesting) and
/// every check passes. It answers only when the full path (reader, decoder,
/// rules) would report no finding at all; otherwise it returns nil and the
/// full path runs and reports. Tests hold the two paths to the same results.
public protocol FastDecodable: AvailabilityFormat {
    /// The decoded document when the record certainly has no finding; nil when
    /// unsure. `withOrigins: false` skips recording where fields came from (validation needs none).
    func fastDecode(_ bytes: UnsafeBufferPointer<UInt8>, options: ConversionOptions, withOrigins: Bool) -> Decoded?
}

/// One member of a flat object: key and value as byte ranges of the record.
struct FlatMember {
    enum Kind { case string, integer, bool, null }
    var key: Range<Int>
    var value: Range<Int>
    var kind: Kind
}

/// Scans `{ "key": value, ... }` with plain values only; nil for anything else
/// (so the full reader handles it). Keys and strings must be ASCII without
/// escapes or control characters; numbers must be JSON numbers.
func scanFlatObject(_ b: UnsafeBufferPointer<UInt8>, into members: inout [FlatMember]) -> Bool {
    members.removeAll(keepingCapacity: true)
    var i = 0
    let n = b.count
    @inline(__always) func skipSpace() { while i < n && (b[i] == 0x20 || b[i] == 0x09) { i += 1 } }
    @inline(__always) func string() -> Range<Int>? {
        guard i < n && b[i] == 0x22 else { return nil }
        i += 1
        let start = i
        while i < n {
            let c = b[i]
            if c == 0x22 { break }
            if c == 0x5C || c < 0x20 || c >= 0x80 { return nil }
            i += 1
        }
        guard i < n else { return nil }
        let r = start..<i
        i += 1
        return r
    }
    skipSpace()
    guard i < n && b[i] == 0x7B else { return false }
    i += 1
    skipSpace()
    if i < n && b[i] == 0x7D {
        i += 1
        skipSpace()
        return i == n
    }
    while true {
        guard let key = string() else { return false }
        for m in members where m.key.count == key.count && memcmpEqual(b, m.key.lowerBound, key.lowerBound, key.count) { return false }
        skipSpace()
        guard i < n && b[i] == 0x3A else { return false }
        i += 1
        skipSpace()
        guard i < n else { return false }
        let c = b[i]
        let start = i
        let kind: FlatMember.Kind
        if c == 0x22 {
            guard let r = string() else { return false }
            members.append(FlatMember(key: key, value: r, kind: .string))
            kind = .string
        } else if c == UInt8(ascii: "t") || c == UInt8(ascii: "f") || c == UInt8(ascii: "n") {
            let word: [UInt8] = c == UInt8(ascii: "t") ? Array("true".utf8) : c == UInt8(ascii: "f") ? Array("false".utf8) : Array("null".utf8)
            guard i + word.count <= n else { return false }
            for (k, w) in word.enumerated() where b[i + k] != w { return false }
            i += word.count
            kind = c == UInt8(ascii: "n") ? .null : .bool
            members.append(FlatMember(key: key, value: start..<i, kind: kind))
        } else if c == UInt8(ascii: "-") || (c >= 0x30 && c <= 0x39) {
            // Integers only on the fast path: no sign games, no leading zeros, at most 18 digits.
            if c == UInt8(ascii: "-") { i += 1 }
            let digits = i
            while i < n && b[i] >= 0x30 && b[i] <= 0x39 { i += 1 }
            guard i > digits, i - digits <= 18, !(b[digits] == 0x30 && i - digits > 1) else { return false }
            if i < n && (b[i] == UInt8(ascii: ".") || b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E")) { return false }
            kind = .integer
            members.append(FlatMember(key: key, value: start..<i, kind: kind))
        } else {
            return false
        }
        skipSpace()
        guard i < n else { return false }
        if b[i] == 0x2C {
            i += 1
            skipSpace()
            continue
        }
        guard b[i] == 0x7D else { return false }
        i += 1
        skipSpace()
        return i == n
    }
}

@inline(__always) func memcmpEqual(_ b: UnsafeBufferPointer<UInt8>, _ x: Int, _ y: Int, _ count: Int) -> Bool {
    for k in 0..<count where b[x + k] != b[y + k] { return false }
    return true
}

extension UnsafeBufferPointer where Element == UInt8 {
    /// Whether the bytes in `range` spell `word`.
    @inline(__always) func equals(_ range: Range<Int>, _ word: StaticString) -> Bool {
        guard range.count == word.utf8CodeUnitCount else { return false }
        let w = word.utf8Start
        for k in 0..<range.count where self[range.lowerBound + k] != w[k] { return false }
        return true
    }

    func string(_ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: self[range]), as: UTF8.self)
    }

    /// The integer in `range` (at most 18 digits, so it cannot overflow).
    func integer(_ range: Range<Int>) -> Int64 {
        var v: Int64 = 0
        var i = range.lowerBound
        let negative = self[i] == UInt8(ascii: "-")
        if negative { i += 1 }
        while i < range.upperBound {
            v = v * 10 + Int64(self[i] - 0x30)
            i += 1
        }
        return negative ? -v : v
    }
}

/// An origin on the fast path, made as the full path makes it (so values render
/// the same): single-line ASCII, so the column is the byte offset plus one.
func fastOrigin(_ b: UnsafeBufferPointer<UInt8>, pointer: String, value: Range<Int>, kind: FlatMember.Kind) -> Origin {
    let start = kind == .string ? value.lowerBound - 1 : value.lowerBound
    let text = b.string(value)
    let node: JSONNode.Kind
    switch kind {
    case .string: node = .string(text)
    case .integer: node = .number(JSONNumber(text: text, isInteger: true))
    case .bool: node = .bool(text == "true")
    case .null: node = .null
    }
    return Origin(JSONNode(node, location: SourceLocation(line: 1, column: start + 1, offset: start), pointer: pointer))
}

extension Availability.Reason {
    /// The reason spelled by `range`, compared byte by byte.
    static func fast(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Availability.Reason? {
        if b.equals(range, "too_busy") { return .tooBusy }
        if b.equals(range, "other") { return .other }
        if b.equals(range, "maintenance") { return .maintenance }
        if b.equals(range, "staff_shortage") { return .staffShortage }
        if b.equals(range, "operational_issues") { return .operationalIssues }
        return nil
    }
}
