/// Reads the members of one JSON object for a decoder, as its ``ObjectShape``
/// declares them, reporting structural findings: missing required fields,
/// wrong types, values outside an enum (with a did-you-mean), bad timestamps,
/// read-only fields and unknown fields. Whether a field is required, nullable
/// or read-only, its enum values and the words of a wrong-type message all
/// come from the declaration.
public struct ObjectDecoder {
    /// The object being read.
    public let node: JSONValue
    /// Unretained: declarations are static, so no reference count is touched
    /// (and shared between threads) per decoded object.
    public unowned(unsafe) let shape: ObjectShape
    /// The shape's per-record tables, read in place through the unretained
    /// shape: a copy in each decoder was about 150 bytes to move per object
    /// and per copy of the decoder.
    var lookup: ObjectShape.Lookup { _read { yield shape.lookup } }
    /// The findings made so far, in the order they were made.
    public var findings: [Finding] = []
    /// Entry index + 1 of each declared field's member (the first, when a key
    /// repeats), found in one pass over the members; 0 when absent. In memory,
    /// not a vector: writing one lane of a `SIMD16` at a variable index spilled
    /// and reloaded the whole vector (a store-forwarding stall): this
    /// initializer was 5.9% of validate's `perf` samples, 3.1-3.4% since.
    private var slots: InlineArray<16, Int32>
    /// Whether every member is declared and none is read-only, so ``unknownMembers(request:)`` has nothing to report.
    private var onlyPlainMembers: Bool
    /// The declared field a decoder most likely asks for next: decoders read
    /// fields in declaration order, and a key equal to the guess (for a short
    /// key, one comparison of two words) skips the search of the key table.
    private var nextField = 0

    /// Nil (with a `type_mismatch` finding) when `node` is not an object.
    /// `shape` must outlive the decoder (declarations are `static let`s).
    public init?(_ node: JSONValue, shape: __shared ObjectShape, findings: inout [Finding]) {
        self.init(node, shape: Unmanaged.passUnretained(shape), findings: &findings)
    }

    /// ``init(_:shape:findings:)`` with the shape unretained (a declaration's
    /// ``FormatDeclaration/rootReference``, or a shape's
    /// ``ObjectShape/reference``): read from a `static let`, the shape itself
    /// was retained and released for the call.
    public init?(_ node: JSONValue, shape reference: Unmanaged<ObjectShape>, findings: inout [Finding]) {
        guard node.isObject else {
            let name = reference._withUnsafeGuaranteedRef(\.name)
            findings.append(Finding(
                ruleID: StructureRuleID.typeMismatch, severity: .error,
                message: "expected a \(name) object, found \(node.typeName)",
                location: node.location, pointer: node.pointer))
            return nil
        }
        // The member pass works on locals, and the properties are stored at
        // the end by a plain initializer: a `self` changed after it was whole
        // was built aside and copied out (its findings array retained and
        // released for the copy).
        var slots = InlineArray<16, Int32>(repeating: 0)
        var onlyPlainMembers = true
        let (keyTable, isReadOnly) = reference._withUnsafeGuaranteedRef { ($0.lookup.keyTable, $0.lookup.isReadOnly) }
        for m in node.members {
            guard let i = node.withDocument({ $0.stringIndex(m.keyIndex, in: keyTable) }) else {
                onlyPlainMembers = false
                continue
            }
            if isReadOnly[i] || i >= 16 { onlyPlainMembers = false }
            if i < 16 && slots[i] == 0 { slots[i] = Int32(truncatingIfNeeded: m.value.index + 1) }
        }
        self.init(node: node, shape: reference, slots: slots, onlyPlainMembers: onlyPlainMembers)
    }

    private init(node: JSONValue, shape reference: Unmanaged<ObjectShape>, slots: InlineArray<16, Int32>, onlyPlainMembers: Bool) {
        self.node = node
        // Stored at once and read through the unretained property after: the
        // strong reference taken here lives for this statement only.
        self.shape = reference.takeUnretainedValue()
        self.slots = slots
        self.onlyPlainMembers = onlyPlainMembers
    }

