import AvailKit

/// A YAML node read from libyaml's event stream, with where it starts.
public struct YAMLNode: Sendable {
    public enum ScalarStyle: String, Sendable {
        case plain, singleQuoted, doubleQuoted, literal, folded
    }

    public enum Kind: Sendable {
        case scalar(String, ScalarStyle)
        case sequence([YAMLNode])
        case mapping([(key: YAMLNode, value: YAMLNode)])
    }

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
