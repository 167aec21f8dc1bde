/// A position in an input document.
///
/// `line` and `column` are 1-based. `column` counts Unicode scalars from the
/// start of the line (so a line holding `"é": 1` has the `1` at column 6),
/// which is what editors and SARIF viewers show for UTF-8 text. `offset` is the
/// 0-based byte offset into the input.
public struct SourceLocation: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public var offset: Int

    public init(line: Int, column: Int, offset: Int = 0) {
        self.line = line
        self.column = column
        self.offset = offset
    }

    /// The location of values that were built, not read.
    public static let none = SourceLocation(line: 0, column: 0, offset: 0)

    public var isKnown: Bool { line > 0 }

    public var description: String { "\(line):\(column)" }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.line, lhs.column) < (rhs.line, rhs.column)
    }
}
