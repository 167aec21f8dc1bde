/// Grubhub POS status: the v1 body of `PUT /pos/v1/merchant/{merchant_id}/pos-status`
/// (`grubhub`) and the v2 per-order-type body of
/// `PUT /pos/v2/merchant/{merchant_id}/pos-status` (`grubhub.order-types`).
///
/// `new_pos_status` is `ONLINE` (listed, taking orders) or `OFFLINE` (not
/// listed); `reason` is free text, read into `reason_text`. Grubhub's pos-status
/// has no end time: a timed closure is a schedule override (`grubhub.override`).
public struct GrubhubFormat: AvailabilityFormat {
    enum Status: String, DeclaredEnum {
        static let ordered = OrderedCases(allCases)

        case offline = "OFFLINE"
        case online = "ONLINE"
    }

    public var declaration: FormatDeclaration { Self.declaration }

    /// `HeartbeatTriggeredPayload`, the v1 body and each v2 order type's value.
    static let heartbeat = ObjectShape(
        name: "Grubhub pos-status",
        fields: [
            Field("new_pos_status", .enumeration(Status.self), required: true, description: "ONLINE: listed and taking orders; OFFLINE: not listed."),
            Field("reason", .string(), description: "Free text: the reason for the status change."),
        ])

    static let declaration = FormatDeclaration(
        id: "grubhub", title: "Grubhub pos-status (v1)",
        summary: "Grubhub pos-status request body, v1 (PUT /pos/v1/merchant/{merchant_id}/pos-status)",
        description: "Body of PUT /pos/v1/merchant/{merchant_id}/pos-status (HeartbeatTriggeredPayload). Format id: grubhub.",
        root: heartbeat)

    /// The `grubhub` format.
    public init() {}

    public func read(_ root: JSONValue, options: ConversionOptions, into decoded: inout Decoded) -> (Bool, [Finding]) {
        var findings: [Finding] = []
        guard var object = ObjectDecoder(root, shape: Self.heartbeat, findings: &findings) else { return (false, findings) }
        let status = object.enumeration("new_pos_status", Status.self)
        let reason = object.string("reason")
        let leftovers = object.unknownMembers(request: true)
        findings += object.findings
        guard let (status, node) = status else { return (false, findings) }
        var origins: Origins = [.state: Origin(node)]
        var doc = Availability(state: status == .online ? .open : .paused)
        doc.reasonText = origins.keep(reason, as: .reasonText)
        decoded.fill(doc, origins: origins, leftovers: leftovers)
        return (true, findings)
    }

    public func encode(_ source: Decoded, options: ConversionOptions, into out: inout JSONOutput) -> EncodeResult {
        return Encoding.with(source, target: id, options: options) { e in
            e.storeGoesInPath("/pos/v1/merchant/{merchant_id}/pos-status")
            guard let state = e.requireState() else { return e.finish() }
            out.beginObject()
            out.field("new_pos_status", (state == .open ? Status.online : .offline).rawValue)
            if let reason = e.freeTextReason(\.words) { out.field("reason", reason) }
            out.endObject()
            return e.finishStatus()
        }
    }
}

/// Grubhub v2 pos-status per order type (`grubhub.order-types`):
/// `{"order_type_statuses": {"STANDARD": {...}, "CATERING": {...}}}`.
///
/// The order types set `OFFLINE` are a pause scoped to them (`order_types`);
/// all three offline is a whole-store pause. Grubhub's docs say the keys are
/// lowercase but show them uppercase: both are read, lowercase with a warning.
public struct GrubhubOrderTypesFormat: AvailabilityFormat {
    enum OrderType: String, DeclaredEnum {
        static let ordered = OrderedCases(allCases)

        case standard = "STANDARD"
        case catering = "CATERING"
        case group = "GROUP"

        var canonical: Availability.OrderType {
            switch self {
            case .standard: .standard
            case .catering: .catering
            case .group: .group
            }
        }
    }

    public var declaration: FormatDeclaration { Self.declaration }

    static let declaration = FormatDeclaration(
        id: "grubhub.order-types", title: "Grubhub pos-status per order type (v2)",
        summary: "Grubhub pos-status request body per order type, v2 (PUT /pos/v2/merchant/{merchant_id}/pos-status)",
        description: "Body of PUT /pos/v2/merchant/{merchant_id}/pos-status (OrderTypeHeartbeatPayload). Format id: grubhub.order-types.",
        root: ObjectShape(
            name: "Grubhub order-type status",
            fields: [
                Field(
                    "order_type_statuses", .map(.object(GrubhubFormat.heartbeat)), required: true, expected: "an object of order types",
                    description: "Order type (STANDARD, CATERING, GROUP) to its status.")
            ]))

    /// The `grubhub.order-types` format.
    public init() {}

