/// Members of provider documents that say nothing about availability, kept
/// by format and JSON Pointer so a document converts back to its own format
/// unchanged (canonical JSON `meta`: `{"lula.status": {"/status/UberEats/0/id": "…"}}`).
///
/// A decoder keeps a member here when canonical has no field for it and the
/// member is part of the format: ids and names in a response (Deliverect's
/// `accountId`, a Lula entry's `partner_store_id`), store settings, and values
/// the provider ignores in that document (Gett's pause fields on an `online`
/// store). The format's encoder writes them back into the members it did not
/// write itself; it never lets one replace a member it wrote, so a kept value
/// can never contradict the availability. Every other target omits them, with
/// a note.
public struct Meta: Hashable, Sendable {
    /// One kept member.
    public struct Member: Hashable, Sendable {
        /// The format id of the document it came from (`lula.status`).
        public var format: String
        /// Its RFC 6901 pointer in that document (`/status/UberEats/0/id`).
        public var pointer: String
        /// Its value, as written.
        public var value: JSONNode

        /// A kept member.
        public init(format: String, pointer: String, value: JSONNode) {
            self.format = format
            self.pointer = pointer
            self.value = value
        }
    }

    /// The members, in the order they were kept (document order per format).
    public private(set) var members: [Member] = []

    /// No members.
    public init() {}

    /// Whether nothing is kept.
    public var isEmpty: Bool { members.isEmpty }

    /// Keeps `value` at `pointer` for `format`, replacing a member kept there before.
    public mutating func keep(_ value: JSONNode, at pointer: String, for format: String) {
        if let i = members.firstIndex(where: { $0.format == format && $0.pointer == pointer }) {
            members[i].value = value
        } else {
            members.append(Member(format: format, pointer: pointer, value: value))
        }
    }

    /// The members kept for `format`, in order.
    public func members(of format: String) -> [Member] { members.filter { $0.format == format } }

    /// The formats that have members, in the order first kept.
    public var formats: [String] {
        var seen: [String] = []
        for m in members where !seen.contains(m.format) { seen.append(m.format) }
        return seen
    }

    /// Appends every member of `other` (replacing members kept at the same place).
    mutating func merge(_ other: Meta) {
        for m in other.members { keep(m.value, at: m.pointer, for: m.format) }
    }
}

extension JSONNode: Hashable {
    public func hash(into hasher: inout Hasher) { hasher.combine(kind) }
}

extension Meta {
    /// The canonical JSON's `meta` object: format id to pointer to value.
    var node: JSONNode {
        JSONNode(.object(formats.map { format in
            JSONMember(key: format, value: JSONNode(.object(members(of: format).map { JSONMember(key: $0.pointer, value: $0.value) })))
        }))
    }

    /// Writes `document`, a JSON document, with the kept members of `format`
    /// filled into the objects and arrays they belong to; members it already
    /// has are left as they are. Nil when nothing is kept for `format` (the
    /// bytes are right as they are) or when `document` cannot be read.
    ///
    /// A kept member whose parent is not in `document` is skipped, except an
    /// array item one past the end: it is appended as a copy of the array's
    /// last item, so entries that were read as one (several Lula entries of a
    /// platform in the same state) are written back one each.
    func filling(_ document: [UInt8], format: String, style: JSONWriter.Style) -> [UInt8]? {
        let kept = members(of: format)
        guard !kept.isEmpty, var root = JSONReader().read(document).root else { return nil }
        let paths = kept.compactMap { m in JSONPointer.tokens(m.pointer).map { ($0[...], m.value) } }.filter { !$0.0.isEmpty }
        // Arrays grow first, from what the encoder wrote, so no copy carries another item's kept members.
        for (tokens, _) in paths { Self.grow(&root, tokens) }
        for (tokens, value) in paths { Self.fill(&root, tokens, with: value) }
        var filled: [UInt8] = []
        JSONWriter(style: style).write(root, into: &filled)
        return filled
    }

    /// Appends, to each array on the way to `tokens`, a copy of its last item
    /// when the path names the item one past its end.
    private static func grow(_ node: inout JSONNode, _ tokens: ArraySlice<String>) {
        guard let token = tokens.first else { return }
        let rest = tokens.dropFirst()
        guard !rest.isEmpty else { return }
        switch node.kind {
        case .object(var members):
            guard let i = members.firstIndex(where: { $0.key == token }) else { return }
            grow(&members[i].value, rest)
            node.kind = .object(members)
        case .array(var items):
            guard let i = Int(token), i >= 0 else { return }
            if i == items.count, let last = items.last { items.append(last) }
            guard i < items.count else { return }
            grow(&items[i], rest)
            node.kind = .array(items)
        default:
            return
        }
    }

    /// Puts `value` at `tokens` under `node` unless something is there already.
    private static func fill(_ node: inout JSONNode, _ tokens: ArraySlice<String>, with value: JSONNode) {
        guard let token = tokens.first else { return }
        let rest = tokens.dropFirst()
        switch node.kind {
        case .object(var members):
            if let i = members.firstIndex(where: { $0.key == token }) {
                guard !rest.isEmpty else { return }  // written by the encoder: it wins
                fill(&members[i].value, rest, with: value)
            } else if rest.isEmpty {
                members.append(JSONMember(key: token, value: value))
            } else {
                return
            }
            node.kind = .object(members)
        case .array(var items):
            guard let i = Int(token), i >= 0, i < items.count, !rest.isEmpty else { return }
            fill(&items[i], rest, with: value)
            node.kind = .array(items)
        default:
            return
        }
    }
}
