import AvailConfig
import Foundation
import Testing

@testable import AvailKit

extension ReliabilityTests {
    /// Odd but valid encodings read right (issue 25): CR-only and mixed line
    /// endings, UTF-16 and UTF-32, positions at the bad byte, and Tokopedia's
    /// milliseconds fix only where it gives a plausible date.
    @Suite struct EncodingTests {
        let now = Timestamp(unixSeconds: 1_767_225_600) ?? Timestamp.epoch  // 2026-01-01

        static let config = """
            version: 1
            rules:
              disable: [closure_in_past]   # avail-disable-line unknown_rule
            stores:
              - id: NO   # avail-disable-line yaml_ambiguous_scalar
                timezone: America/Denver
                nme: Downtown   # avail-disable-next-line unknown_key
                colour: red

            """

        func lint(_ bytes: [UInt8]) -> [String] {
            ConfigLinter(now: now).lint(bytes).findings.map { "\($0.ruleID)@\($0.location.line):\($0.location.column)" }
        }

        /// The findings of the config with LF endings, which every other form must reproduce.
        var expected: [String] { lint(Array(Self.config.utf8)) }

        @Test func theReferenceFindings() {
            #expect(expected == ["unknown_key@7:5"], "the suppressions hold")
        }

        /// CR-only endings gave 8 false `unknown_rule` errors at 1:934 (the whole file was one line to the suppression scan).
        @Test func crOnlyAndMixedLineEndings() {
            #expect(lint(Array(Self.config.replacingOccurrences(of: "\n", with: "\r").utf8)) == expected)
            #expect(lint(Array(Self.config.replacingOccurrences(of: "\n", with: "\r\n").utf8)) == expected)
            var mixed = ""
            for (i, line) in Self.config.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                mixed += line + (i == Self.config.split(separator: "\n", omittingEmptySubsequences: false).count - 1 ? "" : ["\n", "\r", "\r\n"][i % 3])
            }
            #expect(lint(Array(mixed.utf8)) == expected)
        }

        @Test func fixOnCROnlyLines() throws {
            let text = "version: 1\rstores:\r  - id: NO\r    timezone: America/Denver\r"
            let outcome = ConfigLinter(now: now).fix(Array(text.utf8), unsafe: false)
            #expect(String(decoding: outcome.bytes, as: UTF8.self) == "version: 1\rstores:\r  - id: \"NO\"\r    timezone: America/Denver\r")
            #expect(outcome.remaining.isEmpty)
        }

        static func encode(_ text: String, _ encoding: String.Encoding, bom: [UInt8] = []) -> [UInt8] {
            bom + [UInt8](text.data(using: encoding) ?? Data())
        }

        static let encodings: [(String, [UInt8])] = [
            ("UTF-16LE with BOM", encode(config, .utf16LittleEndian, bom: [0xFF, 0xFE])),
            ("UTF-16BE with BOM", encode(config, .utf16BigEndian, bom: [0xFE, 0xFF])),
            ("UTF-16LE", encode(config, .utf16LittleEndian)),
            ("UTF-32LE with BOM", encode(config, .utf32LittleEndian, bom: [0xFF, 0xFE, 0x00, 0x00])),
            ("UTF-32BE with BOM", encode(config, .utf32BigEndian, bom: [0x00, 0x00, 0xFE, 0xFF])),
            ("UTF-8 with BOM", encode(config, .utf8, bom: [0xEF, 0xBB, 0xBF])),
        ]

        /// A UTF-16 config ignored its suppression comments (the scan read its bytes as UTF-8).
        @Test(arguments: encodings.map(\.0))
        func wideEncodingsReadAsTheirText(_ name: String) throws {
            let bytes = try #require(Self.encodings.first { $0.0 == name }?.1)
            #expect(lint(bytes) == expected, "\(name)")
        }

