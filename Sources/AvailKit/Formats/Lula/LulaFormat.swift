/// Lula Change Store Status request body (`lula`):
/// `PUT /stores/{store_id}/status` with `dsp_name`, `is_active`, `start_time`, `end_time`.
///
/// `dsp_name` `All` is every channel; `UberEats`, `DoorDash`, `GrubHub` one
/// channel. `is_active: false` is a pause (until `end_time`, from `start_time`),
/// or a closure window when both times are given; `is_active: true` opens the
/// store (until `end_time`). Lula has no reasons or notes.
public struct LulaFormat: AvailabilityFormat {
    public var declaration: FormatDeclaration { Self.declaration }

    static let declaration = FormatDeclaration(
        id: "lula", title: "Lula Change Store Status request",
        summary: "Lula Change Store Status request body (PUT /stores/{store_id}/status)",
        description: "Body of PUT /stores/{store_id}/status. Format id: lula.",
        root: ObjectShape(
            name: "Lula status change",
            fields: [
                Field("dsp_name", .enumeration(DSP.self), required: true),
                Field("is_active", .boolean, required: true, description: "true opens the store (ONLINE), false closes it (OFFLINE)."),
                Field(
                    "end_time", .nullable(.timestamp),
                    description: "When the change reverts; absent or null means permanent. Offset should match the store's zone."),
                Field("start_time", .nullable(.timestamp), description: "When a scheduled change takes effect."),
            ]))

    /// The `lula` format.
    public init() {}

    enum DSP: String, DeclaredEnum {
        static let ordered = OrderedCases(allCases)

        case all = "All"
        case uberEats = "UberEats"
        case doorDash = "DoorDash"
        case grubHub = "GrubHub"
    }

    public func read(_ root: JSONValue, options: ConversionOptions, into decoded: inout Decoded) -> (Bool, [Finding]) {
        var findings: [Finding] = []
        guard var object = ObjectDecoder(root, shape: Self.declaration.rootReference, findings: &findings) else {
            return (false, findings)
        }
        let dsp = object.enumeration("dsp_name", DSP.self)
        let active = object.bool("is_active")
        let start = object.timestamp("start_time")
        let end = object.timestamp("end_time")
        let leftovers = object.unknownMembers()
        findings += object.findings
        guard let (dsp, dspNode) = dsp, let (isActive, activeNode) = active else { return (false, findings) }
        var doc = Availability()
        var origins: Origins = [:]
        if dsp != .all, let channel = DeliveryChannel(lulaName: dsp.rawValue) {
            doc.channels = [channel.rawValue]
            origins[.channels] = Origin(dspNode)
        }
        origins[.state] = Origin(activeNode)
        if isActive {
            doc.state = .open
        } else {
            doc.state = start != nil && end != nil ? .closed : .paused
        }
        if let v = origins.keep(start, as: .from) { doc.from = v }
        if let v = origins.keep(end, as: .until) { doc.until = v }
        decoded.fill(doc, origins: origins, leftovers: leftovers)
        return (true, findings)
    }

    public func write(_ source: Decoded, options: ConversionOptions, into out: inout JSONOutput) -> EncodeResult {
        return Encoding.with(source, target: id, options: options) { e in
            let doc = source.availability
            guard let state = e.requireState() else { return e.finish() }
            out.beginObject()
            e.storeGoesInPath("/stores/{store_id}/status")
            out.field("dsp_name", lulaDSP(doc.channels, encoding: &e))
            out.field("is_active", bool: state == .open)
            if let reason = doc.reason { e.drop(.reason, value: reason.rawValue, because: "Lula has no pause reasons") }
            if let note = doc.note { e.drop(.note, value: note, because: "Lula has no notes") }
            if let since = doc.since { e.drop(.since, value: since.rfc3339, because: "a Lula request cannot say when the state began") }
            // The docs' order: end_time, then start_time.
            if let until = doc.until {
                out.field("end_time", e.rfc3339(until, field: .until, zone: options.timeZone))
            }
            if let from = doc.from {
                out.field("start_time", e.rfc3339(from, field: .from, zone: options.timeZone))
            }
            e.dropMessages()
            e.dropLeftovers()
            out.endObject()
            return e.finish()
        }
    }

    /// `All` for every channel, the DSP for one delivery channel; several are widened to `All`.
    func lulaDSP(_ channels: [String]?, encoding e: inout Encoding) -> String {
        guard let channels else { return DSP.all.rawValue }
        let known = channels.compactMap { DeliveryChannel(lulaChannel: $0) }
        if known.count != channels.count {
            let unknown = channels.filter { DeliveryChannel(lulaChannel: $0) == nil }
            e.fail("Lula has no channel \(unknown.map { "'\($0)'" }.joined(separator: ", ")); it knows 'ubereats', 'doordash', 'grubhub'", field: .channels)
            return DSP.all.rawValue
        }
        if known.count == 1 { return known[0].lulaName }
        if Set(known).count == DeliveryChannel.lula.count { return DSP.all.rawValue }
        e.widen(channels: channels)
        return DSP.all.rawValue
    }
}
