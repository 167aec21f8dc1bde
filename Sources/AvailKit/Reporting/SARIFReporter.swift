import Foundation

/// Findings as a SARIF 2.1.0 log: one run of the `avail` driver with the
/// catalog's rules, each result with a physical region (1-based line and
/// column, counted in Unicode code points) and a logical location (the JSON Pointer).
public struct SARIFReporter: Sendable {
    /// The version the log names as the tool's.
    public var toolVersion: String

    /// A reporter naming `toolVersion` (this library's by default).
    public init(toolVersion: String = AvailKitVersion.current) { self.toolVersion = toolVersion }

    static func level(_ s: Severity) -> String {
        switch s {
        case .error: "error"
        case .warning: "warning"
        case .note: "note"
        }
    }

    /// The findings as one SARIF 2.1.0 log, with the rules they cite.
    public func render(_ findings: [Finding], defaultFile: String = "<stdin>") -> String {
        let used = Set(findings.map(\.ruleID))
        let rules = RuleCatalog.all.filter { used.contains($0.id) }
        let extra = used.subtracting(rules.map(\.id)).sorted()
        var index: [String: Int] = [:]
        var descriptors: [JSONNode] = []
        for rule in rules {
            index[rule.id] = descriptors.count
            descriptors.append(.object([
                ("id", .string(rule.id)),
                ("name", .string(Self.pascalCase(rule.id))),
                ("shortDescription", .object([("text", .string(rule.title))])),
                ("fullDescription", .object([("text", .string(rule.summary))])),
                ("help", .object([("text", .string(rule.rationale + " Run 'avail explain \(rule.id)' for examples."))])),
                ("defaultConfiguration", .object([("level", .string(Self.level(rule.severity)))])),
                ("properties", .object([("formats", .array(rule.formats.map { .string($0) }))])),
            ]))
        }
        for id in extra {
            index[id] = descriptors.count
            descriptors.append(.object([("id", .string(id)), ("shortDescription", .object([("text", .string(id))]))]))
        }
        let results: [JSONNode] = findings.map { f in
            var physical: [(String, JSONNode)] = [("artifactLocation", .object([("uri", .string(f.file ?? defaultFile))]))]
            if f.location.isKnown {
                physical.append(("region", .object([
                    ("startLine", .int(Int64(f.location.line))), ("startColumn", .int(Int64(f.location.column))),
                ])))
            }
            var location: [(String, JSONNode)] = [("physicalLocation", .object(physical))]
            if let pointer = f.pointer {
                location.append(("logicalLocations", .array([.object([
                    ("fullyQualifiedName", .string(pointer.isEmpty ? "/" : pointer)), ("kind", .string("member")),
                ])])))
            }
            var result: [(String, JSONNode)] = [
                ("ruleId", .string(f.ruleID)),
                ("ruleIndex", .int(Int64(index[f.ruleID] ?? 0))),
                ("level", .string(Self.level(f.severity))),
                ("message", .object([("text", .string(f.message))])),
                ("locations", .array([.object(location)])),
            ]
            if let record = f.record { result.append(("properties", .object([("record", .int(Int64(record)))]))) }
            return .object(result)
        }
        let log: JSONNode = .object([
            ("$schema", .string("https://json.schemastore.org/sarif-2.1.0.json")),
            ("version", .string("2.1.0")),
            ("runs", .array([.object([
                ("tool", .object([("driver", .object([
                    ("name", .string("avail")),
                    ("version", .string(toolVersion)),
                    ("rules", .array(descriptors)),
                ]))])),
                ("columnKind", .string("unicodeCodePoints")),
                ("results", .array(results)),
            ])])),
        ])
        return JSONWriter().string(log)
    }

    static func pascalCase(_ id: String) -> String {
        id.split(separator: "_").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }
}

/// Findings as GitHub Actions workflow commands
/// (`::error file=F,line=L,col=C,title=rule_id::message`), so they show as
/// annotations on the pull request.
public struct GitHubReporter: Sendable {
    /// A reporter.
    public init() {}

    /// The findings as `::error file=…,line=…,col=…::message` workflow commands, one per line.
    public func render(_ findings: [Finding], defaultFile: String = "<stdin>") -> String {
        findings.map { f in
            let command: String
            switch f.severity {
            case .error: command = "error"
            case .warning: command = "warning"
            case .note: command = "notice"
            }
            var properties = ["file=\(Self.escapeProperty(f.file ?? defaultFile))"]
            if f.location.isKnown {
                properties.append("line=\(f.location.line)")
                properties.append("col=\(f.location.column)")
            }
            properties.append("title=\(Self.escapeProperty(f.ruleID))")
            let record = f.record.map { "record \($0): " } ?? ""
            return "::\(command) \(properties.joined(separator: ","))::\(Self.escapeData(record + f.message))\n"
        }.joined()
    }

    static func escapeData(_ s: String) -> String {
        s.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D").replacingOccurrences(of: "\n", with: "%0A")
    }

    static func escapeProperty(_ s: String) -> String {
        escapeData(s).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}
