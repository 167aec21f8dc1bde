/// Just Eat's Restaurant Events endpoints for one restaurant: an offline
/// event takes it offline (POST, the restaurant id in the body); deleting
/// its offline events brings it back (DELETE, no body). Both also need the
/// `X-JE-Requester` and `X-JE-User-Role` headers, which are not part of a plan.
public struct JustEatAPI: StoreAPI {
    /// Just Eat's restaurant id.
    public let restaurantID: String
    /// The tenant (`uk`, `ie`, ...).
    public let tenant: String

    /// The tenants Just Eat's docs name (the union of two lists that differ: `no` and `ca`).
    public static var tenants: [String] { JustEat.tenants }

    /// The endpoints of restaurant `restaurantID` of `tenant`.
    public init(restaurantID: String, tenant: String) {
        self.restaurantID = restaurantID
        self.tenant = tenant
    }

    public func supply(_ options: inout ConversionOptions, overriding: Bool) {
        options.supply(JustEat.restaurantIds.name, restaurantID, overriding: overriding)
        options.supply(JustEat.tenant.name, tenant, overriding: overriding)
    }

    public func requests(for change: StoreChange, options: ConversionOptions) -> [StoreRequest] {
        guard change.decoded.availability.state == .open else {
            return [request(JustEatFormat(), change, options, at: offlineEvent)]
        }
        return [StoreRequest(purpose: change.purpose, method: "DELETE", path: "/v1/\(tenant)/restaurants/\(restaurantID)/event/offline", body: .success([], []))]
    }

    var offlineEvent: Endpoint { Endpoint("POST", "/v1/\(tenant)/restaurants/event/offline") }

    public func endpoint(for format: String) -> Endpoint? { format == JustEatFormat().id ? offlineEvent : nil }
}
