/// One provider's store-status API, addressed for one store: the requests
/// that apply canonical changes to it, and the `--set` fields its bodies take
/// from the store's ids.
///
/// Each provider declares its own in its folder (``GettAPI``, ``DoorDashAPI``,
/// …), so endpoints, body fields and values stay with the format that owns
/// them. A store config builds one from the ids it lists for the store
/// (`avail plan`, and `avail convert --stores`).
public protocol StoreAPI: Sendable {
    /// Sets the `--set` fields the provider's bodies carry from the store's
    /// ids (DoorDash's `merchant_supplied_id`). A field already set is kept
    /// unless `overriding`.
    func supply(_ options: inout ConversionOptions, overriding: Bool)

    /// The requests that apply one change to the store: usually one, several
    /// when the API splits it (one per schedule, say).
    func requests(for change: StoreChange, options: ConversionOptions) -> [StoreRequest]

    /// The requests that apply all of a store's changes, in order. By default
    /// each change on its own; an API whose request replaces earlier ones
    /// (Uber Eats holiday hours) combines them.
    func requests(for changes: [StoreChange], options: ConversionOptions) -> [StoreRequest]

    /// Where a body of format `format` (a format id) is sent for this store,
    /// with its ids filled in; nil for a format that is not a request of this
    /// API (a response, a webhook, another provider's).
    func endpoint(for format: String) -> Endpoint?
}

/// An HTTP method and a request path with the store's ids in it.
public struct Endpoint: Sendable, Equatable {
    /// The method, as the provider documents it.
    public var method: String
    /// The path.
    public var path: String

    /// An endpoint.
    public init(_ method: String, _ path: String) {
        self.method = method
        self.path = path
    }
}

extension StoreAPI {
    /// No ids travel in the body.
    public func supply(_ options: inout ConversionOptions, overriding: Bool) {}

    /// Each change on its own, in order.
    public func requests(for changes: [StoreChange], options: ConversionOptions) -> [StoreRequest] {
        changes.flatMap { requests(for: $0, options: options) }
    }

    /// One request: `format`'s body for `change`, sent to `endpoint`.
    func request(
        _ format: some AvailabilityFormat, _ change: StoreChange, _ options: ConversionOptions, at endpoint: Endpoint, purpose: String? = nil
    ) -> StoreRequest {
        StoreRequest(
            purpose: purpose ?? change.purpose, method: endpoint.method, path: endpoint.path, body: format.checkedBody(for: change.decoded, options: options))
    }
}

extension AvailabilityFormat {
    /// The body for `source`, checked against its meaning: a body that means
    /// something else than the change, with no loss saying why, is not sent
    /// (a `meaning_changed` finding instead).
    public func checkedBody(for source: Decoded, options: ConversionOptions) -> EncodeOutcome {
        let outcome = encode(source, options: options)
        guard options.checksMeaning, case .success(let bytes, let losses) = outcome,
            let change = MeaningCheck.check(
                bytes, of: self, against: source.availability, losses: source.losses + losses, options: options, at: source.root)
        else { return outcome }
        return .failure([change])
    }
}

/// One change a store config asks of a store: its availability, or a planned closure.
public struct StoreChange: Sendable {
    /// Which part of the store's config the change is.
    public enum Kind: Equatable, Sendable {
        /// The store's `availability` block.
        case availability
        /// Its planned closure `number` (1-based, in config order).
        case closure(number: Int)
    }

    /// What the change is for, as plans show it (`availability`, `closure 2`).
    public var purpose: String
    /// Whether it is the availability or a closure.
    public var kind: Kind
    /// The change, as a canonical document.
    public var decoded: Decoded

    /// A change for `purpose`.
    public init(purpose: String, kind: Kind, decoded: Decoded) {
        self.purpose = purpose
        self.kind = kind
        self.decoded = decoded
    }
}

/// One HTTP request a ``StoreAPI`` would send; nothing is sent.
public struct StoreRequest: Sendable {
    /// What it applies (`availability`, `closure 1 (DELIVERY)`).
    public var purpose: String
    /// The HTTP method, as the provider's API documents it.
    public var method: String
    /// The request path, with the store's ids filled in.
    public var path: String
    /// The body and what it could not carry, or why it cannot be written.
    public var body: EncodeOutcome

    /// A request for `purpose`.
    public init(purpose: String, method: String, path: String, body: EncodeOutcome) {
        self.purpose = purpose
        self.method = method
        self.path = path
        self.body = body
    }
}
