import Testing

@testable import AvailKit

/// `JSONPointer.tokens` reads a pointer by code points (RFC 6901), from its
/// UTF-8 bytes; where no combining mark follows a `/` or a `~`, that is what the
/// reading by `Character`s gave.
@Suite struct JSONPointerTests {
    /// The reading by `Character`s, as it was: the reference where the two agree.
    static func tokensByCharacters(_ pointer: String) -> [String]? {
        if pointer.isEmpty { return [] }
        guard pointer.hasPrefix("/") else { return nil }
        var out: [String] = []
        for raw in pointer.dropFirst().split(separator: "/", omittingEmptySubsequences: false) {
            var token = ""
            var escaped = false
            for c in raw {
                if escaped {
                    guard c == "0" || c == "1" else { return nil }
                    token.append(c == "1" ? "/" : "~")
                    escaped = false
                } else if c == "~" {
                    escaped = true
                } else {
                    token.append(c)
                }
            }
            if escaped { return nil }
            out.append(token)
        }
        return out
    }

    @Test func tokensOfAPointer() {
        #expect(JSONPointer.tokens("") == [])
        #expect(JSONPointer.tokens("/") == [""])
        #expect(JSONPointer.tokens("/close_now") == ["close_now"])
        #expect(JSONPointer.tokens("/a~1b/~0c/") == ["a/b", "~c", ""])
        #expect(JSONPointer.tokens("a/b") == nil)
        #expect(JSONPointer.tokens("/a~2") == nil)
        #expect(JSONPointer.tokens("/a~") == nil)
        // A member whose name starts with a combining mark: by Characters "/\u{301}" was
        // one character, not a separator, and the pointer was none.
        #expect(JSONPointer.tokens("/\u{301}x/y") == ["\u{301}x", "y"])
        #expect(Self.tokensByCharacters("/\u{301}x/y") == nil)
        // Every token made by `appending` reads back.
        for name in ["a/b~c", "é", "\u{301}", "~1", ""] {
            #expect(JSONPointer.tokens(JSONPointer.appending(name, to: "/x")) == ["x", name])
        }
    }

    /// Every string of up to five pieces from letters, `/`, `~`, `0`, `1`, `é`
    /// and a CR LF: the same tokens as the reading by `Character`s.
    @Test func tokensByBytesAreTokensByCharacters() {
        let pieces = ["a", "/", "~", "0", "1", "é", "\r\n"]
        var strings = [""]
        var checked = 0
        for _ in 0..<5 {
            strings = strings.flatMap { s in pieces.map { s + $0 } }
            for s in strings {
                #expect(JSONPointer.tokens(s) == Self.tokensByCharacters(s), "\(s.debugDescription)")
                checked += 1
            }
        }
        #expect(checked == 7 + 49 + 343 + 2_401 + 16_807)
    }
}
