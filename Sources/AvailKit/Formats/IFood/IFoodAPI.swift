/// iFood's interruption endpoints for one merchant: a pause or closure is
/// an interruption (POST); reopening deletes the active interruptions,
/// whose ids only iFood knows (listed by `GET /merchants/{merchantId}/interruptions`).
public struct IFoodAPI: StoreAPI {
    /// iFood's `merchantId`.
    public let merchantID: String

    /// The endpoints of the merchant `merchantID`.
    public init(merchantID: String) { self.merchantID = merchantID }

    public func requests(for change: StoreChange, options: ConversionOptions) -> [StoreRequest] {
        guard change.decoded.availability.state == .open else { return [request(IFoodFormat(), change, options, at: interruptions)] }
        // No body: the path names each interruption, which the GET list gives.
        return [StoreRequest(
            purpose: "\(change.purpose) (each active interruption)", method: "DELETE", path: interruptions.path + "/{interruptionId}", body: .success([], []))]
    }

    var interruptions: Endpoint { Endpoint("POST", "/merchants/\(merchantID)/interruptions") }

    public func endpoint(for format: String) -> Endpoint? { format == IFoodFormat().id ? interruptions : nil }
}
