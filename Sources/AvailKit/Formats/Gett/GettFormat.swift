/// Gett Commerce store status: the `StoreStatusUpdate` request body (`gett`)
/// and the `StoreStatus` response (`gett.status`).
///
/// `status` is `online` or `paused`; `reason` is the canonical reason set;
/// `pausedAt` (responses only) and `resumeAt` are RFC 3339 date-times. The
/// store id travels in the path, `/v1/commerce/stores/{storeId}/status`.
public struct GettFormat: AvailabilityFormat {
    /// Which side of the status endpoint the payload is.
    public enum Kind: Sendable {
        /// The `StoreStatusUpdate` body sent to Gett (`gett`).
        case request
        /// The `StoreStatus` response from Gett (`gett.status`).
        case response
    }

    enum Status: String, DeclaredEnum {
        static let ordered = OrderedCases(allCases)

        case online
        case paused
    }

    /// Which side of the endpoint this format reads and writes.
    public let kind: Kind

    /// The Gett format for one side of the endpoint.
    public init(kind: Kind) { self.kind = kind }

    public var declaration: FormatDeclaration { kind == .request ? Self.request : Self.response }

    static let request = FormatDeclaration(
        id: "gett", title: "Gett Commerce StoreStatusUpdate",
        summary: "Gett Commerce StoreStatusUpdate request body (POST /v1/commerce/stores/{storeId}/status)",
        description: "Request body of POST /v1/commerce/stores/{storeId}/status. Format id: gett.",
        platform: "gett",
        root: ObjectShape(
            name: "Gett StoreStatusUpdate",
            fields: [
                Field("status", .enumeration(Status.self), required: true),
                Field("reason", .reason),
                Field("pausedAt", .timestamp, readOnly: "is set by Gett and read-only", description: "Set by Gett; read-only, not sent."),
                Field("resumeAt", .timestamp, description: "Optional: auto-resume at this time."),
            ],
            conditions: [Condition(when: "status", is: "paused", requires: ["reason"], rule: "paused_requires_reason")]))

    static let response = FormatDeclaration(
        id: "gett.status", title: "Gett Commerce StoreStatus",
        summary: "Gett Commerce StoreStatus response (GET /v1/commerce/stores/{storeId}/status)",
        description: "Response of GET and POST /v1/commerce/stores/{storeId}/status. Format id: gett.status.",
        platform: "gett",
        root: ObjectShape(
            name: "Gett StoreStatus",
            fields: [
                Field("status", .enumeration(Status.self), required: true),
                Field("reason", .reason),
                Field("pausedAt", .timestamp),
                Field("resumeAt", .timestamp, description: "If set, the store auto-resumes at this time."),
            ],
            conditions: [Condition(when: "status", is: "paused", requires: ["reason"], rule: "paused_requires_reason")]))

    public func read(_ root: JSONValue, options: ConversionOptions, into decoded: inout Decoded) -> (Bool, [Finding]) {
        var findings: [Finding] = []
        guard var object = ObjectDecoder(root, shape: kind == .request ? Self.request.rootReference : Self.response.rootReference, findings: &findings) else {
            return (false, findings)
        }
        let status = object.enumeration("status", Status.self)
        let reason = object.enumeration("reason", Availability.Reason.self)
        let pausedAt = object.timestamp("pausedAt")
        let resumeAt = object.timestamp("resumeAt")
        let leftovers = object.unknownMembers(request: kind == .request)
        if !object.findings.isEmpty { findings += object.findings }
        guard let (status, statusNode) = status else { return (false, findings) }
        decoded.leftovers = leftovers
        decoded.origins.keep(statusNode, as: .state)
        if status == .online {
            // An online store's pause fields describe no pause (Gett's own example
            // sends them): kept for the way back, never read as "open until".
            decoded.availability.state = .open
            // One by one: an array of the three would be allocated for every online record.
            if let (_, node) = reason { decoded.keep(meta: node, of: id) }
            if let (_, node) = pausedAt { decoded.keep(meta: node, of: id) }
            if let (_, node) = resumeAt { decoded.keep(meta: node, of: id) }
            return (true, findings)
        }
        decoded.availability.state = .paused
        decoded.availability.reason = decoded.origins.keep(reason, as: .reason)
        if kind == .request, let (_, node) = pausedAt {
            // Read-only: Gett ignores it in a request, so it is kept as written and says nothing.
            decoded.keep(meta: node, of: id)
        } else {
            decoded.availability.since = decoded.origins.keep(pausedAt, as: .since)
        }
        decoded.availability.until = decoded.origins.keep(resumeAt, as: .until)
        if reason == nil, object.member("reason") != nil { decoded.rejected.insert(.reason) }
        return (true, findings)
    }

    public func write(_ source: Decoded, options: ConversionOptions, into out: inout JSONOutput) -> EncodeResult {
        return Encoding.with(source, target: id, options: options) { e in
            let doc = source.availability
            out.beginObject()

            e.storeGoesInPath("/v1/commerce/stores/{storeId}/status")
            guard let state = e.requireState() else { return e.finish() }
            let status: Status = state == .open ? .online : .paused
            out.field("status", status.rawValue)

            if status == .online {
                // resumeAt and pausedAt describe a pause; on an online store Gett reads nothing from them.
                if let reason = doc.reason { e.drop(.reason, value: reason.rawValue, because: "an online Gett store has no reason") }
                if let since = doc.since { e.drop(.since, value: since.rfc3339, because: "pausedAt says when a pause began, and the store is online") }
                if let until = doc.until {
                    e.drop(.until, value: until.rfc3339, because: "Gett cannot end an open state: resumeAt only ends a pause")
                }
            } else {
                if let reason = doc.reason ?? options.reason {
                    out.field("reason", reason.rawValue)
                } else {
                    e.require("a pause reason ('reason') for a paused store", flag: "--reason CODE")
                }
                if let since = doc.since {
                    if kind == .response {
                        out.field("pausedAt", since.rfc3339)
                    } else {
                        e.drop(.since, value: since.rfc3339, because: "pausedAt is set by Gett and cannot be sent")
                    }
                }
                if let until = doc.until { out.field("resumeAt", until.rfc3339) }
            }
            if let note = doc.note { e.drop(.note, value: note, because: "\(id) has no free-text note") }
            if let from = doc.from {
                let what = state == .closed ? "closure" : "change"
                e.approximate(.from, value: from.rfc3339, because: "\(id) cannot schedule a start, so the \(what) would take effect at once")
            }
            if let channels = doc.channels { e.widen(channels: channels) }
            e.dropMessages()
            e.dropLeftovers()
            out.endObject()
            return e.finish()
        }
    }
}
