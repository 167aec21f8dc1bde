import Foundation

/// Grubhub schedule override (`grubhub.override`): the body of
/// `POST /pos/v1/merchant/{merchant_id}/schedules/overrides`.
///
/// `start` and `end` are the merchant's local date-times with no offset, so
/// reading and writing need the store's zone; both or neither (neither: the
/// override takes effect at once). `UNAVAILABLE` (and `BLACKOUT`) closes a
/// store that is normally open; `AVAILABLE` (and `WHITEIN`) opens one that is
/// normally closed; `UNPAUSE` lifts a pause. `schedule_name` (default
/// `DELIVERY`) is the schedule it applies to, canonical `order_types`.
public struct GrubhubOverrideFormat: AvailabilityFormat {
    enum Kind: String, DeclaredEnum {
        static let ordered = OrderedCases(allCases)

        case whitein = "WHITEIN"
        case blackout = "BLACKOUT"
        case unpause = "UNPAUSE"
        case available = "AVAILABLE"
        case unavailable = "UNAVAILABLE"

        var closes: Bool { self == .blackout || self == .unavailable }

        /// The documented word for the same type (BLACKOUT is UNAVAILABLE, WHITEIN is AVAILABLE).
        var synonym: Kind {
            switch self {
            case .blackout: .unavailable
            case .whitein: .available
            default: self
            }
        }
    }

    enum Schedule: String, DeclaredEnum {
        static let ordered = OrderedCases(allCases)

        case delivery = "DELIVERY"
        case pickup = "PICKUP"
        case catering = "CATERING"
        case group = "GROUP"

        var canonical: Availability.OrderType {
            switch self {
            case .delivery: .delivery
            case .pickup: .pickup
            case .catering: .catering
            case .group: .group
            }
        }
    }

    public var declaration: FormatDeclaration { Self.declaration }

