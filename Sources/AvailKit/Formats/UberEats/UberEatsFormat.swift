/// Uber Eats Set Restaurant Status: the request body (`ubereats`) of
/// `POST /v1/eats/store/{store_id}/status`.
///
/// `status` is `ONLINE` or `PAUSED`; `paused_until` is RFC 3339; `reason` is
/// free text, read into canonical `reason_text` (never into a code).
public struct UberEatsFormat: AvailabilityFormat {
    enum Status: String, DeclaredEnum {
        static let ordered = OrderedCases(allCases)

        case online = "ONLINE"
        case paused = "PAUSED"
    }

    public var declaration: FormatDeclaration { Self.declaration }

    static let declaration = FormatDeclaration(
        id: "ubereats", title: "Uber Eats Set Restaurant Status",
        summary: "Uber Eats Set Restaurant Status request body (POST /v1/eats/store/{store_id}/status)",
        description: "Request body of POST /v1/eats/store/{store_id}/status. Format id: ubereats.",
        platform: DeliveryChannel.ubereats.rawValue,
        root: ObjectShape(
            name: "Uber Eats store status",
            fields: [
                Field(
                    "status", .enumeration(Status.self), required: true, description: "ONLINE: accepting orders; PAUSED: not accepting orders.",
                    misused: ["OFFLINE": "'OFFLINE' is what Uber's status response says; a Set Restaurant Status request says 'PAUSED'"]),
                Field("paused_until", .timestamp, description: "When the store starts accepting orders again."),
                Field("reason", .string(), description: "Free text: the reason for the change of status."),
            ]))

    /// The `ubereats` format.
    public init() {}

    public func read(_ root: JSONValue, options: ConversionOptions, into decoded: inout Decoded) -> (Bool, [Finding]) {
        var findings: [Finding] = []
        guard var object = ObjectDecoder(root, shape: Self.declaration.rootReference, findings: &findings) else { return (false, findings) }
        let status = object.enumeration("status", Status.self)
        let until = object.timestamp("paused_until")
        let reason = object.string("reason")
        let leftovers = object.unknownMembers(request: true)
        findings += object.findings
        guard let (status, statusNode) = status else { return (false, findings) }
        var origins: Origins = [:]
        var doc = Availability(state: status == .online ? .open : .paused)
        origins[.state] = Origin(statusNode)
        if status == .online, let (_, node) = until {
            // paused_until on an ONLINE store ends nothing: kept, never read as "open until".
            decoded.keep(meta: node, of: id)
        } else {
            doc.until = origins.keep(until, as: .until)
        }
        doc.reasonText = origins.keep(reason, as: .reasonText)
        decoded.fill(doc, origins: origins, leftovers: leftovers)
        decoded.scope(to: .ubereats)
        return (true, findings)
    }

    public func write(_ source: Decoded, options: ConversionOptions, into out: inout JSONOutput) -> EncodeResult {
        return Encoding.with(source, target: id, options: options) { e in
            let doc = source.availability
            e.storeGoesInPath("/v1/eats/store/{store_id}/status")
            guard let state = e.requireState() else { return e.finish() }
            out.beginObject()
            out.field("status", (state == .open ? Status.online : .paused).rawValue)
            if let until = doc.until {
                if state == .open {
                    e.drop(.until, value: until.rfc3339, because: "an ONLINE status has no end")
                } else {
                    out.field("paused_until", until.rfc3339)
                }
            }
            if let reason = e.freeTextReason(\.words) { out.field("reason", reason) }
            out.endObject()
            e.approximateStart()
            e.scope(to: .ubereats)
            e.dropStatusExtras(since: "a status request cannot say when the pause began")
            return e.finish()
        }
    }
}

/// Uber Eats Get Restaurant Status: the response (`ubereats.status`), read side.
///
/// `status` is `ONLINE` or `OFFLINE` (the write side's `PAUSED` is read too);
/// `offlineReason` says who paused the store, or that it is not paused at all
/// (`OUT_OF_MENU_HOURS`, `INVISIBLE`): those have no canonical state, so they
/// are reported and not converted.
public struct UberEatsStatusFormat: AvailabilityFormat {
    enum Status: String, DeclaredEnum {
        static let ordered = OrderedCases(allCases)

        case online = "ONLINE"
        case offline = "OFFLINE"
        case paused = "PAUSED"
    }

    enum OfflineReason: String, DeclaredEnum {
        static let ordered = OrderedCases(allCases)

        case outOfMenuHours = "OUT_OF_MENU_HOURS"
        case invisible = "INVISIBLE"
        case pausedByUber = "PAUSED_BY_UBER"
        case pausedByRestaurant = "PAUSED_BY_RESTAURANT"
        case pausedByAPIIntegration = "PAUSED_BY_API_INTEGRATION"

        /// Who paused the store; nil when the store is offline for another cause.
        var actor: Availability.Actor? {
            switch self {
            case .pausedByUber: .platform
            case .pausedByRestaurant: .store
            case .pausedByAPIIntegration: .integration
            case .outOfMenuHours, .invisible: nil
            }
        }

