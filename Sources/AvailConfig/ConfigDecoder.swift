import AvailKit
import Foundation

/// Decodes a store config from its JSON-shaped tree (see ``YAMLToJSON``),
/// reporting every problem with its YAML line and column.
struct ConfigDecoder {
    var findings: [Finding] = []
    let now: Timestamp?
    /// The YAML text's positions, for fixes.
    var lines: LineOffsets?


    /// Object findings with config wording: an unknown key in a config is an error.
    mutating func absorb(_ decoderFindings: [Finding]) {
        findings += decoderFindings.map { f in
            guard f.ruleID == StructureRuleID.unknownField else { return f }
            var f = f
            f.ruleID = "unknown_key"
            f.message = f.message.replacingOccurrences(of: "unknown field", with: "unknown key")
            return f
        }
    }

    mutating func decode(_ root: JSONNode) -> StoreConfig? {
        JSONDocument.withDocument(for: root, sourceRange: sourceRange) { decode(value: $0.root, tree: root) }
    }

    /// `tree` is the same config as a tree; stores keep their part of it (no re-materializing).
    mutating func decode(value root: JSONValue, tree: JSONNode) -> StoreConfig? {
        var found: [Finding] = []
        guard var top = ObjectDecoder(root, shape: StoreConfig.declaration.rootReference, findings: &found) else {
            absorb(found)
            return nil
        }
        var config = StoreConfig(version: 1, settings: RuleSettings(), stores: [])
        if let (v, node) = top.int64("version"), v != 1 {
            top.report("enum_value", "'version' \(v) is not supported; this AvailKit reads version 1", at: node)
        }
        if let rules = top.member("rules") { config.settings = decodeSettings(rules) }
        _ = top.unknownMembers()
        if let storesNode = top.present("stores") {
            if storesNode.isArray {
                let trees = tree["stores"]?.items ?? []
                for (i, item) in storesNode.items.enumerated() {
                    if let store = decodeStore(item, tree: i < trees.count ? trees[i] : item.node) { config.stores.append(store) }
                }
            } else {
                top.wrongType(storesNode, key: "stores")
            }
        }
        absorb(top.findings)
        return config
    }

    mutating func decodeSettings(_ node: JSONValue) -> RuleSettings {
        var settings = RuleSettings()
        var found: [Finding] = []
        guard var object = ObjectDecoder(node, shape: StoreConfig.rules.reference, findings: &found) else {
            absorb(found)
            return settings
        }
        if let list = object.member("disable") {
            if list.isArray {
                for item in list.items {
                    guard let id = item.stringValue else {
                        object.report("type_mismatch", "rule ids are strings, found \(item.typeName)", at: item)
                        continue
                    }
                    if let problem = RuleSettings.problem(withRuleID: id) {
                        object.report("unknown_rule", FindingMessage(problem), at: item)
                    } else if let problem = RuleSettings.problem(disabling: id) {
                        object.report("rule_cannot_be_disabled", FindingMessage(problem), at: item)
                    } else {
                        settings.disabled.insert(id)
                    }
                }
            } else {
                object.wrongType(list, key: "disable")
            }
        }
        if let map = object.member("severity") {
            if map.isObject {
                for m in map.members {
                    if let problem = RuleSettings.problem(withRuleID: m.key) {
                        findings.append(Finding(ruleID: "unknown_rule", severity: .error, message: problem, location: m.keyLocation, pointer: m.value.pointer))
                        continue
                    }
                    guard let text = m.value.stringValue, let level = Severity(rawValue: text) else {
                        object.report("enum_value", "severity of '\(m.key)' must be 'error', 'warning' or 'note', found '\(m.value.summary)'", at: m.value)
                        continue
                    }
                    if let problem = RuleSettings.problem(setting: m.key, to: level) {
                        findings.append(Finding(
                            ruleID: "rule_cannot_be_disabled", severity: .error, message: problem, location: m.keyLocation, pointer: m.value.pointer))
                        continue
                    }
                    settings.severities[m.key] = level
                }
            } else {
                object.wrongType(map, key: "severity")
            }
        }
        _ = object.unknownMembers()
        absorb(object.findings)
        return settings
    }

    /// One store read on its own (a config is read store by store): `tree`'s pointer is where it is in the config.
    mutating func decodeStore(_ tree: JSONNode) -> StoreConfig.Store? {
        JSONDocument.withDocument(for: tree, pointerPrefix: tree.pointer, sourceRange: sourceRange) { decodeStore($0.root, tree: tree) }
    }

