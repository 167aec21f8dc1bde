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
        platform: DeliveryChannel.grubhub.rawValue,
        root: heartbeat)

    /// The `grubhub` format.
    public init() {}

    public func read(_ root: JSONValue, options: ConversionOptions, into decoded: inout Decoded) -> (Bool, [Finding]) {
        var findings: [Finding] = []
        guard var object = ObjectDecoder(root, shape: Self.heartbeat.reference, findings: &findings) else { return (false, findings) }
        let status = object.enumeration("new_pos_status", Status.self)
        let reason = object.string("reason")
        let leftovers = object.unknownMembers(request: true)
        findings += object.findings
        guard let (status, node) = status else { return (false, findings) }
        var origins: Origins = [.state: Origin(node)]
        var doc = Availability(state: status == .online ? .open : .paused)
        doc.reasonText = origins.keep(reason, as: .reasonText)
        decoded.fill(doc, origins: origins, leftovers: leftovers)
        decoded.scope(to: .grubhub)
        return (true, findings)
    }

    public func write(_ source: Decoded, options: ConversionOptions, into out: inout JSONOutput) -> EncodeResult {
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
/// Each order type's status is a statement: the order types in the same
/// status with the same reason are one statement scoped to them
/// (`order_types`); all three in one is the whole store. Grubhub's docs say
/// the keys are lowercase but show them uppercase: both are read, lowercase
/// with a warning.
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
        platform: DeliveryChannel.grubhub.rawValue, writesStatements: true,
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
        guard var object = ObjectDecoder(root, shape: Self.declaration.rootReference, findings: &findings) else { return (false, findings) }
        guard let map = object.present("order_type_statuses") else { return (false, findings + object.findings) }
        var leftovers = object.unknownMembers(request: true)
        guard map.isObject else {
            object.wrongType(map, key: "order_type_statuses")
            return (false, findings + object.findings)
        }
        var statuses: [(type: OrderType, online: Bool, node: JSONValue, reason: String?)] = []
        var renamed: [(String, JSONValue)] = []
        let allowed = OrderType.ordered.map(\.rawValue)
        for member in map.members {
            let key = member.key
            guard let type = OrderType(rawValue: key.uppercased()) else {
                var message = "order type '\(shown(key))' is not one of \(allowed.map { "'\($0)'" }.joined(separator: ", "))"
                message += Suggest.hint(for: key.uppercased(), in: allowed)
                object.findings.append(Finding(
                    ruleID: StructureRuleID.enumValue, severity: .error, message: message, location: member.keyLocation,
                    pointer: member.value.pointer))
                continue
            }
            if key != type.rawValue {
                let keyValue = member.value.sibling(member.keyIndex)
                object.findings.append(Finding(
                    ruleID: "grubhub_order_type_case", severity: .warning,
                    message: "order type '\(key)' is lowercase, as Grubhub's description says, but its examples and endpoint use '\(type.rawValue)'; write '\(type.rawValue)'",
                    location: member.keyLocation, pointer: member.value.pointer
                ).fixing(ObjectDecoder.replacing(keyValue, with: "\"\(type.rawValue)\"", .safe, "write '\(type.rawValue)'")))
                renamed.append((key, member.value))
            }
            var found: [Finding] = []
            guard var status = ObjectDecoder(member.value, shape: GrubhubFormat.heartbeat.reference, findings: &found) else {
                object.findings += found
                continue
            }
            let value = status.enumeration("new_pos_status", GrubhubFormat.Status.self)
            let reason = status.string("reason")
            leftovers += status.unknownMembers()
            object.findings += status.findings
            guard let (s, node) = value else { continue }
            statuses.append((type, s == .online, node, reason?.0))
        }
        findings += object.findings
        guard !findings.hasErrors else { return (false, findings) }
        guard !statuses.isEmpty else {
            findings.append(Finding(
                ruleID: StructureRuleID.emptyValue, severity: .error, message: "'order_type_statuses' lists no order type; there is no status to read",
                location: map.location, pointer: map.pointer))
            return (false, findings)
        }
        // Order types in the same status with the same reason are one statement; an offline one first.
        var groups: [[(type: OrderType, online: Bool, node: JSONValue, reason: String?)]] = []
        for status in statuses {
            if let i = groups.firstIndex(where: { $0[0].online == status.online && $0[0].reason == status.reason }) {
                groups[i].append(status)
            } else {
                groups.append([status])
            }
        }
        if let offline = groups.firstIndex(where: { !$0[0].online }), offline > 0 { groups.insert(groups.remove(at: offline), at: 0) }
        let whole = groups.count == 1 && statuses.count == OrderType.ordered.count
        let statements = groups.map { group -> Availability in
            var s = Availability(state: group[0].online ? .open : .paused)
            if !whole { s.orderTypes = group.map(\.type.canonical) }
            s.reasonText = group[0].reason
            return s
        }
        var doc = statements[0]
        var origins: Origins = [.state: Origin(groups[0][0].node)]
        if doc.orderTypes != nil { origins[.orderTypes] = Origin(map) }
        if doc.reasonText != nil { origins[.reasonText] = Origin(groups[0][0].node) }
        doc.also = Array(statements.dropFirst())
        decoded.fill(doc, origins: origins, leftovers: leftovers)
        decoded.scope(to: .grubhub)
        decoded.alsoOrigins = groups.dropFirst().map { Origin($0[0].node) }
        decoded.losses += renamed.map { key, node in
            Loss(kind: .reencoded, field: "order_types", origin: Origin(node), message: "order type '\(key)' is read as '\(key.uppercased())'")
        }
        return (true, findings)
    }

    public func write(_ source: Decoded, options: ConversionOptions, into out: inout JSONOutput) -> EncodeResult {
        return Encoding.with(source, target: id, options: options) { e in
            let doc = source.availability
            e.storeGoesInPath("/pos/v2/merchant/{merchant_id}/pos-status")
            guard e.requireState() != nil else { return e.finish() }
            e.carry(.also, .orderTypes, .reasonText, .by, .delay, .providerCode)
            // Each order type's status: the first statement for Grubhub that covers it.
            let platform = DeliveryChannel.grubhub.rawValue
            var statuses: [OrderType: (online: Bool, reason: String?)] = [:]
            var applying: [(Int, Availability)] = []
            for (i, s) in doc.statements.enumerated() {
                if !s.applies(to: platform) {
                    e.lose(.notApplicable, .also, statement: i, "statement \(i + 1) (\(Statements.summary(s))) is not sent; it does not apply to 'grubhub'")
                    continue
                }
                applying.append((i, s))
            }
            guard !applying.isEmpty else {
                e.scope(to: .grubhub)
                return e.finish()
            }
            guard let live = e.inForce(applying) else { return e.finish() }
            for (i, s) in live {
                guard let state = s.state else { continue }
                var types = Array(OrderType.ordered)
                if let scoped = s.orderTypes {
                    let schedules = scoped.filter { t in !OrderType.ordered.contains { $0.canonical == t } }
                    if !schedules.isEmpty {
                        e.fail(
                            "grubhub.order-types scopes by order type (STANDARD, CATERING, GROUP); \(schedules.map { "'\($0.rawValue)'" }.joined(separator: ", ")) is a schedule, so convert to grubhub.override",
                            field: .orderTypes)
                        return e.finish()
                    }
                    types = OrderType.ordered.filter { scoped.contains($0.canonical) }
                }
                let which = i == 0 ? "" : " (statement \(i + 1))"
                let reason = Self.freeTextReason(s, which: which, &e)
                let taken = types.filter { statuses[$0] != nil }
                if !taken.isEmpty {
                    e.lose(.dropped, .also, statement: i, "statement \(i + 1) (\(Statements.summary(s))) is dropped for \(taken.map { "'\($0.rawValue)'" }.joined(separator: ", ")); an earlier statement sets it")
                }
                for type in types where statuses[type] == nil { statuses[type] = (state == .open, reason) }
                if let until = s.until {
                    e.drop(.until, value: until.rfc3339, because: "Grubhub's pos-status has no end time (a timed closure is a schedule override, grubhub.override)\(which)")
                }
                if let from = s.from { e.approximate(.from, value: from.rfc3339, because: "\(id) cannot schedule a start, so the change would take effect at once\(which)") }
                if let delay = s.delay { e.drop(.delay, value: String(delay), because: "Grubhub has no busy mode\(which)") }
                if let by = s.pausedBy { e.drop(.by, value: by.rawValue, because: "\(id) cannot say who paused the store\(which)") }
                if i > 0, let note = s.note { e.drop(.note, value: note, because: "\(id) has no note\(which)") }
            }
            out.beginObject()
            out.key("order_type_statuses")
            out.beginObject()
            for type in OrderType.ordered {
                guard let status = statuses[type] else { continue }
                out.key(JSONKey(type.rawValue))
                out.beginObject()
                out.field("new_pos_status", (status.online ? GrubhubFormat.Status.online : .offline).rawValue)
                if let reason = status.reason { out.field("reason", reason) }
                out.endObject()
            }
            out.endObject()
            out.endObject()
            if doc.channels != nil { e.scope(to: .grubhub) }
            e.dropStatusExtras(since: "a status request cannot say when a state began")
            return e.finish()
        }
    }

    /// A statement's reason as Grubhub's free text: its own text, else the code in words (approximated).
    private static func freeTextReason(_ s: Availability, which: String, _ e: inout Encoding) -> String? {
        if let code = s.providerCode { e.drop(.providerCode, value: code, because: "Grubhub's reason is free text\(which)") }
        if let text = s.reasonText {
            if let code = s.reason { e.drop(.reason, value: code.rawValue, because: "Grubhub takes a free-text reason, and the source's own text is sent\(which)") }
            return text
        }
        guard let code = s.reason else { return nil }
        e.approximate(.reason, value: code.rawValue, because: "Grubhub takes free text, so it is sent as '\(code.words)'\(which)")
        return code.words
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
