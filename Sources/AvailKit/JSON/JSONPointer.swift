/// RFC 6901 JSON Pointer helpers.
public enum JSONPointer {
    /// The unescaped reference tokens of `pointer` ("" → []); nil when it is
    /// not a pointer (it does not start with `/`, or has a `~` not followed by `0` or `1`).
    ///
    /// Read by code points, as RFC 6901 reads a pointer (`/` and `~` are ASCII,
    /// so the UTF-8 bytes say where tokens end): read by `Character`s, a `/`
    /// with a combining mark after it was no separator (a member named with a
    /// leading combining mark had no pointer), and building each token a
    /// character at a time was about 4,800 instructions a record converting
    /// Tokopedia to itself.
    public static func tokens(_ pointer: String) -> [String]? {
        if pointer.isEmpty { return [] }
        var text = pointer
        return text.withUTF8 { bytes -> [String]? in
            guard bytes.first == UInt8(ascii: "/") else { return nil }
            var out: [String] = []
            var start = 1
            for i in 1...bytes.count where i == bytes.count || bytes[i] == UInt8(ascii: "/") {
                guard let token = unescaped(UnsafeBufferPointer(rebasing: bytes[start..<i])) else { return nil }
                out.append(token)
                start = i + 1
            }
            return out
        }
    }

    /// A token's text with `~1` read as `/` and `~0` as `~`; nil for another `~`.
    private static func unescaped(_ raw: UnsafeBufferPointer<UInt8>) -> String? {
        guard raw.contains(UInt8(ascii: "~")) else { return String(decoding: raw, as: UTF8.self) }
        var text: [UInt8] = []
        text.reserveCapacity(raw.count)
        var escaped = false
        for b in raw {
            if escaped {
                guard b == UInt8(ascii: "0") || b == UInt8(ascii: "1") else { return nil }
                text.append(b == UInt8(ascii: "1") ? UInt8(ascii: "/") : UInt8(ascii: "~"))
                escaped = false
            } else if b == UInt8(ascii: "~") {
                escaped = true
            } else {
                text.append(b)
            }
        }
        return escaped ? nil : String(decoding: text, as: UTF8.self)
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
