import Foundation

extension Availability.Reason {
    /// The code in words, for providers whose reason is free text (Uber Eats,
    /// Grubhub, DoorDash's read side). Sending these is an approximation: the
    /// provider keeps prose, and prose read back never becomes a code.
    public var words: String {
        switch self {
        case .operationalIssues: "Operational issues"
        case .staffShortage: "Staff shortage"
        case .tooBusy: "Too busy"
        case .maintenance: "Maintenance"
        case .other: "Other"
        }
    }
}

/// A provider's own reason codes and how they map to canonical, both ways:
/// each code reads as a canonical reason (and, for some, who made the
/// change); each canonical reason is written as one code. A code that is not
/// how its reason is written back is kept beside it (``Availability/providerCode``),
/// so reading any code into canonical and back gives the same code.
protocol ProviderReasons: DeclaredEnum {
    /// The provider's name in `provider_code` (`doordash`).
    static var provider: String { get }
    /// The canonical reason this code reads as.
    var canonical: Availability.Reason { get }
    /// Who the code says made the change, when it says.
    var actor: Availability.Actor? { get }
    /// An end the code says the change has without giving its time (Just
    /// Eat's `ClosedToday`: "the next morning"), and what to send instead; a
    /// target that drops the code reads a change with no end.
    var unstatedEnd: (what: String, instead: String)? { get }
    /// The code a canonical reason is written as, and whether it says exactly that.
    static func code(for reason: Availability.Reason) -> (code: Self, exact: Bool)
}

/// Every provider's reason table, for what a kept `provider_code` means.
enum ProviderCodes {
    static let tables: [any ProviderReasons.Type] = [DoorDashReason.self, JustEatOfflineType.self, DeliveryHeroReason.self, IFoodValidation.self, GrabCloseReason.self]

    /// The end a provider's code says a change has without its time, when it says one.
    static func unstatedEnd(of code: String) -> (what: String, instead: String)? {
        for table in tables {
            if let known = table.named(code) { return known.unstatedEnd }
        }
        return nil
    }

    /// The canonical reason and actor a provider's code reads as, when it is one of a table's.
    static func meaning(of code: String?) -> (reason: Availability.Reason, actor: Availability.Actor?)? {
        guard let code else { return nil }
        for table in tables {
            if let known = table.named(code) { return (known.canonical, known.actor) }
        }
        return nil
    }
}

extension ProviderReasons {
    var actor: Availability.Actor? { nil }
    var unstatedEnd: (what: String, instead: String)? { nil }

    /// `provider:CODE`, kept when the code is not how its reason is written back.
    var providerCode: String? { Self.code(for: canonical).code == self ? nil : Self.provider + ":" + rawValue }

    /// This provider's code named by a `provider_code`, if it is one of this provider's.
    static func named(_ providerCode: String?) -> Self? {
        providerCode.flatMap { ChannelID.id($0, of: provider) }.flatMap(Self.init(rawValue:))
    }
}

extension Encoding {
    /// The provider code to write for the source's reason: its own code when
    /// the source kept one of this provider's, else the reason's (approximated
    /// when the provider has no exact code for it); nil with no reason.
    mutating func providerReason<R: ProviderReasons>(_ type: R.Type, reason: Availability.Reason?, hint: String = "") -> R? {
        carry(.providerCode)
        let providerCode = availability.providerCode
        if let own = R.named(providerCode) {
            keepsProviderCode = true
            let target = target
            if let reason, reason != own.canonical {
                approximate(.reason, value: reason.rawValue, because: "\(target)'s code '\(own.rawValue)' is sent, which reads as '\(own.canonical.rawValue)'")
            }
            let pausedBy = availability.pausedBy
            if let actor = own.actor, pausedBy != actor {
                lose(.approximated, .by, "code '\(own.rawValue)' says the \(actor.rawValue) made the change\(pausedBy.map { ", not the \($0.rawValue)" } ?? "; the source does not say who did")")
            }
            return own
        }
        let target = target
        if let code = providerCode {
            let goes = availability.reason.map { ", so the reason goes as '\($0.rawValue)'" } ?? ""
            drop(.providerCode, value: code, because: "\(target) has no such code\(goes)")
        }
        guard let reason else { return nil }
        let (code, exact) = R.code(for: reason)
        if !exact {
            approximate(.reason, value: reason.rawValue, because: "\(target) has no such reason, so it is sent as '\(code.rawValue)'\(hint)")
        }
        return code
    }
}

