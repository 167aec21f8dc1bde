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
    /// The request body, in the provider's format.
    public var body: JSONNode
    /// What the provider cannot carry of the configured value.
    public var losses: [Loss]
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
        requests.flatMap { r in r.losses.filter { $0.kind != .reencoded && $0.kind != .omitted }.map { loss in
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
        var plans = providers.map { Plan(provider: $0, now: now) }
        for store in config.stores {
            let targets = providers.map { Target(store: store, provider: $0) }
            for (p, target) in targets.enumerated() where target == nil {
                plans[p].skipped.append((store.id, "all", "no \(providers[p].rawValue) ids configured"))
            }
            guard targets.contains(where: { $0 != nil }) else { continue }
            var items: [(String, Decoded)] = []
            var ended: [(String, String)] = []
            if let availability = store.availability { items.append(("availability", availability)) }
            for (i, closure) in store.closures.enumerated() {
                let purpose = "closure \(i + 1)"
                if let until = closure.availability.until, !(now < until) {
                    ended.append((purpose, "it ended before now (\(until.rfc3339))"))
                    continue
                }
                items.append((purpose, closure))
            }
            for (p, target) in targets.enumerated() {
                guard let target else { continue }
                for (purpose, reason) in ended { plans[p].skipped.append((store.id, purpose, reason)) }
                var planned = items
                if let platform = target.platform {
                    // A change scoped to other channels leaves this platform alone.
                    planned.removeAll { purpose, decoded in
                        guard let channels = decoded.availability.channels, !channels.contains(platform.rawValue) else { return false }
                        let list = channels.map { "'\($0)'" }.joined(separator: ", ")
                        plans[p].skipped.append((store.id, purpose, "it is scoped to channels \(list), not \(platform.rawValue)"))
                        return true
                    }
                }
                target.plan(planned, now: now, into: &plans[p])
            }
        }
        return plans
    }

    /// A store's ids on one provider, and how to address it.
    struct Target {
        let store: StoreConfig.Store
        let provider: Provider

        init?(store: StoreConfig.Store, provider: Provider) {
            switch provider {
            case .gett: guard store.providers.gett != nil else { return nil }
            case .lula: guard store.providers.lula != nil else { return nil }
            case .tokopedia: guard store.providers.tokopedia != nil else { return nil }
            case .bigcommerce: guard store.providers.bigcommerce != nil else { return nil }
            case .ubereats: guard store.providers.ubereats != nil else { return nil }
            case .doordash: guard store.providers.doordash != nil else { return nil }
            case .grubhub: guard store.providers.grubhub != nil else { return nil }
            case .deliverect: guard store.providers.deliverect != nil else { return nil }
            }
            self.store = store
            self.provider = provider
        }

        /// The delivery platform this provider is, when it is one (its channel name in canonical `channels`).
        var platform: DeliveryChannel? { DeliveryChannel(rawValue: provider.rawValue) }

        func plan(_ items: [(String, Decoded)], now: Timestamp, into plan: inout Plan) {
            guard provider == .ubereats else {
                for (purpose, decoded) in items { requests(for: decoded, purpose: purpose, now: now, into: &plan) }
                return
            }
            // Each holiday-hours POST replaces every date: all closures go in one body.
            for (purpose, decoded) in items where purpose == "availability" {
                requests(for: decoded, purpose: purpose, now: now, into: &plan)
            }
            let closures = items.filter { $0.0 != "availability" }
            if !closures.isEmpty { holidayHours(closures, now: now, into: &plan) }
        }

        func requests(for decoded: Decoded, purpose: String, now: Timestamp, into plan: inout Plan) {
            var options = ConversionOptions(timeZone: store.timeZone, now: now)
            let doc = decoded.availability
            switch provider {
            case .gett:
                add(GettFormat(kind: .request), decoded, options, "POST", "/v1/commerce/stores/\(store.providers.gett ?? "")/status", purpose, &plan)
            case .lula:
                add(LulaFormat(), decoded, options, "PUT", "/stores/\(store.providers.lula ?? "")/status", purpose, &plan)
            case .tokopedia:
                guard let ids = store.providers.tokopedia else { return }
                options.setTokopediaShop(ids.shopID)
                add(TokopediaFormat(), decoded, options, "POST", "/v2/shop/fs/\(ids.fsID)/shop-status", purpose, &plan)
            case .bigcommerce:
                guard let ids = store.providers.bigcommerce else { return }
                if doc.state != nil {
                    var state = decoded
                    state.availability.maintenanceMessage = nil
                    state.availability.prelaunchMessage = nil
                    add(BigCommerceChannelFormat(), state, options, "PUT", "/stores/\(ids.storeHash)/v3/channels/\(ids.channelID)", purpose, &plan)
                }
                if doc.hasMessages {
                    var messages = decoded
                    messages.availability = Availability(
                        maintenanceMessage: doc.maintenanceMessage, prelaunchMessage: doc.prelaunchMessage)
                    add(
                        BigCommerceSettingsFormat(kind: .request), messages, options, "PUT",
                        "/stores/\(ids.storeHash)/v3/settings/storefront/status?channel_id=\(ids.channelID)",
                        doc.state == nil ? purpose : "\(purpose) (storefront messages)", &plan)
                }
            case .ubereats:
                add(UberEatsFormat(), decoded, options, "POST", "/v1/eats/store/\(store.providers.ubereats ?? "")/status", purpose, &plan)
            case .doordash:
                add(DoorDashFormat(), decoded, options, "PUT", "/api/v1/stores/\(store.providers.doordash ?? "")/status", purpose, &plan)
            case .grubhub:
                let merchant = store.providers.grubhub ?? ""
                guard doc.state == .closed else {
                    add(GrubhubFormat(), decoded, options, "PUT", "/pos/v1/merchant/\(merchant)/pos-status", purpose, &plan)
                    return
                }
                guard doc.orderTypes == nil else {
                    add(GrubhubOverrideFormat(), decoded, options, "POST", "/pos/v1/merchant/\(merchant)/schedules/overrides", purpose, &plan)
                    return
                }
                // A whole-store closure is one override per schedule.
                for schedule in ["DELIVERY", "PICKUP", "CATERING", "GROUP"] {
                    var scoped = decoded
                    scoped.availability.orderTypes = Availability.OrderType(rawValue: schedule.lowercased()).map { [$0] }
                    add(
                        GrubhubOverrideFormat(), scoped, options, "POST", "/pos/v1/merchant/\(merchant)/schedules/overrides",
                        "\(purpose) (\(schedule))", &plan)
                }
            case .deliverect:
                guard let ids = store.providers.deliverect else { return }
                for link in ids.channelLinks { options.set["channel_links.\(link.channel)"] = link.id }
                add(DeliverectFormat(), decoded, options, "POST", "/updateStoreStatus/\(ids.locationID)", purpose, &plan)
            }
        }

        /// Uber Eats holiday hours: every closure in one body, since each POST replaces every date.
        func holidayHours(_ closures: [(String, Decoded)], now: Timestamp, into plan: inout Plan) {
            let options = ConversionOptions(timeZone: store.timeZone, now: now)
            let format = UberEatsHolidayHoursFormat()
            let purpose = closures.count == 1 ? closures[0].0 : "closures " + closures.map { String($0.0.dropFirst("closure ".count)) }.joined(separator: ", ")
            var losses: [Loss] = []
            var days = ClosedDays()
            for (itemPurpose, decoded) in closures {
                switch format.encode(decoded, options: options) {
                case .success(_, let found):
                    losses += found
                    if let zone = store.timeZone, let from = decoded.availability.from, let until = decoded.availability.until,
                        let start = LocalDateTime(from, in: zone), let end = LocalDateTime(until, in: zone)
                    {
                        _ = days.add(start, end)
                    }
                case .failure(let findings):
                    plan.failures += findings.map { f in
                        var f = f
                        f.ruleID = "provider_request_impossible"
                        f.message = "\(provider.rawValue) (\(itemPurpose) of '\(store.id)'): \(f.message)"
                        return f
                    }
                }
            }
            guard !days.isEmpty else { return }
            var out = JSONOutput(style: .pretty)
            _ = days.write(into: &out)
            let body = JSONReader().read(out.bytes).root ?? .null
            plan.requests.append(PlannedRequest(
                store: store.id, purpose: purpose, method: "POST", path: "/v1/eats/stores/\(store.providers.ubereats ?? "")/holiday-hours",
                body: body, losses: losses))
        }

        func add(
            _ format: any AvailabilityFormat, _ decoded: Decoded, _ options: ConversionOptions, _ method: String, _ path: String,
            _ purpose: String, _ plan: inout Plan
        ) {
            switch format.encode(decoded, options: options) {
            case .success(let bytes, let losses):
                // The plan keeps the body as a tree for its text and JSON renderings.
                let body = JSONReader().read(bytes).root ?? .null
                plan.requests.append(PlannedRequest(store: store.id, purpose: purpose, method: method, path: path, body: body, losses: losses))
            case .failure(let findings):
                plan.failures += findings.map { f in
                    var f = f
                    f.ruleID = "provider_request_impossible"
                    f.message = "\(provider.rawValue) (\(purpose) of '\(store.id)'): \(f.message)"
                    return f
                }
            }
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
