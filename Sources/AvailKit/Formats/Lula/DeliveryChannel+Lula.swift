extension DeliveryChannel {
    /// Lula's `dsp_name` / response key for the channel.
    var lulaName: String {
        switch self {
        case .ubereats: "UberEats"
        case .doordash: "DoorDash"
        case .grubhub: "GrubHub"
        }
    }

    init?(lulaName: String) {
        guard let match = Self.allCases.first(where: { $0.lulaName == lulaName }) else { return nil }
        self = match
    }
}
