/// Lula Change Store Status response (`lula.status`):
/// `{"success": true, "status": {"current_pause", "is_close", "UberEats": [...], "DoorDash": [...], "GrubHub": [...]}}`.
///
/// Each platform array lists the store's entries on that platform with
/// `is_open` and `end_time`. Each platform is a statement of its own: the
/// platforms in the same state (and with the same end) are one statement
/// scoped to them; all three in one state is the whole store. A platform
/// whose entries disagree is not one state (`not_representable`). The GET
/// variant's `is_closed` is read like `is_close`. Entry ids and names are kept
/// (``Availability/meta``). Single-platform responses (`{"success": true}`)
/// carry no status to convert.
public struct LulaStatusFormat: AvailabilityFormat {
    public var declaration: FormatDeclaration { Self.declaration }

    /// One store entry of a platform array.
    static let entry = ObjectShape(
        name: "store entry",
        fields: [
            Field("success", .boolean), Field("is_open", .boolean, required: true), Field("status", .nullable(.string())),
            Field("end_time", .nullable(.timestamp)), Field("current_pause", .nullable(.string())),
            Field("description", .array(items: nil)), Field("id", .string()), Field("partner_store_id", .string()),
            Field("name", .string()), Field("status_changed_from", .boolean),
        ])

    /// The entry shape named per platform, for messages ("UberEats entry").
    static let entries = DeliveryChannel.lula.map { entry.named("\($0.lulaName) entry") }

    static let status = ObjectShape(
        name: "Lula status",
        fields: [
            Field("current_pause", .nullable(.string())), Field("is_close", .boolean), Field("is_closed", .boolean),
        ]
            + DeliveryChannel.lula.map {
                Field($0.lulaName, .named("platform", .array(items: .object(entry))), expected: "an array of store entries")
            })

    static let declaration = FormatDeclaration(
        id: "lula.status", title: "Lula Change Store Status response",
        summary: "Lula Change Store Status response (per-platform UberEats/DoorDash/GrubHub arrays)",
        description: "Response of PUT /stores/{store_id}/status; 'status' is present for dsp_name All. Format id: lula.status.",
        writesStatements: true,
        root: ObjectShape(
            name: "Lula status response",
            fields: [Field("success", .boolean, required: true), Field("status", .object(status))]))

    /// Entry members that identify the entry rather than its availability.
    static let metadataKeys = ["success", "current_pause", "description", "id", "partner_store_id", "name", "status_changed_from"]

    /// The `lula.status` format.
    public init() {}

    /// One platform's state, read from its entries.
    struct Platform {
        var channel: DeliveryChannel
        var open: Bool
        var end: (Timestamp, JSONValue)?
        var node: JSONValue
    }