/// The finding for a format whose times have no offset when no zone was given.
func zoneRequired(_ format: String, _ what: String, at node: JSONValue) -> Finding {
    Finding(
        ruleID: "timezone_required", severity: .error,
        message: "\(format) \(what) local times with no offset; pass --timezone ZONE (or --stores CONFIG --store ID) to place them",
        location: node.location, pointer: node.pointer)
}

extension Encoding {
    /// The store's zone for a target whose times are local, or a failure naming the flag.
    mutating func requireZone(_ options: ConversionOptions, for what: String) -> TimeZone? {
        if let zone = options.timeZone { return zone }
        failure(
            "timezone_required", "\(target) writes \(what) as local times with no offset; pass --timezone ZONE (or --stores CONFIG --store ID)")
        return nil
    }

    /// Drops what a plain on/off status request cannot hold: since, a note, storefront messages, unknown members.
    mutating func dropStatusExtras(since: String) {
        let target = target
        if let since_ = availability.since { drop(.since, value: since_.rfc3339, because: since) }
        if let note = availability.note { drop(.note, value: note, because: "\(target) has no note") }
        dropMessages()
        dropLeftovers()
    }

    /// Drops the storefront messages (maintenance, prelaunch), which only Lula and canonical carry.
    mutating func dropMessages() {
        let target = target
        if let m = availability.maintenanceMessage {
            drop(.maintenanceMessage, value: m.summary, because: "\(target) has no storefront messages")
        }
        if let m = availability.prelaunchMessage {
            drop(.prelaunchMessage, value: m.summary, because: "\(target) has no storefront messages")
        }
    }

    /// For a target that is itself one delivery platform: a change scoped to
    /// channels that include it goes to its endpoint (the scope is the
    /// endpoint, a re-encoding); the other channels are not carried (a loss);
    /// a change that leaves this platform alone cannot be sent to it.
    mutating func scope(to platform: DeliveryChannel) {
        guard let channels = availability.channels else { return }
        let target = target
        let list = channels.map { "'\($0)'" }.joined(separator: ", ")
        guard channels.contains(platform.rawValue) else {
            fail(
                "the change is scoped to channels \(list), which do not include '\(platform.rawValue)'; sending it to \(target) would change a store the change leaves alone",
                field: .channels)
            return
        }
        let others = channels.filter { $0 != platform.rawValue }
        if others.isEmpty {
            lose(.reencoded, .channels, "channels \(list): \(target) is that channel's own API, so the endpoint is the scope")
        } else {
            // The other channels are not this API's to change: send the change to them separately.
            let rest = others.map { "'\(shown($0))'" }.joined(separator: ", ")
            lose(.notApplicable, .channels, "channels \(rest) are not sent; \(target) covers '\(platform.rawValue)' only, so send the change to them separately")
        }
    }

    /// A scheduled start the target cannot hold: the change would take effect at once.
    mutating func approximateStart() {
        guard let from = availability.from else { return }
        let target = target
        let what = availability.state == .closed ? "closure" : "change"
        approximate(.from, value: from.rfc3339, because: "\(target) cannot schedule a start, so the \(what) would take effect at once")
    }

