extension DeliveryChannel {
    /// The channels Lula relays to, in its order (`dsp_name` and the response's platform keys).
    static let lula: [DeliveryChannel] = [.ubereats, .doordash, .grubhub]

    /// Lula's `dsp_name` / response key for the channel (only Lula's channels have one).
    var lulaName: String {
        switch self {
        case .ubereats: "UberEats"
        case .doordash: "DoorDash"
        case .grubhub: "GrubHub"
        case .wolt, .justeat, .deliveryhero, .ifood, .grab: rawValue
        }
    }

    init?(lulaName: String) {
        guard let match = Self.lula.first(where: { $0.lulaName == lulaName }) else { return nil }
        self = match
    }

    /// The Lula channel a canonical channel name is, if Lula relays to it.
    init?(lulaChannel name: String) {
        guard let channel = DeliveryChannel(rawValue: name), Self.lula.contains(channel) else { return nil }
        self = channel
    }
}
