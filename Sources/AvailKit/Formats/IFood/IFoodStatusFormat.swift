/// iFood merchant status (`ifood.status`): the response of
/// `GET /merchants/{merchantId}/status`, one entry per operation and sales channel.
///
/// Each operation is a statement scoped by order type: `DELIVERY` is
/// `delivery`, `TAKEOUT` is `pickup`; both in the same state are the whole
/// store. `INDOOR` (orders at the table) has no
/// canonical order type: its entry is kept as written, with a note, and not
/// converted. `available` says whether the operation takes orders; when it
/// does not, the failing validations say why: `unavailabilities` (an active
/// interruption) is a pause with no reason, iFood's blocks go through
/// `IFoodValidation`, and a store that is `CLOSED` with nothing else
/// failing is outside its opening hours (not a pause: kept, with a note).
/// `state`, `salesChannel`, `validations` and `message` are kept as written.
public struct IFoodStatusFormat: AvailabilityFormat {
    enum Operation: String, DeclaredEnum {
        static let ordered = OrderedCases(allCases)

        case delivery = "DELIVERY"
        case takeout = "TAKEOUT"
        case indoor = "INDOOR"

        var orderType: Availability.OrderType? {
            switch self {
            case .delivery: .delivery
            case .takeout: .pickup
            case .indoor: nil
            }
        }
    }

    enum State: String, DeclaredEnum {
        static let ordered = OrderedCases(allCases)

        case ok = "OK"
        case warning = "WARNING"
        case closed = "CLOSED"
        case error = "ERROR"
    }

    public var declaration: FormatDeclaration { Self.declaration }

    static let message = ObjectShape(
        name: "message", fields: [Field("title", .string()), Field("subtitle", .string()), Field("description", .string())])

    static let validation = ObjectShape(
        name: "validation",
        fields: [
            Field("id", .string()), Field("code", .string(), description: "is-connected, opening-hours, unavailabilities, radius-restriction, ..."),
            Field("state", .string()), Field("message", .object(message)),
        ])

    static let entry = ObjectShape(
        name: "operation status",
        fields: [
            Field("operation", .enumeration(Operation.self), required: true, description: "DELIVERY (order type delivery), TAKEOUT (pickup), INDOOR (not converted)."),
            Field("salesChannel", .string()),
            Field("available", .boolean, required: true, description: "Whether the operation takes orders."),
            Field("state", .enumeration(State.self), description: "OK, WARNING (online with restrictions), CLOSED (as expected), ERROR (unexpectedly)."),
            Field("validations", .array(items: .object(validation)), expected: "an array of validations"),
            Field("message", .object(message)),
        ])

    static let declaration = FormatDeclaration(
        id: "ifood.status", title: "iFood merchant status",
        summary: "iFood merchant status response (GET /merchants/{merchantId}/status: one entry per operation)",
        description: "Response of GET /merchants/{merchantId}/status: one entry per operation and sales channel. Format id: ifood.status.",
        platform: DeliveryChannel.ifood.rawValue, writesStatements: true, isArray: true, root: entry)

    /// The `ifood.status` format.
    public init() {}

