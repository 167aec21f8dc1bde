/// RFC 6901 JSON Pointer helpers.
public enum JSONPointer {
    /// Appends one reference token, escaping `~` and `/`.
    public static func appending(_ token: String, to pointer: String) -> String {
        pointer + "/" + escapePointerToken(token)
    }

    /// Appends an array index as a reference token.
    public static func appending(_ index: Int, to pointer: String) -> String {
        pointer + "/" + String(index)
    }
}
