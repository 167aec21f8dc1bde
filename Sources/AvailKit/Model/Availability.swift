/// The canonical availability document: whether a store takes orders, and if
/// not, why and until when. Every provider format decodes to and encodes from it.
public struct Availability: Hashable, Sendable {
    /// Whether the store takes orders, and if not, how.
    public enum State: String, DeclaredEnum {
        /// Every state, in the documented order.
        public static let ordered = OrderedCases(allCases)

        /// Taking orders.
        case open
        /// Temporarily not taking orders, now or from `from`.
        case paused
        /// A scheduled closure window from `from` to `until`.
        case closed
    }

    /// Why a store is paused: the canonical reason codes.
    public enum Reason: String, DeclaredEnum {
        /// Every reason, in the documented order.
        public static let ordered = OrderedCases(allCases)

        /// Something went wrong in the store (equipment, a system outage).
        case operationalIssues = "operational_issues"
        /// Not enough staff to take orders.
        case staffShortage = "staff_shortage"
        /// Too many orders to take more.
        case tooBusy = "too_busy"
        /// Planned maintenance.
        case maintenance
        /// Any other reason; say which in ``Availability/note`` or ``Availability/reasonText``.
        case other
    }

    /// Who paused or closed the store, when a read payload says so.
    public enum Actor: String, DeclaredEnum {
        /// Every actor, in the documented order.
        public static let ordered = OrderedCases(allCases)

        /// The store or merchant itself (Uber Eats' `PAUSED_BY_RESTAURANT`).
        case store
        /// The ordering platform (Uber Eats' `PAUSED_BY_UBER`).
        case platform
        /// An integration acting for the store (a POS or middleware, `PAUSED_BY_API_INTEGRATION`).
        case integration
    }

    /// Order types and fulfilment modes a change can be scoped to.
    public enum OrderType: String, DeclaredEnum {
        /// Every order type, in the documented order.
        public static let ordered = OrderedCases(allCases)

        /// Regular orders (Grubhub's `STANDARD` order type).
        case standard
        /// Catering orders.
        case catering
        /// Group orders.
        case group
        /// The delivery schedule (Grubhub's `DELIVERY` schedule).
        case delivery
        /// The pickup schedule.
        case pickup
    }

    /// A storefront message, or `inherit` (JSON `null`) to use the global value.
    public enum Message: Hashable, Sendable {
        /// This text.
        case text(String)
        /// No message of its own: the global value applies (JSON `null`).
        case inherit
    }

    /// The store's id, when the payload carries one (most send it in the path).
    public var store: String?
    /// Nil only for documents that carry storefront messages alone (BigCommerce settings).
    public var state: State?
    /// Why the store is paused; required when ``state`` is `paused`.
    public var reason: Reason?
    /// The provider's own free-text reason ("Store is unable to accept orders"),
    /// kept next to the code: prose never turns into a code.
    public var reasonText: String?
    /// Who paused or closed the store (read payloads).
    public var pausedBy: Actor?
    /// Free text from the operator, kept as written.
    public var note: String?
    /// When the current state began (read payloads).
    public var since: Timestamp?
    /// Scheduled start; absent means immediately.
    public var from: Timestamp?
    /// Automatic resume or revert; absent means until changed.
    public var until: Timestamp?
    /// Sales channels affected; absent means every channel.
    public var channels: [String]?
    /// Busy mode: the store still takes orders, with this many extra minutes
    /// of preparation time (only with `state` `open`).
    public var delay: Int?
    /// Order types or fulfilment modes affected; absent means all of them.
    public var orderTypes: [OrderType]?
    /// Storefront messages by kind (`maintenance`, `prelaunch`).
    public var maintenanceMessage: Message?
    /// What shoppers see before launch (BigCommerce `prelaunch`).
    public var prelaunchMessage: Message?
    /// The provider's own code for the state or its reason, `provider:CODE`
    /// (`doordash:payment_issue`), kept when ``state`` and ``reason`` do not
    /// say it exactly: writing the document back to that provider sends the
    /// code again, and another provider gets the canonical reason.
    public var providerCode: String?
    /// Further statements about the store: other scopes (a channel or order
    /// type in another state) or other windows (the parts of a holiday), each
    /// read as the document's own fields are. The document's own fields are
    /// the first statement; statements never hold `store`, messages, `meta`
    /// or statements of their own.
    public var also: [Availability] = []
    /// Members of a provider document that say nothing about availability
    /// (ids, names, settings, values the provider ignores), kept by format so
    /// the document converts back to its own format unchanged.
    public var meta = Meta()

