import Foundation

/// Delivery Hero POS middleware Get availability (`deliveryhero.availability`):
/// the response of `GET /v2/chains/{chainCode}/remoteVendors/{posVendorId}/availability`.
///
/// A JSON array with one entry per platform the vendor is listed on. Each
/// entry is a statement scoped to its platform, channel `deliveryhero:KEY`:
/// `OPEN` is open, `CLOSED`, `CLOSED_UNTIL` and `INACTIVE` are closed (until
/// `closedUntil`, a field seen only in integrators' code), `CLOSED_TODAY` is
/// closed until local midnight (needs the store's zone); `UNKNOWN` says
/// nothing about that platform (the entry is kept). The lists of what each
/// platform accepts (`availabilityStates`, `closingMinutes`,
/// `closingReasons`), `changeable` and the platform's ids are kept as written.
public struct DeliveryHeroAvailabilityFormat: AvailabilityFormat {
    public var declaration: FormatDeclaration { Self.declaration }

    static let entry = ObjectShape(
        name: "platform entry",
        fields: [
            Field("availabilityState", .enumeration(DeliveryHeroState.self), required: true, description: "The vendor's state on this platform."),
            Field(
                "availabilityStates", .array(items: .enumeration(DeliveryHeroState.self)), expected: "an array of states",
                description: "The states this platform accepts in a PUT."),
            Field("changeable", .boolean, description: "false: the platform closed the vendor, and only it can reopen it."),
            Field("closedReason", .enumeration(DeliveryHeroReason.self), description: "Why the vendor is closed."),
            Field(
                "closingMinutes", .array(items: .integer(minimum: 1)), expected: "an array of minutes (the PUT's closingMinutes is one of them)",
                description: "The closingMinutes this platform accepts in a PUT."),
            Field("closingReasons", .array(items: .string()), expected: "an array of reasons", description: "The closedReason values this platform accepts."),
            Field("platformId", .string()),
            Field("platformKey", .string(minLength: 1), required: true, description: "The platform: canonical channel deliveryhero:KEY."),
            Field("platformRestaurantId", .string()),
            Field("platformType", .string(), description: "TALABAT, FOODORA, DELIVERY_HERO, ..."),
            Field("closedUntil", .nullable(.timestamp), description: "When a CLOSED_UNTIL vendor reopens (integrators' code; not in Delivery Hero's samples)."),
            Field("checkinAt", .nullable(.timestamp), description: "Integrators' code only."),
            Field("nextOpeningAt", .nullable(.timestamp), description: "Integrators' code only."),
        ])

    /// Entry members that describe the platform or what it accepts: kept as written.
    static let keptKeys = [
        "availabilityStates", "changeable", "closingMinutes", "closingReasons", "platformId", "platformKey", "platformRestaurantId", "platformType",
        "checkinAt", "nextOpeningAt",
    ]

    static let declaration = FormatDeclaration(
        id: "deliveryhero.availability", title: "Delivery Hero POS availability",
        summary: "Delivery Hero POS middleware availability response (GET .../remoteVendors/{posVendorId}/availability: one entry per platform)",
        description: "Response of GET /v2/chains/{chainCode}/remoteVendors/{posVendorId}/availability: one entry per platform. Format id: deliveryhero.availability.",
        settable: [DeliveryHero.platforms],
        writesStatements: true, isArray: true, root: entry)

    /// The `deliveryhero.availability` format.
    public init() {}

