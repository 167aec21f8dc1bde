/// The JSON Schemas (2020-12) of every format, derived from the formats'
/// declarations; `schemas/` holds the same text, kept equal by a golden test.
public enum Schemas {
    /// The schema text for a format id, ending in a newline.
    public static func text(for id: String) -> String? {
        Formats.named(id)?.declaration.schemaText
    }
}
