/// DoorDash's deactivation reasons (the store status PUT's required `reason`)
/// and how they map to canonical codes, both ways. docs/formats.md's table is this one.
enum DoorDashReason: String, ProviderReasons {
    static let ordered = OrderedCases(allCases)
    static let provider = "doordash"

    case outOfBusiness = "out_of_business"
    case deleteStore = "delete_store"
    case paymentIssue = "payment_issue"
    case operationalIssues = "operational_issues"
    case storeSelfDisabled = "store_self_disabled_in_their_POS_portal"
    case posConnectivity = "store_pos_connectivity_issues"

    var canonical: Availability.Reason {
        switch self {
        case .operationalIssues, .posConnectivity: .operationalIssues
        case .storeSelfDisabled, .paymentIssue, .outOfBusiness, .deleteStore: .other
        }
    }

    var actor: Availability.Actor? { self == .storeSelfDisabled ? .store : nil }

    /// Deactivates the store for good, not for a while.
    var isPermanent: Bool { self == .outOfBusiness || self == .deleteStore }

    static func code(for reason: Availability.Reason) -> (code: DoorDashReason, exact: Bool) {
        reason == .operationalIssues ? (.operationalIssues, true) : (.operationalIssues, false)
    }
}
