/// A position in an input document.
///
/// `line` and `column` are 1-based. `column` counts Unicode scalars from the
/// start of the line (so a line holding `"é": 1` has the `1` at column 6),
/// which is what editors and SARIF viewers show for UTF-8 text. `offset` is the
/// 0-based byte offset into the input.
public struct SourceLocation: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The 1-based line; 0 when unknown.
    public var line: Int
    /// The 1-based column, counting Unicode scalars.
    public var column: Int
    /// The 0-based byte offset in the input.
    public var offset: Int

    /// A location at `line`:`column` (1-based) and byte `offset`.
    public init(line: Int, column: Int, offset: Int = 0) {
        self.line = line
        self.column = column
        self.offset = offset
    }

    /// The location of values that were built, not read.
    public static let none = SourceLocation(line: 0, column: 0, offset: 0)

    /// Whether the location points into the input (``none`` does not).
    public var isKnown: Bool { line > 0 }

    public var description: String { "\(line):\(column)" }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.line, lhs.column) < (rhs.line, rhs.column)
    }
}