    public func read(_ root: JSONValue, options: ConversionOptions, into decoded: inout Decoded) -> (Bool, [Finding]) {
        var findings: [Finding] = []
        guard root.isArray else {
            findings.append(Finding(
                ruleID: StructureRuleID.typeMismatch, severity: .error,
                message: "expected an array of operation statuses, found \(root.typeName)", location: root.location, pointer: root.pointer))
            return (false, findings)
        }
        var statements: [(Availability, Origin, JSONValue)] = []
        var seen: [Operation: (Bool, JSONValue)] = [:]
        for item in root.items {
            var found: [Finding] = []
            guard var entry = ObjectDecoder(item, shape: Self.entry.reference, findings: &found) else {
                findings += found
                continue
            }
            let operation = entry.enumeration("operation", Operation.self)
            let available = entry.bool("available")
            let state = entry.enumeration("state", State.self)
            _ = entry.string("salesChannel")
            var failing: [(String, JSONValue)] = []
            if let list = entry.member("validations") {
                if list.isArray {
                    for v in list.items {
                        var inner: [Finding] = []
                        guard var validation = ObjectDecoder(v, shape: Self.validation.reference, findings: &inner) else {
                            entry.findings += inner
                            continue
                        }
                        let code = validation.string("code")
                        let vState = validation.string("state")
                        _ = validation.string("id")
                        _ = validation.unknownMembers()
                        entry.findings += validation.findings
                        if let (c, node) = code, vState?.0 != State.ok.rawValue { failing.append((c, node)) }
                    }
                } else {
                    entry.wrongType(list, key: "validations")
                }
            }
            decoded.leftovers += entry.unknownMembers()
            defer { findings += entry.findings }
            guard let (op, opNode) = operation, let (isAvailable, availableNode) = available else { continue }
            // What is kept of every entry: how it was written, beside what it says.
            let keptKeys = ["operation", "salesChannel", "state", "validations", "message"]
            func keepAll() { for m in entry.members { decoded.keep(meta: m.value, of: id) } }
            guard let orderType = op.orderType else {
                keepAll()
                entry.report(
                    "ifood_indoor_not_converted",
                    "operation 'INDOOR' (orders at the table) has no canonical order type; it is kept as written and not converted", at: opNode,
                    severity: .note)
                continue
            }
            var s = Availability(state: isAvailable ? .open : .paused)
            s.orderTypes = [orderType]
            if !isAvailable {
                let reason = failing.first { IFoodValidation(rawValue: $0.0) != nil }
                if let (code, node) = reason, let known = IFoodValidation(rawValue: code), known != .unavailabilities {
                    s.reason = known.canonical
                    s.providerCode = known.providerCode
                    s.pausedBy = known.actor
                    _ = node
                } else if reason == nil, state?.0 == .closed || failing.contains(where: { $0.0 == "opening-hours" }) {
                    keepAll()
                    entry.report(
                        "ifood_closed_by_hours",
                        "the \(op.rawValue) operation is closed with no interruption or block failing, which iFood says is 'closed as expected (outside opening hours)'; that is not a pause, so it is kept as written and not converted",
                        at: availableNode, severity: .note)
                    continue
                }
            }
            if let (other, node) = seen[op] {
                if other != isAvailable {
                    entry.report(
                        "not_representable",
                        "operation '\(op.rawValue)' is listed twice (also at line \(node.location.line)) and the two disagree; canonical holds one state per order type",
                        at: opNode)
                }
                keepAll()
                continue
            }
            seen[op] = (isAvailable, opNode)
            for key in keptKeys { if let node = entry.member(key) { decoded.keep(meta: node, of: id) } }
            statements.append((s, Origin(item), availableNode))
        }
        guard !findings.hasErrors else { return (false, findings) }
        guard let first = statements.first else {
            findings.append(Finding(
                ruleID: "no_availability", severity: .error,
                message: root.items.isEmpty
                    ? "the response lists no operation; there is no availability to read"
                    : "no DELIVERY or TAKEOUT operation says whether the store takes orders (only INDOOR, or closed by its hours); there is no availability to read",
                location: root.location, pointer: root.pointer))
            return (false, findings)
        }
        // DELIVERY and TAKEOUT in the same state are the whole store on iFood (INDOOR is never read).
        if statements.count == 2, Timeline.Detail(statements[0].0) == Timeline.Detail(statements[1].0) {
            statements[0].0.orderTypes = nil
            statements.removeLast()
        }
        var doc = first.0
        doc.orderTypes = statements[0].0.orderTypes
        doc.also = statements.dropFirst().map(\.0)
        var origins: Origins = [.state: Origin(first.2)]
        if doc.orderTypes != nil { origins[.orderTypes] = first.1 }
        if doc.reason != nil { origins[.reason] = first.1 }
        let leftovers = decoded.leftovers
        decoded.fill(doc, origins: origins, leftovers: leftovers)
        decoded.scope(to: .ifood)
        decoded.alsoOrigins = statements.dropFirst().map(\.1)
        return (true, findings)
    }

