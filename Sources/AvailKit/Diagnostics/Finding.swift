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
    /// severity word in ANSI colour when `color`. A stream with a finding in
    /// every tenth record renders a line per finding, so the line is put
    /// together in a buffer sized up front and appended to `out` in one copy.
    ///
    /// Control characters in the file name and the message are escaped
    /// (``TerminalText``): a line is one finding, however the input is named.
    /// `marksFixable` adds ` [*]` to a finding with a safe fix, as ruff marks
    /// what `ruff check --fix` repairs (the text reporter does; ``textLine(defaultFile:)`` does not).
    func writeTextLine(into out: inout [UInt8], defaultFile: String, color: Bool = false, marksFixable: Bool = false) {
        var file = TerminalText.escaped(file ?? defaultFile)
        var message = TerminalText.escaped(message)
        var ruleID = ruleID
        file.withUTF8 { file in
            message.withUTF8 { message in
                ruleID.withUTF8 { ruleID in
                    // The three texts, three numbers of at most 20 characters, and under 60 bytes of punctuation and colour.
                    let capacity = file.count + message.count + ruleID.count + 128
                    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: capacity) { buffer in
                        var line = LineBuffer(buffer)
                        line.write(file)
                        if location.isKnown {
                            line.write(":")
                            line.write(decimal: location.line)
                            line.write(":")
                            line.write(decimal: location.column)
                        }
                        line.write(": ")
                        if color {
                            line.write("\u{1B}[")
                            line.write(severity.colorCode)
                            line.write("m")
                            line.write(severity.word)
                            line.write("\u{1B}[0m")
                        } else {
                            line.write(severity.word)
                        }
                        line.write(": ")
                        if let record {
                            line.write("record ")
                            line.write(decimal: record)
                            line.write(": ")
                        }
                        line.write(message)
                        line.write(" [")
                        line.write(ruleID)
                        line.write("]")
                        // Fixable by `avail fix`, as ruff marks it.
                        if marksFixable, fix?.safety == .safe { line.write(" [*]") }
                        out.append(contentsOf: line.written)
                    }
                }
            }
        }
    }
}

extension Severity {
    /// The word a text line shows (the raw value, without a `String`).
    var word: StaticString {
        switch self {
        case .error: "error"
        case .warning: "warning"
        case .note: "note"
        }
    }

    /// The ANSI colour of the word on a terminal.
    var colorCode: StaticString {
        switch self {
        case .error: "1;31"
        case .warning: "1;33"
        case .note: "1;36"
        }
    }
}

/// Bytes written into a buffer the caller sized; each part is one pointer copy.
struct LineBuffer {
    private let buffer: UnsafeMutableBufferPointer<UInt8>
    private var count = 0

    init(_ buffer: UnsafeMutableBufferPointer<UInt8>) { self.buffer = buffer }

    /// What has been written.
    var written: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(rebasing: buffer[0..<count]) }

    mutating func write(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let from = bytes.baseAddress, let to = buffer.baseAddress else { return }
        precondition(count + bytes.count <= buffer.count, "the line buffer is sized for its parts")
        (to + count).update(from: from, count: bytes.count)
        count += bytes.count
    }

    mutating func write(_ text: StaticString) {
        write(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// `value` in decimal ASCII digits (at most 20 characters).
    mutating func write(decimal value: Int) {
        guard let to = buffer.baseAddress else { return }
        precondition(count + 20 <= buffer.count, "the line buffer is sized for its parts")
        count += writeDecimal(Int64(value), into: to + count)
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