    /// The object's members, in document order.
    public var members: JSONValue.Members { node.members }

    /// The first member named `key`.
    public func member(_ key: String) -> JSONValue? {
        if let i = lookup.index(of: key), i < 16 {
            let entry = slots[i]
            return entry > 0 ? node.sibling(Int(entry) - 1) : nil
        }
        return node[key]
    }



    /// A member declared as an object, read with its declared shape; nil (with
    /// a finding) when it is not an object, or nil when it is absent.
    public mutating func object(_ key: String) -> ObjectDecoder? {
        guard let value = present(key) else { return nil }
        guard case .object(let inner) = declared(key).shape.resolved else { return nil }
        var found: [Finding] = []
        let decoder = ObjectDecoder(value, shape: inner, findings: &found)
        findings += found
        return decoder
    }

    func declared(_ key: String) -> Field {
        shape.field(key) ?? Field(key, .string())
    }

    /// Adds a finding about `node` (severity and fix optional).
    public mutating func report(_ rule: String, _ message: FindingMessage, at node: JSONValue, severity: Severity = .error, fix: Fix? = nil) {
        findings.append(Finding(ruleID: rule, severity: severity, message: message.text, location: node.location, pointer: node.pointer).fixing(fix))
    }

    /// A fix that replaces a value's bytes with `json` (nil for documents built from YAML).
    static func replacing(_ value: JSONValue, with json: String, _ safety: Fix.Safety, _ title: String) -> Fix? {
        value.byteRange.map { Fix(safety, title, edits: [Fix.Edit($0, json)]) }
    }

    /// A fix that removes a member, its key and one separating comma.
    func removing(memberAt keyIndex: Int) -> Fix? {
        let document = node.document
        // The range is JSON's (a member and one comma): a document built from another tree (a YAML
        // config, whose values have source bytes for replacing) has other syntax between members.
        guard document.explicitLocations == nil else { return nil }
        var previousEnd: Int?
        var found: JSONValue.Member?
        var nextStart: Int?
        for m in node.members {
            if found != nil {
                nextStart = JSONValue(document: document, index: m.keyIndex).byteRange?.lowerBound
                break
            }
            if m.keyIndex == keyIndex { found = m } else { previousEnd = m.value.byteRange?.upperBound }
        }
        guard let member = found, let key = JSONValue(document: document, index: keyIndex).byteRange, let value = member.value.byteRange
        else { return nil }
        let range: Range<Int>
        if let nextStart {
            range = key.lowerBound..<nextStart
        } else if let previousEnd {
            range = previousEnd..<value.upperBound
        } else {
            range = key.lowerBound..<value.upperBound
        }
        return Fix(.unsafe, "remove '\(member.key)'", edits: [Fix.Edit(range, "")])
    }

    /// Reports that the required member `key` is missing, with an optional hint on what to write.
    public mutating func missing(_ key: String, hint: String = "") {
        report(StructureRuleID.requiredField, "missing required field '\(key)'\(hint.isEmpty ? "" : "; ")\(hint)", at: node)
    }

    /// A `type_mismatch` finding in the declaration's words.
    public mutating func wrongType(_ value: JSONValue, key: String) {
        let expected = declared(key).expectedText
        guard let s = value.stringValue else {
            report(StructureRuleID.typeMismatch, "'\(key)' must be \(expected), found \(value.typeName)", at: value)
            return
        }
        // A boolean written as a string is fixed by dropping the quotes.
        let unquote = expected == "a boolean" && (s == "true" || s == "false")
        report(
            StructureRuleID.typeMismatch, "'\(key)' must be \(expected), found string '\(shown(s))'\(unquote ? "; write \(s) without quotes" : "")",
            at: value, fix: unquote ? Self.replacing(value, with: s, .safe, "write \(s) without quotes") : nil)
    }