    public func read(_ root: JSONValue, options: ConversionOptions, into decoded: inout Decoded) -> (Bool, [Finding]) {
        var findings: [Finding] = []
        guard var top = ObjectDecoder(root, shape: Self.declaration.rootReference, findings: &findings) else {
            return (false, findings)
        }
        _ = top.bool("success")
        if let success = top.member("success") { decoded.keep(meta: success, of: id) }
        var leftovers = top.unknownMembers()
        guard let statusNode = top.member("status"), statusNode.isObject else {
            if let s = top.member("status") {
                top.wrongType(s, key: "status")
            } else {
                top.findings.append(Finding(
                    ruleID: "no_availability", severity: .error,
                    message: "the response has no 'status' object, so it says nothing about availability; Lula includes one only for dsp_name 'All'",
                    location: root.location, pointer: ""))
            }
            return (false, findings + top.findings)
        }
        findings += top.findings
        var statusFindings: [Finding] = []
        guard var status = ObjectDecoder(statusNode, shape: Self.status.reference, findings: &statusFindings) else {
            return (false, findings + statusFindings)
        }
        let isClose = status.bool("is_close") ?? status.bool("is_closed")
        for key in ["current_pause", "is_closed"] {
            if let node = status.member(key) { decoded.keep(meta: node, of: id) }
        }
        var platforms: [Platform] = []
        for (channelIndex, channel) in DeliveryChannel.lula.enumerated() {
            guard let arrayNode = status.member(channel.lulaName) else { continue }
            guard arrayNode.isArray else {
                status.wrongType(arrayNode, key: channel.lulaName)
                continue
            }
            var read: [Platform] = []
            for entryNode in arrayNode.items {
                var entryFindings: [Finding] = []
                guard var entry = ObjectDecoder(entryNode, shape: Self.entries[channelIndex].reference, findings: &entryFindings) else {
                    status.findings += entryFindings
                    continue
                }
                let open = entry.bool("is_open")
                let text = entry.string("status")
                let end = entry.timestamp("end_time")
                _ = entry.string("current_pause")
                if let (isOpen, node) = open {
                    read.append(Platform(channel: channel, open: isOpen, end: end, node: node))
                    if let (s, node) = text, (s == "ONLINE") != isOpen {
                        entry.report(
                            "lula_status_mismatch",
                            "'status' '\(s)' disagrees with 'is_open' \(isOpen); Lula reports 'ONLINE' exactly when the store is open",
                            at: node, severity: .warning)
                    }
                }
                for member in entry.members where Self.metadataKeys.contains(where: { member.hasKey($0) }) {
                    decoded.keep(meta: member.value, of: id)
                }
                // Which optional members the entry wrote, so they come back as written.
                leftovers += entry.unknownMembers()
                status.findings += entry.findings
            }
            guard let first = read.first else { continue }
            if let other = read.dropFirst().first(where: { $0.open != first.open || !Self.sameEnd($0.end?.0, first.end?.0) }) {
                status.report(
                    "not_representable",
                    "the \(channel.lulaName) entries disagree (\(first.open ? "open" : "closed") until \(first.end?.0.rfc3339 ?? "changed") and \(other.open ? "open" : "closed") until \(other.end?.0.rfc3339 ?? "changed")); canonical holds one state per platform, so convert one entry at a time",
                    at: other.node)
                continue
            }
            platforms.append(first)
        }
        leftovers += status.unknownMembers()
        findings += status.findings
        guard !findings.hasErrors else { return (false, findings) }
        var doc = Availability()
        var origins: Origins = [:]
        if platforms.isEmpty {
            guard let (closed, node) = isClose else {
                findings.append(Finding(
                    ruleID: "no_availability", severity: .error,
                    message: "the status lists no platform entries and no 'is_close'; there is no availability to read",
                    location: statusNode.location, pointer: statusNode.pointer))
                return (false, findings)
            }
            doc.state = closed ? .paused : .open
            origins[.state] = Origin(node)
            decoded.fill(doc, origins: origins, leftovers: leftovers)
            return (true, findings)
        }
        if let (closed, node) = isClose, closed != platforms.allSatisfy({ !$0.open }) {
            findings.append(Finding(
                ruleID: "lula_status_mismatch", severity: .warning,
                message: "'is_close' \(closed) disagrees with the platform entries (\(platforms.filter { !$0.open }.count) of \(platforms.count) platforms closed)",
                location: node.location, pointer: node.pointer))
        }
        // Platforms in the same state with the same end are one statement; a
        // closed one first, so the document's own fields say what changed.
        var groups: [[Platform]] = []
        for p in platforms {
            if let i = groups.firstIndex(where: { $0[0].open == p.open && Self.sameEnd($0[0].end?.0, p.end?.0) }) {
                groups[i].append(p)
            } else {
                groups.append([p])
            }
        }
        if let closed = groups.firstIndex(where: { !$0[0].open }), closed > 0 { groups.insert(groups.remove(at: closed), at: 0) }
        let whole = groups.count == 1 && platforms.count == DeliveryChannel.lula.count
        var statements: [(Availability, Origin)] = []
        for group in groups {
            var s = Availability(state: group[0].open ? .open : .paused)
            if !whole { s.channels = group.map(\.channel.rawValue) }
            s.until = group[0].end?.0
            statements.append((s, Origin(group[0].node)))
        }
        doc = statements[0].0
        origins[.state] = statements[0].1
        if doc.channels != nil { origins[.channels] = statements[0].1 }
        if let (_, node) = groups[0][0].end { origins[.until] = Origin(node) }
        doc.also = statements.dropFirst().map(\.0)
        decoded.fill(doc, origins: origins, leftovers: leftovers)
        decoded.alsoOrigins = statements.dropFirst().map(\.1)
        return (true, findings)
    }

