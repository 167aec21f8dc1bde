#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A strict RFC 8259 JSON reader that keeps positions, key order, duplicate
/// keys and the exact text of numbers.
///
/// Fatal problems (bad syntax, invalid UTF-8, nesting past ``Limits/maxDepth``)
/// end the read with one `invalid_json` or `json_too_deep` finding; a duplicate
/// key is reported as a `duplicate_key` finding at the second key and reading
/// goes on. A leading byte order mark is skipped with a `json_bom` warning.
public struct JSONReader: Sendable {
    /// Bounds on what the reader accepts.
    public struct Limits: Sendable {
        /// Containers nested deeper than this are a finding, not a stack overflow.
        public var maxDepth: Int
        /// Limits with nesting up to `maxDepth` levels.
        public init(maxDepth: Int = JSONReader.defaultMaxDepth) { self.maxDepth = maxDepth }
    }

    /// The documented nesting limit: 256 levels of arrays and objects.
    public static let defaultMaxDepth = 256

    /// The limits this reader applies.
    public var limits: Limits

    /// A reader with the given limits.
    public init(limits: Limits = Limits()) { self.limits = limits }

    /// The outcome of a read as a tree: the root when the text is JSON, and the findings.
    public struct Result: Sendable {
        /// The document's root; nil when the text is not JSON.
        public var root: JSONNode?
        /// The reader's findings: at most one fatal one, plus duplicate keys and a BOM.
        public var findings: [Finding]
    }

    /// Reads `bytes` and materializes the whole tree.
    public func read(_ bytes: [UInt8]) -> Result {
        bytes.withUnsafeBufferPointer { read($0) }
    }

    /// Reads the bytes and materializes the whole tree (for callers that keep it).
    public func read(_ buffer: UnsafeBufferPointer<UInt8>) -> Result {
        withDocument(buffer) { document, findings in Result(root: document?.root.node, findings: findings) }
    }

    /// Reads the bytes into a tape and hands it to `body`; the document (nil
    /// when the text is not JSON) is valid only inside `body`. Findings are the
    /// reader's: a fatal one ends the read, duplicate keys and a BOM do not.
    ///
    /// Each thread keeps the last document (and its tape) to read the next
    /// one into, so a stream of records allocates neither per record.
    public func withDocument<R>(_ buffer: UnsafeBufferPointer<UInt8>, _ body: (JSONDocument?, [Finding]) -> R) -> R {
        withDocument(buffer, failed: { body(nil, $0) }, { body($0, $1) })
    }

    /// ``withDocument(_:_:)`` with the failed read apart: `body` gets the
    /// document itself, borrowed (binding an optional document retained and
    /// released it for every record), and `failed` the findings of a text
    /// that is not JSON.
    func withDocument<R>(
        _ buffer: UnsafeBufferPointer<UInt8>, failed: ([Finding]) -> R, _ body: (JSONDocument, [Finding]) -> R
    ) -> R {
        ThreadSpares.withThisThread { spares in
            var parser = Parser(buffer: buffer, maxDepth: limits.maxDepth, tape: TapeBuilder(reusing: spares.takeTape()))
            do throws(ParseError) {
                try parser.parseDocument()
            } catch {
                var findings = parser.findings()
                findings.append(parser.finding(for: error))
                spares.keepTape(parser.entries.storage)
                return failed(findings)
            }
            return spares.withDocument(
                bytes: buffer, adopting: parser.entries.storage, count: parser.entries.count, bodyStart: parser.bodyStart
            ) { document in
                body(document, parser.findings(in: document))
            }
        }
    }
}

/// The rule ids the reader reports under.
public enum JSONRuleID {
    /// Not JSON: bad syntax, invalid UTF-8, trailing data.
    public static let invalidJSON = "invalid_json"
    /// Nested deeper than ``JSONReader/Limits/maxDepth``.
    public static let tooDeep = "json_too_deep"
    /// A key that appears twice in one object.
    public static let duplicateKey = "duplicate_key"
    /// A leading UTF-8 byte order mark.
    public static let byteOrderMark = "json_bom"
}

private struct ParseError: Error {
    var message: String
    var offset: Int
    var rule: String
    /// The entry whose pointer the finding carries (a value being read), if any.
    var entry: Int?
}

