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
            return [request(GrubhubFormat(), change, options, "PUT", "/pos/v1/merchant/\(merchantID)/pos-status")]
        }
        let overrides = "/pos/v1/merchant/\(merchantID)/schedules/overrides"
        guard doc.orderTypes == nil else { return [request(GrubhubOverrideFormat(), change, options, "POST", overrides)] }
        return GrubhubOverrideFormat.Schedule.allCases.map { schedule in
            var scoped = change
            scoped.decoded.availability.orderTypes = [schedule.canonical]
            return request(GrubhubOverrideFormat(), scoped, options, "POST", overrides, purpose: "\(change.purpose) (\(schedule.rawValue))")
        }
    }
}