    /// A canonical value; every field but `state` is optional.
    public init(
        store: String? = nil, state: State? = nil, reason: Reason? = nil, note: String? = nil,
        since: Timestamp? = nil, from: Timestamp? = nil, until: Timestamp? = nil,
        channels: [String]? = nil, maintenanceMessage: Message? = nil, prelaunchMessage: Message? = nil,
        reasonText: String? = nil, pausedBy: Actor? = nil, delay: Int? = nil, orderTypes: [OrderType]? = nil,
        providerCode: String? = nil, also: [Availability] = []
    ) {
        self.providerCode = providerCode
        self.also = also
        self.reasonText = reasonText
        self.pausedBy = pausedBy
        self.delay = delay
        self.orderTypes = orderTypes
        self.store = store
        self.state = state
        self.reason = reason
        self.note = note
        self.since = since
        self.from = from
        self.until = until
        self.channels = channels
        self.maintenanceMessage = maintenanceMessage
        self.prelaunchMessage = prelaunchMessage
    }
}

/// The fields of ``Availability``, named as in the canonical JSON.
public enum CanonicalField: String, CaseIterable, Sendable, Hashable {
    /// Top-level fields, named as in the canonical JSON.
    case store, state, reason, note, since, from, until, channels
    /// `messages.maintenance`.
    case maintenanceMessage = "messages.maintenance"
    /// `messages.prelaunch`.
    case prelaunchMessage = "messages.prelaunch"
    /// `reason_text`: the provider's own words for the reason.
    case reasonText = "reason_text"
    /// `by`: who paused or closed the store.
    case by
    /// `delay`: busy-mode extra minutes.
    case delay
    /// `order_types`: the order types a change is scoped to.
    case orderTypes = "order_types"
    /// `provider_code`: the provider's own code for the state or reason.
    case providerCode = "provider_code"
    /// `also`: the further statements.
    case also
}

/// Where a canonical field's value came from in the source document.
///
/// Decoders record an origin as the value's place on the tape (no text, no
/// pointer, no line:column); it is resolved against the document only when
/// a finding or a loss report needs it, so records without findings never
/// pay for it.
public struct Origin: Hashable, Sendable {
    /// The value's RFC 6901 pointer in the source document.
    public var pointer: String
    /// Where the value starts in the source document.
    public var location: SourceLocation
    /// The source value, rendered only when a message needs it.
    private var source: Source

    private enum Source: Hashable, Sendable {
        case node(JSONNode.Kind)
        case text(String)
        /// Not resolved yet: the value's entry in the document being decoded.
        case entry(Int)
    }

    /// An origin at `pointer` and `location` whose source value was `value`.
    public init(pointer: String, location: SourceLocation, value: String) {
        self.pointer = pointer
        self.location = location
        self.source = .text(value)
    }

    /// The origin of a node of a built or materialized tree.
    public init(_ node: JSONNode) {
        self.pointer = node.pointer
        self.location = node.location
        self.source = .node(node.kind)
    }

    /// The origin of a value on the tape, resolved against its document only when a message needs it.
    public init(_ value: JSONValue) {
        self.init(entry: value.index)
    }

    init(entry: Int) {
        self.pointer = ""
        self.location = .none
        self.source = .entry(entry)
    }

    /// The document entry of an origin not resolved yet.
    var pendingEntry: Int? {
        if case .entry(let i) = source { return i }
        return nil
    }

