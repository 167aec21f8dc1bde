import AvailKit
import Foundation

extension StoreConfig {
    /// Why a config could not be loaded.
    public enum LoadError: Error, CustomStringConvertible, Sendable {
        /// The file could not be read.
        case unreadable(path: String, reason: String)
        /// The config has error findings (each with its line:column); `avail lint` shows them too.
        case invalid([Finding])

        public var description: String {
            switch self {
            case .unreadable(let path, let reason): "cannot read '\(path)': \(reason)"
            case .invalid(let findings):
                findings.filter { $0.severity == .error }.map { $0.textLine(defaultFile: "config") }.joined(separator: "\n")
            }
        }
    }

    /// Reads and lints a YAML store config; throws when it has error findings.
    /// Rules that read the clock (a closure already over) use `now`.
    public static func load(contentsOf url: URL, now: Date = Date()) throws(LoadError) -> StoreConfig {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw .unreadable(path: url.path, reason: error.localizedDescription)
        }
        return try load(yaml: [UInt8](data), now: now)
    }

    /// Lints YAML text as a store config; throws when it has error findings.
    public static func load(yaml bytes: [UInt8], now: Date = Date()) throws(LoadError) -> StoreConfig {
        let result = ConfigLinter(now: Timestamp(now)).lint(bytes)
        let findings = result.findings
        guard let config = result.config, !findings.hasErrors else { throw .invalid(findings) }
        return config
    }

    /// The requests that would apply this config on one provider (nothing is sent).
    public func plan(to provider: Provider, now: Date = Date()) -> Plan {
        Planner.plan(self, provider: provider, now: Timestamp(now))
    }
}
