/// A strict RFC 8259 JSON reader that keeps positions, key order, duplicate
/// keys and the exact text of numbers.
///
/// Fatal problems (bad syntax, invalid UTF-8, nesting past ``Limits/maxDepth``)
/// end the read with one `invalid_json` or `json_too_deep` finding; a duplicate
/// key is reported as a `duplicate_key` finding at the second key and reading
/// goes on. A leading byte order mark is skipped with a `json_bom` warning.
public struct JSONReader: Sendable {
    public struct Limits: Sendable {
        /// Containers nested deeper than this are a finding, not a stack overflow.
        public var maxDepth: Int
        public init(maxDepth: Int = JSONReader.defaultMaxDepth) { self.maxDepth = maxDepth }
    }

    /// The documented nesting limit: 256 levels of arrays and objects.
    public static let defaultMaxDepth = 256

    public var limits: Limits

    public init(limits: Limits = Limits()) { self.limits = limits }

    /// The outcome of a read: the tree when the text is JSON, and the findings.
    public struct Result: Sendable {
        public var root: JSONNode?
        public var findings: [Finding]
    }

    public func read(_ bytes: [UInt8]) -> Result {
        bytes.withUnsafeBufferPointer { read($0) }
    }

    public func read(_ buffer: UnsafeBufferPointer<UInt8>) -> Result {
        var parser = Parser(buffer: buffer, maxDepth: limits.maxDepth)
        do {
            let root = try parser.parseDocument()
            return Result(root: root, findings: parser.findings)
        } catch {
            parser.findings.append(error.finding)
            return Result(root: nil, findings: parser.findings)
        }
    }
}

/// The rule ids the reader reports under.
public enum JSONRuleID {
    public static let invalidJSON = "invalid_json"
    public static let tooDeep = "json_too_deep"
    public static let duplicateKey = "duplicate_key"
    public static let byteOrderMark = "json_bom"
}

private struct ParseError: Error {
    var finding: Finding
}

private let quote = UInt8(ascii: "\"")
private let backslash = UInt8(ascii: "\\")

private struct Parser {
    let buf: UnsafeBufferPointer<UInt8>
    let maxDepth: Int
    var pos = 0
    var line = 1
    var lineStart = 0
    var depth = 0
    var findings: [Finding] = []
    // Column cache, so locations on one long line cost O(distance) not O(line).
    var cacheLineStart = -1
    var cacheOffset = 0
    var cacheColumn = 1

    init(buffer: UnsafeBufferPointer<UInt8>, maxDepth: Int) {
        self.buf = buffer
        self.maxDepth = maxDepth
    }

    // MARK: Locations

    mutating func location(at offset: Int) -> SourceLocation {
        var start = lineStart
        var column = 1
        if cacheLineStart == lineStart && offset >= cacheOffset {
            start = cacheOffset
            column = cacheColumn
        }
        var i = start
        while i < offset {
            if buf[i] & 0xC0 != 0x80 { column += 1 }
            i += 1
        }
        cacheLineStart = lineStart
        cacheOffset = offset
        cacheColumn = column
        return SourceLocation(line: line, column: column, offset: offset)
    }

    mutating func fail(_ message: String, at offset: Int, rule: String = JSONRuleID.invalidJSON, pointer: String? = nil) -> ParseError {
        ParseError(finding: Finding(ruleID: rule, severity: .error, message: message, location: location(at: offset), pointer: pointer))
    }

    func describe(_ byte: UInt8) -> String {
        if byte >= 0x21 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
        return "byte 0x" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
    }

    // MARK: Document

    mutating func parseDocument() throws(ParseError) -> JSONNode {
        if buf.count >= 3 && buf[0] == 0xEF && buf[1] == 0xBB && buf[2] == 0xBF {
            findings.append(Finding(
                ruleID: JSONRuleID.byteOrderMark, severity: .warning,
                message: "input starts with a UTF-8 byte order mark; remove it, JSON text must not carry one",
                location: SourceLocation(line: 1, column: 1, offset: 0), pointer: ""))
            pos = 3
            lineStart = 3
        }
        skipWhitespace()
        guard pos < buf.count else {
            throw fail(buf.isEmpty ? "empty input; expected a JSON value" : "no JSON value; the input is only whitespace", at: pos)
        }
        let root = try parseValue(pointer: "")
        skipWhitespace()
        if pos < buf.count {
            throw fail("unexpected \(describe(buf[pos])) after the JSON value; a document holds exactly one value", at: pos)
        }
        return root
    }

    mutating func skipWhitespace() {
        while pos < buf.count {
            switch buf[pos] {
            case 0x20, 0x09:
                pos += 1
            case 0x0A:
                pos += 1
                line += 1
                lineStart = pos
            case 0x0D:
                pos += 1
                if pos < buf.count && buf[pos] == 0x0A { pos += 1 }
                line += 1
                lineStart = pos
            default:
                return
            }
        }
    }

