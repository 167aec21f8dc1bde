/// RFC 6901 JSON Pointer helpers.
public enum JSONPointer {
    /// Appends one reference token, escaping `~` and `/`.
    public static func appending(_ token: String, to pointer: String) -> String {
        if !token.utf8.contains(where: { $0 == UInt8(ascii: "~") || $0 == UInt8(ascii: "/") }) {
            return pointer + "/" + token
        }
        var escaped = ""
        for ch in token.unicodeScalars {
            switch ch {
            case "~": escaped += "~0"
            case "/": escaped += "~1"
            default: escaped.unicodeScalars.append(ch)
            }
        }
        return pointer + "/" + escaped
    }

    public static func appending(_ index: Int, to pointer: String) -> String {
        pointer + "/" + String(index)
    }
}
