import AvailKit
import CYAML

/// Reads one YAML document with libyaml's event parser into a ``YAMLNode``
/// tree, with bounds: nesting depth, document size, scalar length and the
/// number of nodes after alias expansion (so a "billion laughs" document is a
/// finding in bounded time and memory).
public struct YAMLReader: Sendable {
    /// Bounds on what the reader accepts, so hostile input fails with a finding instead of exhausting memory.
    public struct Limits: Sendable {
        /// The deepest nesting of sequences and mappings accepted.
        public var maxDepth = 128
        /// The largest document accepted, in bytes.
        public var maxBytes = 64 << 20
        /// The longest scalar accepted, in bytes.
        public var maxScalarBytes = 1 << 20
        /// Nodes after expanding aliases; 10,000 stores need about 200,000.
        public var maxExpandedNodes = 4_000_000
        /// Nodes that aliases add by repeating what their anchors hold. A
        /// config shares small blocks this way; a document that multiplies
        /// itself through nested aliases would otherwise reach
        /// ``maxExpandedNodes`` from a few hundred bytes, and building and
        /// checking that many nodes takes seconds and a gigabyte.
        public var maxAliasNodes = 100_000
        /// The default limits: depth 128, 64 MiB documents, 1 MiB scalars.
        public init() {}
    }

    /// The limits this reader applies.
    public var limits: Limits

    /// A reader with the given limits.
    public init(limits: Limits = Limits()) { self.limits = limits }

    /// The document read, or the findings that explain why it could not be.
    public struct Result: Sendable {
        /// The document's root; nil when the text is not YAML (see findings) or empty.
        public var root: YAMLNode?
        /// Why the text could not be read (syntax, limits); empty when it was.
        public var findings: [Finding]
    }

    /// Reads one YAML document with libyaml; never throws: bad input is a finding with its line and column.
    /// UTF-16 and UTF-32 text (with or without a byte order mark) is read as
    /// its UTF-8, and locations are that text's.
    public func read(_ bytes: [UInt8]) -> Result {
        if let tooLarge = sizeFinding(bytes.count) { return Result(root: nil, findings: [tooLarge]) }
        switch YAMLText.decode(bytes) {
        case .failure(let failure): return Result(root: nil, findings: [failure.finding])
        case .success(let text): return read(utf8: text.utf8)
        }
    }

    /// The `yaml_limits` finding of a file of `count` bytes, when it is over ``Limits/maxBytes``.
    func sizeFinding(_ count: Int) -> Finding? {
        guard count > limits.maxBytes else { return nil }
        return Finding(
            ruleID: "yaml_limits", severity: .error, message: "the file is larger than \(ByteSize.text(limits.maxBytes)); split the configuration",
            location: SourceLocation(line: 1, column: 1), pointer: "")
    }

    /// Reads UTF-8 text without a byte order mark (``YAMLText``'s). With
    /// `store`, each item of the root mapping's `stores` list is handed to it
    /// as soon as it is read (with its index) and not kept in the tree, so a
    /// config is read in memory bounded by its largest store.
    func read(utf8 bytes: [UInt8], lines: LineOffsets? = nil, store: ((YAMLNode, Int) -> Void)? = nil) -> Result {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else {
            return Result(root: nil, findings: [Finding(ruleID: "yaml_syntax", severity: .error, message: "libyaml could not start", pointer: "")])
        }
        defer { yaml_parser_delete(&parser) }
        let lines = lines ?? LineOffsets(bytes)
        return bytes.withUnsafeBufferPointer { buf in
            yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
            yaml_parser_set_input_string(&parser, buf.baseAddress, buf.count)
            var builder = Builder(limits: limits, source: YAMLSourceChecks(buf, lines: lines))
            builder.onStore = store
            return builder.run(&parser)
        }
    }
}

