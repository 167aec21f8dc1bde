/// BigCommerce's endpoints for one channel of one store: the channel's status
/// and its storefront messages are set by separate requests.
public struct BigCommerceAPI: StoreAPI {
    /// The store hash.
    public let storeHash: String
    /// The channel id.
    public let channelID: Int64

    /// The endpoints of channel `channelID` of store `storeHash`.
    public init(storeHash: String, channelID: Int64) {
        self.storeHash = storeHash
        self.channelID = channelID
    }

    /// A change of state goes to the channel; storefront messages go to the
    /// storefront-status settings, in a second request when both change.
    public func requests(for change: StoreChange, options: ConversionOptions) -> [StoreRequest] {
        let doc = change.decoded.availability
        var requests: [StoreRequest] = []
        if doc.state != nil {
            var state = change
            state.decoded.availability.maintenanceMessage = nil
            state.decoded.availability.prelaunchMessage = nil
            requests.append(request(BigCommerceChannelFormat(), state, options, at: channel))
        }
        if doc.hasMessages {
            var messages = change
            messages.decoded.availability = Availability(
                maintenanceMessage: doc.maintenanceMessage, prelaunchMessage: doc.prelaunchMessage)
            requests.append(request(
                BigCommerceSettingsFormat(kind: .request), messages, options, at: storefront,
                purpose: doc.state == nil ? change.purpose : "\(change.purpose) (storefront messages)"))
        }
        return requests
    }

    var channel: Endpoint { Endpoint("PUT", "/stores/\(storeHash)/v3/channels/\(channelID)") }
    var storefront: Endpoint { Endpoint("PUT", "/stores/\(storeHash)/v3/settings/storefront/status?channel_id=\(channelID)") }

    public func endpoint(for format: String) -> Endpoint? {
        switch format {
        case BigCommerceChannelFormat().id: channel
        case BigCommerceSettingsFormat(kind: .request).id: storefront
        default: nil
        }
    }
}
