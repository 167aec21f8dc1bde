/// GrabFood's pause endpoint for one store: the merchant id travels in the body.
public struct GrabAPI: StoreAPI {
    /// GrabFood's `merchantID`.
    public let merchantID: String

    /// The endpoint of the merchant `merchantID`.
    public init(merchantID: String) { self.merchantID = merchantID }

    public func supply(_ options: inout ConversionOptions, overriding: Bool) {
        options.supply("merchantID", merchantID, overriding: overriding)
    }

    public func requests(for change: StoreChange, options: ConversionOptions) -> [StoreRequest] {
        [request(GrabFormat(), change, options, at: pause)]
    }

    var pause: Endpoint { Endpoint("PUT", "/partner/v1/merchant/pause") }

    public func endpoint(for format: String) -> Endpoint? { format == GrabFormat().id ? pause : nil }
}