private let quote = UInt8(ascii: "\"")
private let backslash = UInt8(ascii: "\\")

/// The tape while it is read: a growable buffer of entries that the finished
/// document adopts without a copy. Entries are plain values, so the buffer
/// needs no deinitialization; its owner deallocates it once.
struct TapeBuilder {
    typealias Entry = JSONDocument.Entry
    private(set) var storage: UnsafeMutableBufferPointer<Entry>
    private(set) var count = 0

    init(capacity: Int) {
        storage = .allocate(capacity: max(capacity, 1))
    }

    /// A builder that writes into `storage` from its start (a spare document's tape).
    init(reusing storage: UnsafeMutableBufferPointer<Entry>) {
        self.storage = storage.isEmpty ? .allocate(capacity: 16) : storage
    }

    /// The entries written so far.
    var entries: UnsafeMutableBufferPointer<Entry> { UnsafeMutableBufferPointer(rebasing: storage[0..<count]) }

    mutating func append(_ entry: Entry) {
        if count == storage.count { grow() }
        storage.initializeElement(at: count, to: entry)
        count += 1
    }

    subscript(i: Int) -> Entry {
        get {
            precondition(i < count)
            return storage[i]
        }
        nonmutating _modify {
            precondition(i < count)
            yield &storage[i]
        }
    }

    private mutating func grow() {
        let bigger = UnsafeMutableBufferPointer<Entry>.allocate(capacity: storage.count * 2)
        _ = bigger.initialize(fromContentsOf: entries)
        storage.deallocate()
        storage = bigger
    }

    func deallocate() { storage.deallocate() }
}

private struct Parser {
    typealias Entry = JSONDocument.Entry
    let buf: UnsafeBufferPointer<UInt8>
    let maxDepth: Int
    var pos = 0
    var bodyStart = 0
    var depth = 0
    var entries: TapeBuilder
    // What the reader's findings (other than the error that stops a read)
    // are made from at the end of the read: a flag and a count, not arrays,
    // so a record without findings creates and destroys no array (two
    // releases a record).
    /// Whether the text starts with a UTF-8 byte order mark.
    var hasByteOrderMark = false
    /// How many key entries repeat an earlier key of their object (``JSONDocument/Entry/isDuplicateKey``).
    var duplicateKeys = 0

    init(buffer: UnsafeBufferPointer<UInt8>, maxDepth: Int, tape: TapeBuilder? = nil) {
        self.buf = buffer
        self.maxDepth = maxDepth
        entries = tape ?? TapeBuilder(capacity: 16)
    }

    /// A document over a copy of the tape read so far (for findings about a failed read).
    func document() -> JSONDocument {
        JSONDocument(bytes: buf, entries: Array(entries.entries), bodyStart: bodyStart)
    }

    // MARK: Findings

    func fail(_ message: String, at offset: Int, rule: String = JSONRuleID.invalidJSON, entry: Int? = nil) -> ParseError {
        ParseError(message: message, offset: offset, rule: rule, entry: entry)
    }

    func finding(for error: ParseError) -> Finding {
        let document = document()
        return Finding(
            ruleID: error.rule, severity: .error, message: error.message, location: document.location(atOffset: error.offset),
            pointer: error.entry.map { document.pointer(of: $0) })
    }

    /// The findings of a read that did not stop: a byte order mark, then the
    /// duplicate keys in the order they were found (a key is checked once its
    /// value is read, so by where the value ends). Empty for most reads.
    func findings(in document: JSONDocument? = nil) -> [Finding] {
        guard hasByteOrderMark || duplicateKeys > 0 else { return [] }
        var findings: [Finding] = []
        if hasByteOrderMark {
            findings.append(Finding(
                ruleID: JSONRuleID.byteOrderMark, severity: .warning,
                message: "input starts with a UTF-8 byte order mark; remove it, JSON text must not carry one",
                location: SourceLocation(line: 1, column: 1, offset: 0), pointer: ""
            ).fixing(Fix(.safe, "remove the byte order mark", edits: [Fix.Edit(0..<3, "")])))
        }
        guard duplicateKeys > 0 else { return findings }
        let document = document ?? self.document()
        let keys = entries.entries.indices.filter { entries[$0].isDuplicateKey }.sorted { entries[$0 + 1].end < entries[$1 + 1].end }
        for key in keys {
            findings.append(Finding(
                ruleID: JSONRuleID.duplicateKey, severity: .error,
                message: "duplicate key '\(shown(document.string(at: key)))'; remove one, readers disagree on which one wins",
                location: document.location(of: key), pointer: document.pointer(of: key)))
        }
        return findings
    }

