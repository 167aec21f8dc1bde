/// Wolt Update venue online status (`wolt`): the body of
/// `PATCH /venues/{venueId}/online`.
///
/// `status` `OFFLINE` takes the venue offline until `until` (an RFC 3339
/// instant), or until changed when `until` is `null` or absent; `ONLINE`
/// brings it back (Wolt cannot schedule that: an `until` on `ONLINE` means
/// nothing and is kept as written). The Venue Guide shows another body for
/// the same change, `{"is_online": false, "reason": "..."}` on
/// `PATCH /venues/{venue_id}/status`: it is read too (its `reason` into
/// `reason_text`), with a warning, and never written.
public struct WoltFormat: AvailabilityFormat {
    enum Status: String, DeclaredEnum {
        static let ordered = OrderedCases(allCases)

        case online = "ONLINE"
        case offline = "OFFLINE"
    }

    public var declaration: FormatDeclaration { Self.declaration }

    static let declaration = FormatDeclaration(
        id: "wolt", title: "Wolt Update venue online status",
        summary: "Wolt venue online-status request body (PATCH /venues/{venueId}/online)",
        description: "Body of PATCH /venues/{venueId}/online (VenueOnlineStatusRequestPayload); the Venue Guide's is_online/reason body is read too. Format id: wolt.",
        platform: DeliveryChannel.wolt.rawValue,
        root: ObjectShape(
            name: "Wolt venue online status",
            fields: [
                Field("status", .enumeration(Status.self), description: "OFFLINE takes the venue offline; ONLINE brings it back."),
                Field(
                    "until", .nullable(.timestamp),
                    description: "When an OFFLINE venue comes back online; null or absent: offline until changed."),
                Field("is_online", .boolean, description: "The Venue Guide's body (PATCH /venues/{venue_id}/status): read as status, never written."),
                Field("reason", .string(), description: "The Venue Guide's free-text reason; the API reference's body has none."),
            ],
            requiresOneOf: [["status"], ["is_online"]]))

    /// The `wolt` format.
    public init() {}

    public func read(_ root: JSONValue, options: ConversionOptions, into decoded: inout Decoded) -> (Bool, [Finding]) {
        var findings: [Finding] = []
        guard var object = ObjectDecoder(root, shape: Self.declaration.rootReference, findings: &findings) else { return (false, findings) }
        let status = object.enumeration("status", Status.self)
        let until = object.timestamp("until")
        let isOnline = object.bool("is_online")
        let reason = object.string("reason")
        let leftovers = object.unknownMembers(request: true)
        let guideKeys = ["is_online", "reason"].filter { object.member($0) != nil }
        if let first = guideKeys.first, let guide = object.member(first) {
            object.report(
                "wolt_guide_body",
                "\(guideKeys.map { "'\($0)'" }.joined(separator: " and ")) \(guideKeys.count == 1 ? "is" : "are") the Venue Guide's body for PATCH /venues/{venue_id}/status; the API reference's PATCH /venues/{venueId}/online takes 'status' and 'until', which AvailKit writes",
                at: guide, severity: .warning)
        }
        var origins: Origins = [:]
        var doc = Availability()
        if let (status, node) = status {
            doc.state = status == .online ? .open : .paused
            origins[.state] = Origin(node)
            if let (online, onlineNode) = isOnline, online != (status == .online) {
                object.report(
                    "wolt_guide_body", "'is_online' \(online) disagrees with 'status' '\(status.rawValue)'; 'status' is read", at: onlineNode,
                    severity: .warning)
            }
        } else if let (online, node) = isOnline {
            doc.state = online ? .open : .paused
            origins[.state] = Origin(node)
        } else if object.member("status") == nil && object.member("is_online") == nil {
            object.missing("status", hint: "add 'ONLINE' or 'OFFLINE'")
        }
        findings += object.findings
        guard doc.state != nil else { return (false, findings) }
        if let node = object.member("until") {
            if doc.state == .open, !node.isNull {
                // An ONLINE venue cannot be scheduled: the value ends nothing, kept as written.
                findings.append(Finding(
                    ruleID: "wolt_until_requires_offline", severity: .warning,
                    message: "'until' is set but 'status' is 'ONLINE'; Wolt cannot schedule online status, so it ends nothing",
                    location: node.location, pointer: node.pointer))
                decoded.keep(meta: node, of: id)
            } else if node.isNull {
                // null and absent both mean "until changed": kept, so it comes back as written.
                decoded.keep(meta: node, of: id)
            } else {
                doc.until = origins.keep(until, as: .until)
            }
        }
        doc.reasonText = origins.keep(reason, as: .reasonText)
        decoded.fill(doc, origins: origins, leftovers: leftovers)
        decoded.scope(to: .wolt)
        return (true, findings)
    }

    public func write(_ source: Decoded, options: ConversionOptions, into out: inout JSONOutput) -> EncodeResult {
        return Encoding.with(source, target: id, options: options) { e in
            let doc = source.availability
            e.storeGoesInPath("/venues/{venueId}/online")
            guard let state = e.requireState() else { return e.finish() }
            out.beginObject()
            out.field("status", (state == .open ? Status.online : .offline).rawValue)
            if let until = doc.until {
                if state == .open {
                    e.drop(.until, value: until.rfc3339, because: "Wolt cannot schedule online status, so an ONLINE venue has no end")
                } else {
                    out.field("until", until.rfc3339)
                }
            }
            out.endObject()
            if let reason = doc.reason { e.drop(.reason, value: reason.rawValue, because: "Wolt's online status has no reason") }
            e.carry(.reasonText)
            if let text = doc.reasonText {
                e.drop(.reasonText, value: text, because: "the API reference's body has no reason (the Venue Guide's 'reason' is not sent)")
            }
            e.approximateStart()
            e.scope(to: .wolt)
            e.dropStatusExtras(since: "a status request cannot say when the venue went offline")
            return e.finish()
        }
    }
}
