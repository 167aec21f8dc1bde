/// Uber Eats' endpoints for one store: the store status for its availability,
/// holiday hours for its closures.
public struct UberEatsAPI: StoreAPI {
    /// Uber Eats' `store_id`.
    public let storeID: String

    /// The endpoints of the store `storeID`.
    public init(storeID: String) { self.storeID = storeID }

    public func requests(for change: StoreChange, options: ConversionOptions) -> [StoreRequest] {
        [request(UberEatsFormat(), change, options, at: status)]
    }

    var status: Endpoint { Endpoint("POST", "/v1/eats/store/\(storeID)/status") }
    var holidayHours: Endpoint { Endpoint("POST", "/v1/eats/stores/\(storeID)/holiday-hours") }

    public func endpoint(for format: String) -> Endpoint? {
        switch format {
        case UberEatsFormat().id: status
        case UberEatsHolidayHoursFormat().id: holidayHours
        default: nil
        }
    }

    /// The availability on its own; every closure in one holiday-hours body,
    /// because each POST replaces every date: the closures are the statements
    /// of one document, written once.
    public func requests(for changes: [StoreChange], options: ConversionOptions) -> [StoreRequest] {
        let planned = changes.filter { $0.kind == .availability }.flatMap { requests(for: $0, options: options) }
        let closures = changes.filter { $0.kind != .availability }
        guard var combined = closures.first?.decoded else { return planned }
        combined.availability.also = closures.dropFirst().flatMap(\.decoded.availability.statements)
        combined.alsoOrigins = closures.dropFirst().map { $0.decoded.origins[.state] }
        let numbers = closures.compactMap { if case .closure(let n) = $0.kind { n } else { nil } }
        let purpose = closures.count == 1 ? closures[0].purpose : "closures " + numbers.map(String.init).joined(separator: ", ")
        let body = UberEatsHolidayHoursFormat().checkedBody(for: combined, options: options)
        return planned + [StoreRequest(purpose: purpose, method: holidayHours.method, path: holidayHours.path, body: body)]
    }
}
