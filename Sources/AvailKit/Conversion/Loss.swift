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

        /// Whether a loss of this kind refuses a conversion unless it is accepted
        /// (``Converter/Options/allowLossy`` or a ``LossAcceptance``).
        public var isLossy: Bool { self == .dropped || self == .approximated }

        /// Whether a loss of this kind refuses a conversion unless it is accepted:
        /// the lossy kinds and a widened scope.
        public var refuses: Bool { isLossy || self == .widened }

        /// The rule id losses of this kind are reported under.
        public var ruleID: String {
            switch self {
            case .dropped: "loss_dropped"
            case .approximated: "loss_approximated"
            case .widened: "scope_widened"
            case .reencoded: "reencoded"
            case .omitted: "metadata_omitted"
            case .notApplicable: "scope_not_applicable"
            }
        }

        /// The kind reported under rule `id`, if one is.
        public init?(ruleID id: String) {
            guard let kind = Self.all.first(where: { $0.ruleID == id }) else { return nil }
            self = kind
        }

        static let all: [Kind] = [.dropped, .approximated, .widened, .reencoded, .omitted, .notApplicable]

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
    /// Whether the conversion was refused for this loss: a kind that
    /// ``Kind/refuses`` and that nothing accepted. Set by the converter.
    public var isRefused = false
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

    /// Whether the loss drops or approximates a value (``Kind/isLossy``).
    public var isLossy: Bool { kind.isLossy }

    /// The rule id a loss is reported under (`loss_dropped`, `loss_approximated`, …).
    public var ruleID: String { kind.ruleID }

    /// The loss as a finding at its source location: an error when it refused
    /// the conversion, a warning when it was accepted, a note for the kinds
    /// that never refuse.
    public var finding: Finding {
        Finding(
            ruleID: ruleID, severity: isRefused ? .error : kind.isNote ? .note : .warning, message: message,
            location: origin?.location ?? .none, pointer: origin?.pointer)
    }
}

/// A loss a conversion accepts while it refuses the rest: every loss of a
/// kind (named by its rule id, `loss_dropped`), every loss of a field
/// (`note`), or one kind of one field (`loss_dropped:note`).
public struct LossAcceptance: Hashable, Sendable, CustomStringConvertible {
    /// The kind accepted; nil accepts every kind that refuses.
    public var kind: Loss.Kind?
    /// The canonical field (or source member) accepted; nil accepts every field.
    public var field: String?

    /// An acceptance of `kind` losses of `field` (nil: any).
    public init(kind: Loss.Kind?, field: String?) {
        self.kind = kind
        self.field = field
    }

    /// Reads `RULE`, `FIELD` or `RULE:FIELD`; the error says what is wrong, with a did-you-mean.
    public init(parsing text: String) throws(LossAcceptance.ParseError) {
        let parts = text.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        let refusing = Loss.Kind.all.filter(\.refuses).map(\.ruleID)
        func kind(_ id: String) throws(ParseError) -> Loss.Kind {
            guard let kind = Loss.Kind(ruleID: id), kind.refuses else {
                var message = "'\(id)' is not a loss that refuses a conversion; those are \(refusing.joined(separator: ", "))"
                message += Suggest.hint(for: id, in: refusing)
                throw ParseError(message: message)
            }
            return kind
        }
        func field(_ name: String) throws(ParseError) -> String {
            guard !name.isEmpty else { throw ParseError(message: "'\(text)' names no field; write RULE, FIELD or RULE:FIELD") }
            let fields = CanonicalField.allCases.map(\.rawValue)
            // A source member that is not a canonical field is accepted by name (an unknown member
            // dropped); a near miss of a canonical field is a typo that would accept nothing.
            if !fields.contains(name), let guess = Suggest.closest(to: name, in: fields) {
                throw ParseError(message: "'\(name)' is not a canonical field; did you mean '\(guess)'?")
            }
            return name
        }
        if parts.count == 2 {
            self.init(kind: try kind(parts[0]), field: try field(parts[1]))
        } else if Loss.Kind(ruleID: text) != nil || text.hasPrefix("loss_") || text.hasPrefix("scope_") {
            self.init(kind: try kind(text), field: nil)
        } else {
            self.init(kind: nil, field: try field(text))
        }
    }

    /// Why a text is not an acceptance.
    public struct ParseError: Error, Sendable, CustomStringConvertible {
        /// What is wrong, with a did-you-mean when there is one.
        public var message: String
        public var description: String { message }
    }

    /// Whether this acceptance covers `loss`.
    public func accepts(_ loss: Loss) -> Bool { accepts(loss.kind, loss.field) }

    /// Whether this acceptance covers a loss of `kind` and `field`.
    func accepts(_ kind: Loss.Kind, _ field: String) -> Bool {
        (self.kind == nil || self.kind == kind) && (self.field == nil || self.field == field)
    }

    /// `RULE:FIELD`, `RULE` or `FIELD`, as parsed.
    public var description: String {
        switch (kind, field) {
        case (let k?, let f?): "\(k.ruleID):\(f)"
        case (let k?, nil): k.ruleID
        case (nil, let f?): f
        case (nil, nil): "all"
        }
    }
}
