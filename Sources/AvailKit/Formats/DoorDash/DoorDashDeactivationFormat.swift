/// DoorDash's temporary-deactivation webhook (`doordash.deactivation`),
/// sent by DoorDash to the partner: the store, `reason_id`, a prose `reason`,
/// `notes`, and UTC `start_time`/`end_time`.
///
/// The docs list the fields under `event`; the sample sends them at the top
/// level. Both are read; fields under `event` get a note. The prose reason is
/// read into `reason_text`, never into a code.
public struct DoorDashDeactivationFormat: AvailabilityFormat {
    public var declaration: FormatDeclaration { Self.declaration }

    /// The deactivation's own fields, at the top level or (as the field list says) under `event`.
    static let details: [Field] = [
        Field("reason_id", .integer(), description: "DoorDash's internal id of the reason."),
        Field("reason", .string(), description: "The reason, in DoorDash's words."),
        Field("notes", .string()),
        Field("start_time", .timestamp, description: "Deactivation start (UTC)."),
        Field("end_time", .timestamp, description: "Deactivation end (UTC)."),
    ]

    static let store = ObjectShape(
        name: "DoorDash store",
        fields: [Field("doordash_store_id", .integer()), Field("merchant_supplied_id", .string(minLength: 1))])

    static let event = ObjectShape(
        name: "DoorDash event", fields: [Field("type", .enumeration(EventType.self), required: true)] + details)

    static let declaration = FormatDeclaration(
        id: "doordash.deactivation", title: "DoorDash temporary-deactivation webhook",
        summary: "DoorDash temporary-deactivation webhook (DoorDash to partner)",
        description: "Body DoorDash sends when a store is temporarily deactivated. Format id: doordash.deactivation.",
        settable: [
            SettableField("merchant_supplied_id", help: "the store's DoorDash merchant_supplied_id (a store config's doordash id)"),
            SettableField("doordash_store_id", .integer, help: "DoorDash's own store id, an integer"),
        ],
        platform: DeliveryChannel.doordash.rawValue,
        root: ObjectShape(
            name: "DoorDash deactivation",
            fields: [Field("store", .object(store), required: true), Field("event", .object(event), required: true)] + details))

    /// The `doordash.deactivation` format.
    public init() {}

    public func read(_ root: JSONValue, options: ConversionOptions, into decoded: inout Decoded) -> (Bool, [Finding]) {
        var findings: [Finding] = []
        guard var object = ObjectDecoder(root, shape: Self.declaration.rootReference, findings: &findings) else { return (false, findings) }
        var doc = Availability(state: .paused)
        var origins: Origins = [:]
        var leftovers: [Leftover] = []
        if var store = object.object("store") {
            doc.store = origins.keep(store.string("merchant_supplied_id"), as: .store).map { ChannelID.make($0, of: "doordash") }
            if let (_, node) = store.int64("doordash_store_id") { decoded.keep(meta: node, of: id) }
            leftovers += store.unknownMembers()
            object.findings += store.findings
        }
        var event = object.object("event")
        if var e = event {
            if let (_, node) = e.enumeration("type", EventType.self) { origins[.state] = Origin(node) }
            event = e
        }
        // Each detail from the top level, else from `event` (with a note saying where it was).
        func detail<T>(_ key: String, _ read: (inout ObjectDecoder) -> (T, JSONValue)?) -> (T, JSONValue)? {
            if object.member(key) != nil { return read(&object) }
            guard var e = event, e.member(key) != nil else { return nil }
            let value = read(&e)
            if let (_, node) = value {
                e.report(
                    "doordash_fields_in_event", "'\(key)' is under 'event', as DoorDash's field list has it; its sample sends it at the top level",
                    at: node, severity: .note)
            }
            event = e
            return value
        }
        if let (_, node) = detail("reason_id", { $0.int64("reason_id") }) { decoded.keep(meta: node, of: id) }
        doc.reasonText = origins.keep(detail("reason", { $0.string("reason") }), as: .reasonText)
        doc.note = origins.keep(detail("notes", { $0.string("notes") }), as: .note)
        doc.since = origins.keep(detail("start_time", { $0.timestamp("start_time") }), as: .since)
        doc.until = origins.keep(detail("end_time", { $0.timestamp("end_time") }), as: .until)
        if var e = event {
            leftovers += e.unknownMembers()
            object.findings += e.findings
        }
        leftovers += object.unknownMembers()
        findings += object.findings
        if origins[.state] == nil { origins[.state] = Origin(root) }
        decoded.fill(doc, origins: origins, leftovers: leftovers)
        decoded.scope(to: .doordash)
        return (true, findings)
    }

    enum EventType: String, DeclaredEnum {
        static let ordered = OrderedCases(allCases)
        case deactivated = "Store Temporarily Deactivated"
    }

    public func write(_ source: Decoded, options: ConversionOptions, into out: inout JSONOutput) -> EncodeResult {
        return Encoding.with(source, target: id, options: options) { e in
            let doc = source.availability
            guard let state = e.requireState() else { return e.finish() }
            guard state != .open else {
                e.fail("the DoorDash deactivation webhook announces a deactivation; an open store has none", field: .state)
                return e.finish()
            }
            // Another provider's store id is never DoorDash's merchant_supplied_id.
            let merchantID = options.set["merchant_supplied_id"] ?? e.storeID
            if merchantID == nil { e.require("the store's merchant_supplied_id ('store')", flag: "--set merchant_supplied_id=ID") }
            out.beginObject()
            out.key("store")
            out.beginObject()
            if let text = options.set["doordash_store_id"] {
                if let n = Int64(text) { out.field("doordash_store_id", int: n) } else {
                    e.fail("--set doordash_store_id='\(text)' is not an integer", field: .store)
                }
            }
            if let merchantID { out.field("merchant_supplied_id", merchantID) }
            out.endObject()
            out.key("event")
            out.beginObject()
            out.field("type", EventType.deactivated.rawValue)
            out.endObject()
            if let reason = e.freeTextReason(\.words) { out.field("reason", reason) }
            if let note = doc.note { out.field("notes", note) }
            // A scheduled closure starts at `from`; a pause began at `since`.
            let start: (Timestamp, CanonicalField)? = state == .closed ? doc.from.map { ($0, .from) } : doc.since.map { ($0, .since) }
            if let (t, field) = start { out.field("start_time", e.utc(t, field: field, quiet: field == .from))
                    if field == .from {
                        e.approximate(.from, value: t.rfc3339, because: "a scheduled closure is sent as a deactivation with start_time '\(t.rfc3339)', read back as a pause since then")
                    } }
            if state == .closed, let since = doc.since {
                e.drop(.since, value: since.rfc3339, because: "the webhook's start_time holds the closure's start")
            }
            if state != .closed, let from = doc.from {
                e.drop(.from, value: from.rfc3339, because: "the webhook's start_time holds when the pause began")
            }
            if let until = doc.until { out.field("end_time", e.utc(until, field: .until)) }
            out.endObject()
            e.scope(to: .doordash)
            e.dropMessages()
            e.dropLeftovers()
            return e.finish()
        }
    }
}