    /// The origin with its pointer, location and value read from the document it points into.
    func resolved(in document: JSONDocument) -> Origin {
        guard case .entry(let index) = source else { return self }
        let value = JSONValue(document: document, index: index)
        var o = self
        o.pointer = value.pointer
        o.location = value.location
        switch value.kind {
        case .array: o.source = .node(.array([]))
        case .object: o.source = .node(.object([]))
        case .null: o.source = .node(.null)
        case .bool(let b): o.source = .node(.bool(b))
        case .number(let n): o.source = .node(.number(n))
        case .string(let s): o.source = .node(.string(s))
        }
        return o
    }

    /// The source member's name: the last token of the pointer ("/resumeAt" → "resumeAt").
    public var key: String {
        // Over the contiguous UTF-8 bytes: "/" and "~" are ASCII, and the
        // generic String searches cost more than the pointer.
        var scanned = pointer
        // The last token when it has no escapes; nil sends it to the decoding below.
        let plain: String? = scanned.withUTF8 { bytes in
            let start = bytes.lastIndex(of: UInt8(ascii: "/")).map { $0 + 1 } ?? 0
            let token = UnsafeBufferPointer(rebasing: bytes[start...])
            return token.contains(UInt8(ascii: "~")) ? nil : String(decoding: token, as: UTF8.self)
        }
        if let plain { return plain }
        guard let slash = pointer.utf8.lastIndex(of: UInt8(ascii: "/")) else { return pointer }
        let token = pointer[pointer.utf8.index(after: slash)...]
        // RFC 6901: "~1" is "/", "~0" is "~" (in that order, so "~01" is "~1").
        var key = ""
        var escaped = false
        for c in token {
            if escaped {
                key.append(c == "1" ? "/" : c == "0" ? "~" : c)
                escaped = false
            } else if c == "~" {
                escaped = true
            } else {
                key.append(c)
            }
        }
        return key
    }

    /// The number's text when the source value is a number (cheap: no rendering otherwise).
    public var numberText: String? {
        if case .node(.number(let n)) = source { return n.text }
        return nil
    }

    /// The source value as written, for loss reports.
    public var value: String {
        switch source {
        case .text(let s): s
        case .node(let kind): kind.summary
        case .entry: ""
        }
    }
}

/// Where each canonical field came from: one slot per field, no hashing.
/// Origins not resolved yet are document entries kept in a vector, so
/// decoding a record allocates nothing for them.
public struct Origins: Sendable, ExpressibleByDictionaryLiteral {
    /// Entry index + 1 of each field's pending origin; 0 when none.
    private var pending = InlineArray<16, Int32>(repeating: 0)
    private var slots: [Origin?] = []

    public init(dictionaryLiteral elements: (CanonicalField, Origin)...) {
        for (field, origin) in elements { self[field] = origin }
    }

    /// Forgets every origin, keeping the storage of resolved ones.
    mutating func clear() {
        pending = InlineArray(repeating: 0)
        if !slots.isEmpty { slots.removeAll(keepingCapacity: true) }
    }

    /// The tape entry of `field`'s value while its origin is still pending
    /// (no ``Origin`` is built); nil when there is none or it was resolved.
    func pendingEntry(of field: CanonicalField) -> Int? {
        let i = field.slot
        if i < slots.count, let origin = slots[i] { return origin.pendingEntry }
        let entry = pending[i]
        return entry > 0 ? Int(entry) - 1 : nil
    }

    /// The origin of `field`'s value, if the source had one.
    public subscript(field: CanonicalField) -> Origin? {
        get {
            let i = field.slot
            if i < slots.count, let origin = slots[i] { return origin }
            let entry = pending[i]
            return entry > 0 ? Origin(entry: Int(entry) - 1) : nil
        }
        set {
            let i = field.slot
            if let entry = newValue?.pendingEntry, entry < Int(Int32.max) {
                pending[i] = Int32(entry + 1)
                if i < slots.count { slots[i] = nil }
                return
            }
            pending[i] = 0
            if i >= slots.count {
                guard newValue != nil else { return }
                slots.append(contentsOf: repeatElement(nil, count: CanonicalField.count - slots.count))
            }
            slots[i] = newValue
        }
    }
}

