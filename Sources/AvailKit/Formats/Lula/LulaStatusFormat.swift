/// Lula Change Store Status response (`lula.status`):
/// `{"success": true, "status": {"current_pause", "is_close", "UberEats": [...], "DoorDash": [...], "GrubHub": [...]}}`.
///
/// Each platform array lists the store's entries on that platform with
/// `is_open` and `end_time`. A platform is paused when any entry is closed.
/// Every present platform paused is a whole-store pause; some paused is a pause
/// scoped to those channels. The GET variant's `is_closed` is read like `is_close`.
/// Single-platform responses (`{"success": true}`) carry no status to convert.
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
    static let entries = DeliveryChannel.allCases.map { entry.named("\($0.lulaName) entry") }

    static let status = ObjectShape(
        name: "Lula status",
        fields: [
            Field("current_pause", .nullable(.string())), Field("is_close", .boolean), Field("is_closed", .boolean),
        ]
            + DeliveryChannel.allCases.map {
                Field($0.lulaName, .named("platform", .array(items: .object(entry))), expected: "an array of store entries")
            })

    static let declaration = FormatDeclaration(
        id: "lula.status", title: "Lula Change Store Status response",
        summary: "Lula Change Store Status response (per-platform UberEats/DoorDash/GrubHub arrays)",
        description: "Response of PUT /stores/{store_id}/status; 'status' is present for dsp_name All. Format id: lula.status.",
        root: ObjectShape(
            name: "Lula status response",
            fields: [Field("success", .boolean, required: true), Field("status", .object(status))]))

    /// Entry members that identify the entry rather than its availability.
    static let metadataKeys = ["description", "id", "partner_store_id", "name", "status_changed_from", "success"]

    /// The `lula.status` format.
    public init() {}

    struct Platform {
        var channel: DeliveryChannel
        var paused: Bool
        var endTimes: [(Timestamp, JSONValue)]
        var node: JSONValue
    }

    public func read(_ root: JSONValue, options: ConversionOptions, into decoded: inout Decoded) -> (Bool, [Finding]) {
        var findings: [Finding] = []
        guard var top = ObjectDecoder(root, shape: Self.declaration.root, findings: &findings) else {
            return (false, findings)
        }
        _ = top.bool("success")
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
        guard var status = ObjectDecoder(statusNode, shape: Self.status, findings: &statusFindings) else {
            return (false, findings + statusFindings)
        }
        let isClose = status.bool("is_close") ?? status.bool("is_closed")
        if let pause = status.member("current_pause"), !pause.isNull {
            leftovers.append(Leftover(name: "current_pause", origin: Origin(pause), kind: .unknown))
        }
        var platforms: [Platform] = []
        for (channelIndex, channel) in DeliveryChannel.allCases.enumerated() {
            guard let arrayNode = status.member(channel.lulaName) else { continue }
            guard arrayNode.isArray else {
                status.wrongType(arrayNode, key: channel.lulaName)
                continue
            }
            var platform = Platform(channel: channel, paused: false, endTimes: [], node: arrayNode)
            var valid = false
            for entryNode in arrayNode.items {
                var entryFindings: [Finding] = []
                guard var entry = ObjectDecoder(entryNode, shape: Self.entries[channelIndex], findings: &entryFindings) else {
                    status.findings += entryFindings
                    continue
                }
                let open = entry.bool("is_open")
                let text = entry.string("status")
                if let (t, node) = entry.timestamp("end_time") { platform.endTimes.append((t, node)) }
                _ = entry.string("current_pause")
                if let (isOpen, _) = open {
                    valid = true
                    if !isOpen { platform.paused = true }
                    if let (s, node) = text, (s == "ONLINE") != isOpen {
                        entry.report(
                            "lula_status_mismatch",
                            "'status' '\(s)' disagrees with 'is_open' \(isOpen); Lula reports 'ONLINE' exactly when the store is open",
                            at: node, severity: .warning)
                    }
                }
                let metadata = entry.members.filter { m in Self.metadataKeys.contains { m.hasKey($0) } }.map(\.key)
                if !metadata.isEmpty {
                    leftovers.append(Leftover(
                        name: "\(channel.lulaName) entry fields",
                        origin: Origin(pointer: entryNode.pointer, location: entryNode.location, value: metadata.joined(separator: ", ")),
                        kind: Leftover.responseMetadata))
                }
                leftovers += entry.unknownMembers()
                status.findings += entry.findings
            }
            if valid { platforms.append(platform) }
        }
        leftovers += status.unknownMembers()
        findings += status.findings
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
        let paused = platforms.filter(\.paused)
        doc.state = paused.isEmpty ? .open : .paused
        origins[.state] = Origin(paused.first?.node ?? platforms[0].node)
        if !paused.isEmpty && paused.count < platforms.count {
            doc.channels = paused.map(\.channel.rawValue)
            origins[.channels] = Origin(paused[0].node)
        }
        if let (closed, node) = isClose, closed != (paused.count == platforms.count) {
            findings.append(Finding(
                ruleID: "lula_status_mismatch", severity: .warning,
                message: "'is_close' \(closed) disagrees with the platform entries (\(paused.count) of \(platforms.count) platforms closed)",
                location: node.location, pointer: node.pointer))
        }
        let relevant = (paused.isEmpty ? platforms : paused).flatMap(\.endTimes)
        if let (first, node) = relevant.first {
            if relevant.allSatisfy({ $0.0.isSameInstant(as: first) }) {
                doc.until = first
                origins[.until] = Origin(node)
            } else {
                findings.append(Finding(
                    ruleID: "not_representable", severity: .error,
                    message: "platforms report different 'end_time' values (\(relevant.map { "'\($0.0.rfc3339)'" }.joined(separator: ", "))); a canonical document holds one",
                    location: relevant[1].1.location, pointer: relevant[1].1.pointer))
                return (false, findings)
            }
        }
        decoded.fill(doc, origins: origins, leftovers: leftovers)
        return (true, findings)
    }

    public func encode(_ source: Decoded, options: ConversionOptions, into out: inout JSONOutput) -> EncodeResult {
        return Encoding.with(source, target: id, options: options) { e in
            let doc = source.availability
            guard let state = e.requireState() else { return e.finish() }
            var scope = Set(DeliveryChannel.allCases)
            if let channels = doc.channels {
                let unknown = channels.filter { DeliveryChannel(rawValue: $0) == nil }
                if !unknown.isEmpty {
                    e.fail("Lula has no channel \(unknown.map { "'\($0)'" }.joined(separator: ", ")); it knows 'ubereats', 'doordash', 'grubhub'", field: .channels)
                }
                scope = Set(channels.compactMap(DeliveryChannel.init(rawValue:)))
                // An open state on some channels says nothing of the others, but the response shows them all open.
                if state == .open && scope.count < DeliveryChannel.allCases.count { e.widen(channels: channels) }
            }
            if let store = doc.store { e.drop(.store, value: store, because: "a Lula status response does not name the store") }
            if let reason = doc.reason { e.drop(.reason, value: reason.rawValue, because: "Lula has no pause reasons") }
            if let note = doc.note { e.drop(.note, value: note, because: "Lula has no notes") }
            if let since = doc.since { e.drop(.since, value: since.rfc3339, because: "a Lula status response does not say when the state began") }
            if let from = doc.from { e.drop(.from, value: from.rfc3339, because: "a Lula status response has no scheduled start") }
            let end = doc.until.map { e.rfc3339($0, field: .until, zone: options.timeZone) }
            let closed = DeliveryChannel.allCases.map { state != .open && scope.contains($0) }
            out.beginObject()
            out.field("success", bool: true)
            out.key("status")
            out.beginObject()
            out.nullField("current_pause")
            out.field("is_close", bool: closed.allSatisfy { $0 })
            for (channel, closed) in zip(DeliveryChannel.allCases, closed) {
                out.key(JSONKey(channel.lulaName))
                out.beginArray()
                out.item()
                out.beginObject()
                out.field("success", bool: true)
                out.field("is_open", bool: !closed)
                out.field("status", closed ? "OFFLINE" : "ONLINE")
                if let end, state == .open || closed { out.field("end_time", end) } else { out.nullField("end_time") }
                out.endObject()
                out.endArray()
            }
            out.endObject()
            out.endObject()
            dropMessages(&e, doc)
            e.dropLeftovers()
            return e.finish()
        }
    }
}
