import AvailKit

/// A YAML node read from libyaml's event stream, with where it starts.
public struct YAMLNode: Sendable {
    /// How a scalar was written; a quoted scalar is always a string.
    public enum ScalarStyle: String, Sendable {
        /// Plain, `'single'`, `"double"`, `|` literal or `>` folded.
        case plain, singleQuoted, doubleQuoted, literal, folded
    }

    /// What a node holds.
    public enum Kind: Sendable {
        /// A scalar's text and how it was written.
        case scalar(String, ScalarStyle)
        /// A sequence's items, in order.
        case sequence([YAMLNode])
        /// A mapping's pairs, in order (duplicate keys are a finding, not merged).
        case mapping([(key: YAMLNode, value: YAMLNode)])
    }

    /// What the node holds.
    public var kind: Kind
    /// 1-based line and column (columns count characters, as libyaml does).
    public var location: SourceLocation
    /// An explicit tag (`!!str`, `!custom`), if any.
    public var tag: String?
    /// Nodes in this subtree with aliases expanded (saturating), for the alias budget.
    public var expandedSize: Int

    init(kind: Kind, location: SourceLocation, tag: String?, expandedSize: Int) {
        self.kind = kind
        self.location = location
        self.tag = tag
        self.expandedSize = expandedSize
    }
}