extension Origins {
    /// Where a finding about `field` goes: its own origin, or, for who paused
    /// and the provider's code, the value that said them when they have none
    /// of their own (a code that names who acted, the reason, the state).
    func placing(_ field: CanonicalField) -> Origin? {
        switch field {
        case .by: self[.by] ?? self[.providerCode] ?? self[.reason] ?? self[.state]
        case .providerCode: self[.providerCode] ?? self[.reason] ?? self[.state]
        default: self[field]
        }
    }

    /// Records where a decoded value came from and returns the value (nil when `pair` is nil).
    @inline(__always) mutating func keep<T>(_ pair: (T, JSONValue)?, as field: CanonicalField) -> T? {
        guard let (value, node) = pair else { return nil }
        keep(node, as: field)
        return value
    }

    /// Records that `field`'s value came from `node` (its tape entry; no `Origin` is built).
    @inline(__always) mutating func keep(_ node: JSONValue, as field: CanonicalField) {
        let i = field.slot
        guard node.index < Int(Int32.max), i >= slots.count else {
            self[field] = Origin(node)
            return
        }
        pending[i] = Int32(truncatingIfNeeded: node.index + 1)
    }

    /// Every origin resolved against the document it points into.
    func resolved(in document: JSONDocument) -> Origins {
        var out = self
        // In document order, so the document's line:column cursor only moves forward.
        var order: [(entry: Int32, slot: Int)] = []
        for i in 0..<CanonicalField.count where pending[i] > 0 { order.append((pending[i], i)) }
        guard !order.isEmpty else { return self }
        order.sort { $0.entry < $1.entry }
        if out.slots.isEmpty { out.slots = Array(repeating: nil, count: CanonicalField.count) }
        for (entry, i) in order {
            out.pending[i] = 0
            out.slots[i] = Origin(entry: Int(entry) - 1).resolved(in: document)
        }
        return out
    }
}

/// A set of canonical fields as bits of one word: inserting and testing
/// neither hashes nor allocates (a decoder and an encoder keep one per record).
public struct CanonicalFieldSet: Hashable, Sendable, ExpressibleByArrayLiteral {
    private var bits: UInt32 = 0

    /// The fields listed.
    public init(arrayLiteral fields: CanonicalField...) {
        for field in fields { insert(field) }
    }

    /// Whether `field` is in the set.
    public func contains(_ field: CanonicalField) -> Bool { bits & (1 << UInt32(field.slot)) != 0 }
    /// Adds `field`.
    public mutating func insert(_ field: CanonicalField) { bits |= 1 << UInt32(field.slot) }
    /// Adds every field of `fields`.
    public mutating func formUnion(_ fields: [CanonicalField]) { for f in fields { insert(f) } }
    /// Whether the set is empty.
    public var isEmpty: Bool { bits == 0 }
    /// Empties the set.
    public mutating func removeAll() { bits = 0 }
}

extension CanonicalField {
    /// The number of fields (computed once; `allCases` builds an array each time).
    static let count = allCases.count

    var slot: Int {
        switch self {
        case .store: 0
        case .state: 1
        case .reason: 2
        case .note: 3
        case .since: 4
        case .from: 5
        case .until: 6
        case .channels: 7
        case .maintenanceMessage: 8
        case .prelaunchMessage: 9
        case .reasonText: 10
        case .by: 11
        case .delay: 12
        case .orderTypes: 13
        case .providerCode: 14
        case .also: 15
        }
    }
}

extension JSONNode.Kind: Hashable {
    public func hash(into hasher: inout Hasher) {
        switch self {
        case .null: hasher.combine(0)
        case .bool(let b): hasher.combine(b)
        case .number(let n): hasher.combine(n)
        case .string(let s): hasher.combine(s)
        case .array(let a): hasher.combine(a.count)
        case .object(let m): hasher.combine(m.count)
        }
    }
}

