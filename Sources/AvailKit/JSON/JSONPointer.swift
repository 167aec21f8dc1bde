/// RFC 6901 JSON Pointer helpers.
public enum JSONPointer {
    /// The unescaped reference tokens of `pointer` ("" → []); nil when it is
    /// not a pointer (it does not start with `/`, or has a `~` not followed by `0` or `1`).
    public static func tokens(_ pointer: String) -> [String]? {
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

    /// Appends one reference token, escaping `~` and `/`.
    public static func appending(_ token: String, to pointer: String) -> String {
        var pointer = pointer
        var token = escapePointerToken(token)
        return pointer.withUTF8 { p in token.withUTF8 { t in joined(p, t) } }
    }

    /// Appends an array index as a reference token.
    public static func appending(_ index: Int, to pointer: String) -> String {
        var pointer = pointer
        var token = String(index)  // a small string: no allocation
        return pointer.withUTF8 { p in token.withUTF8 { t in joined(p, t) } }
    }

    /// `pointer` + `/` + `token` in one allocation (a config builds a pointer for every node).
    static func joined(_ pointer: UnsafeBufferPointer<UInt8>, _ token: UnsafeBufferPointer<UInt8>) -> String {
        String(unsafeUninitializedCapacity: pointer.count + 1 + token.count) { out in
            _ = out.initialize(from: pointer)
            out[pointer.count] = UInt8(ascii: "/")
            _ = UnsafeMutableBufferPointer(rebasing: out[(pointer.count + 1)...]).initialize(from: token)
            return pointer.count + 1 + token.count
        }
    }
}