    public func read(_ root: JSONValue, options: ConversionOptions, into decoded: inout Decoded) -> (Bool, [Finding]) {
        var findings: [Finding] = []
        guard root.isArray else {
            findings.append(Finding(
                ruleID: StructureRuleID.typeMismatch, severity: .error,
                message: "expected an array of platform entries, found \(root.typeName)", location: root.location, pointer: root.pointer))
            return (false, findings)
        }
        var statements: [(Availability, Origin, [CanonicalField: Origin])] = []
        var keys: [String: JSONValue] = [:]
        for item in root.items {
            var found: [Finding] = []
            guard var entry = ObjectDecoder(item, shape: Self.entry.reference, findings: &found) else {
                findings += found
                continue
            }
            let state = entry.enumeration("availabilityState", DeliveryHeroState.self)
            let key = entry.string("platformKey")
            let reason = entry.enumeration("closedReason", DeliveryHeroReason.self)
            let closedUntil = entry.timestamp("closedUntil")
            for k in Self.keptKeys where entry.member(k) != nil {
                entry.checkType(k)
                if let node = entry.member(k) { decoded.keep(meta: node, of: id) }
            }
            decoded.leftovers += entry.unknownMembers()
            defer { findings += entry.findings }
            guard let (state, stateNode) = state, let (platform, keyNode) = key else { continue }
            if let first = keys[platform] {
                entry.report(
                    "not_representable", "platform '\(platform)' is listed twice (also at line \(first.location.line)); one entry per platform",
                    at: keyNode)
                continue
            }
            keys[platform] = keyNode
            if state.isSpelling { decoded.keep(meta: stateNode, of: id) }
            if let node = entry.member("closedReason"), !state.closes {
                decoded.keep(meta: node, of: id)
                entry.report(
                    "deliveryhero_closing_field_ignored",
                    "'closedReason' is set but availabilityState is '\(state.rawValue)'; a reason belongs to a closing state, so it means nothing here",
                    at: node, severity: .warning)
            }
            if let node = entry.member("closedUntil"), state != .closedUntil || node.isNull {
                // Only CLOSED_UNTIL reopens at a time: elsewhere (or null) it ends nothing.
                decoded.keep(meta: node, of: id)
            }
            if state == .unknown {
                entry.report(
                    "deliveryhero_unknown_state",
                    "availabilityState 'UNKNOWN' says Delivery Hero does not know whether the vendor is open on '\(platform)'; that platform is left out (kept as written)",
                    at: stateNode, severity: .warning)
                continue
            }
            var s = Availability(state: state == .open ? .open : .paused)
            s.channels = [DeliveryHero.channel(platform)]
            var fieldOrigins: [CanonicalField: Origin] = [.state: Origin(stateNode), .channels: Origin(keyNode)]
            if state == .closedUntil, let (t, node) = closedUntil {
                s.until = t
                fieldOrigins[.until] = Origin(node)
            }
            if state == .closedToday {
                if let zone = options.timeZone {
                    s.until = DeliveryHero.endOfDay(after: options.clock, in: zone)
                    fieldOrigins[.until] = Origin(stateNode)
                } else {
                    entry.report(
                    "timezone_required",
                    "availabilityState 'CLOSED_TODAY' closes the vendor until local midnight; pass --timezone ZONE (or --stores CONFIG --store ID) to know when that is",
                    at: stateNode)
                }
            }
            if state.closes, let (code, node) = reason {
                s.reason = code.canonical
                s.providerCode = code.providerCode
                s.pausedBy = code.actor
                fieldOrigins[.reason] = Origin(node)
            }
            statements.append((s, Origin(item), fieldOrigins))
        }
        guard !findings.hasErrors else { return (false, findings) }
        guard let first = statements.first else {
            findings.append(Finding(
                ruleID: "no_availability", severity: .error,
                message: root.items.isEmpty
                    ? "the response lists no platform; there is no availability to read"
                    : "no platform entry says whether the vendor is open (every state is UNKNOWN); there is no availability to read",
                location: root.location, pointer: root.pointer))
            return (false, findings)
        }
        var doc = first.0
        doc.also = statements.dropFirst().map(\.0)
        var origins = Origins()
        for (field, origin) in first.2 { origins[field] = origin }
        let leftovers = decoded.leftovers
        decoded.fill(doc, origins: origins, leftovers: leftovers)
        decoded.alsoOrigins = statements.dropFirst().map(\.1)
        // A response about one platform speaks for that platform, as its PUT does.
        if let one = decoded.availability.singlePlatform { decoded.platformPayload = one }
        return (true, findings)
    }