    public func write(_ source: Decoded, options: ConversionOptions, into out: inout JSONOutput) -> EncodeResult {
        return Encoding.with(source, target: id, options: options) { e in
            let doc = source.availability
            guard e.requireState() != nil else { return e.finish() }
            e.carry(.also, .orderTypes, .providerCode, .by, .reasonText, .delay)
            let platform = DeliveryChannel.ifood.rawValue
            // The statement for each operation: the first that applies to iFood and to its order type.
            func statement(for op: Operation) -> Int? {
                doc.statements.firstIndex { s in
                    guard s.channels?.contains(platform) ?? true, let type = op.orderType else { return false }
                    return s.orderTypes?.contains(type) ?? true
                }
            }
            // The entries: those read before, in their order, then the operations no entry had.
            var entries: [(op: Operation, index: Int?, statement: Int?)] = []
            var index = 0
            while let written = e.kept("/\(index)/operation")?.stringValue {
                let op = Operation(rawValue: written)
                let keptOnly = e.kept("/\(index)/available") != nil
                if let op { entries.append((op, index, keptOnly || entries.contains { $0.op == op && $0.statement != nil } ? nil : statement(for: op))) }
                index += 1
            }
            for op in [Operation.delivery, .takeout] where !entries.contains(where: { $0.op == op && $0.statement != nil }) {
                if let i = statement(for: op) { entries.append((op, nil, i)) }
            }
            let used = Set(entries.compactMap(\.statement))
            for (i, s) in doc.statements.enumerated() where !used.contains(i) {
                let why = s.channels?.contains(platform) ?? true
                    ? "iFood's status has the operations DELIVERY (delivery) and TAKEOUT (pickup) only, or an earlier statement sets them"
                    : "it does not apply to 'ifood'"
                e.lose(s.channels?.contains(platform) ?? true ? .dropped : .omitted, .also, statement: i, "statement \(i + 1) (\(Statements.summary(s))) is not written; \(why)")
            }
            guard !entries.isEmpty else {
                e.scope(to: .ifood)
                if e.failures.isEmpty {
                    e.fail("no statement applies to iFood's DELIVERY or TAKEOUT operations", field: .orderTypes)
                }
                return e.finish()
            }
            // What each statement loses, once.
            for i in used.sorted() {
                let s = doc.statements[i]
                let which = i == 0 ? "" : " (statement \(i + 1))"
                if s.state != .open {
                    let own = IFoodValidation.named(s.providerCode).flatMap { $0 == .unavailabilities ? nil : $0 }
                    if let reason = s.reason, own == nil || own?.canonical != reason {
                        e.drop(.reason, value: reason.rawValue, because: "iFood's status says only that an interruption is active ('unavailabilities')\(which)")
                    }
                    if let code = s.providerCode, own == nil { e.drop(.providerCode, value: code, because: "iFood has no such validation\(which)") }
                    if let by = s.pausedBy, own?.actor != by { e.drop(.by, value: by.rawValue, because: "iFood's status does not say who closed the store\(which)") }
                    if let actor = own?.actor, s.pausedBy != actor {
                        e.lose(.approximated, .by, "validation '\(own?.rawValue ?? "")' says the \(actor.rawValue) closed the store\(which)")
                    }
                } else {
                    let because = "an available operation has no reason\(which)"
                    if let reason = s.reason { e.drop(.reason, value: reason.rawValue, because: because) }
                    if let code = s.providerCode { e.drop(.providerCode, value: code, because: because) }
                    if let by = s.pausedBy { e.drop(.by, value: by.rawValue, because: because) }
                }
                if let until = s.until { e.drop(.until, value: until.rfc3339, because: "iFood's status has no end time\(which)") }
                if let from = s.from { e.drop(.from, value: from.rfc3339, because: "iFood's status has no scheduled start\(which)") }
                if let since = s.since { e.drop(.since, value: since.rfc3339, because: "iFood's status does not say when the store closed\(which)") }
                if let note = s.note { e.drop(.note, value: note, because: "iFood's status has no note\(which)") }
                if let text = s.reasonText { e.drop(.reasonText, value: text, because: "iFood's status has no free-text reason\(which)") }
                if let delay = s.delay { e.drop(.delay, value: String(delay), because: "iFood's status has no busy mode\(which)") }
                if let types = s.orderTypes?.filter({ $0 != .delivery && $0 != .pickup }), !types.isEmpty {
                    e.drop(.orderTypes, value: types.map(\.rawValue).joined(separator: ", "), because: "iFood's operations are DELIVERY and TAKEOUT\(which)")
                }
            }
            out.beginArray()
            for (op, index, i) in entries {
                out.item()
                out.beginObject()
                guard let i else {
                    // An entry kept as written (INDOOR, or closed by its hours): filled in whole.
                    out.endObject()
                    continue
                }
                let s = doc.statements[i]
                let keptState = index.flatMap { e.kept("/\($0)/state")?.stringValue }.flatMap(State.init(rawValue:))
                let keptValidations = index.map { e.kept("/\($0)/validations") != nil } ?? false
                out.field("operation", op.rawValue)
                if s.state == .open {
                    out.field("available", bool: true)
                    out.field("state", (keptState == .warning ? State.warning : .ok).rawValue)
                } else {
                    let own = IFoodValidation.named(s.providerCode).flatMap { $0 == .unavailabilities ? nil : $0 }
                    out.field("available", bool: false)
                    out.field("state", (keptState == .closed || keptState == .error ? keptState ?? .closed : own == nil ? .closed : .error).rawValue)
                    if !keptValidations {
                        out.key("validations")
                        out.beginArray()
                        out.item()
                        out.beginObject()
                        out.field("code", own?.rawValue ?? "unavailabilities")
                        out.field("state", State.error.rawValue)
                        out.endObject()
                        out.endArray()
                    }
                }
                out.endObject()
            }
            out.endArray()
            if let store = doc.store { e.drop(.store, value: store, because: "the status response does not name the merchant") }
            if doc.channels != nil { e.scope(to: .ifood) }
            e.dropMessages()
            e.dropLeftovers()
            return e.finish()
        }
    }
}
