import Foundation

/// Delivery Hero POS middleware Update availability (`deliveryhero`): the
/// body of `PUT /v2/chains/{chainCode}/remoteVendors/{posVendorId}/availability`.
///
/// One PUT sets the vendor's state on one platform (`platformKey`, such as
/// talabat's `TB`), canonical channel `deliveryhero:KEY`. `CLOSED_UNTIL`
/// closes it for `closingMinutes` from when it is sent (`--now`), one of the
/// platform's allowed values; `CLOSED` until changed; `CLOSED_TODAY` until
/// local midnight (needs the store's zone); `OPEN` reopens it.
/// `closedReason` goes through `DeliveryHeroReason`.
/// `platformRestaurantId` is the platform's id for the vendor: kept as
/// written, or `--set platforms.KEY=ID`.
public struct DeliveryHeroFormat: AvailabilityFormat {
    public var declaration: FormatDeclaration { Self.declaration }

    static let declaration = FormatDeclaration(
        id: "deliveryhero", title: "Delivery Hero POS availability update",
        summary: "Delivery Hero POS middleware availability body (PUT /v2/chains/{chainCode}/remoteVendors/{posVendorId}/availability)",
        description: "Body of PUT /v2/chains/{chainCode}/remoteVendors/{posVendorId}/availability (POS plugin API). Format id: deliveryhero.",
        settable: [DeliveryHero.platforms, DeliveryHero.closingMinutes],
        root: ObjectShape(
            name: "Delivery Hero availability update",
            fields: [
                Field(
                    "availabilityState", .enumeration(DeliveryHeroState.self), required: true,
                    description: "CLOSED_UNTIL (for closingMinutes), CLOSED, CLOSED_TODAY, OPEN, ...",
                    misused: ["CHECKIN": "'CHECKIN' is the Partner API's status; the POS middleware has no check-in"]),
                Field("platformKey", .string(minLength: 1), required: true, description: "The platform (TB, FO_DE, ...): canonical channel deliveryhero:KEY."),
                Field("platformRestaurantId", .string(minLength: 1), required: true, description: "The platform's id for the vendor, a string."),
                Field(
                    "closedReason", .enumeration(DeliveryHeroReason.sendable.map(\.rawValue)),
                    description: "Why the vendor closes; one of the platform's closingReasons."),
                Field(
                    "closingMinutes", .integer(minimum: 1, maximum: DeliveryHero.maxMinutes),
                    expected: "an integer (minutes until the vendor reopens; the GET entry's list of them is an array)",
                    description: "Minutes until the vendor reopens, with CLOSED_UNTIL; one of the platform's closingMinutes."),
            ]))

    /// The `deliveryhero` format.
    public init() {}