private struct Builder {
    let limits: YAMLReader.Limits
    var findings: [Finding] = []
    var anchors: [String: YAMLNode] = [:]
    var totalSize = 0
    /// Nodes added by aliases so far (each alias counts its anchor's expanded size).
    var aliasSize = 0
    var documents = 0

    /// Open containers: the node so far, its anchor, a pending mapping key,
    /// whether it is a flow collection, and its 0-based start line and column.
    struct Frame {
        var node: YAMLNode
        var anchor: String?
        var pendingKey: YAMLNode?
        var isFlow = false
        var line = 0
        var column = 0
    }
    var stack: [Frame] = []
    var root: YAMLNode?
    /// Takes each item of the root's `stores` list instead of the tree (see ``YAMLReader/read(utf8:lines:store:)``).
    var onStore: ((YAMLNode, Int) -> Void)?
    var storesHanded = 0
    let source: YAMLSourceChecks
    /// Tag handles the current document declares.
    var tagHandles: Set<String> = []
    var previousDocumentEndImplicit = false
    var previousDocumentEndLine = 0

    init(limits: YAMLReader.Limits, source: YAMLSourceChecks) {
        self.limits = limits
        self.source = source
    }

    /// The indentation of the nearest enclosing block collection, or nil at top level or inside flow.
    var blockParentIndent: Int? {
        guard let parent = stack.last, !parent.isFlow else { return nil }
        return parent.column
    }

    mutating func syntax(_ message: String, line: Int, column: Int) -> YAMLReader.Result {
        fail("YAML syntax error: \(message)", at: SourceLocation(line: line + 1, column: column, offset: source.offset(line: line, column: max(0, column - 1))))
    }

    mutating func syntax(_ message: String, atByte p: Int) -> YAMLReader.Result {
        fail("YAML syntax error: \(message)", at: source.lines.location(atOffset: p))
    }

    /// The checks libyaml does not make, at one event (see ``YAMLSourceChecks``).
    mutating func sourceCheck(_ event: yaml_event_t) -> YAMLReader.Result? {
        let start = event.start_mark
        let end = event.end_mark
        let glued = "a comment needs a space before '#'"
        switch event.type {
        case YAML_DOCUMENT_START_EVENT:
            let d = event.data.document_start
            var handles: Set<String> = ["!", "!!"]
            var hasDirectives = d.version_directive != nil
            if var p = d.tag_directives.start {
                while p != d.tag_directives.end {
                    hasDirectives = true
                    if let h = Self.string(p.pointee.handle) { handles.insert(h) }
                    p += 1
                }
            }
            tagHandles = handles
            if let (line, column) = source.directiveCommentGlued(lines: previousDocumentEndLine..<Int(start.line + 1)) {
                return syntax(glued, line: line, column: column)
            }
            if hasDirectives && documents > 0 && previousDocumentEndImplicit {
                return syntax("a directive ('%...') must follow a document end marker '...'; add '...' before it", line: previousDocumentEndLine, column: 1)
            }
        case YAML_DOCUMENT_END_EVENT:
            previousDocumentEndImplicit = event.data.document_end.implicit == 1
            previousDocumentEndLine = Int(end.line)
        case YAML_SCALAR_EVENT:
            let s = event.data.scalar
            let offset = source.offset(line: Int(start.line), column: Int(start.column))
            if s.style == YAML_PLAIN_SCALAR_STYLE, s.length == 1, s.value?.pointee == UInt8(ascii: "-") {
                return syntax("a lone '-' is not a value; quote it as \"-\" or give the list item a value", line: Int(start.line), column: Int(start.column) + 1)
            }
            if s.style == YAML_LITERAL_SCALAR_STYLE || s.style == YAML_FOLDED_SCALAR_STYLE {
                if let p = source.blockHeaderCommentGlued(at: offset) { return syntax(glued, atByte: p) }
                if let parent = blockParentIndent, let (line, column) = source.blockScalarLeadingLines(headerLine: Int(start.line), parentIndent: parent) {
                    return syntax("a leading blank line of this block scalar has more spaces than its first line; remove the trailing spaces", line: line, column: column)
                }
            } else if let p = source.commentGlued(after: source.offset(line: Int(end.line), column: Int(end.column))) {
                return syntax(glued, atByte: p)
            }
            if s.style == YAML_SINGLE_QUOTED_SCALAR_STYLE || s.style == YAML_DOUBLE_QUOTED_SCALAR_STYLE, let parent = blockParentIndent,
                let (line, column) = source.underIndentedLine(from: Int(start.line), through: Int(end.line), parentIndent: parent)
            {
                return syntax("this line continues a quoted string and must be indented past its parent, with spaces", line: line, column: column)
            }
            if let result = checkTag(s.tag, at: offset) { return result }
        case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
            let tag = event.type == YAML_SEQUENCE_START_EVENT ? event.data.sequence_start.tag : event.data.mapping_start.tag
            if let result = checkTag(tag, at: source.offset(line: Int(start.line), column: Int(start.column))) { return result }
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            if let frame = stack.last, frame.isFlow {
                if let p = source.commentGlued(after: source.offset(line: Int(end.line), column: Int(end.column))) {
                    return syntax(glued, atByte: p)
                }
                if stack.count >= 2, !stack[stack.count - 2].isFlow,
                    let (line, column) = source.underIndentedLine(from: frame.line, through: Int(end.line), parentIndent: stack[stack.count - 2].column)
                {
                    return syntax("this line continues a [ ] or { } collection and must be indented past its parent, with spaces", line: line, column: column)
                }
            }
        default:
            break
        }
        return nil
    }