extension Decoded {
    /// Origins, leftovers and the root location read from the document, so the
    /// value outlives it (loss reports render them after the read).
    public func resolved(in document: JSONDocument) -> Decoded {
        var d = self
        d.document = nil
        d.origins = origins.resolved(in: document)
        d.leftovers = leftovers.map { l in
            var l = l
            l.origin = l.origin.resolved(in: document)
            return l
        }
        d.losses = losses.map { $0.resolved(in: document) }
        d.alsoOrigins = alsoOrigins.map { $0?.resolved(in: document) }
        d.availability.meta = meta(in: document)
        d.pendingMeta = []
        if !d.root.isKnown { d.root = document.location(of: 0) }
        return d
    }
}

extension Decoded {
    /// Keeps a source member for ``Availability/meta`` (read from the tape only when written).
    mutating func keep(meta value: JSONValue, of format: String) {
        pendingMeta.append((format, value.index))
    }

    /// Every kept member: the value's own and, read from `document`, the pending ones.
    func meta(in document: JSONDocument?) -> Meta {
        guard !pendingMeta.isEmpty, let document else { return availability.meta }
        var meta = availability.meta
        for (format, entry) in pendingMeta {
            let value = JSONValue(document: document, index: entry)
            meta.keep(value.node, at: value.pointer, for: format)
        }
        return meta
    }

    /// Every kept member, pending ones read from the document the value is still on.
    var allMeta: Meta { meta(in: document) }

    /// Whether any member is kept (pending or read).
    var hasKeptMembers: Bool { !pendingMeta.isEmpty || !availability.meta.isEmpty }

    /// The formats with kept members, without reading any (pending ones included).
    var metaFormats: [String] {
        var seen = availability.meta.formats
        for (format, _) in pendingMeta where !seen.contains(format) { seen.append(format) }
        return seen
    }

    /// The origin of `field`, resolved against the document when it is still on the tape.
    func resolvedOrigin(_ field: CanonicalField) -> Origin? {
        origins[field].map(resolved)
    }

    /// The number text `field`'s value was written with, when it was a number
    /// (read from the tape when the origin is still there: nothing else is resolved).
    func numberText(of field: CanonicalField) -> String? {
        if let document = borrowedDocument, let entry = origins.pendingEntry(of: field) {
            return JSONValue(borrowed: document, index: entry).number?.text
        }
        return origins[field]?.numberText
    }

    /// `origin` resolved against the document when it is still on the tape.
    func resolved(_ origin: Origin) -> Origin {
        document.map { origin.resolved(in: $0) } ?? origin
    }
}

/// A decoded document: the canonical value and where each field came from.
public struct Decoded: Sendable {
    /// The canonical value.
    public var availability: Availability
    /// Where each canonical field's value came from.
    public var origins: Origins
    /// Source members the format does not define: a loss when converting.
    /// (Members of the format that canonical has no field for are kept in
    /// ``Availability/meta``.)
    public var leftovers: [Leftover]
    /// Where the source document starts, for findings about the whole document.
    public var root: SourceLocation
    /// What reading the source into canonical could not keep exactly (a
    /// provider reason code with no canonical equivalent); a conversion reports
    /// these before the encoder's own.
    public var losses: [Loss] = []
    /// Fields the source gave a value the decoder rejected (a `reason` outside
    /// the enum): the decoder already reported them, so rules that need the
    /// field stay quiet instead of reporting the same root cause again.
    public var rejected: CanonicalFieldSet = []
    /// The document the origins are still on while a conversion encodes, so an
    /// encoder resolves only the origins it names (``resolvedOrigin(_:)``);
    /// nil for a resolved value. Never outlives the conversion's read.
    var document: JSONDocument? {
        get { borrowedDocument?.takeUnretainedValue() }
        set { borrowedDocument = newValue.map { .passUnretained($0) } }
    }
    /// ``document``, unretained: binding an `unowned(unsafe)` reference to read
    /// a value retained and released the document for every converted record.
    nonisolated(unsafe) var borrowedDocument: Unmanaged<JSONDocument>?
    /// Members kept for ``Availability/meta`` that are still on the tape
    /// (format id and entry): made into values only when a conversion writes
    /// them (to canonical, or back to their format) or the value is resolved.
    var pendingMeta: [(format: String, entry: Int)] = []
    /// The delivery platform whose own format the document was read from
    /// (an Uber Eats payload), which speaks for that platform only; nil for
    /// any other source, canonical included.
    public var platformPayload: String?
    /// Where each of ``Availability/also``'s statements came from, in order (nil when unknown).
    public var alsoOrigins: [Origin?] = []
    /// Whether an encoder writes its losses' messages: false only inside a
    /// stream conversion, which describes just the records whose losses it
    /// shows. (Notes are left out by ``ConversionOptions/describesNotes``.)
    var describesLosses = true