    public func write(_ source: Decoded, options: ConversionOptions, into out: inout JSONOutput) -> EncodeResult {
        return Encoding.with(source, target: id, options: options) { e in
            let doc = source.availability
            guard e.requireState() != nil else { return e.finish() }
            e.carry(.also, .reasonText, .delay, .orderTypes, .providerCode, .by)
            let now = options.clock
            // The platforms: those read before (in their order), then those statements name, then those configured.
            var platforms: [(key: String, index: Int?)] = []
            for pointer in e.keptPointers(under: "/") where pointer.hasSuffix("/platformKey") {
                let index = Int(pointer.dropFirst().prefix { $0 != "/" })
                if let key = e.kept(pointer)?.stringValue, !platforms.contains(where: { $0.key == key }) { platforms.append((key, index)) }
            }
            for s in doc.statements {
                for key in (s.channels ?? []).compactMap(DeliveryHero.key(of:)) where !platforms.contains(where: { $0.key == key }) {
                    platforms.append((key, nil))
                }
            }
            for (key, _) in options.set.values(prefixed: DeliveryHero.platforms.name) where !platforms.contains(where: { $0.key == key }) {
                platforms.append((key, nil))
            }
            // Each platform's state: the first statement for it (its own channel, Delivery Hero's, or every channel).
            var entries: [(key: String, index: Int?, statement: Int?)] = []
            var used = Set<Int>()
            for (key, index) in platforms {
                let i = doc.statements.firstIndex { s in
                    guard let channels = s.channels else { return true }
                    return channels.contains(DeliveryHero.channel(key)) || channels.contains(DeliveryChannel.deliveryhero.rawValue)
                }
                if let i { used.insert(i) }
                let keptUnknown = index.flatMap { e.kept("/\($0)/availabilityState")?.stringValue } == DeliveryHeroState.unknown.rawValue
                if i != nil || keptUnknown { entries.append((key, index, i)) }
            }
            for (i, s) in doc.statements.enumerated() where !used.contains(i) {
                if let channels = s.channels, !channels.contains(where: { DeliveryHero.key(of: $0) != nil || $0 == DeliveryChannel.deliveryhero.rawValue }) {
                    e.lose(.omitted, .also, statement: i, "statement \(i + 1) (\(Statements.summary(s))) is not written; it does not apply to Delivery Hero")
                } else {
                    e.fail(
                        "statement \(i + 1) (\(Statements.summary(s))) applies to every Delivery Hero platform, and none is known; pass --set \(DeliveryHero.platforms.name)KEY=ID (or --stores with deliveryhero platforms)",
                        field: .channels)
                }
            }
            guard e.failures.isEmpty else { return e.finish() }
            guard !entries.isEmpty else {
                let list = (doc.channels ?? []).map { "'\(shown($0))'" }.joined(separator: ", ")
                e.fail(
                    "no statement applies to Delivery Hero: the change is scoped to channels \(list), which include no Delivery Hero platform",
                    field: .channels)
                return e.finish()
            }
            // Each statement's reason and losses once, however many platforms it is written for.
            var codes: [Int: DeliveryHeroReason?] = [:]
            for i in Set(entries.compactMap(\.statement)).sorted() {
                let s = doc.statements[i]
                let which = i == 0 ? "" : " (statement \(i + 1))"
                codes[i] = s.state == .open ? nil : e.deliveryHeroReason(s, sendableOnly: false, which: which)
                if s.state == .open {
                    let because = "an OPEN platform has no reason or end\(which)"
                    if let reason = s.reason { e.drop(.reason, value: reason.rawValue, because: because) }
                    if let until = s.until { e.drop(.until, value: until.rfc3339, because: because) }
                    if let code = s.providerCode { e.drop(.providerCode, value: code, because: because) }
                    if let by = s.pausedBy { e.drop(.by, value: by.rawValue, because: because) }
                }
                if let from = s.from { e.approximate(.from, value: from.rfc3339, because: "the availability response has no scheduled start, so it is in force at once\(which)") }
                if let since = s.since { e.drop(.since, value: since.rfc3339, because: "the availability response does not say when the vendor closed\(which)") }
                if let note = s.note { e.drop(.note, value: note, because: "Delivery Hero has no note\(which)") }
                if let text = s.reasonText { e.drop(.reasonText, value: text, because: "Delivery Hero has no free-text reason\(which)") }
                if let delay = s.delay { e.drop(.delay, value: String(delay), because: "Delivery Hero's availability has no busy mode\(which)") }
                if let types = s.orderTypes { e.widen(orderTypes: types) }
                if s.channels == nil || s.channels?.contains(DeliveryChannel.deliveryhero.rawValue) == true {
                    let names = entries.filter { $0.statement == i }.map { "'\($0.key)'" }.joined(separator: ", ")
                    e.lose(
                        .approximated, .channels,
                        "the change applies to \(s.channels == nil ? "every channel" : "every Delivery Hero platform"); the response lists the vendor's platforms, so it is written for \(names) only\(which)")
                }
                let others = (s.channels ?? []).filter { DeliveryHero.key(of: $0) == nil && $0 != DeliveryChannel.deliveryhero.rawValue }
                if !others.isEmpty {
                    e.drop(.channels, value: others.joined(separator: ", "), because: "the Delivery Hero response covers its own platforms only\(which)")
                }
            }
            out.beginArray()
            for (key, index, statement) in entries {
                out.item()
                out.beginObject()
                guard let i = statement else {
                    out.field("availabilityState", DeliveryHeroState.unknown.rawValue)
                    out.field("platformKey", key)
                    out.endObject()
                    continue
                }
                let s = doc.statements[i]
                let kept = index.flatMap { e.kept("/\($0)/availabilityState")?.stringValue }.flatMap(DeliveryHeroState.init(rawValue:))
                let state = s.state == .open ? DeliveryHeroState.open : DeliveryHero.closedState(until: s.until, kept: kept, now: now, zone: options.timeZone)
                out.field("availabilityState", state.rawValue)
                if state.closes, let code = codes[i] ?? nil { out.field("closedReason", code.rawValue) }
                out.field("platformKey", key)
                if index == nil, let restaurant = options.set[DeliveryHero.platforms.name + key] { out.field("platformRestaurantId", restaurant) }
                if state == .closedUntil, let until = s.until { out.field("closedUntil", until.rfc3339) }
                out.endObject()
            }
            out.endArray()
            if let store = doc.store { e.drop(.store, value: store, because: "the availability response does not name the vendor") }
            e.dropMessages()
            e.dropLeftovers()
            return e.finish()
        }
    }
}