    mutating func checkTag(_ tag: UnsafeMutablePointer<yaml_char_t>?, at offset: Int) -> YAMLReader.Result? {
        guard tag != nil, let handle = source.namedTagHandle(at: offset), !tagHandles.contains(handle) else { return nil }
        return syntax("tag handle '\(handle)' is not declared in this document; add '%TAG \(handle) ...' before its '---'", atByte: offset)
    }

    static func location(_ mark: yaml_mark_t) -> SourceLocation {
        SourceLocation(line: Int(mark.line) + 1, column: Int(mark.column) + 1, offset: Int(mark.index))
    }

    static func string(_ p: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        guard let p else { return nil }
        return String(cString: UnsafeRawPointer(p).assumingMemoryBound(to: CChar.self))
    }

    mutating func fail(_ message: String, at location: SourceLocation, rule: String = "yaml_syntax") -> YAMLReader.Result {
        findings.append(Finding(ruleID: rule, severity: .error, message: message, location: location, pointer: ""))
        return YAMLReader.Result(root: nil, findings: findings)
    }

    mutating func run(_ parser: inout yaml_parser_t) -> YAMLReader.Result {
        var event = yaml_event_t()
        while true {
            guard yaml_parser_parse(&parser, &event) == 1 else {
                return syntaxError(parser)
            }
            defer { yaml_event_delete(&event) }
            if let result = sourceCheck(event) { return result }
            let start = Self.location(event.start_mark)
            switch event.type {
            case YAML_STREAM_END_EVENT:
                return YAMLReader.Result(root: root, findings: findings)
            case YAML_DOCUMENT_START_EVENT:
                documents += 1
                if documents == 2 {
                    // Reported once; later documents are still read for syntax errors but not kept.
                    findings.append(Finding(
                        ruleID: "yaml_multiple_documents", severity: .error,
                        message: "a store config is one YAML document; remove this second one (or its '---')", location: start, pointer: ""))
                }
            case YAML_MAPPING_START_EVENT, YAML_SEQUENCE_START_EVENT:
                guard stack.count < limits.maxDepth else {
                    return fail("nesting is deeper than \(limits.maxDepth) levels", at: start, rule: "yaml_limits")
                }
                let isMapping = event.type == YAML_MAPPING_START_EVENT
                let anchor = Self.string(isMapping ? event.data.mapping_start.anchor : event.data.sequence_start.anchor)
                let tag = Self.string(isMapping ? event.data.mapping_start.tag : event.data.sequence_start.tag)
                let node = YAMLNode(kind: isMapping ? .mapping([]) : .sequence([]), location: start, tag: tag, expandedSize: 1)
                let style = isMapping ? event.data.mapping_start.style == YAML_FLOW_MAPPING_STYLE : event.data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE
                stack.append(Frame(
                    node: node, anchor: anchor, isFlow: style, line: Int(event.start_mark.line), column: Int(event.start_mark.column)))
            case YAML_MAPPING_END_EVENT, YAML_SEQUENCE_END_EVENT:
                guard let frame = stack.popLast() else { continue }
                if let result = add(frame.node, anchor: frame.anchor) { return result }
            case YAML_SCALAR_EVENT:
                let s = event.data.scalar
                guard s.length <= limits.maxScalarBytes else {
                    return fail("a scalar is longer than \(limits.maxScalarBytes >> 20) MiB", at: start, rule: "yaml_limits")
                }
                let value: String
                if let p = s.value {
                    value = String(decoding: UnsafeBufferPointer(start: p, count: Int(s.length)), as: UTF8.self)
                } else {
                    value = ""
                }
                let style: YAMLNode.ScalarStyle
                switch s.style {
                case YAML_SINGLE_QUOTED_SCALAR_STYLE: style = .singleQuoted
                case YAML_DOUBLE_QUOTED_SCALAR_STYLE: style = .doubleQuoted
                case YAML_LITERAL_SCALAR_STYLE: style = .literal
                case YAML_FOLDED_SCALAR_STYLE: style = .folded
                default: style = .plain
                }
                let node = YAMLNode(kind: .scalar(value, style), location: start, tag: Self.string(s.tag), expandedSize: 1)
                if let result = add(node, anchor: Self.string(s.anchor)) { return result }
            case YAML_ALIAS_EVENT:
                guard let name = Self.string(event.data.alias.anchor), var target = anchors[name] else {
                    return fail("alias '*\(Self.string(event.data.alias.anchor) ?? "")' names no anchor defined before it", at: start)
                }
                target.location = start
                let (added, overflow) = aliasSize.addingReportingOverflow(target.expandedSize)
                aliasSize = overflow ? Int.max : added
                if aliasSize > limits.maxAliasNodes {
                    return fail(
                        "the aliases repeat more than \(limits.maxAliasNodes) nodes; remove the nested aliases", at: start, rule: "yaml_limits")
                }
                if let result = add(target, anchor: nil, cost: target.expandedSize) { return result }
            default:
                continue
            }
        }
    }