        /// `fix` left 'NO' unquoted in a UTF-16 file; it quotes it and writes the file back in UTF-16, BOM first.
        @Test func fixWritesAWideFileBackInItsEncoding() throws {
            let text = "version: 1\nstores:\n  - id: NO\n    timezone: America/Denver\n"
            let fixed = text.replacingOccurrences(of: "id: NO", with: "id: \"NO\"")
            for (encoding, bom) in [(String.Encoding.utf16LittleEndian, [UInt8]([0xFF, 0xFE])), (.utf16BigEndian, [0xFE, 0xFF]), (.utf32LittleEndian, [0xFF, 0xFE, 0, 0])] {
                let outcome = ConfigLinter(now: now).fix(Self.encode(text, encoding, bom: bom), unsafe: false)
                #expect(outcome.bytes == Self.encode(fixed, encoding, bom: bom), "\(encoding)")
                #expect(outcome.applied.map(\.ruleID) == ["yaml_ambiguous_scalar"])
            }
            try withTemporaryDirectory { dir in
                try Data(Self.encode(text, .utf16LittleEndian, bom: [0xFF, 0xFE])).write(to: dir.appendingPathComponent("c.yaml"))
                let r = try runAvail(["fix", "c.yaml"], in: dir)
                #expect(
                    r == RunResult(
                        exit: 0, stdout: "All checks passed.\n", stderr: "c.yaml:3:9: fixed: quote it: '\"NO\"' [yaml_ambiguous_scalar]\nFixed 1 finding in 1 file.\n"))
                #expect(try [UInt8](Data(contentsOf: dir.appendingPathComponent("c.yaml"))) == Self.encode(fixed, .utf16LittleEndian, bom: [0xFF, 0xFE]))
            }
        }

        @Test func aLoneSurrogateIsPlacedWhereItIs() {
            var bytes = Self.encode("version: 1\nstores: x", .utf16LittleEndian, bom: [0xFF, 0xFE])
            bytes += [0x00, 0xD8, 0x41, 0x00]
            let findings = ConfigLinter(now: now).lint(bytes).findings
            #expect(findings.map { "\($0.ruleID)@\($0.location.line):\($0.location.column)" } == ["yaml_syntax@2:10"])
            #expect(findings.first?.message == "the file is UTF-16LE but holds a lone surrogate 0xD800; save it as UTF-8")
        }

        /// A Latin-1 byte was reported at 1:1 (libyaml places reader errors by offset only).
        @Test func latin1IsPlacedAtTheBadByte() {
            let bytes = Array("version: 1\nstores:\n  - id: caf".utf8) + [0xE9] + Array("\n    timezone: America/Denver\n".utf8)
            let findings = ConfigLinter(now: now).lint(bytes).findings
            #expect(findings.map { "\($0.ruleID)@\($0.location.line):\($0.location.column)" } == ["yaml_syntax@3:12"])
            #expect(findings.first?.message == "YAML syntax error: the file is not UTF-8 (byte 0xE9 here; Latin-1 or Windows-1252?); save it as UTF-8 (libyaml: invalid trailing UTF-8 octet)")
            let nul = ConfigLinter(now: now).lint(Array("version: 1\nstores: [a\u{1}]\n".utf8)).findings
            #expect(nul.map { "\($0.ruleID)@\($0.location.line):\($0.location.column)" } == ["yaml_syntax@2:11"])
        }

        /// JSON is UTF-8 (RFC 8259): UTF-16 and UTF-32 are refused with their name, not as a stray 0xFF.
        @Test func wideJSONIsRefusedByName() {
            let v = Validator(format: GettFormat(kind: .request), now: now)
            let doc = #"{"status": "online"}"#
            let cases: [([UInt8], String)] = [
                (Self.encode(doc, .utf16LittleEndian, bom: [0xFF, 0xFE]), "the payload is UTF-16LE (it starts with the byte order mark FF FE); JSON must be UTF-8: convert it first, e.g. with 'iconv -f UTF-16LE -t UTF-8'"),
                (Self.encode(doc, .utf16BigEndian), "the payload is UTF-16BE (a zero byte before each of its first characters); JSON must be UTF-8: convert it first, e.g. with 'iconv -f UTF-16BE -t UTF-8'"),
                (Self.encode(doc, .utf32LittleEndian, bom: [0xFF, 0xFE, 0, 0]), "the payload is UTF-32LE (it starts with the byte order mark FF FE 00 00); JSON must be UTF-8: convert it first, e.g. with 'iconv -f UTF-32LE -t UTF-8'"),
                (Self.encode(doc, .utf32BigEndian), "the payload is UTF-32BE (three zero bytes before its first character); JSON must be UTF-8: convert it first, e.g. with 'iconv -f UTF-32BE -t UTF-8'"),
            ]
            for (bytes, message) in cases {
                #expect(v.validate(bytes).map { "\($0.ruleID)@\($0.location.line):\($0.location.column): \($0.message)" } == ["invalid_json@1:1: \(message)"])
            }
        }

        /// `-1866509200000` was "too large… looks like milliseconds" and the safe fix wrote -1866509200 (1910).
        @Test func tokopediaMillisecondsOnlyForAPlausibleDate() {
            let v = Validator(format: TokopediaFormat(), now: now)
            func check(_ start: String) -> [String] {
                let doc = #"{"shop_id": 1, "action": "close", "start_date": \#(start), "end_date": 1798848000}"#
                return v.validate(Array(doc.utf8)).map { "\($0.ruleID)|\($0.message)|\($0.fix?.title ?? "no fix")" }
            }
            #expect(check("-1866509200000") == ["invalid_timestamp|'start_date' value '-1866509200000' is negative, a date before 1970; Tokopedia dates are UNIX seconds of the closure|no fix"])
            #expect(check("-5") == ["invalid_timestamp|'start_date' value '-5' is negative, a date before 1970; Tokopedia dates are UNIX seconds of the closure|no fix"])
            #expect(check("500000000000") == ["timestamp_unit|'start_date' value '500000000000' is too large for UNIX seconds, and as milliseconds it is no date between 2000 and 2100; write the closure's UNIX seconds|no fix"])
            #expect(check("1767312000000") == ["timestamp_unit|'start_date' value '1767312000000' is too large for UNIX seconds; it looks like milliseconds; write 1767312000|write 1767312000 (seconds)"])
            let fixed = v.fix(Array(#"{"shop_id": 1, "action": "close", "start_date": -1866509200000, "end_date": 1798848000}"#.utf8), unsafe: true)
            #expect(!fixed.changed, "no fix writes a date in 1910")
        }
    }
}
