/// How much a finding matters.
public enum Severity: String, Sendable, Hashable, CaseIterable, Comparable {
    /// Worth knowing; never fails a run.
    case note
    /// Probably wrong; fails a run only with `--strict`.
    case warning
    /// Wrong: the input is invalid and the run exits 1.
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
    /// The rule that made the finding (`paused_requires_reason`, `invalid_json`, …).
    public var ruleID: String
    /// How much it matters, after any severity override.
    public var severity: Severity
    /// What is wrong and how to fix it, in one sentence.
    public var message: String
    /// Where in the input, 1-based; ``SourceLocation/none`` for the whole input.
    public var location: SourceLocation
    /// JSON Pointer (RFC 6901) of the value the finding is about; "" is the whole document.
    public var pointer: String?
    /// The input file's path, when the input came from a file.
    public var file: String?
    /// The 1-based record number in an NDJSON stream.
    public var record: Int?
    /// The repair, when the finding has exactly one right one (`avail fix`).
    public var fix: Fix?

    /// A finding without a fix; `pointer`, `file` and `record` are optional.
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