    static let declaration = FormatDeclaration(
        id: "grubhub.override", title: "Grubhub schedule override",
        summary: "Grubhub schedule override request (POST /pos/v1/merchant/{merchant_id}/schedules/overrides); local times, needs --timezone",
        description: "Body of POST /pos/v1/merchant/{merchant_id}/schedules/overrides (PosScheduleOverrideRequest). Format id: grubhub.override.",
        platform: DeliveryChannel.grubhub.rawValue,
        root: ObjectShape(
            name: "Grubhub schedule override",
            fields: [
                Field(
                    "start", .string(pattern: #"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$"#),
                    description: "Merchant's local date-time, no offset; both start and end, or neither."),
                Field(
                    "end", .string(pattern: #"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$"#),
                    description: "Merchant's local date-time, no offset; both start and end, or neither."),
                Field("type", .enumeration(Kind.self), required: true, description: "UNAVAILABLE: closed when normally open; AVAILABLE: the reverse."),
                Field("schedule_name", .enumeration(Schedule.self), description: "The schedule it applies to; DELIVERY when absent."),
            ]))

    /// The `grubhub.override` format.
    public init() {}

    public func read(_ root: JSONValue, options: ConversionOptions, into decoded: inout Decoded) -> (Bool, [Finding]) {
        var findings: [Finding] = []
        guard var object = ObjectDecoder(root, shape: Self.declaration.rootReference, findings: &findings) else { return (false, findings) }
        let kind = object.enumeration("type", Kind.self)
        let schedule = object.enumeration("schedule_name", Schedule.self)
        let startNode = object.member("start")
        let endNode = object.member("end")
        if (startNode == nil) != (endNode == nil), let given = startNode ?? endNode {
            object.report(
                "grubhub_override_window",
                "the override has '\(startNode == nil ? "end" : "start")' without '\(startNode == nil ? "start" : "end")'; Grubhub needs both or neither (neither: at once)",
                at: given)
        }
        var start: (Timestamp, JSONValue)?
        var end: (Timestamp, JSONValue)?
        if startNode != nil || endNode != nil {
            if let zone = options.timeZone {
                start = object.localDateTime("start", zone: zone)
                end = object.localDateTime("end", zone: zone)
            } else {
                _ = object.string("start")
                _ = object.string("end")
                if !object.findings.hasErrors { object.findings.append(zoneRequired(id, "has", at: (startNode ?? endNode) ?? root)) }
            }
        }
        let leftovers = object.unknownMembers(request: true)
        findings += object.findings
        guard let (kind, kindNode) = kind, !findings.hasErrors else { return (false, findings) }
        var origins: Origins = [.state: Origin(kindNode)]
        var doc = Availability()
        let windowed = start != nil && end != nil
        // How the type and schedule were written, so they come back so.
        decoded.keep(meta: kindNode, of: id)
        if let (_, node) = schedule { decoded.keep(meta: node, of: id) }
        if kind.closes {
            doc.state = windowed ? .closed : .paused
        } else {
            doc.state = .open
        }
        if windowed {
            doc.from = origins.keep(start, as: .from)
            doc.until = origins.keep(end, as: .until)
        }
        var losses: [Loss] = []
        if kind == .blackout || kind == .whitein {
            // Grubhub explains only AVAILABLE and UNAVAILABLE; these read as their meaning.
            losses.append(Loss(
                kind: .reencoded, field: "state", origin: Origin(kindNode),
                message: "type '\(kind.rawValue)' is read as '\(kind.closes ? "UNAVAILABLE" : "AVAILABLE")'"))
        }
        if let (s, node) = schedule {
            doc.orderTypes = [s.canonical]
            origins[.orderTypes] = Origin(node)
        } else {
            // Grubhub's documented default.
            doc.orderTypes = [.delivery]
            origins[.orderTypes] = Origin(kindNode)
            losses.append(Loss(
                kind: .reencoded, field: "order_types", origin: Origin(kindNode),
                message: "no schedule_name: the override applies to Grubhub's default, DELIVERY"))
        }
        decoded.fill(doc, origins: origins, leftovers: leftovers)
        decoded.scope(to: .grubhub)
        decoded.losses = losses
        return (true, findings)
    }

    public func write(_ source: Decoded, options: ConversionOptions, into out: inout JSONOutput) -> EncodeResult {
        return Encoding.with(source, target: id, options: options) { e in
            let doc = source.availability
            e.storeGoesInPath("/pos/v1/merchant/{merchant_id}/schedules/overrides")
            guard let state = e.requireState() else { return e.finish() }
            e.carry(.orderTypes)
            var schedule = Schedule.delivery
            if let scoped = doc.orderTypes {
                let schedules = Schedule.ordered.filter { scoped.contains($0.canonical) }
                if scoped.count != 1 || schedules.count != 1 {
                    e.fail(
                        "a Grubhub override applies to one schedule (DELIVERY, PICKUP, CATERING or GROUP); \(scoped.map { "'\($0.rawValue)'" }.joined(separator: ", ")) needs \(schedules.count == scoped.count ? "one override each" : "grubhub.order-types for 'standard'")",
                        field: .orderTypes)
                    return e.finish()
                }
                schedule = schedules[0]
            } else {
                e.approximate(.orderTypes, value: "every order type", because: "a Grubhub override applies to one schedule, so it is sent for DELIVERY; send one per schedule")
            }
            // The window: a closure's, an open window's, or a pause's from when it began to its end.
            var window: (Timestamp, CanonicalField, Timestamp)?
            let kind: Kind
            switch state {
            case .closed:
                kind = .unavailable
                if let from = doc.from, let until = doc.until { window = (from, .from, until) }
            case .paused:
                kind = .unavailable
                if let until = doc.until {
                    if doc.from == nil, let now = options.now, !e.requireNotEnded(until, now: now) { return e.finish() }
                    if let start = doc.from ?? doc.since ?? options.now {
                        // A start taken from --now is the clock's, not a source field.
                        window = (start, doc.from != nil ? .from : doc.since != nil ? .since : .state, until)
                        e.approximate(
                            .state, value: "paused until \(until.rfc3339)",
                            because: "Grubhub times an override with a start and an end, so it is sent as an UNAVAILABLE window from '\(start.rfc3339)'")
                    } else {
                        e.require("a start for the paused window ('since')", flag: "--now TIME")
                    }
                }
            case .open:
                kind = doc.from != nil && doc.until != nil ? .available : .unpause
                if let from = doc.from, let until = doc.until { window = (from, .from, until) }
            }
            var times: (String, String)?
            if let (start, field, end) = window, let zone = e.requireZone(options, for: "override start and end") {
                if let a = local(start, field: field, zone: zone, &e), let b = local(end, field: .until, zone: zone, &e) { times = (a, b) }
            }
            out.beginObject()
            if let (a, b) = times {
                out.field("start", a)
                out.field("end", b)
            }
            // BLACKOUT and WHITEIN say what UNAVAILABLE and AVAILABLE say: the source's word is kept.
            let keptType = e.kept("/type")?.stringValue.flatMap(Kind.init(rawValue:))
            let written = keptType.map { $0.synonym == kind ? $0 : kind } ?? kind
            out.field("type", written.rawValue)
            if schedule != .delivery || e.writes("/schedule_name") { out.field("schedule_name", schedule.rawValue) }
            out.endObject()
            if let from = doc.from, window?.1 != .from {
                e.approximate(.from, value: from.rfc3339, because: "an override without an end starts at once")
            }
            if let since = doc.since, window?.1 != .since { e.drop(.since, value: since.rfc3339, because: "an override does not say when a state began") }
            if state == .open, window == nil, let until = doc.until {
                e.drop(.until, value: until.rfc3339, because: "UNPAUSE has no end")
            }
            if let reason = doc.reason { e.drop(.reason, value: reason.rawValue, because: "a Grubhub override has no reason") }
            if let note = doc.note { e.drop(.note, value: note, because: "a Grubhub override has no note") }
            e.scope(to: .grubhub)
            e.dropMessages()
            e.dropLeftovers()
            return e.finish()
        }
    }

    /// An instant as the merchant's wall-clock time; one that happens twice there cannot be written.
    private func local(_ t: Timestamp, field: CanonicalField, zone: TimeZone, _ e: inout Encoding) -> String? {
        guard let wall = LocalDateTime(t, in: zone) else { return nil }
        if case .overlap(let a, let b) = wall.placed(in: zone) {
            e.failure(
                "local_time_ambiguous",
                "\(field == .state ? "now" : field.rawValue) '\(t.rfc3339)' is '\(wall)' in \(zone.identifier), a time that happens twice there ('\(a.rfc3339)' and '\(b.rfc3339)'); Grubhub would have to guess which",
                at: field)
            return nil
        }
        if t.hasSubsecondPrecision {
            e.approximate(field, value: t.rfc3339, because: "Grubhub's local times are whole seconds, so it becomes '\(wall)'")
        } else if field != .state {
            e.reencode(field, value: t.rfc3339, as: "\(wall) (\(zone.identifier) local time)")
        }
        return wall.description
    }
}
