/// DoorDash's deactivation reasons (the store status PUT's required `reason`)
/// and how they map to canonical codes, both ways. The README's table is this one.
enum DoorDashReason: String, DeclaredEnum {
    static let ordered = OrderedCases(allCases)

    case outOfBusiness = "out_of_business"
    case deleteStore = "delete_store"
    case paymentIssue = "payment_issue"
    case operationalIssues = "operational_issues"
    case storeSelfDisabled = "store_self_disabled_in_their_POS_portal"
    case posConnectivity = "store_pos_connectivity_issues"

    /// The canonical code; `exact` is false when it is only the nearest one.
    var canonical: (reason: Availability.Reason, exact: Bool) {
        switch self {
        case .operationalIssues: (.operationalIssues, true)
        case .posConnectivity: (.operationalIssues, false)
        case .storeSelfDisabled, .paymentIssue, .outOfBusiness, .deleteStore: (.other, false)
        }
    }

    /// Who the reason says deactivated the store, when it says.
    var actor: Availability.Actor? { self == .storeSelfDisabled ? .store : nil }

    /// Deactivates the store for good, not for a while.
    var isPermanent: Bool { self == .outOfBusiness || self == .deleteStore }

    /// DoorDash's code for a canonical one; `exact` is false when DoorDash has no equivalent.
    static func from(_ reason: Availability.Reason) -> (reason: DoorDashReason, exact: Bool) {
        reason == .operationalIssues ? (.operationalIssues, true) : (.operationalIssues, false)
    }
}
