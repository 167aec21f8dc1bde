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
        var line: [UInt8] = []
        writeTextLine(into: &line, defaultFile: defaultFile)
        return String(decoding: line, as: UTF8.self)
    }

    /// Appends ``textLine(defaultFile:)``'s text (no line break) to `out`, the
    /// severity word in ANSI colour when `color`. Written as bytes: a stream
    /// with a finding in every tenth record renders a line per finding.
    func writeTextLine(into out: inout [UInt8], defaultFile: String, color: Bool = false) {
        out.appendUTF8(file ?? defaultFile)
        if location.isKnown {
            out.append(UInt8(ascii: ":"))
            out.appendDecimal(location.line)
            out.append(UInt8(ascii: ":"))
            out.appendDecimal(location.column)
        }
        out.appendUTF8(": ")
        if color {
            let code = switch severity {
            case .error: "1;31"
            case .warning: "1;33"
            case .note: "1;36"
            }
            out.appendUTF8("\u{1B}[\(code)m")
            out.appendUTF8(severity.rawValue)
            out.appendUTF8("\u{1B}[0m")
        } else {
            out.appendUTF8(severity.rawValue)
        }
        out.appendUTF8(": ")
        if let record {
            out.appendUTF8("record ")
            out.appendDecimal(record)
            out.appendUTF8(": ")
        }
        out.appendUTF8(message)
        out.appendUTF8(" [")
        out.appendUTF8(ruleID)
        out.append(UInt8(ascii: "]"))
    }
}

extension Array where Element == UInt8 {
    /// Appends a string's UTF-8 bytes in one copy from its contiguous storage
    /// (the generic `append(contentsOf: s.utf8)` costs several times more).
    mutating func appendUTF8(_ s: String) {
        var s = s
        s.withUTF8 { append(contentsOf: $0) }
    }

    /// Appends `value` in decimal ASCII digits, without a detour through `String`.
    mutating func appendDecimal(_ value: Int) {
        // Digits are written backwards into a stack buffer, then appended at once.
        // The magnitude as UInt: Int.min has no positive Int. 20 digits and a sign fit.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 24) { buffer in
            var i = buffer.count
            var rest = value.magnitude
            repeat {
                i -= 1
                buffer[i] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest % 10)
                rest /= 10
            } while rest > 0
            if value < 0 {
                i -= 1
                buffer[i] = UInt8(ascii: "-")
            }
            append(contentsOf: UnsafeBufferPointer(rebasing: buffer[i...]))
        }
    }
}

extension Array where Element == Finding {
    public var hasErrors: Bool { contains { $0.severity == .error } }

    /// Appends `rhs`; an empty `lhs` takes `rhs`'s storage instead of copying
    /// it into a new buffer. Findings are gathered stage by stage (reader,
    /// decoder, rules), and usually only one stage finds anything.
    public static func += (lhs: inout [Finding], rhs: [Finding]) {
        if lhs.isEmpty {
            lhs = rhs
        } else {
            lhs.append(contentsOf: rhs)
        }
    }

    /// Findings in reading order: by line and column; findings at the same place keep their order.
    public func sortedByLocation() -> [Finding] {
        var sorted = self
        sorted.sortByLocation()
        return sorted
    }

    /// Sorts in place into reading order (stable: findings at the same place keep their order).
    mutating func sortByLocation() {
        if count < 2 { return }
        // A record has a handful of findings: an insertion sort moves them in place.
        if count <= 16 {
            for i in 1..<count {
                var j = i
                while j > 0 && self[j].location < self[j - 1].location {
                    swapAt(j, j - 1)
                    j -= 1
                }
            }
            return
        }
        self = enumerated().sorted { a, b in
            if a.element.location != b.element.location { return a.element.location < b.element.location }
            return a.offset < b.offset
        }.map(\.element)
    }
}
