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

extension StoreConfig {
    /// The store a document names by the id it carries: a store's config id,
    /// or one of its providers' ids as AvailKit writes them (`doordash:airport-001`,
    /// `tokopedia:1707045`, `deliverect:5c8f…`, `gett:…`).
    public func store(carrying id: String) -> Store? {
        stores.first { $0.id == id || $0.providers.namespacedIDs.contains(id) }
    }

    /// A lookup for `Converter.Options.resolveStore`: each document's store
    /// found by the id it carries, its time zone (unless one was given) and
    /// its ids for `target`'s provider on top of `base`, and the endpoint the
    /// target's body goes to. Built once; the stores are indexed by every id.
    public func storeResolver(
        base: ConversionOptions, target: any AvailabilityFormat, keepingZone: Bool
    ) -> @Sendable (Availability) -> Result<Converter.StoreTarget, Converter.StoreNotFound> {
        var index: [String: Int] = [:]
        for (i, store) in stores.enumerated() {
            if index[store.id] == nil { index[store.id] = i }
            for id in store.providers.namespacedIDs where index[id] == nil { index[id] = i }
        }
        let byID = index
        // Each store's values and endpoint, made once: made per document, they were
        // six allocations and about 7,000 instructions a record.
        let targets = stores.map { $0.target(base: base, for: target, keepingZone: keepingZone) }
        return { doc in
            guard let id = doc.store else {
                return .failure(Converter.StoreNotFound("the document names no store, so its store cannot be found in the store config; pass --store ID"))
            }
            guard let i = byID[id] else {
                return .failure(Converter.StoreNotFound("no store in the store config has the id '\(id)'; add it to a store's providers, or pass --store ID"))
            }
            return .success(targets[i])
        }
    }
}

extension StoreConfig.Store {
    /// What this store's documents are encoded with for `format`: `base` with
    /// the store's time zone (unless `keepingZone`: one was given; a store with
    /// none keeps `base`'s) and the ids its providers' bodies carry (a value
    /// `base` has wins), and where `format`'s body goes for this store.
    public func target(base: ConversionOptions, for format: any AvailabilityFormat, keepingZone: Bool) -> Converter.StoreTarget {
        var values = base
        if !keepingZone, let zone = timeZone { values.timeZone = zone }
        for p in Provider.allCases { providers.api(for: p)?.supply(&values, overriding: false) }
        let endpoint = Provider.owning(format).flatMap { providers.api(for: $0) }?.endpoint(for: format.id)
        return Converter.StoreTarget(store: id, values: values, endpoint: endpoint)
    }
}

extension StoreConfig.Providers {
    /// Every provider id of the store, as a document carries it (`provider:ID`).
    public var namespacedIDs: [String] {
        var ids: [String] = []
        if let gett { ids.append(ChannelID.make(gett, of: "gett")) }
        if let lula { ids.append(ChannelID.make(lula, of: "lula")) }
        if let tokopedia { ids.append(ChannelID.make(String(tokopedia.shopID), of: "tokopedia")) }
        if let bigcommerce { ids.append(ChannelID.make(bigcommerce.storeHash, of: "bigcommerce")) }
        if let ubereats { ids.append(ChannelID.make(ubereats, of: "ubereats")) }
        if let doordash { ids.append(ChannelID.make(doordash, of: "doordash")) }
        if let grubhub { ids.append(ChannelID.make(grubhub, of: "grubhub")) }
        if let deliverect { ids.append(ChannelID.make(deliverect.locationID, of: "deliverect")) }
        if let wolt { ids.append(ChannelID.make(wolt, of: "wolt")) }
        if let justeat { ids.append(ChannelID.make(justeat.restaurantID, of: "justeat")) }
        if let deliveryhero { ids.append(ChannelID.make(deliveryhero.vendorID, of: "deliveryhero")) }
        if let ifood { ids.append(ChannelID.make(ifood, of: "ifood")) }
        if let grab { ids.append(ChannelID.make(grab, of: "grab")) }
        return ids
    }
}