    public func read(_ root: JSONValue, options: ConversionOptions, into decoded: inout Decoded) -> (Bool, [Finding]) {
        var findings: [Finding] = []
        guard var object = ObjectDecoder(root, shape: Self.declaration.root, findings: &findings) else { return (false, findings) }
        guard let map = object.present("order_type_statuses") else { return (false, findings + object.findings) }
        var leftovers = object.unknownMembers(request: true)
        guard map.isObject else {
            object.wrongType(map, key: "order_type_statuses")
            return (false, findings + object.findings)
        }
        var offline: [(OrderType, JSONValue, (String, JSONValue)?)] = []
        var renamed: [(String, JSONValue)] = []
        var online: [(OrderType, JSONValue, (String, JSONValue)?)] = []
        let allowed = OrderType.ordered.map(\.rawValue)
        for member in map.members {
            let key = member.key
            guard let type = OrderType(rawValue: key.uppercased()) else {
                var message = "order type '\(shown(key))' is not one of \(allowed.map { "'\($0)'" }.joined(separator: ", "))"
                if let guess = Suggest.closest(to: key.uppercased(), in: allowed) { message += "; did you mean '\(guess)'?" }
                object.findings.append(Finding(
                    ruleID: StructureRuleID.enumValue, severity: .error, message: message, location: member.keyLocation,
                    pointer: member.value.pointer))
                continue
            }
            if key != type.rawValue {
                let keyValue = JSONValue(document: member.value.document, index: member.keyIndex)
                object.findings.append(Finding(
                    ruleID: "grubhub_order_type_case", severity: .warning,
                    message: "order type '\(key)' is lowercase, as Grubhub's description says, but its examples and endpoint use '\(type.rawValue)'; write '\(type.rawValue)'",
                    location: member.keyLocation, pointer: member.value.pointer
                ).fixing(ObjectDecoder.replacing(keyValue, with: "\"\(type.rawValue)\"", .safe, "write '\(type.rawValue)'")))
                renamed.append((key, member.value))
            }
            var found: [Finding] = []
            guard var status = ObjectDecoder(member.value, shape: GrubhubFormat.heartbeat, findings: &found) else {
                object.findings += found
                continue
            }
            let value = status.enumeration("new_pos_status", GrubhubFormat.Status.self)
            let reason = status.string("reason")
            leftovers += status.unknownMembers()
            object.findings += status.findings
            guard let (s, node) = value else { continue }
            if s == .offline { offline.append((type, node, reason)) } else { online.append((type, node, reason)) }
        }
        findings += object.findings
        guard !findings.hasErrors else { return (false, findings) }
        guard !offline.isEmpty || !online.isEmpty else {
            findings.append(Finding(
                ruleID: StructureRuleID.emptyValue, severity: .error, message: "'order_type_statuses' lists no order type; there is no status to read",
                location: map.location, pointer: map.pointer))
            return (false, findings)
        }
        var origins: Origins = [:]
        var doc = Availability()
        let every = OrderType.ordered.count
        if offline.isEmpty {
            doc.state = .open
            origins[.state] = Origin(online[0].1)
            if online.count < every {
                doc.orderTypes = online.map(\.0.canonical)
                origins[.orderTypes] = Origin(map)
            }
            if let first = online.compactMap(\.2).first { doc.reasonText = origins.keep(first, as: .reasonText) }
        } else {
            doc.state = .paused
            origins[.state] = Origin(offline[0].1)
            if offline.count < every {
                doc.orderTypes = offline.map(\.0.canonical)
                origins[.orderTypes] = Origin(map)
            }
            let reasons = offline.compactMap(\.2)
            if let first = reasons.first { doc.reasonText = origins.keep(first, as: .reasonText) }
            if let other = reasons.first(where: { $0.0 != reasons[0].0 }) {
                let (text, node) = other
                decoded.losses.append(Loss(
                    kind: .dropped, field: "reason_text", origin: Origin(node),
                    message: "reason '\(text)' is dropped; the offline order types give different reasons and canonical keeps one"))
            }
            for (type, node, _) in online {
                decoded.losses.append(Loss(
                    kind: .dropped, field: "state", origin: Origin(node),
                    message: "\(type.rawValue) ONLINE is dropped; canonical holds one state, scoped to the order types set OFFLINE"))
            }
        }
        decoded.fill(doc, origins: origins, leftovers: leftovers)
        decoded.losses += renamed.map { key, node in
            Loss(kind: .reencoded, field: "order_types", origin: Origin(node), message: "order type '\(key)' is read as '\(key.uppercased())'")
        }
        return (true, findings)
    }

    public func encode(_ source: Decoded, options: ConversionOptions, into out: inout JSONOutput) -> EncodeResult {
        return Encoding.with(source, target: id, options: options) { e in
            let doc = source.availability
            e.storeGoesInPath("/pos/v2/merchant/{merchant_id}/pos-status")
            guard let state = e.requireState() else { return e.finish() }
            e.carry(.orderTypes)
            var types = Array(OrderType.ordered)
            if let scoped = doc.orderTypes {
                let schedules = scoped.filter { t in !OrderType.ordered.contains { $0.canonical == t } }
                if !schedules.isEmpty {
                    e.fail(
                        "grubhub.order-types scopes by order type (STANDARD, CATERING, GROUP); \(schedules.map { "'\($0.rawValue)'" }.joined(separator: ", ")) is a schedule, so convert to grubhub.override",
                        field: .orderTypes)
                    return e.finish()
                }
                types = OrderType.ordered.filter { scoped.contains($0.canonical) }
            }
            let reason = e.freeTextReason(\.words)
            out.beginObject()
            out.key("order_type_statuses")
            out.beginObject()
            for type in types {
                out.key(JSONKey(type.rawValue))
                out.beginObject()
                out.field("new_pos_status", (state == .open ? GrubhubFormat.Status.online : .offline).rawValue)
                if let reason { out.field("reason", reason) }
                out.endObject()
            }
            out.endObject()
            out.endObject()
            return e.finishStatus()
        }
    }
}

extension Encoding {
    /// Reports what neither pos-status body carries (an end time, a scheduled
    /// start, another channel's scope, the status extras) and finishes.
    fileprivate mutating func finishStatus() -> EncodeResult {
        if let until = availability.until {
            drop(.until, value: until.rfc3339, because: "Grubhub's pos-status has no end time (a timed closure is a schedule override, grubhub.override)")
        }
        approximateStart()
        scope(to: .grubhub)
        dropStatusExtras(since: "a status request cannot say when a state began")
        return finish()
    }
}
