/// The finding reporters every `avail` command offers (`--output-format`).
public enum ReporterKind: String, CaseIterable, Sendable {
    /// `file:line:col: severity: message [rule]` lines, then a summary line.
    case text
    /// One JSON document: `{"findings": [...], "summary": {...}}`.
    case json
    /// One compact JSON object per finding per line (NDJSON).
    case jsonLines = "json-lines"
    /// One SARIF 2.1.0 log.
    case sarif
    /// GitHub Actions workflow commands (annotations).
    case github

    /// The findings rendered by this reporter as one complete output;
    /// `defaultFile` names findings without a file.
    public func render(_ findings: [Finding], defaultFile: String = "<stdin>", style: ReportStyle = ReportStyle()) -> String {
        var writer = ReportWriter(self, style: style, defaultFile: defaultFile)
        var out: [UInt8] = []
        writer.begin(into: &out)
        writer.write(findings, into: &out)
        writer.end(into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Whether the output is one document that ``ReportWriter/begin(into:)`` opens and ``ReportWriter/end(into:)`` closes.
    public var isDocument: Bool { self == .json || self == .sarif }
}

/// How findings are shown: only errors, the text reporter's severity words
/// in colour, and whether the text reporter ends with a summary line.
public struct ReportStyle: Sendable {
    /// Only error-severity findings are shown (the counts still hold every finding).
    public var errorsOnly: Bool
    /// Severities are coloured with ANSI escapes (the text reporter).
    public var color: Bool
    /// The text reporter ends with a line counting the findings (`Found 2 errors …` or `All checks passed`).
    public var summary: Bool

    /// A style; the defaults show everything, uncoloured, with no summary line.
    public init(errorsOnly: Bool = false, color: Bool = false, summary: Bool = false) {
        self.errorsOnly = errorsOnly
        self.color = color
        self.summary = summary
    }

    /// The findings this style shows.
    func shown(_ findings: [Finding]) -> [Finding] {
        errorsOnly ? findings.filter { $0.severity == .error } : findings
    }
}

/// How many findings of each severity a report holds, how many a fix would
/// repair, and which rules they cite.
public struct FindingTally: Sendable, Equatable {
    /// Error-severity findings.
    public var errors = 0
    /// Warnings.
    public var warnings = 0
    /// Notes.
    public var notes = 0
    /// Findings `avail fix` repairs.
    public var fixable = 0
    /// Findings `avail fix --unsafe-fixes` repairs too.
    public var unsafeFixable = 0
    /// The catalog rules cited, as bits of their index in ``RuleCatalog/all`` (a SARIF log lists them).
    var rules = RuleBits()

    /// An empty tally.
    public init() {}

    /// The tally of `findings`.
    public init(_ findings: [Finding]) {
        for i in findings.indices { add(findings[i]) }
    }

    /// Counts one finding.
    public mutating func add(_ f: Finding) {
        switch f.severity {
        case .error: errors += 1
        case .warning: warnings += 1
        case .note: notes += 1
        }
        switch f.fix?.safety {
        case .safe?: fixable += 1
        case .unsafe?: unsafeFixable += 1
        case nil: break
        }
        if let index = RuleCatalog.index(of: f.ruleID) { rules.insert(index) }
    }

    /// Adds another tally's counts.
    public mutating func add(_ other: FindingTally) {
        errors += other.errors
        warnings += other.warnings
        notes += other.notes
        fixable += other.fixable
        unsafeFixable += other.unsafeFixable
        rules.formUnion(other.rules)
    }

    /// Every finding counted.
    public var total: Int { errors + warnings + notes }
}

/// A set of catalog rule indices in four words: a tally is merged per record without allocating.
struct RuleBits: Sendable, Equatable {
    /// In memory, not a `SIMD4`: a lane written at a variable index spills and reloads the vector.
    private var words = InlineArray<4, UInt64>(repeating: 0)

    mutating func insert(_ index: Int) {
        guard index >= 0, index < 256 else { return }
        words[index >> 6] |= 1 << UInt64(index & 63)
    }

    mutating func formUnion(_ other: RuleBits) {
        for i in 0..<4 { words[i] |= other.words[i] }
    }

    func contains(_ index: Int) -> Bool {
        index >= 0 && index < 256 && words[index >> 6] & (1 << UInt64(index & 63)) != 0
    }

    static func == (a: RuleBits, b: RuleBits) -> Bool {
        (0..<4).allSatisfy { a.words[$0] == b.words[$0] }
    }
}

/// Writes findings as they come, in constant memory, in one reporter's
/// format: text, json-lines and github a line per finding; json and sarif
/// one document that ``begin(into:)`` opens and ``end(into:)`` closes (SARIF
/// lists the rules its results cite after them, so nothing is held).
///
/// Findings can be rendered where they are made (``render(_:into:)``, on a
/// worker thread) and the pieces joined in order by one writer
/// (``append(_:tally:into:)``), which keeps the separators and counts.
public struct ReportWriter: Sendable {
    /// The format written.
    public let kind: ReporterKind
    /// Errors only, colour and the summary line.
    public var style: ReportStyle
    /// The file findings without one are reported in.
    public var defaultFile: String
    /// The version a SARIF log names as the tool's.
    public var toolVersion = AvailKitVersion.current
    /// What has been written so far (every finding, shown or not).
    public private(set) var tally = FindingTally()
    /// Whether a finding has been written into the document (json, sarif): the next one needs a comma.
    private var wroteItem = false

    /// A writer of `kind` output.
    public init(_ kind: ReporterKind, style: ReportStyle = ReportStyle(), defaultFile: String = "<stdin>") {
        self.kind = kind
        self.style = style
        self.defaultFile = defaultFile
    }

    /// The opening of a json or sarif document; nothing for the line formats.
    public func begin(into out: inout [UInt8]) {
        switch kind {
        case .json: out.append(contentsOf: "{\n  \"findings\": [".utf8)
        case .sarif:
            out.append(contentsOf: "{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n  \"version\": \"2.1.0\",\n  \"runs\": [\n    {\n      \"columnKind\": \"unicodeCodePoints\",\n      \"results\": [".utf8)
        case .text, .jsonLines, .github: break
        }
    }

    /// Renders `findings` (those the style shows) as one piece for
    /// ``append(_:tally:into:)``; json and sarif items are separated inside
    /// the piece, not before or after it. Holds no state: a worker may call it.
    public func render(_ findings: [Finding], into out: inout [UInt8]) {
        let shown = style.errorsOnly ? style.shown(findings) : findings
        switch kind {
        case .text: TextReporter(file: defaultFile, color: style.color).write(shown, into: &out)
        case .github: GitHubReporter().write(shown, into: &out, defaultFile: defaultFile)
        case .jsonLines:
            let writer = JSONWriter(style: .compact)
            for f in shown {
                writer.write(JSONReporter.node(for: f, file: defaultFile), into: &out)
                out.append(0x0A)
            }
        case .json:
            let writer = JSONWriter()
            for (i, f) in shown.enumerated() {
                if i > 0 { out.append(contentsOf: ",\n".utf8) }
                out.append(contentsOf: "    ".utf8)
                writer.write(JSONReporter.node(for: f, file: defaultFile), depth: 2, into: &out)
            }
        case .sarif:
            let writer = JSONWriter()
            for (i, f) in shown.enumerated() {
                if i > 0 { out.append(contentsOf: ",\n".utf8) }
                out.append(contentsOf: "        ".utf8)
                writer.write(SARIFReporter.result(for: f, defaultFile: defaultFile), depth: 4, into: &out)
            }
        }
    }

    /// Appends a piece from ``render(_:into:)`` of findings whose tally is `tally`.
    public mutating func append(_ piece: UnsafeBufferPointer<UInt8>, tally: FindingTally, into out: inout [UInt8]) {
        self.tally.add(tally)
        guard !piece.isEmpty else { return }
        if kind.isDocument { out.append(contentsOf: (wroteItem ? ",\n" : "\n").utf8) }
        wroteItem = true
        out.append(contentsOf: piece)
    }

    /// Renders and appends `findings`.
    public mutating func write(_ findings: [Finding], into out: inout [UInt8]) {
        guard !findings.isEmpty else { return }
        var piece: [UInt8] = []
        render(findings, into: &piece)
        piece.withUnsafeBufferPointer { append($0, tally: FindingTally(findings), into: &out) }
    }

    /// The end of the output: the json summary, the sarif rules, or the text summary line.
    public func end(into out: inout [UInt8]) {
        switch kind {
        case .json:
            out.append(contentsOf: (wroteItem ? "\n  ],\n" : "],\n").utf8)
            out.append(contentsOf: "  \"summary\": ".utf8)
            let summary: JSONNode = .object([
                ("errors", .int(Int64(tally.errors))), ("warnings", .int(Int64(tally.warnings))), ("notes", .int(Int64(tally.notes))),
                ("fixable", .int(Int64(tally.fixable))),
            ])
            JSONWriter().write(summary, depth: 1, into: &out)
            out.append(contentsOf: "\n}\n".utf8)
        case .sarif:
            out.append(contentsOf: (wroteItem ? "\n      ],\n" : "],\n").utf8)
            out.append(contentsOf: "      \"tool\": ".utf8)
            JSONWriter().write(SARIFReporter(toolVersion: toolVersion).tool(citing: tally.rules), depth: 3, into: &out)
            out.append(contentsOf: "\n    }\n  ]\n}\n".utf8)
        case .text:
            if style.summary { out.append(contentsOf: Self.summaryLine(tally).utf8) }
        case .jsonLines, .github: break
        }
    }

    /// `Found 2 errors and 1 warning (1 fixable with 'avail fix').` or `All checks passed.`, with a line break.
    public static func summaryLine(_ tally: FindingTally) -> String {
        guard tally.total > 0 else { return "All checks passed.\n" }
        func count(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
        var parts: [String] = []
        if tally.errors > 0 { parts.append(count(tally.errors, "error")) }
        if tally.warnings > 0 { parts.append(count(tally.warnings, "warning")) }
        if tally.notes > 0 { parts.append(count(tally.notes, "note")) }
        var line = "Found " + (parts.count > 1 ? parts.dropLast().joined(separator: ", ") + " and " + (parts.last ?? "") : parts.joined())
        var fixes: [String] = []
        if tally.fixable > 0 { fixes.append("\(tally.fixable) fixable with 'avail fix'") }
        if tally.unsafeFixable > 0 { fixes.append("\(tally.unsafeFixable) more with --unsafe-fixes") }
        if !fixes.isEmpty { line += " (" + fixes.joined(separator: ", ") + ")" }
        return line + ".\n"
    }
}
