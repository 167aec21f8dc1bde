/// The finding reporters `avail validate` and `avail lint` offer.
public enum ReporterKind: String, CaseIterable, Sendable {
    /// Human-readable text, JSON, SARIF 2.1.0, or GitHub workflow commands (`--reporter`).
    case text, json, sarif, github

    /// The findings rendered by this reporter; `defaultFile` names findings without a file.
    public func render(_ findings: [Finding], defaultFile: String = "<stdin>", style: ReportStyle = ReportStyle()) -> String {
        let findings = style.shown(findings)
        return switch self {
        case .text: TextReporter(file: defaultFile, color: style.color).render(findings)
        case .json: JSONReporter().render(findings, defaultFile: defaultFile)
        case .sarif: SARIFReporter().render(findings, defaultFile: defaultFile)
        case .github: GitHubReporter().render(findings, defaultFile: defaultFile)
        }
    }

    /// Appends ``render(_:defaultFile:style:)``'s output to `out` (the text
    /// reporter writes its lines straight into the bytes).
    public func write(
        _ findings: [Finding], into out: inout [UInt8], defaultFile: String = "<stdin>", style: ReportStyle = ReportStyle()
    ) {
        switch self {
        case .text: TextReporter(file: defaultFile, color: style.color).write(style.shown(findings), into: &out)
        case .github: GitHubReporter().write(style.shown(findings), into: &out, defaultFile: defaultFile)
        case .json, .sarif: out.append(contentsOf: render(findings, defaultFile: defaultFile, style: style).utf8)
        }
    }
}

/// How findings are shown: only errors (`--quiet`), and the text reporter's
/// severity words in colour (on a terminal, unless `NO_COLOR` is set).
public struct ReportStyle: Sendable {
    /// Only errors are shown (`--quiet`).
    public var quiet: Bool
    /// Severities are coloured with ANSI escapes (text on a terminal without `NO_COLOR`).
    public var color: Bool

    /// A style; the defaults show everything, uncoloured.
    public init(quiet: Bool = false, color: Bool = false) {
        self.quiet = quiet
        self.color = color
    }

    /// The findings this style shows: only the errors when `quiet`.
    func shown(_ findings: [Finding]) -> [Finding] {
        quiet ? findings.filter { $0.severity == .error } : findings
    }
}
