/// iFood's status validation codes that say why a store is closed, and how
/// they map to canonical. iFood describes each in a word or two ("No delivery
/// drivers available in the area"); which reason and actor each means is
/// inferred from those words. `unavailabilities` (an active interruption)
/// is a pause with no reason (listed last, read so); `opening-hours` is the
/// store's hours, not a pause. docs/formats.md's table is this one.
enum IFoodValidation: String, ProviderReasons {
    static let ordered = OrderedCases(allCases)
    static let provider = "ifood"

    case isConnected = "is-connected"
    case radiusRestriction = "radius-restriction"
    case payoutBlocked = "payout-blocked"
    case logisticsBlocked = "logistics-blocked"
    case termsServiceViolation = "terms-service-violation"
    case statusAvailability = "status-availability"
    /// An active interruption: a pause with no reason (the decoder reads it
    /// so; it is here as what a canonical reason is written as).
    case unavailabilities

    var canonical: Availability.Reason {
        switch self {
        case .isConnected, .logisticsBlocked: .operationalIssues
        case .radiusRestriction: .tooBusy
        case .payoutBlocked, .termsServiceViolation, .statusAvailability, .unavailabilities: .other
        }
    }

    var actor: Availability.Actor? {
        switch self {
        case .isConnected: .integration
        case .unavailabilities: nil
        default: .platform
        }
    }

    /// iFood says why a store is closed only for its own blocks: no canonical
    /// reason is one of these exactly, so each is kept as `provider_code`, and
    /// a canonical reason goes as an interruption (`unavailabilities`), which has none.
    static func code(for reason: Availability.Reason) -> (code: IFoodValidation, exact: Bool) {
        (.unavailabilities, false)
    }
}
