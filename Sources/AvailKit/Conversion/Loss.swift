/// Something a conversion could not carry over exactly.
public struct Loss: Hashable, Sendable {
    /// What kind of loss it is; ``isLossy`` says which kinds refuse a conversion.
    public enum Kind: String, Sendable, Hashable {
        /// The value is gone.
        case dropped
        /// The target holds a nearby but different value.
        case approximated
        /// A channel-scoped change applied to the whole store.
        case widened
        /// The same value written another way; never refused.
        case reencoded
        /// Response metadata that is not availability data (ids, names); never refused.
        case omitted

        /// Whether a loss of this kind refuses a conversion (without `--allow-lossy`).
        public var isLossy: Bool { self == .dropped || self == .approximated }
    }

    /// What kind of loss it is.
    public var kind: Kind
    /// The canonical field, or the source member for leftovers.
    public var field: String
    /// Where the value came from in the source, when it came from one.
    public var origin: Origin?
    /// Renders the message when it is shown: a stream of a million records
    /// shows only the first loss of each kind, so the rest are never formatted.
    private let render: Render

    /// How the message is rendered. The common messages keep their two parts
    /// as they were passed, so making such a loss allocates no closure that
    /// holds the other two.
    enum Render: Sendable {
        /// Any message.
        case text(@Sendable () -> String)
        /// "FIELD 'VALUE' is dropped; BECAUSE"
        case dropped(value: @Sendable () -> String, because: @Sendable () -> String)
        /// "FIELD 'VALUE' is approximated; BECAUSE"
        case approximated(value: @Sendable () -> String, because: @Sendable () -> String)
        /// "FIELD 'VALUE' is written as 'WRITTEN' (same instant)"
        case reencoded(value: @Sendable () -> String, written: @Sendable () -> String)
    }

    /// What happened, as a finding message.
    public var message: String {
        switch render {
        case .text(let text): text()
        case .dropped(let value, let because): "\(field) '\(value())' is dropped; \(because())"
        case .approximated(let value, let because): "\(field) '\(value())' is approximated; \(because())"
        case .reencoded(let value, let written): "\(field) '\(value())' is written as '\(written())' (same instant)"
        }
    }

    /// A loss whose message is rendered only if it is shown.
    public init(kind: Kind, field: String, origin: Origin?, message: @autoclosure @escaping @Sendable () -> String) {
        self.init(kind: kind, field: field, origin: origin, render: .text(message))
    }

    /// A loss with one of the common messages.
    init(kind: Kind, field: String, origin: Origin?, render: Render) {
        self.kind = kind
        self.field = field
        self.origin = origin
        self.render = render
    }

    public static func == (a: Loss, b: Loss) -> Bool {
        a.kind == b.kind && a.field == b.field && a.origin == b.origin && a.message == b.message
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(kind)
        hasher.combine(field)
        hasher.combine(message)
    }

    /// The loss with its origin read from `document` when it is still on the tape.
    func resolved(in document: JSONDocument) -> Loss {
        var loss = self
        loss.origin = origin?.resolved(in: document)
        return loss
    }

    /// Whether the conversion must be refused without `--allow-lossy`.
    public var isLossy: Bool { kind.isLossy }

    /// The rule id a loss is reported under (`loss_dropped`, `loss_approximated`, …).
    public var ruleID: String {
        switch kind {
        case .dropped: "loss_dropped"
        case .approximated: "loss_approximated"
        case .widened: "scope_widened"
        case .reencoded: "reencoded"
        case .omitted: "metadata_omitted"
        }
    }

    /// The loss as a finding at its source location.
    public var finding: Finding {
        Finding(
            ruleID: ruleID, severity: kind == .reencoded || kind == .omitted ? .note : .warning, message: message,
            location: origin?.location ?? .none, pointer: origin?.pointer)
    }
}