        static func from(_ actor: Availability.Actor) -> OfflineReason {
            switch actor {
            case .platform: .pausedByUber
            case .store: .pausedByRestaurant
            case .integration: .pausedByAPIIntegration
            }
        }
    }

    public var declaration: FormatDeclaration { Self.declaration }

    static let declaration = FormatDeclaration(
        id: "ubereats.status", title: "Uber Eats Get Restaurant Status",
        summary: "Uber Eats Get Restaurant Status response (GET /v1/eats/store/{store_id}/status)",
        description: "Response of GET /v1/eats/store/{store_id}/status. Format id: ubereats.status.",
        platform: DeliveryChannel.ubereats.rawValue,
        root: ObjectShape(
            name: "Uber Eats status response",
            fields: [
                Field("status", .enumeration(Status.self), required: true, description: "ONLINE or OFFLINE (the docs list no enum)."),
                Field(
                    "offlineReason", .enumeration(OfflineReason.self),
                    description: "Why the store is offline; only the PAUSED_BY_* values are pauses."),
            ]))

    /// The `ubereats.status` format.
    public init() {}

    public func read(_ root: JSONValue, options: ConversionOptions, into decoded: inout Decoded) -> (Bool, [Finding]) {
        var findings: [Finding] = []
        guard var object = ObjectDecoder(root, shape: Self.declaration.rootReference, findings: &findings) else { return (false, findings) }
        let status = object.enumeration("status", Status.self)
        let offline = object.enumeration("offlineReason", OfflineReason.self)
        let leftovers = object.unknownMembers()
        guard let (status, statusNode) = status else { return (false, findings + object.findings) }
        var origins: Origins = [:]
        var doc = Availability()
        origins[.state] = Origin(statusNode)
        switch status {
        case .online:
            doc.state = .open
            if let (reason, node) = offline {
                // Stale on an ONLINE store: kept as written, read as nothing.
                decoded.keep(meta: node, of: id)
                object.report(
                    "ubereats_status_mismatch", "'offlineReason' '\(reason.rawValue)' on an ONLINE store; it is stale or the status is wrong",
                    at: node, severity: .warning)
            }
        case .offline, .paused:
            doc.state = .paused
            if status == .paused {
                object.report(
                    "ubereats_status_value", "'status' 'PAUSED' is the Set Restaurant Status request's word; the status response says 'OFFLINE'",
                    at: statusNode, severity: .note,
                    fix: ObjectDecoder.replacing(statusNode, with: "\"OFFLINE\"", .safe, "write 'OFFLINE'"))
            }
            if let (reason, node) = offline {
                if let actor = reason.actor {
                    doc.pausedBy = actor
                    origins[.by] = Origin(node)
                } else {
                    // Not a pause: not taking orders, for Uber's own reason, kept as its code.
                    object.report(
                        "ubereats_offline_not_paused",
                        "the store is OFFLINE because of '\(reason.rawValue)' (\(reason == .outOfMenuHours ? "outside its menu hours" : "not visible in the app")), not a pause; it reads as not taking orders with Uber's code, which other platforms would take for a pause",
                        at: node, severity: .warning)
                    doc.providerCode = "ubereats:\(reason.rawValue)"
                    origins[.providerCode] = Origin(node)
                }
            }
        }
        decoded.fill(doc, origins: origins, leftovers: leftovers)
        decoded.scope(to: .ubereats)
        return (true, findings + object.findings)
    }

    public func write(_ source: Decoded, options: ConversionOptions, into out: inout JSONOutput) -> EncodeResult {
        return Encoding.with(source, target: id, options: options) { e in
            let doc = source.availability
            guard let state = e.requireState() else { return e.finish() }
            out.beginObject()
            out.field("status", (state == .open ? Status.online : .offline).rawValue)
            if state != .open {
                e.carry(.by)
                if let code = doc.providerCode.flatMap({ ChannelID.id($0, of: "ubereats") }).flatMap(OfflineReason.init(rawValue:)) {
                    e.carry(.providerCode)
                    out.field("offlineReason", code.rawValue)
                    if let by = doc.pausedBy, code.actor != by {
                        e.drop(.by, value: by.rawValue, because: "offlineReason '\(code.rawValue)' says why the store is offline, not who paused it")
                    }
                } else if let by = doc.pausedBy {
                    out.field("offlineReason", OfflineReason.from(by).rawValue)
                }
            }
            out.endObject()
            e.storeNotNamed()
            if let reason = doc.reason { e.drop(.reason, value: reason.rawValue, because: "the status response has no reason code") }
            if let until = doc.until { e.drop(.until, value: until.rfc3339, because: "the v1 status response has no end time") }
            if let from = doc.from { e.drop(.from, value: from.rfc3339, because: "the status response has no scheduled start") }
            e.scope(to: .ubereats)
            e.dropStatusExtras(since: "the status response does not say when the pause began")
            return e.finish()
        }
    }
}
