import AvailConfig
import AvailKit

/// `--stores FILE [--store ID]`: stores' time zones and provider ids from a config.
enum StoreLookup {
    /// The config at `path`, which must lint without errors (a stale availability or closure is no error here).
    static func config(at path: String, now: Timestamp) throws(CLIFailure) -> StoreConfig {
        let bytes = try FileIO.readAll(path, limit: YAMLReader.Limits().maxBytes)
        let result = ConfigLinter(now: now).lint(bytes)
        // A stale availability or closure does not make the store's ids and zone wrong.
        let blocking = result.findings.filter { $0.severity == .error && RuleCatalog.rule($0.ruleID)?.isTimeRelative != true }
        guard let config = result.config, blocking.isEmpty else {
            // The errors first, as `plan` shows them: the message alone sent the user to lint to find them.
            Terminal.writeError(TextReporter(file: FileIO.displayName(path)).render(blocking))
            throw CLIFailure(message: "'\(path)' has lint errors; fix them first ('avail lint \(path)')")
        }
        return config
    }

    /// Store `id` of the config at `path`, or an error with a did-you-mean.
    static func found(_ config: StoreConfig, path: String, store id: String) throws(CLIFailure) -> StoreConfig.Store {
        guard let store = config.store(id) else {
            var message = "no store '\(id)' in '\(path)'"
            message += Suggest.hint(for: id, in: config.stores.map(\.id))
            throw CLIFailure(message: message)
        }
        return store
    }
}