    mutating func parseValue(pointer: String) throws(ParseError) -> JSONNode {
        guard pos < buf.count else { throw fail("unexpected end of input; expected a value", at: pos, pointer: pointer) }
        let start = pos
        switch buf[pos] {
        case UInt8(ascii: "{"):
            return try parseObject(pointer: pointer)
        case UInt8(ascii: "["):
            return try parseArray(pointer: pointer)
        case quote:
            let loc = location(at: start)
            let s = try parseString()
            return JSONNode(.string(s), location: loc, pointer: pointer)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            let loc = location(at: start)
            let n = try parseNumber()
            return JSONNode(.number(n), location: loc, pointer: pointer)
        case UInt8(ascii: "t"):
            try expectLiteral("true")
            return JSONNode(.bool(true), location: location(at: start), pointer: pointer)
        case UInt8(ascii: "f"):
            try expectLiteral("false")
            return JSONNode(.bool(false), location: location(at: start), pointer: pointer)
        case UInt8(ascii: "n"):
            try expectLiteral("null")
            return JSONNode(.null, location: location(at: start), pointer: pointer)
        default:
            throw fail("unexpected \(describe(buf[pos])); expected a value (object, array, string, number, true, false or null)", at: pos, pointer: pointer)
        }
    }

    mutating func expectLiteral(_ word: StaticString) throws(ParseError) {
        let start = pos
        let count = word.utf8CodeUnitCount
        var ok = pos + count <= buf.count
        if ok {
            let w = word.utf8Start
            for i in 0..<count where buf[pos + i] != w[i] {
                ok = false
                break
            }
        }
        guard ok else { throw fail("invalid literal; expected '\(word)'", at: start) }
        pos += count
    }

    mutating func enter(at offset: Int, pointer: String) throws(ParseError) {
        depth += 1
        if depth > maxDepth {
            throw fail("nesting is deeper than \(maxDepth) levels; flatten the document", at: offset, rule: JSONRuleID.tooDeep, pointer: pointer)
        }
    }

    mutating func parseObject(pointer: String) throws(ParseError) -> JSONNode {
        let start = pos
        let loc = location(at: start)
        try enter(at: start, pointer: pointer)
        pos += 1
        var members: [JSONMember] = []
        var seen: Set<String>? = nil
        skipWhitespace()
        if pos < buf.count && buf[pos] == UInt8(ascii: "}") {
            pos += 1
            depth -= 1
            return JSONNode(.object(members), location: loc, pointer: pointer)
        }
        while true {
            guard pos < buf.count else { throw fail("unexpected end of input; expected a key or '}'", at: pos) }
            guard buf[pos] == quote else {
                throw fail("unexpected \(describe(buf[pos])); expected a key in double quotes", at: pos)
            }
            let keyOffset = pos
            let keyLoc = location(at: keyOffset)
            let key = try parseString()
            skipWhitespace()
            guard pos < buf.count, buf[pos] == UInt8(ascii: ":") else {
                if pos >= buf.count { throw fail("unexpected end of input; expected ':' after the key", at: pos) }
                throw fail("unexpected \(describe(buf[pos])); expected ':' after the key", at: pos)
            }
            pos += 1
            skipWhitespace()
            let childPointer = JSONPointer.appending(key, to: pointer)
            let value = try parseValue(pointer: childPointer)
            if isDuplicate(key, in: members, seen: &seen) {
                findings.append(Finding(
                    ruleID: JSONRuleID.duplicateKey, severity: .error,
                    message: "duplicate key '\(shown(key))'; remove one, readers disagree on which one wins",
                    location: keyLoc, pointer: childPointer))
            }
            members.append(JSONMember(key: key, keyLocation: keyLoc, value: value))
            skipWhitespace()
            guard pos < buf.count else { throw fail("unexpected end of input; expected ',' or '}'", at: pos) }
            if buf[pos] == UInt8(ascii: ",") {
                pos += 1
                skipWhitespace()
                continue
            }
            if buf[pos] == UInt8(ascii: "}") {
                pos += 1
                depth -= 1
                return JSONNode(.object(members), location: loc, pointer: pointer)
            }
            throw fail("unexpected \(describe(buf[pos])); expected ',' or '}'", at: pos)
        }
    }

    /// Linear scan for small objects, a set once an object grows.
    func isDuplicate(_ key: String, in members: [JSONMember], seen: inout Set<String>?) -> Bool {
        if members.count < 16 {
            return members.contains { $0.key == key }
        }
        if seen == nil { seen = Set(members.map(\.key)) }
        // Mutated in place: copying the set out and back would make large objects quadratic.
        return !(seen?.insert(key).inserted ?? true)
    }

