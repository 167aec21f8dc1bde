/// Delivery Hero's POS middleware availability endpoint for one vendor of a
/// chain: one PUT per platform the vendor is listed on, each naming its
/// `platformKey` and `platformRestaurantId` in the body.
public struct DeliveryHeroAPI: StoreAPI {
    /// The chain's `chainCode`.
    public let chainCode: String
    /// The vendor's `posVendorId` (its `remoteId`).
    public let vendorID: String
    /// The platforms the vendor is listed on: `platformKey` and `platformRestaurantId`, in config order.
    public let platforms: [(key: String, restaurantID: String)]

    /// The endpoint of vendor `vendorID` of chain `chainCode`, listed on `platforms`.
    public init(chainCode: String, vendorID: String, platforms: [(key: String, restaurantID: String)]) {
        self.chainCode = chainCode
        self.vendorID = vendorID
        self.platforms = platforms
    }

    /// Sets `platforms.KEY` for each platform.
    public func supply(_ options: inout ConversionOptions, overriding: Bool) {
        for p in platforms { options.supply(DeliveryHero.platforms.name + p.key, p.restaurantID, overriding: overriding) }
    }

    /// One PUT per platform the change applies to: every platform for a
    /// change to the whole store (or to `deliveryhero`), else the platforms
    /// its `deliveryhero:KEY` channels name.
    public func requests(for change: StoreChange, options: ConversionOptions) -> [StoreRequest] {
        let channels = change.decoded.availability.channels
        let named = (channels ?? []).compactMap(DeliveryHero.key(of:))
        let every = channels == nil || channels?.contains(DeliveryChannel.deliveryhero.rawValue) == true
        var keys = platforms.map(\.key).filter { every || named.contains($0) }
        keys += named.filter { !keys.contains($0) }
        return keys.map { key in
            var one = change
            one.decoded.availability.channels = [DeliveryHero.channel(key)]
            return request(DeliveryHeroFormat(), one, options, at: availability, purpose: "\(change.purpose) (\(key))")
        }
    }

    var availability: Endpoint { Endpoint("PUT", "/v2/chains/\(chainCode)/remoteVendors/\(vendorID)/availability") }

    public func endpoint(for format: String) -> Endpoint? { format == DeliveryHeroFormat().id ? availability : nil }
}
