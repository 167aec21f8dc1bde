/// Deliverect's store-status endpoint for one location: the location id
/// travels in the path, and the body names channels by their link ids.
public struct DeliverectAPI: StoreAPI {
    /// The location id.
    public let locationID: String
    /// The channel link id of each channel name (`ubereats` → link id), in config order.
    public let channelLinks: [(channel: String, id: String)]

    /// The endpoint of location `locationID`, with its channel links.
    public init(locationID: String, channelLinks: [(channel: String, id: String)]) {
        self.locationID = locationID
        self.channelLinks = channelLinks
    }

    /// Sets `channel_links.CHANNEL` for each configured channel.
    public func supply(_ options: inout ConversionOptions, overriding: Bool) {
        for link in channelLinks { options.supply(DeliverectLinks.key(link.channel), link.id, overriding: overriding) }
    }

    public func requests(for change: StoreChange, options: ConversionOptions) -> [StoreRequest] {
        [request(DeliverectFormat(), change, options, at: status)]
    }

    var status: Endpoint { Endpoint("POST", "/updateStoreStatus/\(locationID)") }

    public func endpoint(for format: String) -> Endpoint? { format == DeliverectFormat().id ? status : nil }
}
