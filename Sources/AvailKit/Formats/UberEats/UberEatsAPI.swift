/// Uber Eats' endpoints for one store: the store status for its availability,
/// holiday hours for its closures.
public struct UberEatsAPI: StoreAPI {
    /// Uber Eats' `store_id`.
    public let storeID: String

    /// The endpoints of the store `storeID`.
    public init(storeID: String) { self.storeID = storeID }

    public func requests(for change: StoreChange, options: ConversionOptions) -> [StoreRequest] {
        [request(UberEatsFormat(), change, options, "POST", "/v1/eats/store/\(storeID)/status")]
    }

    /// The availability on its own; every closure in one holiday-hours body,
    /// because each POST replaces every date. A closure that cannot be written
    /// gets a request of its own that carries why.
    public func requests(for changes: [StoreChange], options: ConversionOptions) -> [StoreRequest] {
        var planned = changes.filter { $0.kind == .availability }.flatMap { requests(for: $0, options: options) }
        let closures = changes.filter { $0.kind != .availability }
        guard !closures.isEmpty else { return planned }
        let format = UberEatsHolidayHoursFormat()
        let path = "/v1/eats/stores/\(storeID)/holiday-hours"
        var losses: [Loss] = []
        var days = ClosedDays()
        for closure in closures {
            switch format.encode(closure.decoded, options: options) {
            case .success(_, let found):
                losses += found
                let doc = closure.decoded.availability
                if let zone = options.timeZone, let from = doc.from, let until = doc.until,
                    let start = LocalDateTime(from, in: zone), let end = LocalDateTime(until, in: zone)
                {
                    _ = days.add(start, end)
                }
            case .failure(let findings):
                planned.append(StoreRequest(purpose: closure.purpose, method: "POST", path: path, body: .failure(findings)))
            }
        }
        guard !days.isEmpty else { return planned }
        var out = JSONOutput(style: .pretty)
        _ = days.write(into: &out)
        let numbers = closures.compactMap { if case .closure(let n) = $0.kind { n } else { nil } }
        let purpose = closures.count == 1 ? closures[0].purpose : "closures " + numbers.map(String.init).joined(separator: ", ")
        planned.append(StoreRequest(purpose: purpose, method: "POST", path: path, body: .success(out.bytes, losses)))
        return planned
    }
}
