import Foundation

/// Delivery Hero's `closedReason` codes (POS middleware availability) and
/// how they map to canonical, both ways. The first eight are the ones a
/// partner sends (the reference's sample and the Partner API's list); the
/// others are set by the platforms themselves (read side only, from
/// integrators' code: no official list). docs/formats.md's table is this one.
enum DeliveryHeroReason: String, ProviderReasons {
    static let ordered = OrderedCases(allCases)
    static let provider = "deliveryhero"

    case tooBusyKitchen = "TOO_BUSY_KITCHEN"
    case tooBusyNoDrivers = "TOO_BUSY_NO_DRIVERS"
    case technicalProblem = "TECHNICAL_PROBLEM"
    case updatesInMenu = "UPDATES_IN_MENU"
    case closed = "CLOSED"
    case other = "OTHER"
    case badWeather = "BAD_WEATHER"
    case holidaySpecialDay = "HOLIDAY_SPECIAL_DAY"
    case checkInRequired = "CHECK_IN_REQUIRED"
    case checkInFailed = "CHECK_IN_FAILED"
    case orderFailure = "ORDER_FAILURE"
    case tooManyRejectedOrders = "TOO_MANY_REJECTED_ORDERS"
    case unreachable = "UNREACHABLE"
    case courierDelayedAtPickup = "COURIER_DELAYED_AT_PICKUP"
    case restrictedVisibility = "RESTRICTED_VISIBILITY"
    case onboarding = "ONBOARDING"
    case readyToGoOnline = "READY_TO_GO_ONLINE"
    case offboarding = "OFFBOARDING"
    case retention = "RETENTION"
    case complianceIssues = "COMPLIANCE_ISSUES"
    case ownershipChange = "OWNERSHIP_CHANGE"
    case refurbishment = "REFURBISHMENT"
    case foodHygiene = "FOOD_HYGIENE"
    case fraud = "FRAUD"
    case religiousObservance = "RELIGIOUS_OBSERVANCE"
    case areaDisruption = "AREA_DISRUPTION"

    /// The reasons a partner sends in a PUT (the rest are the platforms' own):
    /// the first eight cases, so a PUT's declared values are in `ordered`'s order.
    static let sendable: [DeliveryHeroReason] = Array(ordered.prefix(8))

    var isSendable: Bool { Self.sendable.contains(self) }

    var canonical: Availability.Reason {
        switch self {
        case .tooBusyKitchen, .tooBusyNoDrivers: .tooBusy
        case .technicalProblem, .orderFailure, .unreachable: .operationalIssues
        case .updatesInMenu, .refurbishment: .maintenance
        default: .other
        }
    }

    /// The platform closed the vendor for these (inferred from their names and integrators' notes).
    var actor: Availability.Actor? {
        switch self {
        case .checkInRequired, .checkInFailed, .orderFailure, .tooManyRejectedOrders, .unreachable, .courierDelayedAtPickup,
            .restrictedVisibility, .onboarding, .readyToGoOnline, .offboarding, .retention, .complianceIssues, .ownershipChange,
            .foodHygiene, .fraud:
            .platform
        default: nil
        }
    }

    static func code(for reason: Availability.Reason) -> (code: DeliveryHeroReason, exact: Bool) {
        switch reason {
        case .tooBusy: (.tooBusyKitchen, true)
        case .operationalIssues: (.technicalProblem, true)
        case .other: (.other, true)
        // UPDATES_IN_MENU is one kind of maintenance: read, it reads as
        // maintenance and keeps its code; maintenance in general is no code of Delivery Hero's.
        case .maintenance: (.other, false)
        case .staffShortage: (.tooBusyKitchen, false)
        }
    }
}

/// Delivery Hero POS middleware availability states (`availabilityState`).
enum DeliveryHeroState: String, DeclaredEnum {
    static let ordered = OrderedCases(allCases)

    case closedUntil = "CLOSED_UNTIL"
    case closed = "CLOSED"
    case inactive = "INACTIVE"
    case unknown = "UNKNOWN"
    case open = "OPEN"
    case closedToday = "CLOSED_TODAY"

    /// Whether the state closes the vendor on the platform (UNKNOWN says nothing).
    var closes: Bool { self != .open && self != .unknown }

    /// States the encoder chooses among by the source's spelling, so the
    /// source's word is kept for them (CLOSED and OPEN need none).
    var isSpelling: Bool { self == .closedUntil || self == .closedToday || self == .inactive || self == .unknown }
}

/// What Delivery Hero's two formats share: platform channels, the allowed
/// closing minutes, the end of a local day.
enum DeliveryHero {
    static let provider = "deliveryhero"

    /// `--set platforms.KEY=ID`: a platform's `platformRestaurantId`.
    static let platforms = SettableField(
        prefix: "platforms.", placeholder: "KEY",
        help: "the platformRestaurantId of a Delivery Hero platform (TB, FO_DE, ...; a store config's deliveryhero platforms)")

    /// `--set closing_minutes=30,60`: the durations a platform accepts.
    static let closingMinutes = SettableField(
        "closing_minutes", .integers(1...maxMinutes), help: "the closingMinutes a Delivery Hero platform accepts, comma-separated (its GET entry's list; default 30,60,120,240,720)")