    /// Adds a finished node to its parent (or as the root), enforcing the alias budget.
    /// `cost` is 1 for a node read from the text and the expanded size for an alias.
    mutating func add(_ node: YAMLNode, anchor: String?, cost: Int = 1) -> YAMLReader.Result? {
        let (sum, overflow) = totalSize.addingReportingOverflow(cost)
        totalSize = overflow ? Int.max : sum
        if totalSize > limits.maxExpandedNodes {
            return fail(
                "the document expands to more than \(limits.maxExpandedNodes) nodes through its aliases; remove the nested aliases",
                at: node.location, rule: "yaml_limits")
        }
        if let anchor { anchors[anchor] = node }
        guard var frame = stack.popLast() else {
            if documents <= 1 { root = node }
            return nil
        }
        let grown = frame.node.expandedSize.addingReportingOverflow(node.expandedSize)
        frame.node.expandedSize = grown.overflow ? Int.max : grown.partialValue
        // An item of the root mapping's `stores` list goes to the handler, not into the tree.
        if let onStore, documents <= 1, stack.count == 1, case .sequence = frame.node.kind, let key = stack[0].pendingKey,
            case .mapping = stack[0].node.kind, case .scalar("stores", _) = key.kind
        {
            onStore(node, storesHanded)
            storesHanded += 1
            stack.append(frame)
            return nil
        }
        // The container's array is taken out of the node (and the local copy
        // cleared) before appending, so it is uniquely referenced and grows in
        // place: appending to a shared copy made a 10,000-store list quadratic.
        var kind = frame.node.kind
        frame.node.kind = .scalar("", .plain)
        switch kind {
        case .sequence(var items):
            kind = .scalar("", .plain)
            items.append(node)
            frame.node.kind = .sequence(items)
        case .mapping(var pairs):
            kind = .scalar("", .plain)
            if let key = frame.pendingKey {
                pairs.append((key, node))
                frame.pendingKey = nil
            } else {
                frame.pendingKey = node
            }
            frame.node.kind = .mapping(pairs)
        case .scalar:
            frame.node.kind = kind
        }
        stack.append(frame)
        return nil
    }

