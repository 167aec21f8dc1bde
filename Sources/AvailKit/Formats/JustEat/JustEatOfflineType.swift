import Foundation

/// Just Eat's `legacyTempOfflineType` (`LegacyTempOfflineStatus`), the only
/// coded reason an offline event carries (its `reason` is free text), and
/// how it maps to canonical, both ways. `Unset` and `None` mean online and
/// are refused in an offline event. docs/formats.md's table is this one.
enum JustEatOfflineType: String, ProviderReasons {
    static let ordered = OrderedCases(allCases)
    static let provider = "justeat"

    case tempOffline = "TempOffline"
    case closedToday = "ClosedToday"
    case closedDueToEvent = "ClosedDueToEvent"
    case failedJctConnection = "FailedJctConnection"
    case noTrOverride = "NoTrOverride"
    case ignoredOrders = "IgnoredOrders"

    var canonical: Availability.Reason {
        self == .failedJctConnection ? .operationalIssues : .other
    }

    /// "closed for the day and the event will end the next morning", with no time.
    var unstatedEnd: (what: String, instead: String)? {
        self == .closedToday
            ? ("Just Eat's 'ClosedToday' ends the next morning", "send 'duration': 'untilTomorrow' (04:30 local) or an 'endDate'") : nil
    }

    /// Just Eat sets these itself: the restaurant ignored orders, or cannot override the event.
    var actor: Availability.Actor? { self == .ignoredOrders || self == .noTrOverride ? .platform : nil }

    /// `ClosedDueToEvent` is Just Eat's default and says `other` exactly; no
    /// other canonical reason has a code (the free-text `reason` says it).
    static func code(for reason: Availability.Reason) -> (code: JustEatOfflineType, exact: Bool) {
        (.closedDueToEvent, reason == .other)
    }
}

/// What Just Eat's formats share.
enum JustEat {
    /// Tenants: the union of the offline-status callback's list and the `tenants` schema's (they differ: `no` and `ca`).
    static let tenants = ["au", "ca", "dk", "es", "ie", "it", "no", "nz", "uk"]

    /// `--set restaurantIds=ID`.
    static let restaurantIds = SettableField("restaurantIds", help: "the Just Eat restaurant id(s), comma-separated (a store config's justeat restaurant_id)")
    /// `--set allowRestaurantOverride=false`.
    static let allowOverride = SettableField(
        "allowRestaurantOverride", .boolean, help: "whether the restaurant may delete a Just Eat offline event it did not raise: true (the default) or false")
    /// `--set tenant=uk`.
    static let tenant = SettableField("tenant", .oneOf(tenants), help: "the Just Eat tenant (uk, ie, it, es, dk, no, au, nz, ca; a store config's justeat tenant)")

    /// The local time `untilTomorrow` ends at: 04:30 the next local day (Just Eat says give or take 10 minutes).
    static func untilTomorrow(after start: Timestamp, in zone: TimeZone) -> LocalDateTime? {
        guard let local = LocalDateTime(start, in: zone), let next = local.adding(days: 1) else { return nil }
        return LocalDateTime(year: next.year, month: next.month, day: next.day, hour: 4, minute: 30)
    }
}

extension ObjectDecoder {
    /// A Just Eat date-time: RFC 3339 with an offset, as Just Eat asks; one
    /// without (its own example's) is read as the restaurant's local time in
    /// `zone`, with a warning, and needs the zone; a DST gap or overlap is a finding.
    mutating func justEatTime(_ key: String, zone: TimeZone?) -> (Timestamp, JSONValue)? {
        guard let (text, node) = string(key) else { return nil }
        switch Timestamp.parse(text) {
        case .success(let t): return (t, node)
        case .failure(let e) where e.isMissingOffset:
            guard let zone else {
                report(
                    "timezone_required",
                    "'\(key)' '\(shown(text))' has no offset, so it is the restaurant's local time; pass --timezone ZONE (or --stores CONFIG --store ID) to place it",
                    at: node)
                return nil
            }
            guard let local = LocalDateTime.parse(text) else {
                report(StructureRuleID.invalidTimestamp, "'\(key)' value '\(shown(text))' is not a date-time such as '2020-01-16T09:00:00+00:00'", at: node)
                return nil
            }
            let placement = local.placed(in: zone)
            if let (rule, message) = placement.problem(key, text, zone: zone) {
                report(rule, FindingMessage(message), at: node)
                return nil
            }
            guard case .unique(let t) = placement else { return nil }
            report(
                "justeat_local_time",
                "'\(key)' '\(shown(text))' has no offset; Just Eat asks for local time with its offset, so it is read in \(zone.identifier) as '\(t.rfc3339)'",
                at: node, severity: .warning, fix: ObjectDecoder.replacing(node, with: "\"\(t.rfc3339)\"", .safe, "write '\(t.rfc3339)'"))
            return (t, node)
        case .failure(let e):
            report(StructureRuleID.invalidTimestamp, "'\(key)' value '\(shown(text))' is not a valid timestamp: \(e.message)", at: node)
            return nil
        }
    }
}
