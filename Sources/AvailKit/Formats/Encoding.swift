/// Bookkeeping for one encode: the source, the losses it incurs and the
/// findings that make it impossible.
struct Encoding {
    /// The decoded document, pointed at where the encoder's caller holds it:
    /// copying a `Decoded` (its strings, arrays and origins) and destroying
    /// the copy cost more than most encoders' own work. See ``with(_:target:_:)``.
    private let storage: UnsafePointer<Decoded>
    var source: Decoded { unsafeAddress { storage } }
    let target: String
    var losses: [Loss] = []
    var failures: [Finding] = []
    /// The newer canonical fields (reason text, actor, delay, order types)
    /// this encoder writes; ``finish()`` reports the others as losses, so a
    /// target that predates them never drops them silently.
    private var carried: CanonicalFieldSet = []
    /// Whether the encoder writes the source's own provider code back as it
    /// was (a Just Eat event to Just Eat): what the code says travels with it.
    var keepsProviderCode = false
    /// Whether losses get their messages: a stream converts most records
    /// without showing their losses (``Decoded/describesLosses``).
    let describesLosses: Bool
    /// Whether notes get theirs (``ConversionOptions/describesNotes``: a plan never shows them).
    let describesNotes: Bool
    /// Whether a store config's id fills the request path (``ConversionOptions/storeFillsPath``):
    /// then nothing is reported about the document's own store id.
    let storeFillsPath: Bool

    /// `--now`, when given.
    private let givenNow: Timestamp?
    /// The clock: `--now`, else the time of the conversion (read only when needed).
    var now: Timestamp { givenNow ?? Timestamp.current }

    /// Runs an encoder's `body` with the bookkeeping for encoding `source`
    /// (valid only during the call).
    static func with<R>(_ source: Decoded, target: String, options: ConversionOptions, _ body: (inout Encoding) -> R) -> R {
        withUnsafePointer(to: source) { pointer in
            var e = Encoding(
                pointer, target: target, describesNotes: options.describesNotes, storeFillsPath: options.storeFillsPath, now: options.now)
            return body(&e)
        }
    }

    private init(_ source: UnsafePointer<Decoded>, target: String, describesNotes: Bool, storeFillsPath: Bool, now: Timestamp?) {
        self.storage = source
        self.target = target
        self.describesLosses = source.pointee.describesLosses
        self.describesNotes = describesNotes
        self.storeFillsPath = storeFillsPath
        self.givenNow = now
    }

    /// The provider the target belongs to (`gett` for `gett.status`).
    /// Found as a byte (format ids are ASCII): by `Character`s, the prefix was
    /// about 1,700 instructions, for every record whose store goes in a path.
    var provider: Substring {
        guard let dot = target.utf8.firstIndex(of: UInt8(ascii: ".")) else { return target[...] }
        return target[..<dot]
    }

    /// Adds a loss. The first takes the thread's spare array, or makes room
    /// for four: most conversions that lose anything lose a few, and the
    /// array is then not regrown (its losses copied) on the way; one that
    /// loses nothing allocates nothing.
    private mutating func append(_ loss: consuming Loss) {
        if losses.capacity == 0 {
            // The array the thread's last conversion used, when it gave it back.
            losses = ThreadSpares.withThisThread { $0.takeLosses() }
            if losses.capacity == 0 { losses.reserveCapacity(4) }
        }
        losses.append(consume loss)
    }

    /// The source's canonical value, read in place: a plain getter copied the
    /// whole value (its strings, statements and arrays) for every field an
    /// encoder looked at. A `let` of it is still a copy; read its fields.
    var availability: Availability { _read { yield storage.pointee.availability } }

    /// Where `field`'s value came from, for a loss; it may still be on the
    /// tape (the converter resolves the losses it shows). A finding goes
    /// through ``failure(_:_:at:)``, which resolves its place.
    func origin(_ field: CanonicalField) -> Origin? { source.origins.placing(field) }

    /// Whether a loss of `kind` gets its origin and message.
    private func describes(_ kind: Loss.Kind) -> Bool { describesLosses && (describesNotes || !kind.isNote) }

    /// The number text `field`'s source value was written with, when it was a number.
    /// Read through the pointer: called through ``source``, the `Decoded` was
    /// copied for the call (seen in callgrind, about 300 instructions a record).
    func numberText(of field: CanonicalField) -> String? { storage.pointee.numberText(of: field) }