    public func read(_ root: JSONValue, options: ConversionOptions, into decoded: inout Decoded) -> (Bool, [Finding]) {
        var findings: [Finding] = []
        guard var object = ObjectDecoder(root, shape: Self.declaration.rootReference, findings: &findings) else { return (false, findings) }
        let state = object.enumeration("availabilityState", DeliveryHeroState.self)
        let key = object.string("platformKey")
        if let node = object.member("platformRestaurantId") {
            if node.isInteger, let text = node.number?.text {
                object.report(
                    "deliveryhero_restaurant_id_number",
                    "'platformRestaurantId' is the number \(text); Delivery Hero documents a string (its GET returns \"\(text)\"), so write '\"\(text)\"'",
                    at: node, severity: .warning, fix: ObjectDecoder.replacing(node, with: "\"\(text)\"", .safe, "write \"\(text)\""))
                decoded.keep(meta: node, of: id)
            } else if object.string("platformRestaurantId") != nil {
                decoded.keep(meta: node, of: id)
            }
        } else {
            object.missing("platformRestaurantId")
        }
        let reason = object.enumeration("closedReason", DeliveryHeroReason.self)
        let minutes = object.int64("closingMinutes")
        let leftovers = object.unknownMembers(request: true)
        guard let (state, stateNode) = state, let (platform, keyNode) = key else { return (false, findings + object.findings) }
        var origins: Origins = [.state: Origin(stateNode), .channels: Origin(keyNode)]
        var doc = Availability()
        doc.channels = [DeliveryHero.channel(platform)]
        if state.isSpelling { decoded.keep(meta: stateNode, of: id) }
        switch state {
        case .unknown:
            object.report(
                "deliveryhero_unknown_state",
                "availabilityState 'UNKNOWN' says Delivery Hero does not know whether the vendor is open on '\(platform)'; it says nothing, so it does not convert",
                at: stateNode, severity: .warning)
            return (false, findings + object.findings)
        case .open:
            doc.state = .open
        case .closed, .inactive:
            doc.state = .paused
        case .closedToday:
            doc.state = .paused
            if let zone = options.timeZone {
                doc.until = DeliveryHero.endOfDay(after: options.clock, in: zone)
                origins[.until] = Origin(stateNode)
            } else {
                object.report(
                    "timezone_required",
                    "availabilityState 'CLOSED_TODAY' closes the vendor until local midnight; pass --timezone ZONE (or --stores CONFIG --store ID) to know when that is",
                    at: stateNode)
            }
        case .closedUntil:
            doc.state = .paused
            if let (m, node) = minutes {
                if (1...DeliveryHero.maxMinutes).contains(m) {
                    doc.until = options.clock.adding(seconds: m * 60, in: options.timeZone)
                    origins[.until] = Origin(node)
                    if !DeliveryHero.publishedMinutes.contains(m) {
                        object.report(
                            "deliveryhero_closing_minutes_unlisted",
                            "closingMinutes \(m) is not one of the values Delivery Hero's sample lists (30, 60, 120, 240, 720); a platform accepts only those in its GET entry's closingMinutes",
                            at: node, severity: .warning)
                    }
                } else {
                    object.report(StructureRuleID.integerRange, "'closingMinutes' \(m) is out of range; it is 1 to \(DeliveryHero.maxMinutes) minutes", at: node)
                }
            } else if object.member("closingMinutes") == nil {
                object.report(
                    "deliveryhero_closing_minutes_required",
                    "availabilityState 'CLOSED_UNTIL' needs 'closingMinutes' (minutes until the vendor reopens); add one of the platform's values, such as 30",
                    at: stateNode)
            }
        }
        for (key, node) in [("closedReason", object.member("closedReason")), ("closingMinutes", object.member("closingMinutes"))] {
            guard let node, !(state.closes && key == "closedReason") && !(state == .closedUntil && key == "closingMinutes") else { continue }
            // A closing field on a state it does not belong to means nothing: kept as written.
            decoded.keep(meta: node, of: id)
            object.report(
                "deliveryhero_closing_field_ignored",
                "'\(key)' is set but availabilityState is '\(state.rawValue)'; \(key == "closedReason" ? "a reason belongs to a closing state" : "minutes belong to CLOSED_UNTIL"), so it means nothing here",
                at: node, severity: .warning)
        }
        if state.closes, let (code, node) = reason {
            doc.reason = code.canonical
            doc.providerCode = code.providerCode
            doc.pausedBy = code.actor
            origins[.reason] = Origin(node)
            if doc.providerCode != nil { origins[.providerCode] = Origin(node) }
            if doc.pausedBy != nil { origins[.by] = Origin(node) }
        } else if state.closes, object.member("closedReason") != nil {
            decoded.rejected.insert(.reason)
        }
        findings += object.findings
        decoded.fill(doc, origins: origins, leftovers: leftovers)
        // One platform's PUT, about the vendor on that platform (its channel is already the scope).
        decoded.platformPayload = doc.channels?.first
        return (!findings.hasErrors, findings)
    }