    /// The durations in Delivery Hero's published sample (`closingMinutes`: 240, 720, 120, 60, 30).
    static let publishedMinutes: [Int64] = [30, 60, 120, 240, 720]

    /// The longest `closingMinutes` read (a year): more is no pause.
    static let maxMinutes: Int64 = 525_600

    /// The canonical channel of a platform key (`deliveryhero:TB`).
    static func channel(_ key: String) -> String { ChannelID.make(key, of: provider) }

    /// The platform key of a canonical channel, when it is one of Delivery Hero's.
    static func key(of channel: String) -> String? { ChannelID.id(channel, of: provider) }

    /// Local midnight after `t` in `zone`: when CLOSED_TODAY ends.
    static func endOfDay(after t: Timestamp, in zone: TimeZone) -> Timestamp? {
        guard let local = LocalDateTime(t, in: zone), let next = local.adding(days: 1) else { return nil }
        return Timestamp.startOfDay(year: next.year, month: next.month, day: next.day, in: zone)
    }

    /// The closing minutes the encoder may send: `--set closing_minutes`, else the published ones.
    static func allowedMinutes(_ options: ConversionOptions, _ e: inout Encoding) -> [AllowedDuration]? {
        var minutes = publishedMinutes
        if let text = options.set[closingMinutes.name] {
            // The field's own check (the CLI's too): a library caller can pass anything.
            guard closingMinutes.problem(with: text) == nil else {
                e.fail(
                    "--set closing_minutes='\(shown(text))' is not a comma-separated list of minutes from 1 to \(maxMinutes); use the platform's list, such as '30,60,120'",
                    field: .until)
                return nil
            }
            minutes = text.split(separator: ",").compactMap { Int64($0.trimmingCharacters(in: .whitespaces)) }
        }
        // A source that said "M minutes from now" (a Delivery Hero PUT's own
        // closingMinutes) is sent as it was: its sender chose a value its platform takes.
        if let text = e.numberText(of: .until), let own = Int64(text), (1...maxMinutes).contains(own), !minutes.contains(own),
            let until = e.availability.until, options.clock.adding(seconds: own * 60, in: options.timeZone)?.isSameInstant(as: until) == true
        {
            minutes = (minutes + [own]).sorted()
        }
        return minutes.map { AllowedDuration(seconds: $0 * 60, shown: "closingMinutes \($0)") }
    }

    /// The rule the encoder's approximation names.
    static func rule(_ allowed: [AllowedDuration]) -> String {
        let values = allowed.map { String($0.seconds / 60) }
        let list = values.count > 1 ? values.dropLast().joined(separator: ", ") + " or " + (values.last ?? "") : values.joined()
        return "Delivery Hero closes for \(list) minutes"
    }

    /// The state a closed statement is written as: CLOSED with no end; with
    /// one, CLOSED_TODAY when it ends at local midnight and the source said
    /// so (or said nothing), else CLOSED_UNTIL. INACTIVE is kept when the
    /// source said it and the statement has no end.
    static func closedState(until: Timestamp?, kept: DeliveryHeroState?, now: Timestamp, zone: TimeZone?) -> DeliveryHeroState {
        guard let until else { return kept == .inactive || kept == .closedUntil ? kept ?? .closed : .closed }
        if kept != .closedUntil, let zone, let midnight = endOfDay(after: now, in: zone), midnight.isSameInstant(as: until) {
            return .closedToday
        }
        return .closedUntil
    }
}

extension Encoding {
    /// The `closedReason` for statement `s`: its own Delivery Hero code (in a
    /// PUT, only one a partner may send), else its reason's code
    /// (approximated when Delivery Hero has none exactly); nil with no reason.
    /// Who made the change is carried when the code says the same, else reported.
    mutating func deliveryHeroReason(_ s: Availability, sendableOnly: Bool, which: String = "") -> DeliveryHeroReason? {
        carry(.providerCode, .by)
        var code: DeliveryHeroReason?
        if let own = DeliveryHeroReason.named(s.providerCode) {
            if !sendableOnly || own.isSendable {
                if let reason = s.reason, reason != own.canonical {
                    approximate(.reason, value: reason.rawValue, because: "Delivery Hero's code '\(own.rawValue)' is sent, which reads as '\(own.canonical.rawValue)'\(which)")
                }
                code = own
            } else {
                drop(.providerCode, value: own.rawValue, because: "the platform sets '\(own.rawValue)' itself; a PUT cannot send it\(which)")
            }
        } else if let other = s.providerCode {
            drop(.providerCode, value: other, because: "Delivery Hero has no such code\(which)")
        }
        if code == nil, let reason = s.reason {
            let (mapped, exact) = DeliveryHeroReason.code(for: reason)
            if !exact {
                approximate(.reason, value: reason.rawValue, because: "Delivery Hero has no such reason, so it is sent as '\(mapped.rawValue)'\(which)")
            }
            code = mapped
        }
        if let actor = code?.actor, s.pausedBy != actor {
            lose(.approximated, .by, "code '\(code?.rawValue ?? "")' says the \(actor.rawValue) made the change\(s.pausedBy.map { ", not the \($0.rawValue)" } ?? "; the source does not say who did")\(which)")
        } else if code?.actor == nil, let by = s.pausedBy {
            drop(.by, value: by.rawValue, because: "Delivery Hero's reasons do not say who closed the vendor\(which)")
        }
        return code
    }
}