    /// The member's value when present; a missing required member is reported.
    public mutating func present(_ key: String, hint: String = "") -> JSONValue? {
        guard let i = fieldIndex(key) else { return node[key] }
        return present(field: i, key: key, hint: hint)
    }

    private mutating func present(field i: Int, key: String, hint: String = "") -> JSONValue? {
        let entry = i < 16 ? slots[i] : 0
        if entry > 0 { return node.sibling(Int(entry) - 1) }
        if i >= 16, let value = node[key] { return value }
        if lookup.isRequired[i] { missing(key, hint: hint) }
        return nil
    }

    /// The declaration index of `key`: the guess when it matches, else a search of the key table.
    private mutating func fieldIndex(_ key: String) -> Int? {
        let guess = nextField
        if guess < lookup.keys.count, lookup.keys[guess] == key {
            nextField = guess + 1
            return guess
        }
        guard let i = lookup.index(of: key) else { return nil }
        nextField = i + 1
        return i
    }

    /// The member's value when present and not an accepted `null`, with its field index.
    mutating func value(_ key: String) -> JSONValue? { valueAndField(key)?.0 }

    private mutating func valueAndField(_ key: String) -> (JSONValue, Int)? {
        guard let i = fieldIndex(key) else { return node[key].map { ($0, -1) } }
        guard let value = present(field: i, key: key) else { return nil }
        if lookup.acceptsNull[i], value.isNull { return nil }
        return (value, i)
    }

    /// Reads a member only to check its declared JSON type (metadata a decoder does not keep).
    public mutating func checkType(_ key: String) {
        switch declared(key).shape.resolved {
        case .boolean: _ = bool(key)
        case .integer, .constant, .integerEnumeration, .unixSeconds: _ = int64(key)
        case .string, .enumeration, .timestamp: _ = string(key)
        default: _ = value(key)
        }
    }

    /// A string member's text and value; nil when absent or null, or (with a finding) not a string.
    public mutating func string(_ key: String) -> (String, JSONValue)? {
        guard let value = value(key) else { return nil }
        guard let s = value.stringValue else {
            wrongType(value, key: key)
            return nil
        }
        return (s, value)
    }

    /// A boolean member's value; nil when absent or null, or (with a finding) not a boolean.
    public mutating func bool(_ key: String) -> (Bool, JSONValue)? {
        guard let value = value(key) else { return nil }
        guard let b = value.boolValue else {
            wrongType(value, key: key)
            return nil
        }
        return (b, value)
    }

    /// An integer member's value; nil when absent or null, or (with a finding) not an integer in range.
    public mutating func int64(_ key: String) -> (Int64, JSONValue)? {
        guard let value = value(key) else { return nil }
        guard value.isInteger else {
            wrongType(value, key: key)
            return nil
        }
        return fitting(value, key: key).map { ($0, value) }
    }

    /// An integer value as an `Int64`; nil, with an `integer_range` finding,
    /// when it does not fit. `value` must be an integer.
    mutating func fitting(_ value: JSONValue, key: String) -> Int64? {
        guard let v = value.int64 else {
            report(StructureRuleID.integerRange, "'\(key)' value '\(value.number?.text ?? "")' does not fit a 64-bit integer", at: value)
            return nil
        }
        return v
    }

    /// A string member that must be one of its declared values, as `E`.
    public mutating func enumeration<E: DeclaredEnum>(_ key: String, _ type: E.Type) -> (E, JSONValue)? {
        guard let (value, field) = valueAndField(key), field >= 0 else { return nil }
        if let i = node.withDocument({ $0.stringIndex(value.index, in: lookup.enumTables[field]) }), i < E.ordered.count {
            return (E.ordered[i], value)
        }
        guard let s = value.stringValue else {
            wrongType(value, key: key)
            return nil
        }
        guard case .enumeration(let allowed) = shape.fields[field].shape.resolved else { return nil }
        let quoted = lookup.quotedValues[field]
        // One interpolation per message: building the advice as a `String`
        // first cost an enum_value record about 1,600 instructions more.
        if let instead = shape.fields[field].misused[s] {
            report(StructureRuleID.enumValue, "'\(key)' value '\(shown(s))' is not one of \(quoted); \(instead)", at: value)
        } else if let guess = Suggest.closest(to: s, in: allowed) {
            // Only the case differs: the same word, spelled as declared. Otherwise a guess.
            let safety: Fix.Safety = guess.lowercased() == s.lowercased() ? .safe : .unsafe
            report(
                StructureRuleID.enumValue, "'\(key)' value '\(shown(s))' is not one of \(quoted); did you mean '\(guess)'?", at: value,
                fix: Self.replacing(value, with: jsonString(guess), safety, "write '\(guess)'"))
        } else {
            report(StructureRuleID.enumValue, "'\(key)' value '\(shown(s))' is not one of \(quoted)", at: value)
        }
        return nil
    }

