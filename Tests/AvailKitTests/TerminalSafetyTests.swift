import Foundation
import Testing

@testable import AvailKit

extension ReliabilityTests {
    /// File names and values cannot forge output lines or recolour a terminal;
    /// SARIF URIs are URIs (issue 25).
    @Suite struct TerminalSafetyTests {
        static let hostile = "x\nforged.json:1:1: error: forged [y]\n\u{1B}[31mred.json"

        /// The eight-at-a-time scan flags exactly what the byte test flags:
        /// every byte value at every position of a 13-byte text (a word and a tail).
        @Test func theWordScanAgreesWithTheByteTest() {
            for position in 0..<13 {
                for byte in 0...255 {
                    var text = Array("plain text ok".utf8)
                    text[position] = UInt8(byte)
                    let expected = text.contains(where: TerminalText.mayNeedEscape)
                    #expect(text.withUnsafeBufferPointer { TerminalText.mayNeedEscape($0) } == expected, "byte \(byte) at \(position)")
                }
            }
            // The github reporter's scan adds '%' (and ':' and ',' in a property) at every position.
            for position in 0..<13 {
                for (byte, escape) in [("%", "%25"), (":", "%3A"), (",", "%2C")] {
                    var word = Array("plain_text_ok".utf8)
                    word[position] = UInt8(ascii: Unicode.Scalar(byte)!)
                    let id = String(decoding: word, as: UTF8.self)
                    var out: [UInt8] = []
                    ReportWriter(.github).render([Finding(ruleID: id, severity: .error, message: id, location: .none, pointer: "")], into: &out)
                    let line = String(decoding: out, as: UTF8.self)
                    let escaped = id.replacingOccurrences(of: byte, with: escape)
                    #expect(line.contains("title=\(escaped)::"), "\(line)")
                    #expect(line.hasSuffix("::\(byte == "%" ? escaped : id)\n"), "\(line)")
                }
            }
        }

        @Test func textAndGithubEscapeControlCharacters() {
            let f = Finding(
                ruleID: "enum_value", severity: .error, message: "value 'a\u{1B}[2Jb' is not allowed", location: SourceLocation(line: 1, column: 2),
                pointer: "/status", file: Self.hostile)
            #expect(TextReporter(file: "-").render([f]) == "x\\nforged.json:1:1: error: forged [y]\\n\\u{1b}[31mred.json:1:2: error: value 'a\\u{1b}[2Jb' is not allowed [enum_value]\n")
            #expect(GitHubReporter().render([f]) == "::error file=x\\nforged.json%3A1%3A1%3A error%3A forged [y]\\n\\u{1b}[31mred.json,line=1,col=2,title=enum_value::value 'a\\u{1b}[2Jb' is not allowed\n")
            #expect(TerminalText.escaped("tab\there\r\u{7F}\u{9B}é") == "tab\\there\\r\\u{7f}\\u{9b}é")
            #expect(TerminalText.escaped("plain 'text'") == "plain 'text'")
        }

        @Test func sarifURIsArePercentEncoded() {
            #expect(SARIFReporter.uri("payloads/a b/c#1.json") == "payloads/a%20b/c%231.json")
            #expect(SARIFReporter.uri("/abs/päth.json") == "file:///abs/p%C3%A4th.json")
            #expect(SARIFReporter.uri("<stdin>") == "%3Cstdin%3E")
            let log = SARIFReporter().render([Finding(ruleID: "invalid_json", severity: .error, message: "m", file: Self.hostile)])
            #expect(log.contains(#""uri": "x%0Aforged.json%3A1%3A1%3A%20error%3A%20forged%20%5By%5D%0A%1B%5B31mred.json""#))
        }

        /// Through the CLI: a file whose name holds a line break and an escape sequence.
        @Test func aHostileFileName() throws {
            try withTemporaryDirectory { dir in
                _ = FileManager.default.createFile(atPath: dir.appendingPathComponent(Self.hostile).path, contents: Data("{".utf8))
                let r = try runAvail(["validate", "--format", "gett", Self.hostile], in: dir)
                #expect(r.stdout == "x\\nforged.json:1:1: error: forged [y]\\n\\u{1b}[31mred.json:1:2: error: unexpected end of input; expected a key or '}' [invalid_json]\nFound 1 error.\n")
                #expect(r.stdout.split(separator: "\n").count == 2, "one finding, one line, and the summary")
                let missing = try runAvail(["lint", "no\u{1B}\nfile.yaml"], in: dir)
                #expect(missing == RunResult(exit: 2, stdout: "", stderr: "avail: error: cannot read 'no\\u{1b}\\nfile.yaml': No such file or directory\n"))
            }
        }
    }
}
