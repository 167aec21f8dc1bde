import Foundation
import Testing

@testable import AvailKit

@Suite struct JSONReaderTests {
    @Test func keepsKeyOrderLocationsAndPointers() throws {
        let result = read("{\n  \"b\": 1,\n  \"a\": [true, {\"x~/y\": null}]\n}")
        #expect(result.findings.isEmpty)
        let root = try #require(result.root)
        #expect(root.members?.map(\.key) == ["b", "a"])
        let a = try #require(root["a"])
        #expect(a.location == SourceLocation(line: 3, column: 8, offset: 19))
        #expect(a.pointer == "/a")
        let inner = try #require(a.items?[1]["x~/y"])
        #expect(inner.pointer == "/a/1/x~0~1y")
        #expect(inner.location.line == 3)
        #expect(inner.location.column == 24)
        #expect(root.members?[1].keyLocation == SourceLocation(line: 3, column: 3, offset: 14))
    }

    /// The string scanner reads eight bytes at a time; a byte that needs
    /// attention must be found at every position of the word and past it.
    @Test func everyStringBytePositionIsChecked() throws {
        for length in 0..<40 {
            for at in 0..<max(length, 1) where length > 0 {
                var body = [UInt8](repeating: UInt8(ascii: "a"), count: length)
                // An escaped quote reads back as a quote.
                var escaped = body
                escaped[at] = UInt8(ascii: "\\")
                escaped.insert(UInt8(ascii: "\""), at: at + 1)
                let ok = read("[\"" + String(decoding: escaped, as: UTF8.self) + "\"]")
                #expect(ok.findings.isEmpty, "escape at \(at) of \(length)")
                #expect(ok.root?.items?.first?.stringValue?.utf8.filter { $0 == UInt8(ascii: "\"") }.count == 1)
                // A raw control character is a finding at its own column.
                body[at] = 0x01
                let bad = read("[\"" + String(decoding: body, as: UTF8.self) + "\"]")
                #expect(bad.findings.map(\.location.column) == [at + 3], "control character at \(at) of \(length)")
                // Non-ASCII is checked as UTF-8: a lone continuation byte is a finding.
                body[at] = 0x80
                #expect(read(Array("[\"".utf8) + body + Array("\"]".utf8)).findings.count == 1)
                body[at] = UInt8(ascii: "a")
            }
            // Unterminated at every length: the scan stops at the end of input.
            let open = read("[\"" + String(repeating: "a", count: length))
            #expect(open.findings.first?.message.hasPrefix("unterminated string") == true, "unterminated at \(length)")
        }
    }

    @Test func columnsCountUnicodeScalars() throws {
        let root = try #require(read("{\"é\": \"ü\", \"k\": 1}").root)
        #expect(root["k"]?.location.column == 17)
    }

    /// Locations are scanned eight bytes at a time between line breaks; on
    /// seeded texts of ASCII, two- to four-byte UTF-8, LF, CR and CR LF, every
    /// offset, asked for in a random order (the cursor moves back and forth),
    /// gets the line and column a byte-by-byte count gives.
    @Test func locationsMatchAByteByByteCount() {
        func reference(_ bytes: [UInt8], _ offset: Int) -> (line: Int, column: Int) {
            var line = 1
            var column = 1
            var i = 0
            while i < offset {
                if bytes[i] == 0x0A {
                    (line, column) = (line + 1, 1)
                } else if bytes[i] == 0x0D {
                    if i + 1 < offset && bytes[i + 1] == 0x0A { i += 1 }
                    (line, column) = (line + 1, 1)
                } else if bytes[i] & 0xC0 != 0x80 {
                    column += 1
                }
                i += 1
            }
            return (line, column)
        }
        let pieces: [[UInt8]] = [Array("abcdefgh".utf8), Array("x".utf8), Array("é".utf8), Array("€".utf8), Array("😀".utf8), [0x0A], [0x0D], [0x0D, 0x0A], Array(" \"{}".utf8)]
        var random = SeededRandom(state: 7)
        var checked = 0
        for _ in 0..<300 {
            var bytes: [UInt8] = []
            for _ in 0..<Int.random(in: 0...40, using: &random) {
                // Mostly long plain runs, so both the word and the byte paths run.
                bytes += Int.random(in: 0..<3, using: &random) == 0 ? pieces.randomElement(using: &random)! : pieces[0]
            }
            bytes.withUnsafeBufferPointer { buffer in
                let document = JSONDocument(bytes: buffer, entries: [], bodyStart: 0)
                for offset in (0...bytes.count).shuffled(using: &random) {
                    let location = document.location(atOffset: offset)
                    let expected = reference(bytes, offset)
                    #expect(location.line == expected.line && location.column == expected.column, "offset \(offset) of \(bytes)")
                    checked += 1
                }
            }
        }
        #expect(checked > 10_000)
    }

