import AvailKit
import Foundation

/// One HTTP request that would apply part of a store's configuration.
public struct PlannedRequest: Sendable {
    /// The config id of the store the request is for.
    public var store: String
    /// What it applies: `availability`, `closure 1`, `storefront messages`.
    public var purpose: String
    /// The HTTP method, as the provider's API documents it (`PUT`, `POST`, …).
    public var method: String
    /// The request path with the store's provider ids filled in.
    public var path: String
    /// The request body's bytes, in the provider's format (pretty-printed).
    public var bodyBytes: [UInt8]
    /// What the provider cannot carry of the configured value (no notes: a
    /// value written another way is carried).
    public var losses: [Loss]

    /// The request body as a tree, read from ``bodyBytes`` when asked for:
    /// `avail lint` plans every store for its losses and never shows a body.
    public var body: JSONNode { JSONReader().read(bodyBytes).root ?? .null }
}

/// The requests that would apply a config on one provider; nothing is sent.
public struct Plan: Sendable {
    /// The provider the requests are for.
    public var provider: Provider
    /// The clock the plan was made against: pauses and closures already over are skipped.
    public var now: Timestamp
    /// The requests, in config order (store by store).
    public var requests: [PlannedRequest] = []
    /// Items not planned, with why (`store`, `purpose`, `reason`).
    public var skipped: [(store: String, purpose: String, reason: String)] = []
    /// Items the provider cannot take at all.
    public var failures: [Finding] = []

    /// Every loss, as a finding at its place in the config.
    public var lossFindings: [Finding] {
        requests.flatMap { r in r.losses.map { loss in
            var f = loss.finding
            f.ruleID = "provider_cannot_express"
            f.message = "\(provider.rawValue) (\(r.purpose) of '\(r.store)'): \(loss.message)"
            return f
        } }
    }
}

/// Turns a store config into the requests one provider needs (`avail plan`).
public enum Planner {
    /// The requests that bring `provider` in line with `config` at `now`, for the stores that configure that provider.
    public static func plan(_ config: StoreConfig, provider: Provider, now: Timestamp) -> Plan {
        plans(config, providers: [provider], now: now)[0]
    }

    /// One plan per provider, in one pass over the stores: each store's items
    /// (its availability and the closures not yet over) are worked out once,
    /// then planned for each provider the store configures.
    public static func plans(_ config: StoreConfig, providers: [Provider], now: Timestamp) -> [Plan] {
        plans(config.stores, providers: providers, now: now)
    }

    /// One plan per provider for `stores`. `checkingMeaning` false skips
    /// reading each body back (``MeaningCheck``): `avail lint` plans every
    /// store for its losses alone.
    static func plans(_ stores: [StoreConfig.Store], providers: [Provider], now: Timestamp, checkingMeaning: Bool = true) -> [Plan] {
        var plans = providers.map { Plan(provider: $0, now: now) }
        for store in stores {
            let targets = providers.map { Target(store: store, provider: $0) }
            for (p, target) in targets.enumerated() where target == nil {
                plans[p].skipped.append((store.id, "all", "no \(providers[p].rawValue) ids configured"))
            }
            guard targets.contains(where: { $0 != nil }) else { continue }
            var items: [StoreChange] = []
            var ended: [(String, String)] = []
            if let availability = store.availability { items.append(StoreChange(purpose: "availability", kind: .availability, decoded: availability)) }
            for (i, closure) in store.closures.enumerated() {
                let purpose = "closure \(i + 1)"
                if let until = closure.availability.until, !(now < until) {
                    ended.append((purpose, "it ended before now (\(until.rfc3339))"))
                    continue
                }
                items.append(StoreChange(purpose: purpose, kind: .closure(number: i + 1), decoded: closure))
            }
            for (p, target) in targets.enumerated() {
                guard let target else { continue }
                for (purpose, reason) in ended { plans[p].skipped.append((store.id, purpose, reason)) }
                var planned = items
                if let platform = target.platform {
                    // A change scoped to other channels leaves this platform alone.
                    planned.removeAll { item in
                        // A platform's own channel ids (deliveryhero:TB) are that platform's too.
                        guard let channels = item.decoded.availability.channels,
                            !channels.contains(where: { $0 == platform.rawValue || ChannelID.provider(of: $0) == platform.rawValue })
                        else { return false }
                        let list = channels.map { "'\($0)'" }.joined(separator: ", ")
                        plans[p].skipped.append((store.id, item.purpose, "it is scoped to channels \(list), not \(platform.rawValue)"))
                        return true
                    }
                }
                target.plan(planned, now: now, checkingMeaning: checkingMeaning, into: &plans[p])
            }
        }
        return plans
    }