    func describe(_ byte: UInt8) -> String {
        if byte >= 0x21 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
        return "byte 0x" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
    }

    // MARK: Document

    mutating func parseDocument() throws(ParseError) {
        if let (encoding, how) = Self.wideEncoding(buf) {
            throw fail("the payload is \(encoding) (\(how)); JSON must be UTF-8: convert it first, e.g. with 'iconv -f \(encoding) -t UTF-8'", at: 0)
        }
        if buf.count >= 3 && buf[0] == 0xEF && buf[1] == 0xBB && buf[2] == 0xBF {
            hasByteOrderMark = true
            pos = 3
            bodyStart = 3
        }
        skipWhitespace()
        guard pos < buf.count else {
            throw fail(buf.isEmpty ? "empty input; expected a JSON value" : "no JSON value; the input is only whitespace", at: pos)
        }
        try parseValue(parent: -1, ordinal: 0)
        skipWhitespace()
        if pos < buf.count {
            throw fail("unexpected \(describe(buf[pos])) after the JSON value; a document holds exactly one value", at: pos)
        }
    }

    /// UTF-16 or UTF-32 text, told by its byte order mark or by the zero
    /// bytes around its first ASCII characters (RFC 4627's rule): the
    /// encoding's name and how it was told, or nil.
    static func wideEncoding(_ b: UnsafeBufferPointer<UInt8>) -> (String, String)? {
        guard b.count >= 2 else { return nil }
        if b.count >= 4 {
            if b[0] == 0xFF && b[1] == 0xFE && b[2] == 0 && b[3] == 0 { return ("UTF-32LE", "it starts with the byte order mark FF FE 00 00") }
            if b[0] == 0 && b[1] == 0 && b[2] == 0xFE && b[3] == 0xFF { return ("UTF-32BE", "it starts with the byte order mark 00 00 FE FF") }
        }
        if b[0] == 0xFF && b[1] == 0xFE { return ("UTF-16LE", "it starts with the byte order mark FF FE") }
        if b[0] == 0xFE && b[1] == 0xFF { return ("UTF-16BE", "it starts with the byte order mark FE FF") }
        guard b.count >= 4 else { return nil }
        let zero = (b[0] == 0, b[1] == 0, b[2] == 0, b[3] == 0)
        switch zero {
        case (true, true, true, false): return ("UTF-32BE", "three zero bytes before its first character")
        case (false, true, true, true): return ("UTF-32LE", "three zero bytes after its first character")
        case (true, false, true, false): return ("UTF-16BE", "a zero byte before each of its first characters")
        case (false, true, false, true): return ("UTF-16LE", "a zero byte after each of its first characters")
        default: return nil
        }
    }

    @inline(__always) mutating func skipWhitespace() {
        while pos < buf.count {
            switch buf[pos] {
            case 0x20, 0x09, 0x0A, 0x0D: pos += 1
            default: return
            }
        }
    }

