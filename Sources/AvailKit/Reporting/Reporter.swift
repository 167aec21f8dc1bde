/// The finding reporters `avail validate` and `avail lint` offer.
public enum ReporterKind: String, CaseIterable, Sendable {
    case text, json, sarif, github

    public func render(_ findings: [Finding], defaultFile: String = "<stdin>", style: ReportStyle = ReportStyle()) -> String {
        let findings = style.quiet ? findings.filter { $0.severity == .error } : findings
        return switch self {
        case .text: TextReporter(file: defaultFile, color: style.color).render(findings)
        case .json: JSONReporter().render(findings, defaultFile: defaultFile)
        case .sarif: SARIFReporter().render(findings, defaultFile: defaultFile)
        case .github: GitHubReporter().render(findings, defaultFile: defaultFile)
        }
    }
}

/// How findings are shown: only errors (`--quiet`), and the text reporter's
/// severity words in colour (on a terminal, unless `NO_COLOR` is set).
public struct ReportStyle: Sendable {
    public var quiet: Bool
    public var color: Bool

    public init(quiet: Bool = false, color: Bool = false) {
        self.quiet = quiet
        self.color = color
    }
}