    mutating func syntaxError(_ parser: yaml_parser_t) -> YAMLReader.Result {
        let problem = parser.problem.map { String(cString: $0) } ?? "unknown error"
        if parser.error == YAML_READER_ERROR {
            // libyaml places a reader error by its byte offset (its line and column stay 1:1):
            // invalid UTF-8 is placed at the first byte of the bad sequence, found here.
            if let bad = UTF8Check.firstInvalid(source.buf) {
                let byte = String(source.buf[bad], radix: 16, uppercase: true)
                return fail(
                    "YAML syntax error: the file is not UTF-8 (byte 0x\(byte.count == 1 ? "0" + byte : byte) here; Latin-1 or Windows-1252?); save it as UTF-8 (libyaml: \(problem))",
                    at: source.lines.location(atOffset: bad))
            }
            return fail(YAMLErrors.plainWords(problem: problem, context: nil), at: source.lines.location(atOffset: Int(clamping: parser.problem_offset)))
        }
        let context = parser.context.map { String(cString: $0) }
        var location = Self.location(parser.problem_mark)
        if parser.problem_mark.line == 0 && parser.problem_mark.column == 0 && parser.problem_mark.index == 0 && parser.context != nil {
            location = Self.location(parser.context_mark)
        }
        return fail(YAMLErrors.plainWords(problem: problem, context: context), at: location)
    }
}

/// libyaml's messages, in plain words with the original kept for searching.
enum YAMLErrors {
    static func plainWords(problem: String, context: String?) -> String {
        let plain: String
        switch problem {
        case "did not find expected key":
            plain = "expected a key here; check the indentation of this line against the lines above"
        case "mapping values are not allowed in this context":
            plain = "a ':' is not allowed here; quote the value if it contains ': ', or fix the indentation"
        case "found character that cannot start any token":
            plain = "this character cannot start a value (tabs cannot indent YAML, and '@' and '`' are reserved); quote the value"
        case "could not find expected ':'":
            plain = "expected ':' after a key; a key and its value are written 'key: value'"
        case "did not find expected node content":
            plain = "expected a value here"
        case "did not find expected ',' or ']'":
            plain = "expected ',' or ']' in this [ ] list"
        case "did not find expected ',' or '}'":
            plain = "expected ',' or '}' in this { } mapping"
        case "found unexpected end of stream":
            plain = "the file ends inside a quoted string or a bracket; close it"
        case "did not find expected '-' indicator":
            plain = "expected a '- ' list item at this indentation"
        case "block sequence entries are not allowed in this context":
            plain = "a '- ' list item is not allowed here; put it on its own line, indented under its key"
        case "found unknown escape character":
            plain = "unknown escape in a double-quoted string; use single quotes or escape the backslash as '\\\\'"
        case "found a tab character that violates indentation":
            plain = "a tab indents this line; YAML indents with spaces only"
        default:
            plain = problem
        }
        var message = "YAML syntax error: \(plain)"
        if plain != problem { message += " (libyaml: \(problem)" + (context.map { " \($0)" } ?? "") + ")" }
        return message
    }
}
