/// DoorDash `store_details` response (`doordash.store`):
/// `GET /api/v1/stores/{merchant_supplied_id}/store_details`.
///
/// `current_deactivations` lists the deactivations in force, each with a prose
/// `reason` (read into `reason_text`: "Merchant operational issues" is not the
/// write enum's `operational_issues`), `created_at` (`since`) and an
/// `end_time` (null for an open-ended one). Each deactivation is a statement
/// of its own (they may overlap: the store is off while any is in force).
/// The store settings are kept (``Availability/meta``).
public struct DoorDashStoreFormat: AvailabilityFormat {
    public var declaration: FormatDeclaration { Self.declaration }

    static let deactivation = ObjectShape(
        name: "deactivation",
        fields: [
            Field("reason", .string(), description: "The reason, in DoorDash's words (not the write enum)."),
            Field("notes", .string()),
            Field("created_at", .timestamp),
            Field("end_time", .nullable(.timestamp), description: "null: until reactivated."),
        ])

    /// Store settings that are not availability.
    static let settingKeys = [
        "provider_name", "is_order_protocol_pos", "auto_release_enabled", "auto_release_distance",
        "auto_release_from_store_enabled", "special_instructions_max_length",
    ]

    static let declaration = FormatDeclaration(
        id: "doordash.store", title: "DoorDash store_details",
        summary: "DoorDash store_details response (GET /api/v1/stores/{merchant_supplied_id}/store_details)",
        description: "Response of GET /api/v1/stores/{merchant_supplied_id}/store_details. Format id: doordash.store.",
        platform: DeliveryChannel.doordash.rawValue, writesStatements: true,
        root: ObjectShape(
            name: "DoorDash store details",
            fields: [
                Field("provider_name", .string()),
                Field("merchant_supplied_id", .string()),
                Field("is_active", .boolean, description: "Absent from one of DoorDash's two samples."),
                Field("is_order_protocol_pos", .boolean),
                Field("auto_release_enabled", .boolean),
                Field("auto_release_distance", .integer()),
                Field("auto_release_from_store_enabled", .boolean),
                Field("special_instructions_max_length", .integer()),
                Field(
                    "current_deactivations", .array(items: .object(deactivation)), expected: "an array of deactivations",
                    description: "The deactivations in force."),
            ]))

    /// The `doordash.store` format.
    public init() {}

    public func read(_ root: JSONValue, options: ConversionOptions, into decoded: inout Decoded) -> (Bool, [Finding]) {
        var findings: [Finding] = []
        guard var object = ObjectDecoder(root, shape: Self.declaration.rootReference, findings: &findings) else { return (false, findings) }
        var origins: Origins = [:]
        var doc = Availability()
        doc.store = origins.keep(object.string("merchant_supplied_id"), as: .store).map { ChannelID.make($0, of: "doordash") }
        let active = object.bool("is_active")
        for key in Self.settingKeys where object.member(key) != nil {
            object.checkType(key)
            if let node = object.member(key) { decoded.keep(meta: node, of: id) }
        }
        // Whether the document says is_active (one of DoorDash's samples does not).
        if let node = object.member("is_active") { decoded.keep(meta: node, of: id) }
        var statements: [(Availability, Origin)] = []
        if let list = object.present("current_deactivations") {
            if !list.isArray { object.wrongType(list, key: "current_deactivations") }
            for item in list.items {
                var found: [Finding] = []
                guard var entry = ObjectDecoder(item, shape: Self.deactivation.reference, findings: &found) else {
                    object.findings += found
                    continue
                }
                var s = Availability(state: .paused)
                if let (text, node) = entry.string("reason") {
                    if text.isEmpty { decoded.keep(meta: node, of: id) } else { s.reasonText = text }
                }
                // DoorDash writes "" for no note.
                s.note = entry.string("notes").flatMap { $0.0.isEmpty ? nil : $0.0 }
                s.since = entry.timestamp("created_at")?.0
                s.until = entry.timestamp("end_time")?.0
                if let end = entry.member("end_time"), end.isNull { decoded.keep(meta: end, of: id) }
                decoded.leftovers += entry.unknownMembers()
                object.findings += entry.findings
                statements.append((s, Origin(item)))
            }
        }
        let leftovers = decoded.leftovers + object.unknownMembers()
        findings += object.findings
        guard !findings.hasErrors else { return (false, findings) }
        if let (isActive, node) = active {
            origins[.state] = Origin(node)
            if isActive && !statements.isEmpty {
                findings.append(Finding(
                    ruleID: "doordash_status_mismatch", severity: .warning,
                    message: "'is_active' is true but \(statements.count) deactivation\(statements.count == 1 ? " is" : "s are") listed; one of the two is stale, and the deactivations are read",
                    location: node.location, pointer: node.pointer))
            }
        } else if let first = statements.first {
            origins[.state] = first.1
        } else {
            origins[.state] = Origin(root)
        }
        guard let first = statements.first else {
            doc.state = active?.0 == false ? .paused : .open
            decoded.fill(doc, origins: origins, leftovers: leftovers)
            decoded.scope(to: .doordash)
            return (true, findings)
        }
        let store = doc.store
        doc = first.0
        doc.store = store
        for field in [CanonicalField.reasonText, .note, .since, .until] { origins[field] = first.1 }
        doc.also = statements.dropFirst().map(\.0)
        decoded.fill(doc, origins: origins, leftovers: leftovers)
        decoded.scope(to: .doordash)
        decoded.alsoOrigins = statements.dropFirst().map(\.1)
        return (true, findings)
    }

