/// Lula's store-status endpoint for one store: the store id travels in the path.
public struct LulaAPI: StoreAPI {
    /// Lula's store id.
    public let storeID: String

    /// The endpoint of the store `storeID`.
    public init(storeID: String) { self.storeID = storeID }

    public func requests(for change: StoreChange, options: ConversionOptions) -> [StoreRequest] {
        [request(LulaFormat(), change, options, at: status)]
    }

    var status: Endpoint { Endpoint("PUT", "/stores/\(storeID)/status") }

    public func endpoint(for format: String) -> Endpoint? { format == LulaFormat().id ? status : nil }
}