    /// An instant in UTC with `Z`, its fraction kept (DoorDash writes
    /// milliseconds): a re-encoding when the offset changes, noted unless `quiet`.
    mutating func utc(_ t: Timestamp, field: CanonicalField, quiet: Bool = false) -> String {
        guard let utc = t.withOffset(.utc) else { return t.rfc3339 }
        if !quiet, utc.rfc3339 != t.rfc3339 { reencode(field, value: t.rfc3339, as: utc.rfc3339) }
        return utc.rfc3339
    }

    /// An instant for a target that takes UTC with `Z` only: a re-encoding
    /// when the offset changes, an approximation when a fraction is cut.
    mutating func utcSeconds(_ t: Timestamp, field: CanonicalField) -> String {
        guard let utc = Timestamp(unixSeconds: t.unixSeconds) else { return t.rfc3339 }
        let target = target
        if t.hasSubsecondPrecision {
            approximate(field, value: t.rfc3339, because: "\(target) takes whole seconds, so it becomes '\(utc.rfc3339)'")
        } else if utc.rfc3339 != t.rfc3339 {
            reencode(field, value: t.rfc3339, as: utc.rfc3339)
        }
        return utc.rfc3339
    }
}

extension ObjectDecoder {
    /// A wall-clock date-time with no offset (`2023-07-20T12:00:00`), placed in
    /// `zone`. A value with an offset is read as that instant, with a warning;
    /// a DST gap or overlap is an error finding, never a guess.
    mutating func localDateTime(_ key: String, zone: TimeZone) -> (Timestamp, JSONValue)? {
        guard let (text, node) = string(key) else { return nil }
        guard let local = LocalDateTime.parse(text) else {
            if case .success(let t) = Timestamp.parse(text) {
                report(
                    "local_time_has_offset",
                    "'\(key)' '\(shown(text))' has an offset, but the provider reads it as the store's local time; write '\(LocalDateTime(t, in: zone)?.description ?? text)'",
                    at: node, severity: .warning)
                return (t, node)
            }
            report(
                StructureRuleID.invalidTimestamp, "'\(key)' value '\(shown(text))' is not a local date-time such as '2023-07-20T12:00:00'",
                at: node)
            return nil
        }
        let placement = local.placed(in: zone)
        if let (rule, message) = placement.problem(key, text, zone: zone) {
            report(rule, FindingMessage(message), at: node)
            return nil
        }
        guard case .unique(let t) = placement else { return nil }
        return (t, node)
    }
}

extension ConversionOptions {
    /// The clock a provider's relative time (a pause "for 30 minutes") is
    /// counted from: `--now`, else the system clock in whole seconds (what
    /// `avail` passes when `--now` is not given).
    var clock: Timestamp {
        now ?? Timestamp(unixSeconds: Int64(Date().timeIntervalSince1970.rounded(.down))) ?? .epoch
    }
}

extension Timestamp {
    /// The instant `seconds` later, written in `zone` when one is given, else
    /// with this timestamp's offset; nil past the years RFC 3339 can write.
    func adding(seconds: Int64, in zone: TimeZone?) -> Timestamp? {
        let (sum, overflow) = unixSeconds.addingReportingOverflow(seconds)
        guard !overflow, let t = Timestamp(unixSeconds: sum) else { return nil }
        if let zone { return t.rendered(in: zone) }
        return t.withOffset(offset)
    }
}

/// One length of time a provider takes from a fixed list: Grab's `30m`,
/// `1h` and `24h`, Delivery Hero's `closingMinutes`.
struct AllowedDuration: Equatable {
    /// Its length in seconds.
    let seconds: Int64
    /// How the provider writes it, as messages show it (`'1h'`, `closingMinutes 60`).
    let shown: String
}

