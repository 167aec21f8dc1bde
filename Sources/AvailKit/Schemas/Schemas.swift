/// The JSON Schemas (2020-12) of every format, as shipped in `schemas/`.
public enum Schemas {
    /// The schema text for a format id (or `store-config`), ending in a newline.
    public static func text(for id: String) -> String? {
        embedded[id].map { $0 + "\n" }
    }

    public static var ids: [String] { embedded.keys.sorted() }
}