    /// Records a loss of `field`. Its origin and message are made only when
    /// ``describes(_:)`` says it is shown: a loss that is only counted needs its kind and field.
    /// A target that cannot carry the end of a window that is already over
    /// would start it again from now: that is a failure, not a loss.
    mutating func lose(_ kind: Loss.Kind, _ field: CanonicalField, _ message: @autoclosure () -> String) {
        if field == .store && storeFillsPath { return }
        if field == .until, kind.isLossy, let until = storage.pointee.availability.until, !(now < until) {
            _ = requireNotEnded(until, now: now)
            return
        }
        // Made in the call: a `let` of it was copied into the array.
        append(
            describes(kind)
                ? Loss(kind: kind, field: field.rawValue, origin: origin(field), message: message())
                : Loss(kind: kind, field: field.rawValue, origin: nil, message: ""))
    }

    /// Records a loss of `field` of statement `statement` (0: the document's own fields), at where the statement is.
    mutating func lose(_ kind: Loss.Kind, _ field: CanonicalField, statement: Int, _ message: @autoclosure () -> String) {
        guard statement > 0 else {
            lose(kind, field, message())
            return
        }
        if field == .store && storeFillsPath { return }
        let described = describes(kind)
        let origin = source.alsoOrigins.indices.contains(statement - 1) ? source.alsoOrigins[statement - 1] : nil
        append(Loss(kind: kind, field: field.rawValue, origin: described ? origin : nil, message: described ? message() : ""))
    }

    /// Records a loss of the source member `name` (a leftover), whose origin is known.
    mutating func lose(_ kind: Loss.Kind, member name: String, origin: Origin, _ message: @autoclosure () -> String) {
        let described = describes(kind)
        append(Loss(kind: kind, field: name, origin: described ? origin : nil, message: described ? message() : ""))
    }

    /// Records that `field`'s value has no place in the target.
    mutating func drop(_ field: CanonicalField, value: @autoclosure () -> String, because reason: @autoclosure () -> String) {
        lose(.dropped, field, "\(field.rawValue) '\(value())' is dropped; \(reason())")
    }

    mutating func approximate(_ field: CanonicalField, value: @autoclosure () -> String, because reason: @autoclosure () -> String) {
        lose(.approximated, field, "\(field.rawValue) '\(value())' is approximated; \(reason())")
    }

    mutating func reencode(_ field: CanonicalField, value: @autoclosure () -> String, as written: @autoclosure () -> String) {
        lose(.reencoded, field, "\(field.rawValue) '\(value())' is written as '\(written())' (same instant)")
    }

    /// Notes that the store id travels in the request path, not the body (a
    /// re-encoding, not a loss); another provider's store id does not go there.
    mutating func storeGoesInPath(_ path: String) {
        guard let store = availability.store else { return }
        if let owner = ChannelID.provider(of: store), owner != provider {
            let target = target
            lose(
                .omitted, .store,
                "store '\(store)' is \(owner)'s id, not \(target)'s; the request path \(path) takes \(target)'s own (avail plan fills it from the store config)")
            return
        }
        lose(.reencoded, .store, "store '\(store)' goes in the request path \(path), not in the body")
    }

    /// The store id as the target's provider knows it: the document's own
    /// (`tokopedia:1707045` for Tokopedia, or an id written without a
    /// provider); nil for another provider's id, which never passes as this one's.
    var storeID: String? {
        guard let store = availability.store else { return nil }
        if let owner = ChannelID.provider(of: store) { return owner == provider ? ChannelID.id(store, after: owner) : nil }
        return store
    }

    /// Notes that a response does not name the store (its id is the request's path).
    mutating func storeNotNamed() {
        guard let store = availability.store else { return }
        let target = target
        lose(.omitted, .store, "store '\(store)' is not carried; a \(target) response does not name the store")
    }

    mutating func widen(channels: [String]) {
        let target = target
        lose(.widened, .channels,
            "the change is scoped to channels \(channels.map { "'\($0)'" }.joined(separator: ", ")); \(target) applies it to the whole store")
    }

