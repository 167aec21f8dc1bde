/// Wolt's online-status endpoint for one venue: the venue id travels in the path.
public struct WoltAPI: StoreAPI {
    /// Wolt's `venueId`.
    public let venueID: String

    /// The endpoint of the venue `venueID`.
    public init(venueID: String) { self.venueID = venueID }

    public func requests(for change: StoreChange, options: ConversionOptions) -> [StoreRequest] {
        [request(WoltFormat(), change, options, at: online)]
    }

    var online: Endpoint { Endpoint("PATCH", "/venues/\(venueID)/online") }

    public func endpoint(for format: String) -> Endpoint? { format == WoltFormat().id ? online : nil }
}
