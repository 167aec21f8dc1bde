import ArgumentParser
import AvailKit

/// Where a command's findings go, as they come: in the run's reporter
/// format on stdout (stderr when stdout carries converted or fixed output),
/// or counted per rule for `--statistics`, or nowhere with `--silent`; and
/// whether they fail the run.
struct Report {
    private(set) var writer: ReportWriter
    let statistics: Bool
    let silent: Bool
    let strict: Bool
    let exitZero: Bool
    let toStderr: Bool
    /// `--statistics`: per rule, in first-seen order.
    private var counts: [(rule: String, count: Int, severity: Severity, fix: Fix.Safety?)] = []
    private var countIndex: [String: Int] = [:]
    private var buffer: [UInt8] = []
    private var begun = false
    /// An input could not be read: the summary does not say every check passed.
    var incomplete = false

    init(_ run: Run, toStderr: Bool = false, summary: Bool = true) {
        writer = ReportWriter(run.reporter, style: run.style(summary: summary))
        statistics = run.options.statistics
        silent = run.options.silent
        strict = run.options.strict
        exitZero = run.options.exitZero
        self.toStderr = toStderr
    }

    /// Whether findings are written one by one (so a worker may render them); false for `--statistics` and `--silent`.
    var writesFindings: Bool { !statistics && !silent }

    /// The writer workers render with (``ReportWriter/render(_:into:)`` holds no state).
    var renderer: ReportWriter { writer }

    /// Everything counted so far.
    var tally: FindingTally { writer.tally }

    /// Whether what was counted fails the run: an error, or a warning with `--strict`.
    var failing: Bool { tally.errors > 0 || (strict && tally.warnings > 0) }

    private mutating func begin() {
        guard !begun else { return }
        begun = true
        if writesFindings { writer.begin(into: &buffer) }
    }

    /// Writes findings made on this thread.
    mutating func add(_ findings: [Finding]) {
        guard !findings.isEmpty else { return }
        begin()
        if writesFindings {
            writer.write(findings, into: &buffer)
            flush()
        } else {
            let piece: [UInt8] = []
            piece.withUnsafeBufferPointer { writer.append($0, tally: FindingTally(findings), into: &buffer) }
            if statistics { count(findings) }
        }
    }

    /// Writes a piece a worker rendered (``renderer``), of findings whose tally is `tally`.
    mutating func add(piece: UnsafeBufferPointer<UInt8>, tally: FindingTally) {
        begin()
        writer.append(writesFindings ? piece : UnsafeBufferPointer(start: nil, count: 0), tally: tally, into: &buffer)
        if buffer.count >= 1 << 16 { flush() }
    }

    private mutating func count(_ findings: [Finding]) {
        for f in findings {
            if let i = countIndex[f.ruleID] {
                counts[i].count += 1
            } else {
                countIndex[f.ruleID] = counts.count
                counts.append((f.ruleID, 1, f.severity, f.fix?.safety))
            }
        }
    }

    /// Hands what is buffered to the terminal's writer (before a stream waits on a live pipe, and at the end).
    mutating func flush() {
        guard !buffer.isEmpty else { return }
        if toStderr { Terminal.err.write(buffer) } else { Terminal.out.write(buffer) }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Closes the output: the document's end, the summary line, or the statistics.
    mutating func finish() {
        begin()
        if statistics && !silent {
            buffer.append(contentsOf: renderStatistics().utf8)
        } else if writesFindings {
            if incomplete && tally.total == 0 { writer.style.summary = false }
            writer.end(into: &buffer)
        }
        flush()
    }

    /// `--statistics`: `COUNT  RULE  SEVERITY  [*]  TITLE` lines, most frequent first (JSON for the JSON formats).
    private func renderStatistics() -> String {
        let sorted = counts.enumerated().sorted { ($0.element.count, -$0.offset) > ($1.element.count, -$1.offset) }.map(\.element)
        if writer.kind == .json || writer.kind == .jsonLines || writer.kind == .sarif {
            let items: [JSONNode] = sorted.map { c in
                .object([
                    ("rule", .string(c.rule)), ("count", .int(Int64(c.count))), ("severity", .string(c.severity.rawValue)),
                    ("fix", c.fix.map { .string($0.rawValue) } ?? .null), ("title", .string(RuleCatalog.rule(c.rule)?.title ?? c.rule)),
                ])
            }
            // JSON Lines: one rule per line, as its findings are one per line; else one array.
            if writer.kind == .jsonLines { return items.map { JSONWriter(style: .compact).string($0) }.joined() }
            return JSONWriter(style: .pretty).string(.array(items))
        }
        let countWidth = sorted.map { String($0.count).count }.max() ?? 1
        let ruleWidth = sorted.map(\.rule.count).max() ?? 0
        var text = ""
        for c in sorted {
            let number = String(repeating: " ", count: countWidth - String(c.count).count) + String(c.count)
            let mark = c.fix == .safe ? "[*]" : "   "
            text += "\(number)  \(c.rule.padding(toLength: ruleWidth, withPad: " ", startingAt: 0))  "
            text += "\(c.severity.rawValue.padding(toLength: 7, withPad: " ", startingAt: 0))  \(mark)  \(RuleCatalog.rule(c.rule)?.title ?? "")\n"
        }
        if !writer.style.summary { return text }
        return text + ReportWriter.summaryLine(tally)
    }

    /// Ends the run: exit 2 after an I/O or usage error, 1 when the findings fail it (unless `--exit-zero`).
    func exit(ioFailed: Bool) throws {
        // (An unreadable input is reported where it is met; `incomplete` keeps the summary honest.)
        if ioFailed { throw ExitCode(2) }
        if failing && !exitZero { throw ExitCode(1) }
    }
}
