/// The finding reporters `avail validate` and `avail lint` offer.
public enum ReporterKind: String, CaseIterable, Sendable {
    case text, json, sarif, github

    public func render(_ findings: [Finding], defaultFile: String = "<stdin>") -> String {
        switch self {
        case .text: TextReporter(file: defaultFile).render(findings)
        case .json: JSONReporter().render(findings, defaultFile: defaultFile)
        case .sarif: SARIFReporter().render(findings, defaultFile: defaultFile)
        case .github: GitHubReporter().render(findings, defaultFile: defaultFile)
        }
    }
}