    /// An RFC 3339 member's timestamp; nil when absent or null, or (with a finding) not valid.
    public mutating func timestamp(_ key: String) -> (Timestamp, JSONValue)? {
        guard let value = value(key) else { return nil }
        if let bytes = value.plainStringBytes, case .success(let t) = Timestamp.parse(utf8: bytes) { return (t, value) }
        guard let (s, _) = string(key) else { return nil }
        switch Timestamp.parse(s) {
        case .success(let t): return (t, value)
        case .failure(let e) where e.isMissingOffset:
            report(StructureRuleID.offsetRequired, "'\(key)' value '\(shown(s))' has no UTC offset; add 'Z' or the store's offset such as '-07:00'", at: value)
            return nil
        case .failure(let e):
            report(StructureRuleID.invalidTimestamp, "'\(key)' value '\(shown(s))' is not a valid timestamp: \(e.message)", at: value)
            return nil
        }
    }

    /// Reports members the declaration marks read-only (when `request` is
    /// true) and members it does not declare; returns the undeclared ones as leftovers.
    public mutating func unknownMembers(request: Bool = false) -> [Leftover] {
        if onlyPlainMembers { return [] }
        var leftovers: [Leftover] = []
        for m in members {
            if let field = shape.fields.first(where: { m.hasKey($0.key) }) {
                if request, let who = field.readOnly {
                    report(
                        StructureRuleID.readOnlyField, "'\(field.key)' \(who); remove it from the request", at: m.value, severity: .warning,
                        fix: removing(memberAt: m.keyIndex))
                }
                continue
            }
            guard shape.closed else { continue }
            let key = m.key
            var message = "unknown field '\(shown(key))' in \(shape.name)"
            message += Suggest.hint(for: key, in: shape.keys)
            let pointer = m.value.pointer
            let location = m.keyLocation
            findings.append(Finding(
                ruleID: StructureRuleID.unknownField, severity: .warning, message: message, location: location, pointer: pointer))
            leftovers.append(Leftover(name: key, origin: Origin(pointer: pointer, location: location, value: m.value.summary)))
        }
        return leftovers
    }
}

/// A string as JSON text, quotes and escapes included.
func jsonString(_ s: String) -> String {
    var bytes: [UInt8] = []
    JSONWriter.writeString(s, into: &bytes)
    return String(decoding: bytes, as: UTF8.self)
}

/// A user value as messages show it: at most 60 characters, control characters escaped.
public func shown(_ s: String) -> String {
    // Most values are short and plain: one pass over the bytes says so, and they are shown as they are.
    var scalars = 0
    var plain = true
    for b in s.utf8 {
        if b & 0xC0 != 0x80 { scalars += 1 }
        if b < 0x20 || b == 0x7F { plain = false }
    }
    if plain && scalars <= 60 { return s }
    var out = ""
    var count = 0
    for scalar in s.unicodeScalars {
        if count == 57 && s.unicodeScalars.count > 60 { return out + "..." }
        if scalar.value < 0x20 || scalar.value == 0x7F {
            out += "\\u{" + String(scalar.value, radix: 16) + "}"
        } else {
            out.unicodeScalars.append(scalar)
        }
        count += 1
    }
    return out
}