    /// Drops the source's unknown members (a loss) and notes the members kept
    /// for other formats (``Availability/meta``), which this target omits.
    mutating func dropLeftovers() {
        let target = target
        for leftover in source.leftovers {
            // Resolved (its value read from the tape) only for a loss that is shown.
            let origin = describes(.dropped) ? source.resolved(leftover.origin) : leftover.origin
            let name = leftover.name
            lose(.dropped, member: name, origin: origin, "unknown field '\(name)' with value '\(origin.value)' is dropped; \(target) has no such field")
        }
        // Canonical carries every format's kept members; another format writes back its own.
        guard hasKeptMembers, target != "canonical" else { return }
        for format in storage.pointee.metaFormats where format != target {
            omitMeta(of: format)
        }
    }

    /// Notes that the members kept for `format` are not carried to this target.
    private mutating func omitMeta(of format: String) {
        let target = target
        guard describes(.omitted) else {
            append(Loss(kind: .omitted, field: "meta", origin: nil, message: ""))
            return
        }
        let members = storage.pointee.allMeta.members(of: format)
        let pending = storage.pointee.pendingMeta.first { $0.format == format }
        let origin = pending.map { source.resolved(Origin(entry: $0.entry)) }
        let shownPointers = members.prefix(4).map { "'\($0.pointer)'" }.joined(separator: ", ") + (members.count > 4 ? ", …" : "")
        let what = members.count == 1 ? "1 member" : "\(members.count) members"
        append(Loss(
            kind: .omitted, field: "meta", origin: origin,
            message: "\(what) kept for \(format) (\(shownPointers)) \(members.count == 1 ? "is" : "are") not carried to \(target): \(members.count == 1 ? "it is" : "they are") \(format)'s own (ids, settings, values it ignores, how it wrote what it said), not availability"))
    }

    /// Whether the source was read from a document of this target's format
    /// (it kept members for it): the encoder then writes the optional members
    /// that document had, spelled as it spelled them where the spellings mean
    /// the same, so the document comes back unchanged.
    var keepsMembers: Bool { hasKeptMembers && storage.pointee.metaFormats.contains(target) }

    /// Whether the source kept any member at all, read in place (a computed
    /// property called through ``source`` copies the whole `Decoded`).
    var hasKeptMembers: Bool { storage.pointee.hasKeptMembers }

    /// The value the source kept at `pointer` for this target's format.
    func kept(_ pointer: String) -> JSONNode? {
        guard keepsMembers else { return nil }
        return storage.pointee.allMeta.members.first { $0.format == target && $0.pointer == pointer }?.value
    }

    /// The pointers kept for this target's format that start with `prefix`.
    func keptPointers(under prefix: String) -> [String] {
        guard keepsMembers else { return [] }
        return storage.pointee.allMeta.members.filter { $0.format == target && $0.pointer.hasPrefix(prefix) }.map(\.pointer)
    }

    /// Whether to write an optional member that a document of this format
    /// may leave out: always for a new document, and for one read from this
    /// format when it had the member.
    func writes(_ pointer: String) -> Bool { !keepsMembers || kept(pointer) != nil }

    /// Whether a statement's window ended before now: it says nothing any more.
    func ended(_ s: Availability) -> Bool {
        guard let until = s.until else { return false }
        return !(now < until)
    }

    /// For a target that writes several statements: those that have not
    /// ended, each ended one noted; nil (with the failure) when every one has.
    mutating func inForce(_ statements: [(Int, Availability)]) -> [(Int, Availability)]? {
        let live = statements.filter { !ended($0.1) }
        guard !live.isEmpty else {
            if let last = statements.last?.1.until { _ = requireNotEnded(last, now: now) }
            return nil
        }
        let clock = now
        for (i, s) in statements where ended(s) {
            lose(.notApplicable, .until, statement: i, "statement \(i + 1) (\(Statements.summary(s))) is not sent; it ended before now (\(clock.rfc3339))")
        }
        return live
    }

    /// Fails when a window that would start now (a pause sent as a timed
    /// window) ended before now: it is over, and writing it would invert it.
    mutating func requireNotEnded(_ until: Timestamp, now: Timestamp) -> Bool {
        guard !(now < until) else { return true }
        let what = switch availability.state {
        case .closed: "closure"
        case .open: "opening"
        default: "pause"
        }
        fail("the \(what) ended at '\(until.rfc3339)', before now (\(now.rfc3339)); there is nothing left to send", field: .until)
        return false
    }

