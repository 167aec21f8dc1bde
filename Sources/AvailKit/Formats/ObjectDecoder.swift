/// Reads the members of one JSON object for a decoder, as its ``ObjectShape``
/// declares them, reporting structural findings: missing required fields,
/// wrong types, values outside an enum (with a did-you-mean), bad timestamps,
/// read-only fields and unknown fields. Whether a field is required, nullable
/// or read-only, its enum values and the words of a wrong-type message all
/// come from the declaration.
public struct ObjectDecoder {
    public let node: JSONNode
    public let members: [JSONMember]
    public let shape: ObjectShape
    public var findings: [Finding] = []

    /// Nil (with a `type_mismatch` finding) when `node` is not an object.
    public init?(_ node: JSONNode, shape: ObjectShape, findings: inout [Finding]) {
        guard let members = node.members else {
            findings.append(Finding(
                ruleID: StructureRuleID.typeMismatch, severity: .error,
                message: "expected a \(shape.name) object, found \(node.typeName)",
                location: node.location, pointer: node.pointer))
            return nil
        }
        self.node = node
        self.members = members
        self.shape = shape
    }

    /// The first member named `key`.
    public func member(_ key: String) -> JSONNode? {
        members.first { $0.key == key }?.value
    }

    func declared(_ key: String) -> Field {
        shape.field(key) ?? Field(key, .string())
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

    /// A `type_mismatch` finding in the declaration's words.
    public mutating func wrongType(_ value: JSONNode, key: String) {
        let expected = declared(key).expectedText
        var message = "'\(key)' must be \(expected), found \(value.typeName)"
        if case .string(let s) = value.kind {
            message = "'\(key)' must be \(expected), found string '\(shown(s))'"
            if expected == "a boolean", s == "true" || s == "false" { message += "; write \(s) without quotes" }
        }
        report(StructureRuleID.typeMismatch, message, at: value)
    }

    /// The member's value when present; a missing required member is reported.
    public mutating func present(_ key: String, hint: String = "") -> JSONNode? {
        guard let value = member(key) else {
            if declared(key).isRequired { missing(key, hint: hint) }
            return nil
        }
        return value
    }

    /// The member's value when present and not an accepted `null`.
    mutating func value(_ key: String) -> JSONNode? {
        guard let value = present(key) else { return nil }
        if case .null = value.kind, declared(key).shape.acceptsNull { return nil }
        return value
    }

    public mutating func string(_ key: String) -> (String, JSONNode)? {
        guard let value = value(key) else { return nil }
        guard case .string(let s) = value.kind else {
            wrongType(value, key: key)
            return nil
        }
        return (s, value)
    }

    public mutating func bool(_ key: String) -> (Bool, JSONNode)? {
        guard let value = value(key) else { return nil }
        guard case .bool(let b) = value.kind else {
            wrongType(value, key: key)
            return nil
        }
        return (b, value)
    }

    public mutating func int64(_ key: String) -> (Int64, JSONNode)? {
        guard let value = value(key) else { return nil }
        guard case .number(let n) = value.kind, n.isInteger else {
            wrongType(value, key: key)
            return nil
        }
        guard let v = n.int64 else {
            report(StructureRuleID.integerRange, "'\(key)' value '\(n.text)' does not fit a 64-bit integer", at: value)
            return nil
        }
        return (v, value)
    }

    /// A string member that must be one of its declared values, as `E`.
    public mutating func enumeration<E: RawRepresentable>(_ key: String, _ type: E.Type) -> (E, JSONNode)? where E.RawValue == String {
        guard let (s, value) = string(key) else { return nil }
        if let e = E(rawValue: s) { return (e, value) }
        guard case .enumeration(let allowed) = declared(key).shape.resolved else { return nil }
        var message = "'\(key)' value '\(shown(s))' is not one of \(allowed.map { "'\($0)'" }.joined(separator: ", "))"
        if let guess = Suggest.closest(to: s, in: allowed) { message += "; did you mean '\(guess)'?" }
        report(StructureRuleID.enumValue, message, at: value)
        return nil
    }

    public mutating func timestamp(_ key: String) -> (Timestamp, JSONNode)? {
        guard let (s, value) = string(key) else { return nil }
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
        var leftovers: [Leftover] = []
        let keys = shape.keys
        for m in members {
            if let field = shape.field(m.key) {
                if request, let who = field.readOnly {
                    report(StructureRuleID.readOnlyField, "'\(m.key)' \(who); remove it from the request", at: m.value, severity: .warning)
                }
                continue
            }
            guard shape.closed else { continue }
            var message = "unknown field '\(shown(m.key))' in \(shape.name)"
            if let guess = Suggest.closest(to: m.key, in: keys) { message += "; did you mean '\(guess)'?" }
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
