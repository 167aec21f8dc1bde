/// iFood's status validation codes that say why a store is closed, and how
/// they map to canonical. iFood describes each in a word or two ("No delivery
/// drivers available in the area"); which reason and actor each means is
/// inferred from those words. `unavailabilities` (an active interruption)
/// is a pause with no reason and is not in this table; `opening-hours` is the
/// store's hours, not a pause. The README's table is this one.
enum IFoodValidation: String, ProviderReasons {
    static let ordered = OrderedCases(allCases)
    static let provider = "ifood"

    case isConnected = "is-connected"
    case radiusRestriction = "radius-restriction"
    case payoutBlocked = "payout-blocked"
    case logisticsBlocked = "logistics-blocked"
    case termsServiceViolation = "terms-service-violation"
    case statusAvailability = "status-availability"

    var canonical: Availability.Reason {
        switch self {
        case .isConnected, .logisticsBlocked: .operationalIssues
        case .radiusRestriction: .tooBusy
        case .payoutBlocked, .termsServiceViolation, .statusAvailability: .other
        }
    }

    var actor: Availability.Actor? { self == .isConnected ? .integration : .platform }

    /// iFood says why a store is closed only for its own blocks: no canonical
    /// reason is one of these exactly, so each is kept as `provider_code`.
    static func code(for reason: Availability.Reason) -> (code: IFoodValidation, exact: Bool) {
        (.statusAvailability, false)
    }
}
