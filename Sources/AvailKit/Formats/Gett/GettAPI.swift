/// Gett's store-status endpoint for one store: the store id travels in the path.
public struct GettAPI: StoreAPI {
    /// Gett's partner store id.
    public let storeID: String

    /// The endpoint of the store `storeID`.
    public init(storeID: String) { self.storeID = storeID }

    public func requests(for change: StoreChange, options: ConversionOptions) -> [StoreRequest] {
        [request(GettFormat(kind: .request), change, options, at: status)]
    }

    var status: Endpoint { Endpoint("POST", "/v1/commerce/stores/\(storeID)/status") }

    public func endpoint(for format: String) -> Endpoint? { format == GettFormat(kind: .request).id ? status : nil }
}