    mutating func parseArray(pointer: String) throws(ParseError) -> JSONNode {
        let start = pos
        let loc = location(at: start)
        try enter(at: start, pointer: pointer)
        pos += 1
        var items: [JSONNode] = []
        skipWhitespace()
        if pos < buf.count && buf[pos] == UInt8(ascii: "]") {
            pos += 1
            depth -= 1
            return JSONNode(.array(items), location: loc, pointer: pointer)
        }
        while true {
            let item = try parseValue(pointer: JSONPointer.appending(items.count, to: pointer))
            items.append(item)
            skipWhitespace()
            guard pos < buf.count else { throw fail("unexpected end of input; expected ',' or ']'", at: pos) }
            if buf[pos] == UInt8(ascii: ",") {
                pos += 1
                skipWhitespace()
                continue
            }
            if buf[pos] == UInt8(ascii: "]") {
                pos += 1
                depth -= 1
                return JSONNode(.array(items), location: loc, pointer: pointer)
            }
            throw fail("unexpected \(describe(buf[pos])); expected ',' or ']'", at: pos)
        }
    }

    // MARK: Numbers

    mutating func parseNumber() throws(ParseError) -> JSONNumber {
        let start = pos
        var isInteger = true
        if buf[pos] == UInt8(ascii: "-") { pos += 1 }
        guard pos < buf.count, isDigit(buf[pos]) else {
            throw fail("invalid number; expected a digit after '-'", at: pos)
        }
        if buf[pos] == UInt8(ascii: "0") {
            pos += 1
            if pos < buf.count && isDigit(buf[pos]) {
                throw fail("invalid number; leading zeros are not allowed", at: start)
            }
        } else {
            while pos < buf.count && isDigit(buf[pos]) { pos += 1 }
        }
        if pos < buf.count && buf[pos] == UInt8(ascii: ".") {
            isInteger = false
            pos += 1
            guard pos < buf.count, isDigit(buf[pos]) else {
                throw fail("invalid number; expected a digit after '.'", at: pos)
            }
            while pos < buf.count && isDigit(buf[pos]) { pos += 1 }
        }
        if pos < buf.count && (buf[pos] == UInt8(ascii: "e") || buf[pos] == UInt8(ascii: "E")) {
            isInteger = false
            pos += 1
            if pos < buf.count && (buf[pos] == UInt8(ascii: "+") || buf[pos] == UInt8(ascii: "-")) { pos += 1 }
            guard pos < buf.count, isDigit(buf[pos]) else {
                throw fail("invalid number; expected a digit in the exponent", at: pos)
            }
            while pos < buf.count && isDigit(buf[pos]) { pos += 1 }
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: buf[start..<pos]), as: UTF8.self)
        return JSONNumber(text: text, isInteger: isInteger)
    }

    @inline(__always) func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

    // MARK: Strings

    /// Reads a string starting at the opening quote; validates UTF-8 and escapes.
    mutating func parseString() throws(ParseError) -> String {
        pos += 1
        let start = pos
        // Fast path: no escapes.
        while pos < buf.count {
            let b = buf[pos]
            if b == quote {
                let s = String(decoding: UnsafeBufferPointer(rebasing: buf[start..<pos]), as: UTF8.self)
                pos += 1
                return s
            }
            if b == backslash { break }
            if b < 0x20 { throw controlCharacter(b) }
            if b < 0x80 { pos += 1 } else { try skipUTF8Sequence() }
        }
        guard pos < buf.count else { throw fail("unterminated string; add the closing '\"'", at: start - 1) }
        var bytes = Array(UnsafeBufferPointer(rebasing: buf[start..<pos]))
        while pos < buf.count {
            let b = buf[pos]
            if b == quote {
                pos += 1
                return String(decoding: bytes, as: UTF8.self)
            }
            if b == backslash {
                try parseEscape(into: &bytes)
                continue
            }
            if b < 0x20 { throw controlCharacter(b) }
            if b < 0x80 {
                bytes.append(b)
                pos += 1
            } else {
                let s = pos
                try skipUTF8Sequence()
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buf[s..<pos]))
            }
        }
        throw fail("unterminated string; add the closing '\"'", at: start - 1)
    }

    mutating func controlCharacter(_ b: UInt8) -> ParseError {
        let hex = String(b, radix: 16, uppercase: true).leftPadded(to: 4)
        return fail("control character U+\(hex) in a string; write it as an escape such as '\\u\(hex)'", at: pos)
    }

    /// Checks one UTF-8 sequence (RFC 3629) at `pos` and moves past it.
    mutating func skipUTF8Sequence() throws(ParseError) {
        let b0 = buf[pos]
        var need = 0
        var lo: UInt8 = 0x80
        var hi: UInt8 = 0xBF
        switch b0 {
        case 0xC2...0xDF: need = 1
        case 0xE0: need = 2; lo = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: need = 2
        case 0xED: need = 2; hi = 0x9F
        case 0xF0: need = 3; lo = 0x90
        case 0xF1...0xF3: need = 3
        case 0xF4: need = 3; hi = 0x8F
        default: throw invalidUTF8()
        }
        guard pos + need < buf.count else { throw invalidUTF8() }
        let b1 = buf[pos + 1]
        guard b1 >= lo && b1 <= hi else { throw invalidUTF8() }
        var i = 2
        while i <= need {
            guard buf[pos + i] & 0xC0 == 0x80 else { throw invalidUTF8() }
            i += 1
        }
        pos += need + 1
    }

    mutating func invalidUTF8() -> ParseError {
        fail("invalid UTF-8 byte 0x\(String(buf[pos], radix: 16, uppercase: true)); the text must be UTF-8 encoded", at: pos)
    }

    mutating func parseEscape(into bytes: inout [UInt8]) throws(ParseError) {
        let escapeStart = pos
        pos += 1
        guard pos < buf.count else { throw fail("unterminated string; add the closing '\"'", at: escapeStart) }
        let c = buf[pos]
        pos += 1
        switch c {
        case quote: bytes.append(quote)
        case backslash: bytes.append(backslash)
        case UInt8(ascii: "/"): bytes.append(UInt8(ascii: "/"))
        case UInt8(ascii: "b"): bytes.append(0x08)
        case UInt8(ascii: "f"): bytes.append(0x0C)
        case UInt8(ascii: "n"): bytes.append(0x0A)
        case UInt8(ascii: "r"): bytes.append(0x0D)
        case UInt8(ascii: "t"): bytes.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = try hex4(escapeStart: escapeStart)
            if (0xD800...0xDBFF).contains(scalar) {
                guard pos + 1 < buf.count, buf[pos] == backslash, buf[pos + 1] == UInt8(ascii: "u") else {
                    throw fail("lone surrogate '\\u\(hexString(scalar))'; a high surrogate must be followed by a low one", at: escapeStart)
                }
                let lowStart = pos
                pos += 2
                let low = try hex4(escapeStart: lowStart)
                guard (0xDC00...0xDFFF).contains(low) else {
                    throw fail("lone surrogate '\\u\(hexString(scalar))'; a high surrogate must be followed by a low one", at: escapeStart)
                }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            } else if (0xDC00...0xDFFF).contains(scalar) {
                throw fail("lone surrogate '\\u\(hexString(scalar))'; a low surrogate must follow a high one", at: escapeStart)
            }
            guard let u = Unicode.Scalar(scalar) else {
                throw fail("invalid escape '\\u\(hexString(scalar))'", at: escapeStart)
            }
            appendUTF8(u, to: &bytes)
        default:
            throw fail("invalid escape '\\\(Character(Unicode.Scalar(c)))'; use one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX", at: escapeStart)
        }
    }

    func hexString(_ v: UInt32) -> String { String(v, radix: 16, uppercase: true).leftPadded(to: 4) }

    mutating func hex4(escapeStart: Int) throws(ParseError) -> UInt32 {
        guard pos + 4 <= buf.count else { throw fail("invalid escape; '\\u' needs four hex digits", at: escapeStart) }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let b = buf[pos]
            let d: UInt32
            switch b {
            case 0x30...0x39: d = UInt32(b - 0x30)
            case 0x41...0x46: d = UInt32(b - 0x41 + 10)
            case 0x61...0x66: d = UInt32(b - 0x61 + 10)
            default: throw fail("invalid escape; '\\u' needs four hex digits", at: escapeStart)
            }
            v = v << 4 | d
            pos += 1
        }
        return v
    }
}

/// Appends the UTF-8 encoding of a scalar.
func appendUTF8(_ u: Unicode.Scalar, to bytes: inout [UInt8]) {
    let v = u.value
    switch v {
    case 0..<0x80:
        bytes.append(UInt8(v))
    case 0x80..<0x800:
        bytes.append(UInt8(0xC0 | (v >> 6)))
        bytes.append(UInt8(0x80 | (v & 0x3F)))
    case 0x800..<0x10000:
        bytes.append(UInt8(0xE0 | (v >> 12)))
        bytes.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
        bytes.append(UInt8(0x80 | (v & 0x3F)))
    default:
        bytes.append(UInt8(0xF0 | (v >> 18)))
        bytes.append(UInt8(0x80 | ((v >> 12) & 0x3F)))
        bytes.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
        bytes.append(UInt8(0x80 | (v & 0x3F)))
    }
}

extension String {
    func leftPadded(to width: Int, with pad: Character = "0") -> String {
        count >= width ? self : String(repeating: pad, count: width - count) + self
    }
}