    /// A scalar's bytes in the YAML source, for fixes that replace a value (an enum value's case).
    private var sourceRange: ((String, SourceLocation) -> Range<Int>?)? {
        guard let lines else { return nil }
        return { text, location in lines.range(of: text, at: location) }
    }

    mutating func decodeStore(_ node: JSONValue, tree: JSONNode) -> StoreConfig.Store? {
        var found: [Finding] = []
        guard var object = ObjectDecoder(node, shape: StoreConfig.store.reference, findings: &found) else {
            absorb(found)
            return nil
        }
        defer { absorb(object.findings) }
        let id = object.string("id")
        let name = object.string("name")
        var store = StoreConfig.Store(
            id: id?.0 ?? "", name: name?.0, timeZoneName: nil, timeZone: nil, providers: StoreConfig.Providers(),
            availability: nil, closures: [], node: tree)
        if let (zoneName, zoneNode) = object.string("timezone") {
            if let zone = TimeZones.zone(named: zoneName) {
                store.timeZoneName = zoneName
                store.timeZone = zone
            } else {
                // The did-you-mean replaces the value's bytes in the YAML (quotes included, when it has them).
                let fix = TimeZones.suggestion(for: zoneName).flatMap { guess in
                    zoneNode.byteRange.map { Fix(.unsafe, "write '\(guess)'", edits: [Fix.Edit($0, guess)]) }
                }
                object.report("unknown_timezone", FindingMessage(TimeZones.unknownMessage(zoneName)), at: zoneNode, fix: fix)
            }
        }
        if let providers = object.member("providers") { store.providers = decodeProviders(providers, tree: tree["providers"]) }
        if let availability = object.member("availability") {
            store.availability = decodeAvailability(availability, zone: store.timeZone)
        }
        if let closures = object.member("closures") {
            if closures.isArray {
                store.closures = closures.items.compactMap { decodeClosure($0, zone: store.timeZone) }
            } else {
                object.wrongType(closures, key: "closures")
            }
        }
        _ = object.unknownMembers()
        return id == nil ? nil : store
    }

