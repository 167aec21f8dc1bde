/// How much a finding matters.
public enum Severity: String, Sendable, Hashable, CaseIterable, Comparable {
    case note
    case warning
    case error

    private var rank: Int {
        switch self {
        case .note: 0
        case .warning: 1
        case .error: 2
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// One problem found in an input: what, where, and how to fix it.
///
/// Messages are sentence case without a trailing period, quote user values in
/// single quotes, and never repeat the location.
public struct Finding: Hashable, Sendable {
    public var ruleID: String
    public var severity: Severity
    public var message: String
    public var location: SourceLocation
    /// JSON Pointer (RFC 6901) of the value the finding is about; "" is the whole document.
    public var pointer: String?
    public var file: String?
    /// The 1-based record number in an NDJSON stream.
    public var record: Int?
    /// The repair, when the finding has exactly one right one (`avail fix`).
    public var fix: Fix?

    public init(
        ruleID: String,
        severity: Severity,
        message: String,
        location: SourceLocation = .none,
        pointer: String? = nil,
        file: String? = nil,
        record: Int? = nil
    ) {
        self.record = record
        self.ruleID = ruleID
        self.severity = severity
        self.message = message
        self.location = location
        self.pointer = pointer
        self.file = file
    }
}

extension Finding {
    /// `file:line:col: severity: message [rule_id]`, the line editors and CI parse.
    public func textLine(defaultFile: String = "<stdin>") -> String {
        var prefix = file ?? defaultFile
        if location.isKnown { prefix += ":\(location.line):\(location.column)" }
        let recordText = record.map { "record \($0): " } ?? ""
        return "\(prefix): \(severity.rawValue): \(recordText)\(message) [\(ruleID)]"
    }
}

extension Array where Element == Finding {
    public var hasErrors: Bool { contains { $0.severity == .error } }

    /// Findings in reading order: by line, column, then rule id.
    public func sortedByLocation() -> [Finding] {
        if count < 2 { return self }
        return enumerated().sorted { a, b in
            if a.element.location != b.element.location { return a.element.location < b.element.location }
            return a.offset < b.offset
        }.map(\.element)
    }
}
