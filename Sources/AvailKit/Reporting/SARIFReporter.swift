import Foundation

/// Findings as a SARIF 2.1.0 log: one run of the `avail` driver with the
/// catalog rules its results cite, each result with a physical region
/// (1-based line and column, counted in Unicode code points) and a logical
/// location (the JSON Pointer). ``ReportWriter`` writes it as findings come.
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
        var writer = ReportWriter(.sarif, defaultFile: defaultFile)
        writer.toolVersion = toolVersion
        var out: [UInt8] = []
        writer.begin(into: &out)
        writer.write(findings, into: &out)
        writer.end(into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// One finding as a SARIF result: its rule, level, message, a physical
    /// region (1-based line and column, in Unicode code points), the JSON
    /// Pointer as a logical location, and whether `avail fix` repairs it.
    /// Results name their rule by id (`ruleId`); the rules are listed after
    /// them, so a log is written as its findings come.
    static func result(for f: Finding, defaultFile: String) -> JSONNode {
        var physical: [(String, JSONNode)] = [("artifactLocation", .object([("uri", .string(uri(f.file ?? defaultFile)))]))]
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
            ("level", .string(level(f.severity))),
            ("message", .object([("text", .string(f.message))])),
            ("locations", .array([.object(location)])),
        ]
        var properties: [(String, JSONNode)] = []
        if let record = f.record { properties.append(("record", .int(Int64(record)))) }
        if let fix = f.fix { properties.append(("fix", .string(fix.safety.rawValue))) }
        if !properties.isEmpty { result.append(("properties", .object(properties))) }
        return .object(result)
    }

    /// The log's `tool`: the `avail` driver and the catalog rules in `cited`, in catalog order.
    func tool(citing cited: RuleBits) -> JSONNode {
        var descriptors: [JSONNode] = []
        for (i, rule) in RuleCatalog.all.enumerated() where cited.contains(i) {
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
        return .object([
            ("driver", .object([
                ("name", .string("avail")),
                ("version", .string(toolVersion)),
                ("informationUri", .string("https://github.com/availkit/availkit")),
                ("rules", .array(descriptors)),
            ]))
        ])
    }

    /// A file path as a SARIF `uri` (RFC 3986): every byte but the unreserved
    /// characters and `/` percent-encoded, an absolute path as a `file://` URI.
    public static func uri(_ path: String) -> String {
        var out = path.hasPrefix("/") ? "file://" : ""
        let hex = Array("0123456789ABCDEF".utf8)
        var bytes: [UInt8] = []
        for b in path.utf8 {
            switch b {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
                bytes.append(b)
            default:
                bytes += [UInt8(ascii: "%"), hex[Int(b >> 4)], hex[Int(b & 0x0F)]]
            }
        }
        out += String(decoding: bytes, as: UTF8.self)
        return out
    }

    static func pascalCase(_ id: String) -> String {
        id.split(separator: "_").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }
}

/// Findings as GitHub Actions workflow commands
/// (`::error file=F,line=L,col=C,title=rule_id::message`), so they show as
/// annotations on the pull request. Control characters in a file name or a
/// message are escaped as the text reporter escapes them (``TerminalText``),
/// then the command's own characters are percent-encoded.
public struct GitHubReporter: Sendable {
    /// A reporter.
    public init() {}

    /// The findings as `::error file=…,line=…,col=…::message` workflow commands, one per line.
    public func render(_ findings: [Finding], defaultFile: String = "<stdin>") -> String {
        var out: [UInt8] = []
        write(findings, into: &out, defaultFile: defaultFile)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends ``render(_:defaultFile:)``'s lines to `out`, a line at a time
    /// in bytes (a stream with a finding in every tenth record renders one
    /// per finding).
    public func write(_ findings: [Finding], into out: inout [UInt8], defaultFile: String = "<stdin>") {
        for f in findings {
            switch f.severity {
            case .error: Self.put("::error file=", into: &out)
            case .warning: Self.put("::warning file=", into: &out)
            case .note: Self.put("::notice file=", into: &out)
            }
            Self.append(f.file ?? defaultFile, property: true, into: &out)
            if f.location.isKnown {
                Self.put(",line=", into: &out)
                Self.put(String(f.location.line), into: &out)
                Self.put(",col=", into: &out)
                Self.put(String(f.location.column), into: &out)
            }
            Self.put(",title=", into: &out)
            Self.append(f.ruleID, property: true, into: &out)
            Self.put("::", into: &out)
            if let record = f.record {
                Self.put("record ", into: &out)
                Self.put(String(record), into: &out)
                Self.put(": ", into: &out)
            }
            Self.append(f.message, property: false, into: &out)
            out.append(0x0A)
        }
    }

    private static func put(_ text: String, into out: inout [UInt8]) {
        out.append(contentsOf: text.utf8)
    }

    /// `text` escaped for a command's data (`%`, CR, LF) or a property (also `:` and `,`).
    private static func append(_ text: String, property: Bool, into out: inout [UInt8]) {
        let special: (UInt8) -> Bool = { b in
            TerminalText.mayNeedEscape(b) || b == UInt8(ascii: "%") || (property && (b == UInt8(ascii: ":") || b == UInt8(ascii: ",")))
        }
        // Eight bytes at a time, as the text reporter scans (a byte at a time
        // through the view, the github reporter took 3.7 times as long as text).
        let specialWord: (UInt64) -> Bool = { w in
            ByteScan.mayNeedEscape(w) || ByteScan.equal(UInt8(ascii: "%"), in: w) != 0
                || (property && ByteScan.equal(UInt8(ascii: ":"), in: w) | ByteScan.equal(UInt8(ascii: ","), in: w) != 0)
        }
        var text = text
        guard text.withUTF8({ ByteScan.contains($0, word: specialWord, byte: special) }) else {
            out.append(contentsOf: text.utf8)
            return
        }
        for b in TerminalText.escaped(text).utf8 {
            switch b {
            case UInt8(ascii: "%"): put("%25", into: &out)
            case 0x0D: put("%0D", into: &out)
            case 0x0A: put("%0A", into: &out)
            case UInt8(ascii: ":") where property: put("%3A", into: &out)
            case UInt8(ascii: ",") where property: put("%2C", into: &out)
            default: out.append(b)
            }
        }
    }
}