    mutating func decodeProviders(_ node: JSONValue, tree: JSONNode?) -> StoreConfig.Providers {
        var providers = StoreConfig.Providers()
        var found: [Finding] = []
        guard var object = ObjectDecoder(node, shape: StoreConfig.providers.reference, findings: &found) else {
            absorb(found)
            return providers
        }
        for provider in Provider.allCases {
            guard let block = object.member(provider.rawValue) else { continue }
            var blockFindings: [Finding] = []
            guard var ids = ObjectDecoder(block, shape: provider.ids, findings: &blockFindings) else {
                absorb(blockFindings)
                continue
            }
            providers.nodes[provider] = tree?[provider.rawValue] ?? block.node
            switch provider {
            case .gett:
                if let (id, idNode) = ids.string("store_id") {
                    if Self.isUUID(id) {
                        providers.gett = id
                    } else {
                        ids.report("invalid_provider_id", "Gett 'store_id' '\(id)' is not a UUID such as '3fa85f64-5717-4562-b3fc-2c963f66afa6'", at: idNode)
                    }
                }
            case .lula:
                if let (id, idNode) = ids.string("store_id") {
                    if id.isEmpty {
                        ids.report("invalid_provider_id", "Lula 'store_id' is empty", at: idNode)
                    } else {
                        providers.lula = id
                    }
                }
            case .tokopedia:
                let fs = ids.int64("fs_id")
                let shop = ids.int64("shop_id")
                if let (f, _) = fs, let (s, _) = shop { providers.tokopedia = (f, s) }
            case .bigcommerce:
                let hash = ids.string("store_hash")
                let channel = ids.int64("channel_id")
                if let (h, _) = hash, let (c, _) = channel { providers.bigcommerce = (h, c) }
            case .ubereats:
                if let (id, idNode) = ids.string("store_id") {
                    if Self.isUUID(id) {
                        providers.ubereats = id
                    } else {
                        ids.report("invalid_provider_id", "Uber Eats 'store_id' '\(id)' is not a UUID such as '9f1c2a55-6b1e-4d55-8f53-2b0c8d1f6a77'", at: idNode)
                    }
                }
            case .doordash:
                if let (id, idNode) = ids.string("merchant_supplied_id") {
                    if id.isEmpty { ids.report("invalid_provider_id", "DoorDash 'merchant_supplied_id' is empty", at: idNode) } else { providers.doordash = id }
                }
            case .grubhub:
                if let (id, idNode) = ids.string("merchant_id") {
                    if id.isEmpty { ids.report("invalid_provider_id", "Grubhub 'merchant_id' is empty", at: idNode) } else { providers.grubhub = id }
                }
            case .deliverect:
                var location: String?
                if let (id, idNode) = ids.string("location_id") {
                    if Self.isObjectID(id) {
                        location = id
                    } else {
                        ids.report("invalid_provider_id", "Deliverect 'location_id' '\(id)' is not 24 hexadecimal digits such as '5c8f1a2b3c4d5e6f7a8b9c0d'", at: idNode)
                    }
                }
                var links: [(channel: String, id: String)] = []
                if let map = ids.present("channel_links") {
                    if !map.isObject { ids.wrongType(map, key: "channel_links") }
                    for member in map.members {
                        guard let id = member.value.stringValue else {
                            ids.report(StructureRuleID.typeMismatch, "channel link '\(member.key)' must be a string id, found \(member.value.typeName)", at: member.value)
                            continue
                        }
                        if Self.isObjectID(id) {
                            links.append((member.key, id))
                        } else {
                            ids.report(
                                "invalid_provider_id", "Deliverect channel link '\(member.key)' id '\(id)' is not 24 hexadecimal digits", at: member.value)
                        }
                    }
                }
                if let location { providers.deliverect = (location, links) }
            case .wolt:
                if let (id, idNode) = ids.string("venue_id") {
                    if id.isEmpty { ids.report("invalid_provider_id", "Wolt 'venue_id' is empty", at: idNode) } else { providers.wolt = id }
                }
            case .justeat:
                var restaurant: String?
                if let (id, idNode) = ids.string("restaurant_id") {
                    if id.isEmpty || id.contains(",") {
                        ids.report(
                            "invalid_provider_id",
                            "Just Eat 'restaurant_id' '\(id)' \(id.isEmpty ? "is empty" : "names several restaurants; it goes into a comma-separated list, so give one per store")",
                            at: idNode)
                    } else {
                        restaurant = id
                    }
                }
                let tenant = ids.enumeration("tenant", TenantValue.self)
                if let restaurant, let (t, _) = tenant { providers.justeat = (restaurant, t.rawValue) }
            case .deliveryhero:
                let chain = ids.string("chain_code")
                let vendor = ids.string("vendor_id")
                var platforms: [(key: String, restaurantID: String)] = []
                if let map = ids.present("platforms") {
                    if !map.isObject { ids.wrongType(map, key: "platforms") }
                    for member in map.members {
                        guard let id = member.value.stringValue, !id.isEmpty else {
                            ids.report(
                                StructureRuleID.typeMismatch,
                                "platform '\(member.key)' must map to its platformRestaurantId as a string, found \(member.value.typeName == "string" ? "an empty string" : member.value.typeName); quote it",
                                at: member.value)
                            continue
                        }
                        if Self.isPlatformKey(member.key) {
                            platforms.append((member.key, id))
                        } else {
                            ids.report(
                                "invalid_provider_id",
                                "Delivery Hero platform key '\(member.key)' is not a platformKey such as 'TB' or 'FO_DE' (capital letters, digits and '_')",
                                at: member.value)
                        }
                    }
                    if map.isObject, !map.members.contains(where: { _ in true }) {
                        ids.report("invalid_provider_id", "Delivery Hero 'platforms' is empty; list each platform the vendor is on, such as 'TB: \"123456789\"'", at: map)
                    }
                }
                if let (c, cNode) = chain, c.isEmpty { ids.report("invalid_provider_id", "Delivery Hero 'chain_code' is empty", at: cNode) }
                if let (v, vNode) = vendor, v.isEmpty { ids.report("invalid_provider_id", "Delivery Hero 'vendor_id' is empty", at: vNode) }
                if let (c, _) = chain, let (v, _) = vendor, !c.isEmpty, !v.isEmpty, !platforms.isEmpty {
                    providers.deliveryhero = (c, v, platforms)
                }
            case .ifood:
                if let (id, idNode) = ids.string("merchant_id") {
                    if id.isEmpty { ids.report("invalid_provider_id", "iFood 'merchant_id' is empty", at: idNode) } else { providers.ifood = id }
                }
            case .grab:
                if let (id, idNode) = ids.string("merchant_id") {
                    if Self.isGrabMerchantID(id) {
                        providers.grab = id
                    } else {
                        ids.report(
                            "invalid_provider_id", "GrabFood 'merchant_id' '\(id)' is not a merchant id such as '1-CYNGRUNGSBCCC' (digits, '-', capital letters and digits)",
                            at: idNode)
                    }
                }
            }
            _ = ids.unknownMembers()
            absorb(ids.findings)
        }
        _ = object.unknownMembers()
        absorb(object.findings)
        return providers
    }

