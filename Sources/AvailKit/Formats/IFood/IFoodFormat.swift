import Foundation

/// iFood interruption (`ifood`): the body of
/// `POST /merchants/{merchantId}/interruptions` (and an item of its `GET` list).
///
/// iFood has no "set closed" call: a store stops taking orders while an
/// interruption is active, from `start` to `end`, both the store's local
/// wall-clock time with no offset (iFood discards an offset it is sent:
/// reading one takes the wall time it shows, with a warning). So reading and
/// writing need the store's zone, and DST gaps and overlaps are findings,
/// never guesses. `description` is free text (`reason_text`). An
/// interruption lasts at most 7 days. A store reopens by deleting its
/// interruptions, which has no body: an open store cannot be written.
public struct IFoodFormat: AvailabilityFormat {
    /// The longest interruption iFood allows.
    static let maxSeconds: Int64 = 7 * 86_400

    static let localPattern = #"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$"#

    public var declaration: FormatDeclaration { Self.declaration }

    static let declaration = FormatDeclaration(
        id: "ifood", title: "iFood interruption",
        summary: "iFood interruption body (POST /merchants/{merchantId}/interruptions); store-local times, needs --timezone",
        description: "Body of POST /merchants/{merchantId}/interruptions and an item of its GET list. Format id: ifood.",
        platform: DeliveryChannel.ifood.rawValue,
        root: ObjectShape(
            name: "iFood interruption",
            fields: [
                Field("id", .string(), description: "The interruption's id (list items)."),
                Field("description", .string(), description: "Free text: why the store is interrupted."),
                Field("start", .string(pattern: localPattern), required: true, description: "Store-local date-time, no offset (iFood discards one)."),
                Field("end", .string(pattern: localPattern), required: true, description: "Store-local date-time, no offset; at most 7 days after start."),
            ]))

    /// The `ifood` format.
    public init() {}

    public func read(_ root: JSONValue, options: ConversionOptions, into decoded: inout Decoded) -> (Bool, [Finding]) {
        var findings: [Finding] = []
        guard var object = ObjectDecoder(root, shape: Self.declaration.rootReference, findings: &findings) else { return (false, findings) }
        if object.string("id") != nil, let node = object.member("id") { decoded.keep(meta: node, of: id) }
        let description = object.string("description")
        var start: (Timestamp, JSONValue)?
        var end: (Timestamp, JSONValue)?
        if let zone = options.timeZone {
            start = object.wallClock("start", zone: zone, provider: "iFood")
            end = object.wallClock("end", zone: zone, provider: "iFood")
            if let (a, _) = start, let (b, node) = end, a < b, b.unixSeconds - a.unixSeconds > Self.maxSeconds {
                let latest = a.adding(seconds: Self.maxSeconds, in: zone).flatMap { LocalDateTime($0, in: zone) }
                object.report(
                    "ifood_interruption_too_long",
                    "the interruption lasts \(Self.days(b.unixSeconds - a.unixSeconds)); iFood allows at most 7 days (longer closures belong in the opening hours), so end it by '\(latest?.description ?? "")'",
                    at: node)
            }
        } else {
            let given = object.present("start")
            _ = object.present("end")
            if let node = given ?? object.member("end"), !object.findings.hasErrors {
                object.findings.append(zoneRequired(id, "has", at: node))
            }
        }
        let leftovers = object.unknownMembers(request: true)
        findings += object.findings
        guard let (from, startNode) = start, end != nil, !findings.hasErrors else { return (false, findings) }
        var origins: Origins = [.state: Origin(startNode)]
        var doc = Availability(state: .closed)
        doc.from = from
        doc.until = origins.keep(end, as: .until)
        origins[.from] = Origin(startNode)
        doc.reasonText = origins.keep(description, as: .reasonText)
        decoded.fill(doc, origins: origins, leftovers: leftovers)
        decoded.scope(to: .ifood)
        return (true, findings)
    }

    /// A length of time in days and hours, for messages.
    static func days(_ seconds: Int64) -> String {
        let days = seconds / 86_400
        let hours = (seconds % 86_400) / 3600
        return "\(days) day\(days == 1 ? "" : "s")" + (hours > 0 ? " \(hours) h" : "")
    }

    public func write(_ source: Decoded, options: ConversionOptions, into out: inout JSONOutput) -> EncodeResult {
        return Encoding.with(source, target: id, options: options) { e in
            let doc = source.availability
            e.storeGoesInPath("/merchants/{merchantId}/interruptions")
            guard let state = e.requireState() else { return e.finish() }
            guard state != .open else {
                e.fail(
                    "an open store has no interruption; iFood reopens a store by deleting its interruptions (DELETE /merchants/{merchantId}/interruptions/{interruptionId}), which has no body ('avail plan' lists it)",
                    field: .state)
                return e.finish()
            }
            guard let zone = e.requireZone(options, for: "interruption start and end") else { return e.finish() }
            let now = options.clock
            if doc.from == nil, let until = doc.until, !e.requireNotEnded(until, now: now) { return e.finish() }
            let start = doc.from ?? now
            let longest = start.adding(seconds: Self.maxSeconds, in: zone)
            var end = doc.until
            if let until = doc.until, let longest, longest < until {
                e.approximate(.until, value: until.rfc3339, because: "an iFood interruption lasts at most 7 days, so it ends at '\(longest.rfc3339)'; create another before then")
                end = longest
            } else if doc.until == nil, let longest {
                e.lose(
                    .approximated, .until,
                    "an indefinite pause is approximated; an iFood interruption needs an end, at most 7 days after its start, so it ends at '\(longest.rfc3339)'; create another before then")
                end = longest
            }
            var startText: String?
            if doc.from != nil {
                startText = e.wallClock(start, field: .from, zone: zone, provider: "iFood")
            } else if let wall = LocalDateTime(start, in: zone) {
                if case .overlap = wall.placed(in: zone) {
                    e.fail("now (\(start.rfc3339)) is '\(wall)' in \(zone.identifier), a time that happens twice there; iFood would have to guess which", field: .state)
                } else {
                    startText = wall.description
                }
            }
            let endText = end.flatMap { t in
                doc.until.map { $0.isSameInstant(as: t) } == true
                    ? e.wallClock(t, field: .until, zone: zone, provider: "iFood") : LocalDateTime(t, in: zone)?.description
            }
            let description = e.freeTextReason(\.words)
            out.beginObject()
            if let description { out.field("description", description) }
            if let startText { out.field("start", startText) }
            if let endText { out.field("end", endText) }
            out.endObject()
            if let since = doc.since {
                e.drop(.since, value: since.rfc3339, because: "an interruption starts at 'start', which is \(doc.from == nil ? "now" : "the scheduled start")")
            }
            if let note = doc.note { e.drop(.note, value: note, because: "an iFood interruption has no note besides its description") }
            e.scope(to: .ifood)
            e.dropMessages()
            e.dropLeftovers()
            return e.finish()
        }
    }
}