extension Encoding {
    /// The allowed duration that makes a pause sent at `now` end at `until`.
    ///
    /// Exact when one ends at that very instant. Otherwise the shortest that
    /// does not end earlier (a pause that ends too early reopens a store that
    /// cannot take orders yet), or the longest when none is long enough;
    /// either is reported as approximated, naming what is sent and when it
    /// ends. An indefinite pause (no `until`) is sent as the longest,
    /// approximated. `rule` says what the provider takes ("Grab pauses for
    /// 30m, 1h or 24h"). `allowed` must not be empty.
    mutating func duration(ending until: Timestamp?, now: Timestamp, zone: TimeZone?, from allowed: [AllowedDuration], rule: String)
        -> AllowedDuration?
    {
        let sorted = allowed.sorted { $0.seconds < $1.seconds }
        guard let longest = sorted.last else { return nil }
        func end(_ d: AllowedDuration) -> Timestamp? { now.adding(seconds: d.seconds, in: zone) }
        guard let until else {
            let ends = end(longest)?.rfc3339 ?? "later"
            lose(.approximated, .until, "an indefinite pause is approximated; \(rule), so it is sent as \(longest.shown) (ends \(ends)); send it again before then")
            return longest
        }
        if let exact = sorted.first(where: { end($0).map { $0.isSameInstant(as: until) } ?? false }) { return exact }
        let chosen = sorted.first { d in end(d).map { !($0 < until) } ?? false } ?? longest
        approximate(.until, value: until.rfc3339, because: "\(rule), so it is sent as \(chosen.shown) (ends \(end(chosen)?.rfc3339 ?? "later"))")
        return chosen
    }

    /// An instant as the store's wall-clock time for a provider that reads
    /// local times (`YYYY-MM-DDTHH:MM:SS`); a time that happens twice there
    /// cannot be written (a failure), and a fraction that is cut is an approximation.
    mutating func wallClock(_ t: Timestamp, field: CanonicalField, zone: TimeZone, provider: String) -> String? {
        guard let wall = LocalDateTime(t, in: zone) else { return nil }
        if case .overlap = wall.placed(in: zone) {
            failure(
                "local_time_ambiguous",
                "\(field.rawValue) '\(t.rfc3339)' is '\(wall)' in \(zone.identifier), a time that happens twice there; \(provider) would have to guess which",
                at: field)
            return nil
        }
        if t.hasSubsecondPrecision {
            approximate(field, value: t.rfc3339, because: "\(provider)'s local times are whole seconds, so it becomes '\(wall)'")
        } else {
            reencode(field, value: t.rfc3339, as: "\(wall) (\(zone.identifier) local time)")
        }
        return wall.description
    }
}

extension ObjectDecoder {
    /// A store-local date-time for a provider that discards any offset it is
    /// sent (iFood): `2024-01-15T10:00:00` placed in `zone`. A value with an
    /// offset is read as the wall-clock time it shows, not as that instant,
    /// with a `local_time_has_offset` warning; a DST gap or overlap is an
    /// error finding, never a guess.
    mutating func wallClock(_ key: String, zone: TimeZone, provider: String) -> (Timestamp, JSONValue)? {
        guard let (text, node) = string(key) else { return nil }
        var local = LocalDateTime.parse(text)
        if local == nil, case .success(let t) = Timestamp.parse(text) {
            let c = t.localComponents
            local = LocalDateTime(year: c.year, month: c.month, day: c.day, hour: c.hour, minute: c.minute, second: c.second)
            if let wall = local {
                report(
                    "local_time_has_offset",
                    "'\(key)' '\(shown(text))' has an offset, which \(provider) discards; it is read as the local time '\(wall)' in \(zone.identifier); write it without the offset",
                    at: node, severity: .warning)
            }
        }
        guard let wall = local else {
            report(
                StructureRuleID.invalidTimestamp, "'\(key)' value '\(shown(text))' is not a local date-time such as '2024-01-15T10:00:00'",
                at: node)
            return nil
        }
        let placement = wall.placed(in: zone)
        if let (rule, message) = placement.problem(key, text, zone: zone) {
            report(rule, FindingMessage(message), at: node)
            return nil
        }
        guard case .unique(let t) = placement else { return nil }
        return (t, node)
    }
}
