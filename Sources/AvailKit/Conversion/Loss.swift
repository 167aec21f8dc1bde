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
        /// A statement about another platform, which a platform's own API does not take; never refused.
        case notApplicable = "not_applicable"

        /// Whether a loss of this kind refuses a conversion (without `--allow-lossy`).
        public var isLossy: Bool { self == .dropped || self == .approximated }

        /// Whether a loss of this kind is only a note (``reencoded`` or
        /// ``omitted``): shown by a conversion, never listed with a refusal or in a plan.
        public var isNote: Bool { self == .reencoded || self == .omitted || self == .notApplicable }
    }

    /// What kind of loss it is.
    public var kind: Kind
    /// The canonical field, or the source member for leftovers.
    public var field: String
    /// Where the value came from in the source, when it came from one.
    public var origin: Origin?
    /// What happened, as a finding message. Empty only for a loss its encoder
    /// was told not to describe: a note when ``ConversionOptions/describesNotes``
    /// is off, and, inside a stream conversion, a loss that is counted and not
    /// shown (a stream shows the first loss of each kind, so the converter
    /// encodes a record without messages and again, with them, when its losses are shown).
    public var message: String

    /// A loss and its message.
    public init(kind: Kind, field: String, origin: Origin?, message: String) {
        self.kind = kind
        self.field = field
        self.origin = origin
        self.message = message
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
        case .notApplicable: "scope_not_applicable"
        }
    }

    /// The loss as a finding at its source location.
    public var finding: Finding {
        Finding(
            ruleID: ruleID, severity: kind.isNote ? .note : .warning, message: message,
            location: origin?.location ?? .none, pointer: origin?.pointer)
    }
}
