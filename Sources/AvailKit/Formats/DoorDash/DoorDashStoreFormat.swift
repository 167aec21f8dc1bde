/// DoorDash `store_details` response (`doordash.store`):
/// `GET /api/v1/stores/{merchant_supplied_id}/store_details`.
///
/// `current_deactivations` lists the deactivations in force, each with a prose
/// `reason` (read into `reason_text`: "Merchant operational issues" is not the
/// write enum's `operational_issues`), `created_at` and an `end_time` (null
/// for an open-ended one). Several deactivations read as one pause: from the
/// earliest start to the latest end (none when any is open-ended).
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
        guard var object = ObjectDecoder(root, shape: Self.declaration.root, findings: &findings) else { return (false, findings) }
        var origins: Origins = [:]
        var doc = Availability()
        doc.store = origins.keep(object.string("merchant_supplied_id"), as: .store)
        let active = object.bool("is_active")
        var settings: [String] = []
        for key in Self.settingKeys where object.member(key) != nil {
            object.checkType(key)
            settings.append(key)
        }
        var leftovers: [Leftover] = []
        if !settings.isEmpty {
            leftovers.append(Leftover(
                name: "store settings", origin: Origin(pointer: "", location: root.location, value: settings.joined(separator: ", ")),
                kind: .metadata(why: "they are store settings, not availability")))
        }
        var entries: [(reason: (String, JSONValue)?, notes: (String, JSONValue)?, start: (Timestamp, JSONValue)?, end: (Timestamp, JSONValue)?, node: JSONValue)] = []
        var openEnded = false
        if let list = object.present("current_deactivations") {
            if !list.isArray { object.wrongType(list, key: "current_deactivations") }
            for item in list.items {
                var found: [Finding] = []
                guard var entry = ObjectDecoder(item, shape: Self.deactivation, findings: &found) else {
                    object.findings += found
                    continue
                }
                let reason = entry.string("reason")
                let notes = entry.string("notes")
                let start = entry.timestamp("created_at")
                let end = entry.timestamp("end_time")
                if let e = entry.member("end_time"), e.isNull { openEnded = true }
                if entry.member("end_time") == nil { openEnded = true }
                leftovers += entry.unknownMembers()
                object.findings += entry.findings
                entries.append((reason, notes, start, end, item))
            }
        }
        leftovers += object.unknownMembers()
        findings += object.findings
        guard !findings.hasErrors else { return (false, findings) }
        if let (isActive, node) = active {
            origins[.state] = Origin(node)
            if isActive && !entries.isEmpty {
                findings.append(Finding(
                    ruleID: "doordash_status_mismatch", severity: .warning,
                    message: "'is_active' is true but \(entries.count) deactivation\(entries.count == 1 ? " is" : "s are") listed; one of the two is stale",
                    location: node.location, pointer: node.pointer))
                decoded.losses.append(Loss(
                    kind: .dropped, field: "state", origin: Origin(node),
                    message: "is_active true is dropped; the listed deactivations are read instead"))
            }
        } else if let first = entries.first {
            origins[.state] = Origin(first.node)
        } else {
            origins[.state] = Origin(root)
        }
        guard !entries.isEmpty || active?.0 == false else {
            doc.state = .open
            decoded.fill(doc, origins: origins, leftovers: leftovers)
            return (true, findings)
        }
        doc.state = .paused
        if let first = entries.first {
            if let r = first.reason, !r.0.isEmpty { doc.reasonText = origins.keep(r, as: .reasonText) }
            if let n = first.notes, !n.0.isEmpty { doc.note = origins.keep(n, as: .note) }
            let starts = entries.compactMap(\.start)
            if let earliest = starts.min(by: { $0.0 < $1.0 }) { doc.since = origins.keep(earliest, as: .since) }
            let ends = entries.compactMap(\.end)
            if !openEnded, let latest = ends.max(by: { $0.0 < $1.0 }) { doc.until = origins.keep(latest, as: .until) }
        }
        if entries.count > 1 {
            let second = entries[1].node
            let count = entries.count
            decoded.losses.append(Loss(
                kind: .approximated, field: "reason_text", origin: Origin(second),
                message: "\(count) deactivations are read as one pause from the earliest start to the latest end; only the first one's reason and notes are kept"))
        }
        decoded.fill(doc, origins: origins, leftovers: leftovers)
        return (true, findings)
    }

    public func encode(_ source: Decoded, options: ConversionOptions, into out: inout JSONOutput) -> EncodeResult {
        return Encoding.with(source, target: id, options: options) { e in
            let doc = source.availability
            guard let state = e.requireState() else { return e.finish() }
            out.beginObject()
            if let store = doc.store { out.field("merchant_supplied_id", store) }
            out.field("is_active", bool: state == .open)
            out.key("current_deactivations")
            out.beginArray()
            if state != .open {
                out.item()
                out.beginObject()
                if let reason = e.freeTextReason(\.words) { out.field("reason", reason) }
                out.field("notes", doc.note ?? "")
                let start: (Timestamp, CanonicalField)? = state == .closed ? doc.from.map { ($0, .from) } : doc.since.map { ($0, .since) }
                if let (t, field) = start { out.field("created_at", e.utcSeconds(t, field: field))
                    if field == .from {
                        e.approximate(.from, value: t.rfc3339, because: "a scheduled closure is sent as a deactivation with created_at '\(t.rfc3339)', read back as a pause since then")
                    } }
                if let until = doc.until { out.field("end_time", e.utcSeconds(until, field: .until)) } else { out.nullField("end_time") }
                out.endObject()
                if state == .closed, let since = doc.since { e.drop(.since, value: since.rfc3339, because: "created_at holds the closure's start") }
                if state != .closed, let from = doc.from { e.drop(.from, value: from.rfc3339, because: "a deactivation in force has no scheduled start") }
            } else {
                if let reason = doc.reason { e.drop(.reason, value: reason.rawValue, because: "an active store lists no deactivation") }
                if let until = doc.until { e.drop(.until, value: until.rfc3339, because: "an active store lists no deactivation") }
                if let note = doc.note { e.drop(.note, value: note, because: "an active store lists no deactivation") }
                if let since = doc.since { e.drop(.since, value: since.rfc3339, because: "an active store lists no deactivation") }
                e.approximateStart()
            }
            out.endArray()
            out.endObject()
            e.scope(to: .doordash)
            dropMessages(&e, doc)
            e.dropLeftovers()
            return e.finish()
        }
    }
}