    @Test func duplicateKeyIsAFindingAtTheSecondKey() throws {
        let result = read("{\"status\": \"online\",\n \"status\": \"paused\"}")
        #expect(result.root != nil)
        #expect(result.findings == [
            Finding(ruleID: "duplicate_key", severity: .error,
                    message: "duplicate key 'status'; remove one, readers disagree on which one wins",
                    location: SourceLocation(line: 2, column: 2, offset: 22), pointer: "/status")
        ])
    }

    /// A key is the same key however it is escaped; keys of the same length
    /// and first byte that differ later are not duplicates.
    @Test func duplicateKeysAreComparedAsText() throws {
        let messages = { (text: String) in read(text).findings.map(\.message) }
        #expect(messages(#"{"a": 1, "\u0061": 2}"#) == ["duplicate key 'a'; remove one, readers disagree on which one wins"])
        #expect(messages(#"{"\u0061b": 1, "ab": 2}"#) == ["duplicate key 'ab'; remove one, readers disagree on which one wins"])
        #expect(messages(#"{"pausedAt": 1, "pausedAx": 2, "resumeAt": 3, "": 4, "\"": 5}"#).isEmpty)
        #expect(messages(#"{"": 1, "": 2}"#) == ["duplicate key ''; remove one, readers disagree on which one wins"])
        // Same length and first byte, then a real repeat; and one past the sixteenth key.
        #expect(messages(#"{"ab": 1, "ac": 2, "ba": 3, "ab": 4}"#) == ["duplicate key 'ab'; remove one, readers disagree on which one wins"])
        let twenty = (0..<20).map { "\"k\($0)\": \($0)" }.joined(separator: ", ")
        #expect(messages("{\(twenty), \"k3\": 0, \"k19\": 0}") == [
            "duplicate key 'k3'; remove one, readers disagree on which one wins",
            "duplicate key 'k19'; remove one, readers disagree on which one wins",
        ])
    }

    /// Duplicate keys are reported in the order the reader finds them: a key
    /// is checked once its value is read, so a repeat inside a repeated
    /// member's value comes first; a byte order mark comes before them all,
    /// and a fatal error after them.
    @Test func duplicateKeysComeInTheOrderFound() throws {
        let text = "\u{FEFF}" + #"{"a": 1, "a": {"b": 1, "b": 2}, "c": [{"d": 1, "d": 2}]}"#
        #expect(read(text).findings.map { "\($0.ruleID) \($0.pointer ?? "")" } == [
            "json_bom ", "duplicate_key /a/b", "duplicate_key /a", "duplicate_key /c/0/d",
        ])
        #expect(read(#"{"a": {"b": 1, "b": 2}, "a": 3, "x": }"#).findings.map { "\($0.ruleID) \($0.pointer ?? "")" } == [
            "duplicate_key /a/b", "duplicate_key /a", "invalid_json /x",
        ])
    }

    /// Integers are written with every digit and the sign, the extremes included.
    @Test func integersAreWrittenExactly() {
        var out = JSONOutput(style: .compact)
        out.beginArray()
        for v: Int64 in [0, 7, -7, 10, 1_000_000, .max, .min] {
            out.item()
            out.int(v)
        }
        out.endArray()
        #expect(String(decoding: out.bytes, as: UTF8.self) == "[0,7,-7,10,1000000,9223372036854775807,-9223372036854775808]")

        // Two digits at a time: every digit count, either side of each power of
        // ten, and seeded values of every width, as `String` writes them.
        var values: [Int64] = []
        var power: Int64 = 1
        for _ in 0..<19 {
            values += [power - 1, power, power + 1, -(power - 1), -power, -(power + 1)]
            if power <= Int64.max / 10 { power *= 10 }
        }
        var random = SeededRandom(state: 3)
        for _ in 0..<5_000 {
            let bits = Int.random(in: 1...63, using: &random)
            values.append(Int64.random(in: -(Int64(1) << (bits - 1))...(Int64(1) << (bits - 1)), using: &random))
        }
        var many = JSONOutput(style: .compact)
        many.beginArray()
        for v in values {
            many.item()
            many.int(v)
        }
        many.endArray()
        #expect(String(decoding: many.bytes, as: UTF8.self) == "[" + values.map(String.init).joined(separator: ",") + "]")
    }

    /// A copy of an output is a separate value: writing to one leaves the
    /// other as it was, and either can grow past its first allocation.
    @Test func outputsAreCopiedOnWrite() {
        var first = JSONOutput(style: .compact, capacity: 4)
        first.beginObject()
        first.field("status", "paused")
        var second = first
        second.field("reason", "too \"busy\"")
        second.endObject()
        first.endObject()
        #expect(String(decoding: first.bytes, as: UTF8.self) == #"{"status":"paused"}"#)
        #expect(String(decoding: second.bytes, as: UTF8.self) == #"{"status":"paused","reason":"too \"busy\""}"#)
        #expect(second.count == second.bytes.count)
        second.truncate(to: 1)
        #expect(second.bytes == Array("{".utf8) && first.count == 19)
    }

    /// A member looked up by name on the tape is the first one spelled so,
    /// escaped keys included, byte for byte (a decomposed `é` is another
    /// name); a key that is a prefix or an extension of another is not it.
    @Test func membersAreFoundByTheirExactName() {
        let text = #"{"ab": 1, "a": 2, "abc": 3, "a\u0062": 4, "": 5, "a": 6, "\u00e9": 7, "e\u0301": 8}"#
        Array(text.utf8).withUnsafeBufferPointer { bytes in
            JSONReader().withDocument(bytes) { document, _ in
                guard let root = document?.root else {
                    Issue.record("not read")
                    return
                }
                #expect(root["a"]?.int64 == 2)
                #expect(root["ab"]?.int64 == 1)
                #expect(root["abc"]?.int64 == 3)
                #expect(root[""]?.int64 == 5)
                #expect(root["\u{E9}"]?.int64 == 7)
                #expect(root["e\u{301}"]?.int64 == 8)
                #expect(root.members.filter { $0.hasKey("\u{E9}") }.count == 1)
                #expect(root["b"] == nil)
                #expect(root["abcd"] == nil)
                #expect(root["a"]?["a"] == nil)
                // The same answers as walking the members one by one.
                for key in ["a", "ab", "abc", "", "\u{E9}", "e\u{301}", "b", "abcd"] {
                    #expect(root[key]?.index == root.members.first { $0.hasKey(key) }?.value.index, "\(key)")
                }
            }
        }
    }

    /// An integer read off its digits is what `Int64(text)` makes of them,
    /// up to the limits and one past them.
    @Test func integersAreReadOffTheirDigits() {
        let numbers = [
            "0", "-0", "7", "-7", "1805673600", "999999999999999999", "-999999999999999999", "1000000000000000000",
            "9223372036854775807", "9223372036854775808", "-9223372036854775808", "-9223372036854775809",
            "99999999999999999999999", "1.5", "1e3",
        ]
        let text = "[" + numbers.joined(separator: ", ") + "]"
        Array(text.utf8).withUnsafeBufferPointer { bytes in
            JSONReader().withDocument(bytes) { document, _ in
                guard let items = document?.root.items else {
                    Issue.record("not read")
                    return
                }
                #expect(items.map(\.int64) == numbers.map { $0.contains(".") || $0.contains("e") ? nil : Int64($0) })
            }
        }
    }

    /// Each thread reads into the document it read last; a read inside
    /// another's body, or a document still held after its read, is not reused.
    @Test func documentsAreReusedOnlyWhenNothingHoldsThem() {
        let first = Array(#"{"a": 1, "b": [2, 3]}"#.utf8)
        let second = Array("[true, false, null, 4]".utf8)
        let bad = Array("[1, 2".utf8)
        first.withUnsafeBufferPointer { a in
            second.withUnsafeBufferPointer { b in
                var held: JSONDocument?
                JSONReader().withDocument(a) { document, _ in
                    held = document
                    JSONReader().withDocument(b) { inner, _ in #expect(inner?.root.items.count == 4) }
                    #expect(document?.root.members.count == 2)
                }
                bad.withUnsafeBufferPointer { c in
                    JSONReader().withDocument(c) { document, findings in
                        #expect(document == nil)
                        #expect(findings.map(\.ruleID) == ["invalid_json"])
                    }
                }
                JSONReader().withDocument(b) { document, _ in #expect(document?.root.items.count == 4) }
                JSONReader().withDocument(b) { document, _ in #expect(document?.root.items.count == 4) }
                #expect(held?.root.members.count == 2)
                #expect(held?.root["b"]?.items.count == 2)
                // A read inside another's body, whose document nothing else holds, leaves it whole.
                JSONReader().withDocument(a) { document, _ in
                    JSONReader().withDocument(b) { inner, _ in #expect(inner?.root.items.count == 4) }
                    bad.withUnsafeBufferPointer { c in JSONReader().withDocument(c) { inner, _ in #expect(inner == nil) } }
                    #expect(document?.root.members.count == 2)
                    #expect(document?.root["b"]?.items.count == 2)
                }
                JSONReader().withDocument(b) { document, _ in #expect(document?.root.items.count == 4) }
            }
        }
    }

    /// An origin's key is its pointer's last token, with RFC 6901 escapes decoded.
    @Test func originKeyIsTheLastTokenDecoded() {
        let key = { (pointer: String) in Origin(pointer: pointer, location: .none, value: "").key }
        #expect(key("/resumeAt") == "resumeAt")
        #expect(key("/status/is_close") == "is_close")
        #expect(key("/a~1b") == "a/b")
        #expect(key("/x/a~01") == "a~1")
        #expect(key("/é") == "é")
        #expect(key("/") == "")
        #expect(key("") == "")
    }

    @Test func duplicateKeysInLargeObjectsAreFound() throws {
        var text = "{"
        for i in 0..<100 { text += "\"k\(i)\": \(i)," }
        text += "\"k42\": 0}"
        let result = read(text)
        #expect(result.findings.map(\.message) == ["duplicate key 'k42'; remove one, readers disagree on which one wins"])
    }

    @Test func integersKeepTheirDigits() throws {
        let root = try #require(read("[12345678901234567890, -0, 1.50, 1e999999]").root)
        let items = try #require(root.items)
        guard case .number(let big) = items[0].kind, case .number(let negZero) = items[1].kind,
            case .number(let frac) = items[2].kind, case .number(let huge) = items[3].kind
        else { Issue.record("not numbers"); return }
        #expect(big.text == "12345678901234567890")
        #expect(big.int64 == nil)
        #expect(negZero.text == "-0")
        #expect(negZero.int64 == 0)
        #expect(frac.text == "1.50")
        #expect(frac.int64 == nil)
        #expect(huge.double == nil)
        #expect(JSONWriter(style: .compact).string(root) == "[12345678901234567890,-0,1.50,1e999999]\n")
    }

    @Test(arguments: [
        ("", "1:1: empty input; expected a JSON value"),
        ("{\"a\" 1}", "1:6: unexpected '1'; expected ':' after the key"),
        ("[1,]", "1:4: unexpected ']'; expected a value (object, array, string, number, true, false or null)"),
        ("01", "1:1: invalid number; leading zeros are not allowed"),
        ("\"a\tb\"", "1:3: control character U+0009 in a string; write it as an escape such as '\\u0009'"),
        ("\"\\uD800\"", "1:2: lone surrogate '\\uD800'; a high surrogate must be followed by a low one"),
        ("{\"a\": tru}", "1:7: invalid literal; expected 'true'"),
        ("[1] [2]", "1:5: unexpected '[' after the JSON value; a document holds exactly one value"),
        ("\"abc", "1:1: unterminated string; add the closing '\"'"),
        ("\r\n\n  x", "3:3: unexpected 'x'; expected a value (object, array, string, number, true, false or null)"),
    ])
    func syntaxErrorsHaveExactLocations(input: String, expected: String) {
        let result = read(input)
        #expect(result.root == nil)
        #expect(result.findings.map { "\($0.location): \($0.message)" } == [expected])
        #expect(result.findings.allSatisfy { $0.ruleID == "invalid_json" })
    }

    @Test func invalidUTF8IsAFinding() {
        let result = JSONReader().read([0x22, 0x61, 0xC3, 0x28, 0x22])
        #expect(result.root == nil)
        #expect(result.findings.map(\.message) == ["invalid UTF-8 byte 0xC3; the text must be UTF-8 encoded"])
        #expect(result.findings.first?.location == SourceLocation(line: 1, column: 3, offset: 2))
    }

    @Test func deepNestingIsAFindingNotACrash() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        let result = read(deep)
        #expect(result.root == nil)
        #expect(result.findings.map(\.ruleID) == ["json_too_deep"])
        #expect(result.findings.first?.location.column == 257)
        let ok = String(repeating: "[", count: 256) + String(repeating: "]", count: 256)
        #expect(read(ok).root != nil)
    }

    @Test func byteOrderMarkIsSkippedWithAWarning() throws {
        let result = JSONReader().read([0xEF, 0xBB, 0xBF] + Array("{}".utf8))
        #expect(result.root == .object([]))
        #expect(result.findings.map(\.ruleID) == ["json_bom"])
    }

    @Test func escapesDecode() throws {
        let root = try #require(read(#"["\u00e9\ud83d\ude00\n\/\"", "plain"]"#).root)
        #expect(root.items?.map(\.stringValue) == ["é😀\n/\"", "plain"])
    }
}

@Suite struct JSONWriterTests {
    let doc = JSONNode.object([
        ("a", .array([.int(1), .string("x\"\n\u{01}é")])), ("b", .object([])), ("c", .array([])), ("d", .null),
    ])

    @Test func pretty() {
        #expect(JSONWriter(style: .pretty).string(doc) == """
            {
              "a": [
                1,
                "x\\"\\n\\u0001é"
              ],
              "b": {},
              "c": [],
              "d": null
            }

            """)
    }

    @Test func compact() {
        #expect(JSONWriter(style: .compact).string(doc) == #"{"a":[1,"x\"\n\u0001é"],"b":{},"c":[],"d":null}"# + "\n")
    }

    @Test func writerOutputReadsBackToTheSameTree() throws {
        for style in [JSONWriter.Style.pretty, .compact] {
            let root = try #require(JSONReader().read(JSONWriter(style: style).write(doc)).root)
            #expect(root == doc)
        }
    }
}

/// The whole of nst/JSONTestSuite: `y_` accepted, `n_` rejected, `i_` either, none crash.
@Suite struct JSONTestSuiteConformance {
    @Test func testParsing() throws {
        let dir = Paths.conformance.appendingPathComponent("JSONTestSuite/test_parsing")
        try #require(FileManager.default.fileExists(atPath: dir.path), "the vendored JSONTestSuite is missing: \(dir.path)")
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".json") }.sorted()
        var accepted = 0
        var rejected = 0
        var wrong: [String] = []
        for name in names {
            let bytes = try [UInt8](Data(contentsOf: dir.appendingPathComponent(name)))
            let result = JSONReader().read(bytes)
            let ok = result.root != nil
            if ok { accepted += 1 } else { rejected += 1 }
            if !ok { #expect(result.findings.contains { $0.severity == .error && $0.location.isKnown }, "\(name)") }
            if name.hasPrefix("y_") && !ok { wrong.append("\(name) rejected: \(result.findings.map(\.message))") }
            if name.hasPrefix("n_") && ok { wrong.append("\(name) accepted") }
        }
        print("JSONTestSuite: \(names.count) files, \(accepted) accepted, \(rejected) rejected, 0 crashed")
        #expect(names.count == 318)
        #expect(wrong == [])
    }
}

/// Encoders write through `JSONOutput`; it must give exactly `JSONWriter`'s bytes.
@Suite struct JSONOutputTests {
    /// Writes a tree through `JSONOutput`, the way an encoder does.
    static func emit(_ node: JSONNode, into out: inout JSONOutput) {
        switch node.kind {
        case .null: out.null()
        case .bool(let b): out.bool(b)
        case .number(let n): out.int(n.int64 ?? 0)
        case .string(let s): out.string(s)
        case .array(let items):
            out.beginArray()
            for item in items {
                out.item()
                emit(item, into: &out)
            }
            out.endArray()
        case .object(let members):
            out.beginObject()
            for m in members {
                out.key(JSONKey(m.key))
                emit(m.value, into: &out)
            }
            out.endObject()
        }
    }

    static let samples: [JSONNode] = [
        .object([]),
        .array([]),
        .object([("a", .object([])), ("b", .array([])), ("c", .array([.int(1), .object([("d", .null)])]))]),
        .object([("success", .bool(true)), ("status", .object([("UberEats", .array([.object([("is_open", .bool(false)), ("x", .string("q\"\n"))])]))]))]),
        .object([("a\"b\\c\u{1}", .string("long value past eight bytes, with \"a quote\" after them")), ("é", .string("ünïcode"))]),
    ]

    /// Literal keys are written from their static bytes; one that needs escapes is escaped as the writer does.
    @Test(arguments: [JSONWriter.Style.pretty, .compact])
    func literalKeysAreWrittenAsTheTreeWriterWritesThem(style: JSONWriter.Style) {
        var out = JSONOutput(style: style)
        out.beginObject()
        out.field("status", "paused")
        out.field("q\"k\n", int: 7)
        out.nullField("ä")
        out.field("ok", bool: true)
        out.key("inner")
        out.beginObject()
        out.field("a", "b")
        out.key("none")
        out.beginObject()
        out.endObject()
        out.field("c", int: 1)
        out.endObject()
        out.endObject()
        let inner: JSONNode = .object([("a", .string("b")), ("none", .object([])), ("c", .int(1))])
        let tree: JSONNode = .object([("status", .string("paused")), ("q\"k\n", .int(7)), ("ä", .null), ("ok", .bool(true)), ("inner", inner)])
        #expect(out.bytes + [0x0A] == JSONWriter(style: style).write(tree))
    }

    @Test(arguments: [JSONWriter.Style.pretty, .compact])
    func sameBytesAsTheTreeWriter(style: JSONWriter.Style) {
        for node in Self.samples {
            var out = JSONOutput(style: style)
            Self.emit(node, into: &out)
            #expect(out.bytes + [0x0A] == JSONWriter(style: style).write(node), "\(JSONWriter(style: .compact).string(node))")
        }
    }
}