    /// A MongoDB ObjectId as Deliverect writes its ids: 24 lower-case hexadecimal digits.
    static func isObjectID(_ s: String) -> Bool {
        s.utf8.count == 24 && s.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) }
    }

    /// A Delivery Hero platformKey as its samples write them: `TB`, `FO_DE`, `LH_DE`.
    static func isPlatformKey(_ s: String) -> Bool {
        guard let first = s.utf8.first, first >= 0x41 && first <= 0x5A else { return false }
        return s.utf8.allSatisfy { ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == UInt8(ascii: "_") }
    }

    /// A GrabFood merchant id as Grab's published ones are written: `1-CYNGRUNGSBCCC`.
    static func isGrabMerchantID(_ s: String) -> Bool {
        let parts = s.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { return false }
        return parts[0].utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
            && parts[1].utf8.allSatisfy { ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x30 && $0 <= 0x39) }
    }

    static func isUUID(_ s: String) -> Bool {
        let b = Array(s.utf8)
        guard b.count == 36 else { return false }
        for (i, c) in b.enumerated() {
            if [8, 13, 18, 23].contains(i) {
                if c != UInt8(ascii: "-") { return false }
            } else if !((c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46)) {
                return false
            }
        }
        return true
    }

    /// The availability block through the canonical decoder and the canonical rules.
    mutating func decodeAvailability(_ node: JSONValue, zone: TimeZone?) -> Decoded? {
        let (decoded, decodeFindings) = CanonicalFormat().decode(node, options: ConversionOptions(timeZone: zone, now: now))
        findings += decodeFindings
        guard let decoded else { return nil }
        findings += RuleCatalog.checkCanonical(root: node, decoded: decoded, now: now, timeZone: zone)
        return decoded.resolved(in: node.document)
    }

    /// A closure: a canonical `closed` window with its reason, note and channels.
    mutating func decodeClosure(_ node: JSONValue, zone: TimeZone?) -> Decoded? {
        var found: [Finding] = []
        guard var object = ObjectDecoder(node, shape: StoreConfig.closure.reference, findings: &found) else {
            absorb(found)
            return nil
        }
        defer { absorb(object.findings) }
        var doc = Availability(state: .closed)
        var origins: Origins = [.state: Origin(node)]
        func keep<T>(_ field: CanonicalField, _ pair: (T, JSONValue)?) -> T? {
            guard let (v, n) = pair else { return nil }
            origins[field] = Origin(n)
            return v
        }
        doc.from = keep(.from, object.timestamp("from"))
        doc.until = keep(.until, object.timestamp("until"))
        doc.reason = keep(.reason, object.enumeration("reason", Availability.Reason.self))
        doc.note = keep(.note, object.string("note"))
        if let channels = object.member("channels") {
            let items = channels.items
            if channels.isArray, !items.isEmpty, items.allSatisfy({ $0.stringValue?.isEmpty == false }) {
                doc.channels = items.compactMap(\.stringValue)
                origins[.channels] = Origin(channels)
            } else {
                object.wrongType(channels, key: "channels")
            }
        }
        _ = object.unknownMembers()
        guard doc.from != nil, doc.until != nil else { return nil }
        let decoded = Decoded(availability: doc, origins: origins, root: node.location)
        // Closures are checked for order here; for being in the past by the config rules.
        findings += RuleCatalog.checkCanonical(root: node, decoded: decoded, now: nil, timeZone: zone)
        return decoded.resolved(in: node.document)
    }
}

/// A Just Eat tenant, as the config's `tenant` declares them.
struct TenantValue: DeclaredEnum {
    static let ordered = OrderedCases(JustEatAPI.tenants.compactMap(TenantValue.init(rawValue:)))
    static var allCases: [TenantValue] { Array(ordered) }
    let rawValue: String
    init?(rawValue: String) { self.rawValue = rawValue }
}