    static func sameEnd(_ a: Timestamp?, _ b: Timestamp?) -> Bool {
        switch (a, b) {
        case (nil, nil): true
        case (let x?, let y?): x.isSameInstant(as: y)
        default: false
        }
    }

    public func write(_ source: Decoded, options: ConversionOptions, into out: inout JSONOutput) -> EncodeResult {
        return Encoding.with(source, target: id, options: options) { e in
            let doc = source.availability
            guard e.requireState() != nil else { return e.finish() }
            e.carry(.also)
            // Each platform's state: the first statement that names it (or names no channel).
            var states: [DeliveryChannel: Availability] = [:]
            for (i, s) in doc.statements.enumerated() {
                guard let state = s.state else { continue }
                var scope = DeliveryChannel.lula
                if let channels = s.channels {
                    let unknown = channels.filter { DeliveryChannel(lulaChannel: $0) == nil }
                    if !unknown.isEmpty {
                        e.fail(
                            "Lula has no channel \(unknown.map { "'\(shown($0))'" }.joined(separator: ", ")); it knows 'ubereats', 'doordash', 'grubhub'",
                            field: .channels)
                    }
                    scope = DeliveryChannel.lula.filter { channels.contains($0.rawValue) }
                }
                let taken = scope.filter { states[$0] != nil }
                if !taken.isEmpty {
                    e.lose(
                        .dropped, .also, statement: i,
                        "statement \(i + 1) (\(Statements.summary(s))) is dropped for \(taken.map { "'\($0.rawValue)'" }.joined(separator: ", ")); an earlier statement already sets \(taken.count == 1 ? "it" : "them")")
                }
                for channel in scope where states[channel] == nil { states[channel] = s }
                if let reason = s.reason { e.drop(.reason, value: reason.rawValue, because: "Lula has no pause reasons") }
                if let note = s.note { e.drop(.note, value: note, because: "Lula has no notes") }
                if let since = s.since { e.drop(.since, value: since.rfc3339, because: "a Lula status response does not say when the state began") }
                if let from = s.from { e.drop(.from, value: from.rfc3339, because: "a Lula status response has no scheduled start") }
                if state == .open, let delay = s.delay { e.drop(.delay, value: String(delay), because: "Lula has no busy mode") }
                if let text = s.reasonText { e.drop(.reasonText, value: text, because: "Lula has no reasons") }
                if let by = s.pausedBy { e.drop(.by, value: by.rawValue, because: "a Lula status response does not say who paused the store") }
                if let code = s.providerCode { e.drop(.providerCode, value: code, because: "Lula has no reason codes") }
                if let types = s.orderTypes { e.widen(orderTypes: types) }
            }
            e.carry(.reasonText, .by, .delay, .orderTypes, .providerCode)
            e.storeNotNamed()
            // Each end rendered once, however many platforms share it.
            var ends: [String: String] = [:]
            let written = DeliveryChannel.lula.filter { states[$0] != nil }
            let closed = written.filter { states[$0]?.state != .open }
            out.beginObject()
            out.field("success", bool: true)
            out.key("status")
            out.beginObject()
            out.field(e.kept("/status/is_closed") != nil ? "is_closed" : "is_close", bool: closed.count == written.count)
            for channel in DeliveryChannel.lula {
                guard let s = states[channel] else { continue }
                out.key(JSONKey(channel.lulaName))
                out.beginArray()
                out.item()
                out.beginObject()
                let open = s.state == .open
                out.field("is_open", bool: open)
                out.field("status", open ? "ONLINE" : "OFFLINE")
                if let until = s.until {
                    if ends[until.rfc3339] == nil { ends[until.rfc3339] = e.rfc3339(until, field: .until, zone: options.timeZone) }
                    out.field("end_time", ends[until.rfc3339] ?? until.rfc3339)
                } else {
                    out.nullField("end_time")
                }
                out.endObject()
                out.endArray()
            }
            out.endObject()
            out.endObject()
            e.dropMessages()
            e.dropLeftovers()
            return e.finish()
        }
    }
}