    public func write(_ source: Decoded, options: ConversionOptions, into out: inout JSONOutput) -> EncodeResult {
        return Encoding.with(source, target: id, options: options) { e in
            let doc = source.availability
            guard e.requireState() != nil else { return e.finish() }
            e.carry(.also, .reasonText, .by, .delay, .orderTypes, .providerCode)
            // The statements for DoorDash: those that name it, or no channel.
            let platform = DeliveryChannel.doordash.rawValue
            var off: [(Int, Availability)] = []
            var open = false
            var applying: [(Int, Availability)] = []
            for (i, s) in doc.statements.enumerated() {
                if !s.applies(to: platform) {
                    e.lose(.notApplicable, .also, statement: i, "statement \(i + 1) (\(Statements.summary(s))) is not sent; it does not apply to 'doordash'")
                    continue
                }
                applying.append((i, s))
            }
            for (i, s) in applying {
                if s.state == .open { open = true } else { off.append((i, s)) }
            }
            if open && !off.isEmpty {
                e.lose(.dropped, .also, "the open statements are dropped; store_details lists the deactivations in force, and the store is active only with none")
            }
            guard !applying.isEmpty else {
                e.scope(to: .doordash)
                return e.finish()
            }
            out.beginObject()
            if let store = e.storeID {
                out.field("merchant_supplied_id", store)
            } else if let other = doc.store {
                e.lose(.omitted, .store, "store '\(other)' is another provider's id, not DoorDash's merchant_supplied_id")
            }
            // Active unless a deactivation is in force now (one that ended is listed, and over).
            if e.writes("/is_active") { out.field("is_active", bool: off.allSatisfy { e.ended($0.1) }) }
            out.key("current_deactivations")
            out.beginArray()
            for (n, (i, s)) in off.enumerated() {
                let which = i == 0 ? "" : " (statement \(i + 1))"
                out.item()
                out.beginObject()
                if let text = s.reasonText {
                    out.field("reason", text)
                    if let reason = s.reason { e.drop(.reason, value: reason.rawValue, because: "DoorDash's deactivations give their reason as text, and the source's own text is sent\(which)") }
                } else if let reason = s.reason {
                    out.field("reason", reason.words)
                    e.approximate(.reason, value: reason.rawValue, because: "DoorDash's deactivations give their reason as text, so it is sent as '\(reason.words)'\(which)")
                } else if e.kept("/current_deactivations/\(n)/reason") != nil {
                    out.field("reason", "")
                }
                out.field("notes", s.note ?? "")
                let start: (Timestamp, CanonicalField)? = s.state == .closed ? s.from.map { ($0, .from) } : s.since.map { ($0, .since) }
                if let (t, field) = start {
                    out.field("created_at", e.utc(t, field: field, quiet: field == .from))
                    if field == .from {
                        e.approximate(.from, value: t.rfc3339, because: "a scheduled closure is sent as a deactivation with created_at '\(t.rfc3339)', read back as a pause since then")
                    }
                }
                if let until = s.until { out.field("end_time", e.utc(until, field: .until)) } else { out.nullField("end_time") }
                out.endObject()
                if s.state == .closed, let since = s.since { e.drop(.since, value: since.rfc3339, because: "created_at holds the closure's start\(which)") }
                if s.state != .closed, let from = s.from { e.drop(.from, value: from.rfc3339, because: "a deactivation in force has no scheduled start\(which)") }
                if let code = s.providerCode { e.drop(.providerCode, value: code, because: "DoorDash's deactivations give their reason as text\(which)") }
                if let by = s.pausedBy { e.drop(.by, value: by.rawValue, because: "store_details does not say who deactivated the store\(which)") }
                if let types = s.orderTypes { e.widen(orderTypes: types) }
            }
            out.endArray()
            out.endObject()
            if off.isEmpty {
                // An active store is active from now on, everywhere: what an open statement says beyond that is lost.
                for (i, s) in applying {
                    let which = i == 0 ? "" : " (statement \(i + 1))"
                    let because = "an active store lists no deactivation\(which)"
                    if let reason = s.reason { e.drop(.reason, value: reason.rawValue, because: because) }
                    if let code = s.providerCode { e.drop(.providerCode, value: code, because: because) }
                    if let until = s.until { e.drop(.until, value: until.rfc3339, because: because) }
                    if let from = s.from { e.approximate(.from, value: from.rfc3339, because: "store_details cannot schedule an opening, so it is active at once\(which)") }
                    if let note = s.note { e.drop(.note, value: note, because: because) }
                    if let since = s.since { e.drop(.since, value: since.rfc3339, because: because) }
                    if let text = s.reasonText { e.drop(.reasonText, value: text, because: because) }
                    if let by = s.pausedBy { e.drop(.by, value: by.rawValue, because: because) }
                    if let delay = s.delay { e.drop(.delay, value: String(delay), because: "DoorDash has no busy mode\(which)") }
                    if let types = s.orderTypes { e.widen(orderTypes: types) }
                }
            }
            if doc.channels != nil { e.scope(to: .doordash) }
            e.dropMessages()
            e.dropLeftovers()
            return e.finish()
        }
    }
}
