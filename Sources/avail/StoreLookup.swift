import AvailConfig
import AvailKit

/// `--stores FILE --store ID`: the store's time zone and provider ids from a config.
enum StoreLookup {
    static func apply(configPath: String, store id: String, to options: inout ConversionOptions, explicitZone: Bool) throws(CLIFailure) {
        let bytes = try FileIO.readAll(configPath, limit: YAMLReader.Limits().maxBytes)
        let now: Timestamp
        if let given = options.now { now = given } else { now = try Clock.now(nil) }
        let result = ConfigLinter(now: now).lint(bytes)
        // A stale availability or closure does not make the store's ids and zone wrong.
        let blocking = result.findings.filter { $0.severity == .error && RuleCatalog.rule($0.ruleID)?.isTimeRelative != true }
        guard let config = result.config, blocking.isEmpty else {
            throw CLIFailure(message: "'\(configPath)' has lint errors; run 'avail lint \(configPath)'")
        }
        guard let store = config.store(id) else {
            var message = "no store '\(id)' in '\(configPath)'"
            if let guess = Suggest.closest(to: id, in: config.stores.map(\.id)) { message += "; did you mean '\(guess)'?" }
            throw CLIFailure(message: message)
        }
        if !explicitZone { options.timeZone = store.timeZone }
        // Ids a target needs in its body; a --set given on the command line wins.
        for provider in Provider.allCases { store.providers.api(for: provider)?.supply(&options, overriding: false) }
    }
}