    /// A decoded document with nothing rejected and no decode-side losses.
    public init(availability: consuming Availability, origins: consuming Origins = [:], leftovers: consuming [Leftover] = [], root: SourceLocation = .none) {
        self.availability = availability
        self.origins = origins
        self.leftovers = leftovers
        self.root = root
    }

    /// An empty value, for a decoder to write into (``AvailabilityFormat/decode(_:options:into:)``).
    public init() {
        self.init(availability: Availability())
    }

    /// Sets what a decoder read (the rest stays as it was: empty, for a decoder).
    mutating func fill(_ availability: consuming Availability, origins: consuming Origins, leftovers: consuming [Leftover]) {
        self.availability = availability
        self.origins = origins
        self.leftovers = leftovers
    }

    /// Empties the value for the next document, keeping its arrays' storage:
    /// a stream worker decodes every record into one `Decoded`, so none is
    /// built, moved out of an optional and destroyed per record.
    public mutating func clear() {
        availability.clear()
        origins.clear()
        if !leftovers.isEmpty { leftovers.removeAll(keepingCapacity: true) }
        root = .none
        if !losses.isEmpty { losses.removeAll(keepingCapacity: true) }
        if !rejected.isEmpty { rejected.removeAll() }
        if !pendingMeta.isEmpty { pendingMeta.removeAll(keepingCapacity: true) }
        if !alsoOrigins.isEmpty { alsoOrigins.removeAll() }
        unset(&platformPayload)
        document = nil
        describesLosses = true
    }
}

extension Availability {
    /// Whether a maintenance or prelaunch message is set.
    public var hasMessages: Bool { maintenanceMessage != nil || prelaunchMessage != nil }

    /// Unsets every field in place, for the next record decoded into the same value.
    /// Each is tested first: assigning `nil` to a field already `nil` still
    /// released it, six calls for an online record.
    mutating func clear() {
        unset(&store)
        unset(&state)
        unset(&reason)
        unset(&reasonText)
        unset(&pausedBy)
        unset(&note)
        unset(&since)
        unset(&from)
        unset(&until)
        unset(&channels)
        unset(&delay)
        unset(&orderTypes)
        unset(&maintenanceMessage)
        unset(&prelaunchMessage)
        unset(&providerCode)
        if !also.isEmpty { also.removeAll() }
        if !meta.isEmpty { meta = Meta() }
    }
}

/// Sets `value` to nil unless it is already: a reference-counted field set to
/// `nil` is released even when it held nothing.
@inline(__always) func unset<Wrapped>(_ value: inout Wrapped?) {
    if value != nil { value = nil }
}

/// A source member the format does not define: dropped when converting
/// (a loss), reported when validating (`unknown_field`).
public struct Leftover: Hashable, Sendable {
    /// The member's key (or path, for a nested member).
    public var name: String
    /// Where the member's value is in the source.
    public var origin: Origin

    /// An unknown member.
    public init(name: String, origin: Origin) {
        self.name = name
        self.origin = origin
    }
}
