/// DoorDash's store-status endpoint for one store, addressed by the store's
/// `merchant_supplied_id`, which the deactivation webhook also carries in its body.
public struct DoorDashAPI: StoreAPI {
    /// The store's `merchant_supplied_id`.
    public let merchantSuppliedID: String

    /// The endpoint of the store `merchantSuppliedID`.
    public init(merchantSuppliedID: String) { self.merchantSuppliedID = merchantSuppliedID }

    public func supply(_ options: inout ConversionOptions, overriding: Bool) {
        options.supply("merchant_supplied_id", merchantSuppliedID, overriding: overriding)
    }

    public func requests(for change: StoreChange, options: ConversionOptions) -> [StoreRequest] {
        [request(DoorDashFormat(), change, options, at: status)]
    }

    var status: Endpoint { Endpoint("PUT", "/api/v1/stores/\(merchantSuppliedID)/status") }

    public func endpoint(for format: String) -> Endpoint? { format == DoorDashFormat().id ? status : nil }
}
