/// Lula's store-status endpoint for one store: the store id travels in the path.
public struct LulaAPI: StoreAPI {
    /// Lula's store id.
    public let storeID: String

    /// The endpoint of the store `storeID`.
    public init(storeID: String) { self.storeID = storeID }

    public func requests(for change: StoreChange, options: ConversionOptions) -> [StoreRequest] {
        [request(LulaFormat(), change, options, "PUT", "/stores/\(storeID)/status")]
    }
}
