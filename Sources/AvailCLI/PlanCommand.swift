import ArgumentParser
import AvailConfig
import AvailKit

extension Provider {
    /// The parser's transform: the provider, or why `text` names none (with a did-you-mean).
    static func parse(_ text: String) throws -> Provider {
        if let provider = Provider(rawValue: text) { return provider }
        let names = allCases.map(\.rawValue)
        throw ValidationError("unknown provider '\(text)'\(Suggest.hint(for: text, in: names)) (the providers are \(names.joined(separator: ", ")))")
    }
}

struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Print the requests that would apply a store config on one provider (nothing is sent).",
        discussion: """
            For every store configured for the provider: the request for its availability and one per closure that \
            has not ended, each with method, path (the provider's ids filled in) and body, as JSON on stdout; \
            closures that ended and stores without the provider are listed as skipped; 'losses' lists what the \
            provider cannot carry. The config must lint without errors.

            Exit codes: 0 planned, 1 lint errors or a request that cannot be built, 2 usage or I/O error.
            """
    )

    @Argument(help: "The config file.") var file: String
    @Option(help: "The provider: \(Provider.allCases.map(\.rawValue).joined(separator: ", ")).", completion: .list(Provider.allCases.map(\.rawValue)), transform: Provider.parse)
    var to: Provider
    @Option(help: "The current time (RFC 3339); default: the clock.") var now: String?
    @Flag(help: "Compact JSON output.") var compact = false

    func run() throws {
        let bytes = try FileIO.readAll(file, limit: YAMLReader.Limits().maxBytes)
        let name = FileIO.displayName(file)
        let clock = try Clock.now(now)
        let result = ConfigLinter(now: clock).lint(bytes)
        let errors = result.findings.filter { $0.severity == .error }
        guard let config = result.config, errors.isEmpty else {
            Terminal.writeError(TextReporter(file: name).render(errors))
            Terminal.reportError("'\(name)' has lint errors; fix them before planning ('avail lint \(name)')")
            throw ExitCode(1)
        }
        let plan = Planner.plan(config, provider: to, now: clock)
        Terminal.write(JSONWriter(style: compact ? .compact : .pretty).string(plan.json(file: name)))
        if !plan.failures.isEmpty {
            Terminal.writeError(TextReporter(file: name).render(plan.failures))
            throw ExitCode(1)
        }
    }
}