    /// A store's API on one provider, built from the ids its config lists.
    /// It keeps the store's id and zone, not the store: targets are copied
    /// as they are iterated, and copying a whole store retained every string,
    /// tree and list in it (about 900 instructions a copy).
    struct Target {
        let storeID: String
        let timeZone: TimeZone?
        let provider: Provider
        let api: any StoreAPI

        init?(store: StoreConfig.Store, provider: Provider) {
            guard let api = store.providers.api(for: provider) else { return nil }
            self.storeID = store.id
            self.timeZone = store.timeZone
            self.provider = provider
            self.api = api
        }

        /// The delivery platform this provider is, when it is one (its channel name in canonical `channels`).
        var platform: DeliveryChannel? { DeliveryChannel(rawValue: provider.rawValue) }

        /// Adds the requests for `items`; a body that cannot be written is a failure of the plan.
        func plan(_ items: [StoreChange], now: Timestamp, checkingMeaning: Bool, into plan: inout Plan) {
            var options = ConversionOptions(timeZone: timeZone, now: now)
            options.checksMeaning = checkingMeaning
            // A plan lists what a provider cannot carry, never a note (a value written another way).
            options.describesNotes = false
            api.supply(&options, overriding: true)
            for request in api.requests(for: items, options: options) {
                switch request.body {
                case .success(let bytes, let losses):
                    plan.requests.append(PlannedRequest(
                        store: storeID, purpose: request.purpose, method: request.method, path: request.path, bodyBytes: bytes,
                        losses: losses.filter { !$0.kind.isNote }))
                case .failure(let findings):
                    plan.failures += findings.map { f in
                        var f = f
                        f.ruleID = "provider_request_impossible"
                        f.message = "\(provider.rawValue) (\(request.purpose) of '\(storeID)'): \(f.message)"
                        return f
                    }
                }
            }
        }
    }
}

extension StoreConfig.Providers {
    /// The store's API on `provider`, from the ids its config lists there; nil when it lists none.
    public func api(for provider: Provider) -> (any StoreAPI)? {
        switch provider {
        case .gett: gett.map { GettAPI(storeID: $0) }
        case .lula: lula.map { LulaAPI(storeID: $0) }
        case .tokopedia: tokopedia.map { TokopediaAPI(fsID: $0.fsID, shopID: $0.shopID) }
        case .bigcommerce: bigcommerce.map { BigCommerceAPI(storeHash: $0.storeHash, channelID: $0.channelID) }
        case .ubereats: ubereats.map { UberEatsAPI(storeID: $0) }
        case .doordash: doordash.map { DoorDashAPI(merchantSuppliedID: $0) }
        case .grubhub: grubhub.map { GrubhubAPI(merchantID: $0) }
        case .deliverect: deliverect.map { DeliverectAPI(locationID: $0.locationID, channelLinks: $0.channelLinks) }
        case .wolt: wolt.map { WoltAPI(venueID: $0) }
        case .justeat: justeat.map { JustEatAPI(restaurantID: $0.restaurantID, tenant: $0.tenant) }
        case .deliveryhero: deliveryhero.map { DeliveryHeroAPI(chainCode: $0.chainCode, vendorID: $0.vendorID, platforms: $0.platforms) }
        case .ifood: ifood.map { IFoodAPI(merchantID: $0) }
        case .grab: grab.map { GrabAPI(merchantID: $0) }
        }
    }
}

extension Plan {
    /// The plan as JSON: every request with method, path and body, what was skipped, and the losses.
    public func json(file: String) -> JSONNode {
        .object([
            ("provider", .string(provider.rawValue)),
            ("now", .string(now.rfc3339)),
            ("requests", .array(requests.map { r in
                .object([
                    ("store", .string(r.store)), ("for", .string(r.purpose)), ("method", .string(r.method)),
                    ("path", .string(r.path)), ("body", r.body),
                ])
            })),
            ("skipped", .array(skipped.map { .object([("store", .string($0.store)), ("for", .string($0.purpose)), ("reason", .string($0.reason))]) })),
            ("losses", .array(lossFindings.map { JSONReporter.node(for: $0, file: file) })),
        ])
    }
}
