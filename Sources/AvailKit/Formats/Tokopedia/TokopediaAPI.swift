/// Tokopedia's shop-status endpoint for one shop: the fulfilment-service id
/// travels in the path and the shop id in the body (`shop_id`).
public struct TokopediaAPI: StoreAPI {
    /// The fulfilment-service (app) id.
    public let fsID: Int64
    /// The shop id.
    public let shopID: Int64

    /// The endpoint of shop `shopID` under fulfilment service `fsID`.
    public init(fsID: Int64, shopID: Int64) {
        self.fsID = fsID
        self.shopID = shopID
    }

    public func supply(_ options: inout ConversionOptions, overriding: Bool) {
        options.setTokopediaShop(shopID, overriding: overriding)
    }

    public func requests(for change: StoreChange, options: ConversionOptions) -> [StoreRequest] {
        [request(TokopediaFormat(), change, options, at: status)]
    }

    var status: Endpoint { Endpoint("POST", "/v2/shop/fs/\(fsID)/shop-status") }

    public func endpoint(for format: String) -> Endpoint? { format == TokopediaFormat().id ? status : nil }
}