    public func write(_ source: Decoded, options: ConversionOptions, into out: inout JSONOutput) -> EncodeResult {
        return Encoding.with(source, target: id, options: options) { e in
            let doc = source.availability
            e.storeGoesInPath("/v2/chains/{chainCode}/remoteVendors/{posVendorId}/availability")
            guard let state = e.requireState(), let platform = Self.platform(of: doc, options: options, &e) else { return e.finish() }
            let now = options.clock
            let kept = e.kept("/availabilityState")?.stringValue.flatMap(DeliveryHeroState.init(rawValue:))
            var written = DeliveryHeroState.open
            var minutes: AllowedDuration?
            if state != .open {
                if doc.from == nil, let until = doc.until, !e.requireNotEnded(until, now: now) { return e.finish() }
                written = DeliveryHero.closedState(until: doc.until, kept: kept, now: now, zone: options.timeZone)
                // A PUT's CLOSED_UNTIL needs minutes: with no end, the vendor is CLOSED.
                if written == .closedUntil && doc.until == nil { written = .closed }
                if written == .closedUntil {
                    guard let allowed = DeliveryHero.allowedMinutes(options, &e) else { return e.finish() }
                    minutes = e.duration(ending: doc.until, now: now, zone: options.timeZone, from: allowed, rule: DeliveryHero.rule(allowed))
                }
            }
            out.beginObject()
            out.field("availabilityState", written.rawValue)
            out.field("platformKey", platform)
            if let restaurant = options.set[DeliveryHero.platforms.name + platform] {
                out.field("platformRestaurantId", restaurant)
            } else if let number = e.kept("/platformRestaurantId")?.numberValue {
                // The reference's example sends a number (DH1); the field is a string.
                out.field("platformRestaurantId", number.text)
            } else if e.kept("/platformRestaurantId") == nil {
                e.require(
                    "the platform's id for the vendor ('platformRestaurantId')",
                    flag: "--set \(DeliveryHero.platforms.name)\(platform)=ID (or --stores with deliveryhero platforms)")
            }
            if state != .open {
                if let code = e.deliveryHeroReason(doc, sendableOnly: true) { out.field("closedReason", code.rawValue) }
                if let minutes { out.field("closingMinutes", int: minutes.seconds / 60) }
            }
            out.endObject()
            if state == .open {
                let because = "an OPEN vendor has no reason or end"
                if let reason = doc.reason { e.drop(.reason, value: reason.rawValue, because: because) }
                if let until = doc.until { e.drop(.until, value: until.rfc3339, because: because) }
            }
            e.approximateStart()
            e.dropStatusExtras(since: "an availability update cannot say when the vendor closed")
            return e.finish()
        }
    }

    /// The platform key a document is sent to: its one Delivery Hero
    /// platform channel, else the one platform `--set platforms.KEY=ID`
    /// names (reported: the PUT covers that platform only); nil with a failure.
    static func platform(of doc: Availability, options: ConversionOptions, _ e: inout Encoding) -> String? {
        let channels = doc.channels
        let keys = (channels ?? []).compactMap(DeliveryHero.key(of:))
        let others = (channels ?? []).filter { DeliveryHero.key(of: $0) == nil }
        if keys.count > 1 {
            e.fail(
                "a Delivery Hero PUT sets one platform; the change is for \(keys.map { "'\($0)'" }.joined(separator: ", ")), so send one PUT each ('avail plan' does)",
                field: .channels)
            return nil
        }
        if let key = keys.first {
            if !others.isEmpty {
                e.drop(.channels, value: others.joined(separator: ", "), because: "a Delivery Hero PUT covers platform '\(key)' only; send the change to the other channels separately")
            }
            return key
        }
        if let channels, !channels.contains(DeliveryChannel.deliveryhero.rawValue) {
            e.fail(
                "the change is scoped to channels \(channels.map { "'\(shown($0))'" }.joined(separator: ", ")), which do not include Delivery Hero; sending it there would change a platform the change leaves alone",
                field: .channels)
            return nil
        }
        let configured = options.set.values(prefixed: DeliveryHero.platforms.name).map(\.name)
        let keptKey = e.kept("/platformKey")?.stringValue
        guard let key = configured.count == 1 ? configured[0] : keptKey else {
            if configured.count > 1 {
                e.fail(
                    "a Delivery Hero PUT sets one platform, and the store has \(configured.map { "'\($0)'" }.joined(separator: ", ")); scope the change to one ('deliveryhero:\(configured[0])') or let 'avail plan' send one PUT each",
                    field: .channels)
            } else {
                e.require("the Delivery Hero platform to set ('platformKey')", flag: "--set \(DeliveryHero.platforms.name)KEY=ID (or --stores with deliveryhero platforms)")
            }
            return nil
        }
        let scope = channels == nil ? "every channel" : "every Delivery Hero platform"
        e.lose(
            .approximated, .channels,
            "the change applies to \(scope); a Delivery Hero PUT sets one platform, so it is sent to '\(key)' only (one PUT per platform reaches the others)")
        return key
    }
}
