/// GrabFood's `closeReason` codes (the store status response) and how they
/// map to canonical, both ways. Grab publishes the codes without a word on
/// what each means; the mapping reads their names (`mex` is Grab's word for
/// the merchant, `ops` for its operations team). docs/formats.md's table is this one.
enum GrabCloseReason: String, ProviderReasons {
    static let ordered = OrderedCases(allCases)
    static let provider = "grab"

    case mexPaused = "mex_paused"
    case opsPaused = "ops_paused"
    case outOfSpecialOpeningHours = "out_of_special_opening_hours"
    case outOfOpeningHours = "out_of_opening_hours"
    case inactive
    case opsPausedWithoutComm = "ops_paused_without_comm"
    case restricted
    case suspended
    case parseDataFail = "parse_data_fail"

    var canonical: Availability.Reason {
        switch self {
        case .parseDataFail: .operationalIssues
        default: .other
        }
    }

    var actor: Availability.Actor? {
        switch self {
        case .mexPaused: .store
        case .opsPaused, .opsPausedWithoutComm, .inactive, .restricted, .suspended, .parseDataFail: .platform
        case .outOfOpeningHours, .outOfSpecialOpeningHours: nil
        }
    }

    /// Closed by the store's opening hours or special hours: not a pause.
    var isSchedule: Bool { self == .outOfOpeningHours || self == .outOfSpecialOpeningHours }

    static func code(for reason: Availability.Reason) -> (code: GrabCloseReason, exact: Bool) {
        (.mexPaused, reason == .other)
    }
}
