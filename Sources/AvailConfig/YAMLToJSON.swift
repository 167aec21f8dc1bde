import AvailKit

/// Turns a YAML tree into the `JSONNode` tree the decoders read, keeping each
/// node's YAML line:column and giving it a JSON Pointer.
///
/// Plain scalars follow the YAML 1.2 core schema (`null`, `~`, `true`,
/// `false`, integers, floats); quoted and block scalars are strings. Plain
/// scalars that YAML 1.1 readers (PyYAML, many CI tools) would read
/// differently, such as `NO`, `on` or `0755`, get a `yaml_ambiguous_scalar`
/// warning. Duplicate keys get a `duplicate_key` finding at the second key.
struct YAMLToJSON {
    var findings: [Finding] = []
    /// The source text's positions, so a fix can name the bytes it edits.
    var lines: LineOffsets?

    static let yaml11Booleans: Set<String> = [
        "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF",
    ]

    mutating func convert(_ node: YAMLNode, pointer: String = "") -> JSONNode {
        switch node.kind {
        case .scalar(let value, let style):
            return JSONNode(scalar(value, style: style, tag: node.tag, at: node, pointer: pointer), location: node.location, pointer: pointer)
        case .sequence(let items):
            var out: [JSONNode] = []
            out.reserveCapacity(items.count)
            for (i, item) in items.enumerated() { out.append(convert(item, pointer: JSONPointer.appending(i, to: pointer))) }
            return JSONNode(.array(out), location: node.location, pointer: pointer)
        case .mapping(let pairs):
            var members: [JSONMember] = []
            members.reserveCapacity(pairs.count)
            var seen = Set<String>()
            for (key, value) in pairs {
                guard case .scalar(let name, _) = key.kind else {
                    findings.append(Finding(
                        ruleID: "type_mismatch", severity: .error, message: "a key must be a plain name, not a list or mapping",
                        location: key.location, pointer: pointer))
                    continue
                }
                let childPointer = JSONPointer.appending(name, to: pointer)
                // A store's mappings have a handful of keys: comparing with
                // the earlier ones costs less than hashing each key.
                let repeated = pairs.count <= 16 ? members.contains { $0.key == name } : !seen.insert(name).inserted
                if repeated {
                    findings.append(Finding(
                        ruleID: "duplicate_key", severity: .error,
                        message: "duplicate key '\(name)'; remove one, YAML readers disagree on which one wins",
                        location: key.location, pointer: childPointer))
                }
                members.append(JSONMember(key: name, keyLocation: key.location, value: convert(value, pointer: childPointer)))
            }
            return JSONNode(.object(members), location: node.location, pointer: pointer)
        }
    }

    mutating func scalar(_ v: String, style: YAMLNode.ScalarStyle, tag: String?, at node: YAMLNode, pointer: String) -> JSONNode.Kind {
        if let tag, tag == "tag:yaml.org,2002:str" || tag == "!" { return .string(v) }
        guard style == .plain else { return .string(v) }
        switch v {
        case "", "~", "null", "Null", "NULL": return .null
        case "true", "True", "TRUE": return .bool(true)
        case "false", "False", "FALSE": return .bool(false)
        default: break
        }
        // Every YAML 1.1 boolean is at most five bytes: a longer scalar is not hashed to find out.
        if v.utf8.count <= 5, Self.yaml11Booleans.contains(v) {
            let meaning = ["y", "Y", "yes", "Yes", "YES", "on", "On", "ON"].contains(v) ? "true" : "false"
            ambiguous("'\(v)' is the string '\(v)' here, but YAML 1.1 readers take it as the boolean \(meaning); quote it: '\"\(v)\"'", node, pointer, v)
            return .string(v)
        }
        if let number = Self.number(v) {
            // Digits only (an integer without a sign) that start with a zero.
            if number.isInteger, v.utf8.count > 1, v.utf8.first == UInt8(ascii: "0") {
                ambiguous("'\(v)' has a leading zero, which YAML 1.1 readers take as an octal number; quote it: '\"\(v)\"'", node, pointer, v)
                return .string(v)
            }
            return .number(number)
        }
        return .string(v)
    }

    mutating func ambiguous(_ message: String, _ node: YAMLNode, _ pointer: String, _ text: String) {
        // A plain scalar is its own text in the source: quote exactly those bytes.
        let fix = lines?.range(of: text, at: node.location).map { Fix(.safe, "quote it: '\"\(text)\"'", edits: [Fix.Edit($0, "\"\(text)\"")]) }
        findings.append(Finding(
            ruleID: "yaml_ambiguous_scalar", severity: .warning, message: message, location: node.location, pointer: pointer
        ).fixing(fix))
    }

    /// A YAML 1.2 core-schema integer or float, as JSON number text.
    static func number(_ v: String) -> JSONNumber? {
        // Read in place: a copy of the bytes was an allocation for every plain scalar.
        var copy = v
        return copy.withUTF8 { number(v, bytes: $0) }
    }

    private static func number(_ v: String, bytes: UnsafeBufferPointer<UInt8>) -> JSONNumber? {
        guard !bytes.isEmpty, bytes.count <= 40 else { return nil }
        var i = 0
        if bytes[0] == UInt8(ascii: "-") || bytes[0] == UInt8(ascii: "+") { i = 1 }
        let digitsStart = i
        while i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x39 { i += 1 }
        guard i > digitsStart else { return nil }
        if i == bytes.count {
            let text = bytes[0] == UInt8(ascii: "+") ? String(v.dropFirst()) : v
            return JSONNumber(text: text, isInteger: true)
        }
        // Floats: digits '.' digits [e[+-]digits]
        guard bytes[i] == UInt8(ascii: ".") else { return nil }
        i += 1
        let fracStart = i
        while i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x39 { i += 1 }
        guard i > fracStart else { return nil }
        if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
            i += 1
            if i < bytes.count, bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+") { i += 1 }
            let expStart = i
            while i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x39 { i += 1 }
            guard i > expStart else { return nil }
        }
        guard i == bytes.count else { return nil }
        let text = bytes[0] == UInt8(ascii: "+") ? String(v.dropFirst()) : v
        return JSONNumber(text: text, isInteger: false)
    }
}