    /// Records that the target needs a value neither the source nor a flag gave.
    mutating func require(_ what: String, flag: String) {
        failure("conversion_needs_value", "\(target) needs \(what), which the source does not carry; pass \(flag)")
    }

    /// The source's state, or a failure naming what the target needs.
    mutating func requireState() -> Availability.State? {
        if let state = availability.state { return state }
        failure(
            "conversion_impossible",
            "\(target) needs the store's state ('state'), which the source does not carry; it only has storefront messages")
        return nil
    }

    mutating func fail(_ message: String, field: CanonicalField) {
        failure("conversion_impossible", message, at: field)
    }

    /// A finding that makes the target impossible to write, at `field`'s
    /// source value, else the state's, else the document. A finding names
    /// its place now, so the origin is resolved here (loss origins are not).
    mutating func failure(_ rule: String, _ message: String, at field: CanonicalField? = nil) {
        let origin = field.flatMap(source.resolvedOrigin) ?? source.resolvedOrigin(.state)
        failures.append(Finding(
            ruleID: rule, severity: .error, message: message, location: origin?.location ?? source.root, pointer: origin?.pointer ?? ""))
    }

    /// Marks a newer canonical field as written (or reported) by the encoder itself.
    mutating func carry(_ fields: CanonicalField...) {
        carried.formUnion(fields)
    }

    mutating func finish() -> EncodeResult {
        let target = target
        if let text = availability.reasonText, !carried.contains(.reasonText) {
            drop(.reasonText, value: text, because: "\(target) has no free-text reason")
        }
        if let by = availability.pausedBy, !carried.contains(.by) {
            drop(.by, value: by.rawValue, because: "\(target) cannot say who paused the store")
        }
        if let delay = availability.delay, !carried.contains(.delay) {
            drop(.delay, value: String(delay), because: "\(target) has no busy mode (a delay while still taking orders)")
        }
        if let types = availability.orderTypes, !carried.contains(.orderTypes) {
            widen(orderTypes: types)
        }
        if let code = availability.providerCode, !carried.contains(.providerCode) {
            let reason = availability.reason
            drop(.providerCode, value: code, because: "\(target) has no code for it\(reason.map { " (the reason goes as '\($0.rawValue)')" } ?? "")")
        }
        // A code that says when the change ends (without the time) says it only where it is written back.
        if availability.until == nil, availability.state != .open, !keepsProviderCode, let code = availability.providerCode,
            let end = ProviderCodes.unstatedEnd(of: code)
        {
            let describes = describes(.dropped)
            append(Loss(
                kind: .dropped, field: CanonicalField.until.rawValue, origin: describes ? origin(.providerCode) : nil,
                message: describes ? "\(end.what) at a time it does not give, and \(target) would read a pause with no end; \(end.instead)" : ""))
        }
        guard failures.isEmpty else { return .failure(failures) }
        // Handed over, not shared: the encoding ends here, and a copy was retained
        // on return and released with the encoding.
        var taken: [Loss] = []
        swap(&taken, &losses)
        return .success(taken)
    }

    mutating func widen(orderTypes: [Availability.OrderType]) {
        let target = target
        lose(.widened, .orderTypes,
            "the change is scoped to order types \(orderTypes.map { "'\($0.rawValue)'" }.joined(separator: ", ")); \(target) applies it to every order type")
    }

    /// A free-text reason for targets whose reason is prose: the source's own
    /// text, else the code's words from `table` (approximated: prose is not a code).
    mutating func freeTextReason(_ table: (Availability.Reason) -> String) -> String? {
        carry(.reasonText)
        let target = target
        if let text = availability.reasonText {
            if let code = availability.reason {
                drop(.reason, value: code.rawValue, because: "\(target) takes a free-text reason, and the source's own text is sent")
            }
            return text
        }
        guard let code = availability.reason else { return nil }
        let words = table(code)
        approximate(.reason, value: code.rawValue, because: "\(target) takes free text, so it is sent as '\(words)'")
        return words
    }
}

extension Availability.Message {
    var summary: String {
        switch self {
        case .text(let s): s
        case .inherit: "null (inherit)"
        }
    }
}
