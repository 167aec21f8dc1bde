import Foundation
import Testing

@testable import AvailKit

@Suite struct MessageAndSuggestTests {
    private enum Plain { case first }
    private enum Raw: String { case operationalIssues = "operational_issues" }

    /// A finding message reads exactly as `String` interpolation would write it.
    @Test func messagesRenderValuesAsStringInterpolationDoes() {
        let name = "status"
        // 400 bytes: past the first buffer (the literals and 24 bytes per value, about 200 here).
        let long = String(repeating: "ä", count: 200)
        let count = -12
        let stamp = Timestamp.epoch
        let optional: Int? = 3
        let tail: Substring = "abc"[...]
        let message: FindingMessage = "'\(name)' \(long) \(count) \(stamp) \(Plain.first) \(Raw.operationalIssues) \(optional as Any) \(tail)."
        let expected = "'\(name)' \(long) \(count) \(stamp) \(Plain.first) \(Raw.operationalIssues) \(optional as Any) \(tail)."
        #expect(message.text == expected)
        #expect(message.text == "'status' \(long) -12 1970-01-01T00:00:00Z first operationalIssues Optional(3) abc.")
        let literal: FindingMessage = "no values"
        #expect(literal.text == "no values")
        let empty: FindingMessage = "\("")"
        #expect(empty.text == "")
    }

    @Test func setFieldsKeepOneValuePerName() {
        var set: SetFields = ["shop_id": "1", "accountId": "a", "shop_id": "2"]
        #expect(set["shop_id"] == "2")
        #expect(set["accountId"] == "a")
        #expect(set["shop"] == nil)
        set["accountId"] = nil
        #expect(set["accountId"] == nil)
        set["accountId"] = nil
        set["end_date"] = "1700000000"
        set["shop_id"] = "3"
        #expect(set["end_date"] == "1700000000")
        #expect(set["shop_id"] == "3")
    }

    @Test(arguments: [
        ("Paused", ["online", "paused"], "paused"),
        ("pasued", ["online", "paused"], "paused"),  // a transposition is one edit
        ("statsu", ["status", "reason", "pausedAt", "resumeAt"], "status"),
        ("resumAt", ["status", "reason", "pausedAt", "resumeAt"], "resumeAt"),
        ("xyz", ["online", "paused"], nil),
        ("", ["online"], nil),
        ("ONLINE", ["online", "paused"], "online"),
        ("Straße", ["strasse", "straße"], "straße"),
    ] as [(String, [String], String?)])
    func suggestionsAreTheClosestPlausibleTypo(word: String, candidates: [String], expected: String?) {
        #expect(Suggest.closest(to: word, in: candidates) == expected)
    }

    /// Suggestions lower-case ASCII byte by byte: on seeded words of every
    /// printable ASCII character, with some non-ASCII ones among them, that
    /// gives the scalars `lowercased()` gives.
    @Test func asciiIsLowerCasedAsLowercasedDoes() {
        var random = SeededRandom(state: 11)
        let extra: [Character] = ["é", "É", "ß", "İ", "Σ", "😀"]
        var out: [UInt32] = []
        for n in 0..<2_000 {
            var word = String((0..<Int.random(in: 0...12, using: &random)).map { _ in Character(Unicode.Scalar(UInt8.random(in: 0x20...0x7E, using: &random))) })
            if n % 4 == 0, let c = extra.randomElement(using: &random) { word.append(c) }
            Suggest.lowered(word, into: &out)
            #expect(out == word.lowercased().unicodeScalars.map(\.value), "\(word)")
        }
    }

    @Test func distanceCountsEditsAndNeighbourSwaps() {
        func d(_ a: String, _ b: String) -> Int { Suggest.distance(a.unicodeScalars.map(\.value), b.unicodeScalars.map(\.value)) }
        #expect(d("", "abc") == 3)
        #expect(d("abc", "") == 3)
        #expect(d("nmae", "name") == 1)
        #expect(d("kitten", "sitting") == 3)
        #expect(d("ca", "abc") == 3)  // optimal string alignment, not full Damerau
        #expect(d("same", "same") == 0)
    }

    /// A one-level pointer made from the tape, and the escaped ones made from the key's text.
    @Test func pointersEscapeKeysAsBefore() throws {
        let result = JSONReader().read(Array(#"{"a": 1, "b/c": 2, "d~e": 3, "f\u0067": 4}"#.utf8))
        let root = try #require(result.root)
        #expect(root.members?.map(\.value.pointer) == ["/a", "/b~1c", "/d~0e", "/fg"])
    }

    /// Deeper pointers are made in one pass over the path: plain keys from the
    /// tape, array indices of any width, escaped and JSON-escaped keys at any level.
    @Test func deepPointersJoinEveryLevel() throws {
        let items = (0..<12).map { "\($0)" }.joined(separator: ", ")
        let text = #"{"stores": [{"id": "x", "a/b": {"~": [\#(items)]}, "\u00e9t\u00e9": {"k": true}}], "": {"": null}}"#
        let document = JSONReader().read(Array(text.utf8))
        let root = try #require(document.root)
        let store = try #require(root["stores"]?.items?.first)
        #expect(store["id"]?.pointer == "/stores/0/id")
        #expect(store["a/b"]?["~"]?.items?.last?.pointer == "/stores/0/a~1b/~0/11")
        #expect(store["été"]?["k"]?.pointer == "/stores/0/été/k")
        #expect(root[""]?[""]?.pointer == "//")
        #expect(root.pointer == "")
    }
}