    /// Appends an entry for the value at `pos`, then reads the value into it.
    mutating func parseValue(parent: Int32, ordinal: Int32, isKey: Bool = false) throws(ParseError) {
        let index = entries.count
        entries.append(Entry(tag: .null, isKey: isKey, start: pos, end: pos, next: 0, parent: parent, ordinal: ordinal, count: 0))
        guard pos < buf.count else { throw fail("unexpected end of input; expected a value", at: pos, entry: index) }
        let tag: JSONDocument.Tag
        switch buf[pos] {
        case UInt8(ascii: "{"):
            try parseObject(index)
            return
        case UInt8(ascii: "["):
            try parseArray(index)
            return
        case quote:
            tag = try parseString() ? .escapedString : .string
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            tag = try parseNumber() ? .integer : .number
        case UInt8(ascii: "t"):
            try expectLiteral("true")
            tag = .true
        case UInt8(ascii: "f"):
            try expectLiteral("false")
            tag = .false
        case UInt8(ascii: "n"):
            try expectLiteral("null")
            tag = .null
        default:
            throw fail("unexpected \(describe(buf[pos])); expected a value (object, array, string, number, true, false or null)", at: pos, entry: index)
        }
        entries[index].tag = tag
        entries[index].end = pos
        entries[index].next = Int32(truncatingIfNeeded: entries.count)
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

    mutating func enter(_ index: Int) throws(ParseError) {
        depth += 1
        if depth > maxDepth {
            throw fail("nesting is deeper than \(maxDepth) levels; flatten the document", at: pos, rule: JSONRuleID.tooDeep, entry: index)
        }
    }

    mutating func close(_ index: Int, tag: JSONDocument.Tag, count: Int32) {
        pos += 1
        depth -= 1
        entries[index].tag = tag
        entries[index].end = pos
        entries[index].count = count
        entries[index].next = Int32(truncatingIfNeeded: entries.count)
    }

    mutating func parseObject(_ index: Int) throws(ParseError) {
        try enter(index)
        entries[index].tag = .object
        pos += 1
        var count: Int32 = 0
        var seen: Set<String>? = nil
        // One bit per (raw length, first byte) class of the keys so far: a key
        // in a class no earlier key is in repeats none of them, so the walk in
        // ``isDuplicate(_:object:seen:)`` is skipped (unless a key has escapes).
        var classes: UInt64 = 0
        var escapedKeys = false
        skipWhitespace()
        if pos < buf.count && buf[pos] == UInt8(ascii: "}") {
            close(index, tag: .object, count: 0)
            return
        }
        let parent = Int32(truncatingIfNeeded: index)
        while true {
            guard pos < buf.count else { throw fail("unexpected end of input; expected a key or '}'", at: pos) }
            guard buf[pos] == quote else {
                throw fail("unexpected \(describe(buf[pos])); expected a key in double quotes", at: pos)
            }
            let key = entries.count
            entries.append(Entry(tag: .string, isKey: true, start: pos, end: pos, next: 0, parent: parent, ordinal: count, count: 0))
            if try parseString() { entries[key].tag = .escapedString }
            entries[key].end = pos
            entries[key].next = Int32(truncatingIfNeeded: entries.count)
            skipWhitespace()
            guard pos < buf.count, buf[pos] == UInt8(ascii: ":") else {
                if pos >= buf.count { throw fail("unexpected end of input; expected ':' after the key", at: pos) }
                throw fail("unexpected \(describe(buf[pos])); expected ':' after the key", at: pos)
            }
            pos += 1
            skipWhitespace()
            try parseValue(parent: parent, ordinal: count)
            let keyEntry = entries[key]
            let keyClass: UInt64 = 1 << ((UInt64(keyEntry.end - keyEntry.start) &* 31 &+ UInt64(buf[keyEntry.start + 1])) & 63)
            if keyEntry.tag == .escapedString { escapedKeys = true }
            if escapedKeys || count >= Self.walkedKeys || classes & keyClass != 0 {
                if isDuplicate(key, object: index, seen: &seen) {
                    entries[key].isDuplicateKey = true
                    duplicateKeys += 1
                }
            }
            classes |= keyClass
            count += 1
            skipWhitespace()
            guard pos < buf.count else { throw fail("unexpected end of input; expected ',' or '}'", at: pos) }
            if buf[pos] == UInt8(ascii: ",") {
                pos += 1
                skipWhitespace()
                continue
            }
            if buf[pos] == UInt8(ascii: "}") {
                close(index, tag: .object, count: count)
                return
            }
            throw fail("unexpected \(describe(buf[pos])); expected ',' or '}'", at: pos)
        }
    }

    /// How many keys of an object are checked by walking the earlier ones;
    /// later keys are checked against a set of the object's keys.
    static var walkedKeys: Int32 { 16 }

    /// Whether the key entry repeats an earlier key of its object: a walk over
    /// the earlier keys for small objects, a set once an object grows.
    mutating func isDuplicate(_ key: Int, object: Int, seen: inout Set<String>?) -> Bool {
        let k = entries[key]
        if k.ordinal < Self.walkedKeys {
            // Two keys without escapes differ when their length or first byte
            // does, which settles most pairs; escaped keys are compared as text.
            let length = k.end - k.start
            let first = buf[k.start + 1]
            var j = object + 1
            while j < key {
                let e = entries.storage[j]
                let differ = e.tag == .string && k.tag == .string && (e.end - e.start != length || buf[e.start + 1] != first)
                if !differ && keysEqual(j, key) { return true }
                j = Int(entries.storage[j + 1].next)
            }
            return false
        }
        if seen == nil {
            var keys = Set<String>()
            var j = object + 1
            while j < key {
                keys.insert(keyText(j))
                j = Int(entries[j + 1].next)
            }
            seen = keys
        }
        // Mutated in place: copying the set out and back would make large objects quadratic.
        return !(seen?.insert(keyText(key)).inserted ?? true)
    }

    func keyText(_ i: Int) -> String {
        let e = entries[i]
        let body = UnsafeBufferPointer(rebasing: buf[(e.start + 1)..<(e.end - 1)])
        return String(decoding: e.tag == .escapedString ? unescape(body) : Array(body), as: UTF8.self)
    }

    func keysEqual(_ a: Int, _ b: Int) -> Bool {
        let x = entries[a]
        let y = entries[b]
        if x.tag == .string && y.tag == .string {
            guard x.end - x.start == y.end - y.start else { return false }
            for k in 0..<(x.end - x.start) where buf[x.start + k] != buf[y.start + k] { return false }
            return true
        }
        return keyText(a) == keyText(b)
    }

    mutating func parseArray(_ index: Int) throws(ParseError) {
        try enter(index)
        entries[index].tag = .array
        pos += 1
        var count: Int32 = 0
        skipWhitespace()
        if pos < buf.count && buf[pos] == UInt8(ascii: "]") {
            close(index, tag: .array, count: 0)
            return
        }
        let parent = Int32(truncatingIfNeeded: index)
        while true {
            try parseValue(parent: parent, ordinal: count)
            count += 1
            skipWhitespace()
            guard pos < buf.count else { throw fail("unexpected end of input; expected ',' or ']'", at: pos) }
            if buf[pos] == UInt8(ascii: ",") {
                pos += 1
                skipWhitespace()
                continue
            }
            if buf[pos] == UInt8(ascii: "]") {
                close(index, tag: .array, count: count)
                return
            }
            throw fail("unexpected \(describe(buf[pos])); expected ',' or ']'", at: pos)
        }
    }

    // MARK: Numbers

    /// Reads a number; returns whether it is an integer (no fraction, no exponent).
    mutating func parseNumber() throws(ParseError) -> Bool {
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
        return isInteger
    }

    @inline(__always) func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

    // MARK: Strings

    /// Reads a string starting at the opening quote; validates UTF-8 and
    /// escapes and returns whether it has any (its text is decoded only when needed).
    mutating func parseString() throws(ParseError) -> Bool {
        let start = pos + 1
        var i = start
        let n = buf.count
        var escaped = false
        while i < n {
            // Plain ASCII runs are the common case: eight bytes per step while
            // no byte is a quote, a backslash, a control character or non-ASCII.
            // A word with such a byte jumps straight to the first one.
            if let base = buf.baseAddress {
                while i + 8 <= n {
                    let w = UInt64(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self))
                    let flagged = ByteScan.attention(w)
                    if flagged != 0 {
                        i += flagged.trailingZeroBitCount >> 3
                        break
                    }
                    i += 8
                }
                if i >= n { break }
            }
            let b = buf[i]
            if b >= 0x20 && b < 0x80 && b != quote && b != backslash {
                i += 1
                continue
            }
            pos = i
            if b == quote {
                pos = i + 1
                return escaped
            }
            if b == backslash {
                try parseEscape()
                escaped = true
            } else if b < 0x20 {
                throw controlCharacter(b)
            } else {
                try skipUTF8Sequence()
            }
            i = pos
        }
        pos = i
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

    /// Checks one escape at `pos` and moves past it.
    mutating func parseEscape() throws(ParseError) {
        let escapeStart = pos
        pos += 1
        guard pos < buf.count else { throw fail("unterminated string; add the closing '\"'", at: escapeStart) }
        let c = buf[pos]
        pos += 1
        switch c {
        case quote, backslash, UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "r"),
            UInt8(ascii: "t"):
            return
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
            guard Unicode.Scalar(scalar) != nil else {
                throw fail("invalid escape '\\u\(hexString(scalar))'", at: escapeStart)
            }
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
