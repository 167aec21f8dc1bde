/// Grubhub's endpoints for one merchant: POS status for pauses and openings,
/// schedule overrides for closures.
public struct GrubhubAPI: StoreAPI {
    /// Grubhub's `merchant_id`.
    public let merchantID: String

    /// The endpoints of merchant `merchantID`.
    public init(merchantID: String) { self.merchantID = merchantID }

    /// A closure is a schedule override: one for the order types it names, or
    /// one per schedule when it closes the whole store.
    public func requests(for change: StoreChange, options: ConversionOptions) -> [StoreRequest] {
        let doc = change.decoded.availability
        guard doc.state == .closed else {
            return [request(GrubhubFormat(), change, options, at: posStatus)]
        }
        guard doc.orderTypes == nil else { return [request(GrubhubOverrideFormat(), change, options, at: overrides)] }
        return GrubhubOverrideFormat.Schedule.allCases.map { schedule in
            var scoped = change
            scoped.decoded.availability.orderTypes = [schedule.canonical]
            return request(GrubhubOverrideFormat(), scoped, options, at: overrides, purpose: "\(change.purpose) (\(schedule.rawValue))")
        }
    }

    var posStatus: Endpoint { Endpoint("PUT", "/pos/v1/merchant/\(merchantID)/pos-status") }
    var overrides: Endpoint { Endpoint("POST", "/pos/v1/merchant/\(merchantID)/schedules/overrides") }

    public func endpoint(for format: String) -> Endpoint? {
        switch format {
        case GrubhubFormat().id: posStatus
        case GrubhubOrderTypesFormat().id: Endpoint("PUT", "/pos/v2/merchant/\(merchantID)/pos-status")
        case GrubhubOverrideFormat().id: overrides
        default: nil
        }
    }
}
