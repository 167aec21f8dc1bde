/// Reads the members of one JSON object for a decoder, reporting structural
/// findings: missing required fields, wrong types, values outside an enum
/// (with a did-you-mean), bad timestamps and unknown fields.
public struct ObjectDecoder {
    public let node: JSONNode
    public let members: [JSONMember]
    public let knownKeys: [String]
    public let formatName: String
    public var findings: [Finding] = []

    /// Nil (with a `type_mismatch` finding) when `node` is not an object.
    public init?(_ node: JSONNode, formatName: String, knownKeys: [String], findings: inout [Finding]) {
        guard let members = node.members else {
            findings.append(Finding(
                ruleID: StructureRuleID.typeMismatch, severity: .error,
                message: "expected a \(formatName) object, found \(node.typeName)",
                location: node.location, pointer: node.pointer))
            return nil
        }
        self.node = node
        self.members = members
        self.knownKeys = knownKeys
        self.formatName = formatName
    }

    /// The first member named `key`.
    public func member(_ key: String) -> JSONNode? {
        members.first { $0.key == key }?.value
    }

    public mutating func report(_ rule: String, _ message: String, at node: JSONNode, severity: Severity = .error) {
        findings.append(Finding(ruleID: rule, severity: severity, message: message, location: node.location, pointer: node.pointer))
    }

    public mutating func missing(_ key: String, hint: String = "") {
        findings.append(Finding(
            ruleID: StructureRuleID.requiredField, severity: .error,
            message: "missing required field '\(key)'" + (hint.isEmpty ? "" : "; \(hint)"),
            location: node.location, pointer: node.pointer))
    }

    public mutating func wrongType(_ value: JSONNode, key: String, expected: String) {
        var message = "'\(key)' must be \(expected), found \(value.typeName)"
        if case .string(let s) = value.kind {
            message = "'\(key)' must be \(expected), found string '\(shown(s))'"
            if expected == "a boolean", s == "true" || s == "false" { message += "; write \(s) without quotes" }
        }
        report(StructureRuleID.typeMismatch, message, at: value)
    }

    /// A member present with a value other than `null`.
    public mutating func present(_ key: String, required: Bool, hint: String = "") -> JSONNode? {
        guard let value = member(key) else {
            if required { missing(key, hint: hint) }
            return nil
        }
        return value
    }

    public mutating func string(_ key: String, required: Bool = false, nullable: Bool = false) -> (String, JSONNode)? {
        guard let value = present(key, required: required) else { return nil }
        if case .null = value.kind, nullable { return nil }
        guard case .string(let s) = value.kind else {
            wrongType(value, key: key, expected: nullable ? "a string or null" : "a string")
            return nil
        }
        return (s, value)
    }

    public mutating func bool(_ key: String, required: Bool = false) -> (Bool, JSONNode)? {
        guard let value = present(key, required: required) else { return nil }
        guard case .bool(let b) = value.kind else {
            wrongType(value, key: key, expected: "a boolean")
            return nil
        }
        return (b, value)
    }

    public mutating func int64(_ key: String, required: Bool = false) -> (Int64, JSONNode)? {
        guard let value = present(key, required: required) else { return nil }
        guard case .number(let n) = value.kind, n.isInteger else {
            wrongType(value, key: key, expected: "an integer")
            return nil
        }
        guard let v = n.int64 else {
            report(StructureRuleID.integerRange, "'\(key)' value '\(n.text)' does not fit a 64-bit integer", at: value)
            return nil
        }
        return (v, value)
    }

    /// A string member that must be one of `E`'s raw values.
    public mutating func enumeration<E: RawRepresentable & CaseIterable>(
        _ key: String, _ type: E.Type, required: Bool = false
    ) -> (E, JSONNode)? where E.RawValue == String {
        guard let (s, value) = string(key, required: required) else { return nil }
        if let e = E(rawValue: s) { return (e, value) }
        let allowed = E.allCases.map(\.rawValue)
        var message = "'\(key)' value '\(shown(s))' is not one of \(allowed.map { "'\($0)'" }.joined(separator: ", "))"
        if let guess = Suggest.closest(to: s, in: allowed) { message += "; did you mean '\(guess)'?" }
        report(StructureRuleID.enumValue, message, at: value)
        return nil
    }

    public mutating func timestamp(_ key: String, required: Bool = false, nullable: Bool = false) -> (Timestamp, JSONNode)? {
        guard let (s, value) = string(key, required: required, nullable: nullable) else { return nil }
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

    /// Reports members whose key is not in `knownKeys`; returns them as leftovers.
    public mutating func unknownMembers() -> [Leftover] {
        var leftovers: [Leftover] = []
        for m in members where !knownKeys.contains(m.key) {
            var message = "unknown field '\(shown(m.key))' in \(formatName)"
            if let guess = Suggest.closest(to: m.key, in: knownKeys) { message += "; did you mean '\(guess)'?" }
            findings.append(Finding(
                ruleID: StructureRuleID.unknownField, severity: .warning, message: message,
                location: m.keyLocation, pointer: m.value.pointer))
            leftovers.append(Leftover(
                name: m.key, origin: Origin(pointer: m.value.pointer, location: m.keyLocation, value: m.value.summary), kind: .unknown))
        }
        return leftovers
    }
}

/// A user value as messages show it: at most 60 characters, control characters escaped.
public func shown(_ s: String) -> String {
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
