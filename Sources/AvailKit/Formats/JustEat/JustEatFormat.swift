import Foundation

/// Just Eat Takeaway.com Create Offline Event (`justeat`): the body of
/// `POST /v1/{tenant}/restaurants/event/offline`.
///
/// An offline event takes restaurants offline from `startDate` until
/// `endDate`, or for `duration` (`HH:mm`, or `untilTomorrow`: 04:30 the
/// next local day); with both, `duration` wins. `reason` is free text
/// (`reason_text`), `name` the event's label (`note`; a name that repeats
/// the reason is no note), `legacyTempOfflineType` Just Eat's coded reason
/// (`JustEatOfflineType`). `restaurantIds` (a comma-separated string) and
/// `allowRestaurantOverride` are kept as written. A restaurant comes back
/// online when its offline events are deleted, which has no body: an open
/// store cannot be written as an offline event.
public struct JustEatFormat: AvailabilityFormat {
    static let timePattern = #"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}((\.\d{1,18})?(Z|[+-]\d{2}:\d{2}))?$"#

    public var declaration: FormatDeclaration { Self.declaration }

    static let declaration = FormatDeclaration(
        id: "justeat", title: "Just Eat Create Offline Event",
        summary: "Just Eat Takeaway.com Create Offline Event body (POST /v1/{tenant}/restaurants/event/offline)",
        description: "Body of POST /v1/{tenant}/restaurants/event/offline (OfflineRestaurantsRequestModel). Format id: justeat.",
        settable: [JustEat.restaurantIds, JustEat.allowOverride],
        platform: DeliveryChannel.justeat.rawValue,
        root: ObjectShape(
            name: "Just Eat offline event",
            fields: [
                Field(
                    "restaurantIds", .string(minLength: 1), required: true, expected: "a string (a comma-separated list of restaurant ids)",
                    description: "A comma-separated list of restaurant ids."),
                Field("name", .string(), required: true, description: "The event's name (canonical note, unless it repeats the reason)."),
                Field("reason", .string(), required: true, description: "Free text: why the restaurants go offline."),
                Field(
                    "startDate", .string(minLength: 1, pattern: timePattern), required: true,
                    description: "When the event starts: the restaurant's local time with its offset (an offset-less time is read in --timezone)."),
                Field("endDate", .string(pattern: timePattern), description: "When the event ends."),
                Field("duration", .string(), description: "HH:mm, or untilTomorrow (04:30 the next local day); wins over endDate."),
                Field("allowRestaurantOverride", .boolean, required: true, description: "Whether the restaurant may delete the event, whoever raised it."),
                Field(
                    "legacyTempOfflineType", .enumeration(JustEatOfflineType.self), description: "Just Eat's coded reason; ClosedDueToEvent when absent.",
                    misused: [
                        "None": "'None' means online, and an offline event takes the restaurant offline; leave the field out (ClosedDueToEvent)",
                        "Unset": "'Unset' means online, and an offline event takes the restaurant offline; leave the field out (ClosedDueToEvent)",
                    ]),
                Field("category", .string(), readOnly: "is deprecated and 'not intended to be used by clients'", description: "Deprecated."),
            ]))

    /// The `justeat` format.
    public init() {}

    /// A duration as Just Eat writes one: `HH:mm` (what the field documents),
    /// or the example's `H:mm:ss`, in seconds; nil when it is neither.
    static func seconds(of text: String) -> (seconds: Int64, documented: Bool)? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2 || parts.count == 3, parts.allSatisfy({ !$0.isEmpty && $0.count <= 2 && $0.allSatisfy(\.isASCII) }),
            let h = Int64(parts[0]), let m = Int64(parts[1]), (0...59).contains(m), h >= 0
        else { return nil }
        var s: Int64 = 0
        if parts.count == 3 {
            guard let v = Int64(parts[2]), (0...59).contains(v), parts[2].count == 2 else { return nil }
            s = v
        }
        guard parts[1].count == 2 else { return nil }
        return (h * 3600 + m * 60 + s, parts.count == 2 && parts[0].count == 2)
    }

    /// `HH:mm` for a whole number of minutes under 100 hours.
    static func text(ofSeconds seconds: Int64) -> String? {
        guard seconds > 0, seconds % 60 == 0, seconds < 100 * 3600 else { return nil }
        let h = seconds / 3600
        let m = (seconds % 3600) / 60
        return (h < 10 ? "0" : "") + String(h) + ":" + (m < 10 ? "0" : "") + String(m)
    }

    /// The free-text `reason`: the source's own text, else its code in words
    /// (approximated: read back, it is text), else `--reason` in words (reported: the source had none).
    static func reasonText(_ doc: Availability, options: ConversionOptions, _ e: inout Encoding) -> String? {
        e.carry(.reasonText)
        if let text = doc.reasonText { return text }
        if let code = doc.reason {
            e.approximate(.reason, value: code.rawValue, because: "Just Eat's reason is free text, so it is also sent as '\(code.words)', read back as text")
            return code.words
        }
        guard let flag = options.reason else { return nil }
        e.lose(.approximated, .reason, "the source gives no reason; Just Eat needs one, so --reason sends '\(flag.words)'")
        return flag.words
    }

    public func read(_ root: JSONValue, options: ConversionOptions, into decoded: inout Decoded) -> (Bool, [Finding]) {
        var findings: [Finding] = []
        guard var object = ObjectDecoder(root, shape: Self.declaration.rootReference, findings: &findings) else { return (false, findings) }
        if object.string("restaurantIds") != nil, let node = object.present("restaurantIds") { decoded.keep(meta: node, of: id) }
        let name = object.string("name")
        let reason = object.string("reason")
        let start = object.justEatTime("startDate", zone: options.timeZone)
        let endDate = object.justEatTime("endDate", zone: options.timeZone)
        let duration = object.string("duration")
        if object.bool("allowRestaurantOverride") != nil, let node = object.member("allowRestaurantOverride") { decoded.keep(meta: node, of: id) }
        let type = object.enumeration("legacyTempOfflineType", JustEatOfflineType.self)
        if object.string("category") != nil, let node = object.member("category") { decoded.keep(meta: node, of: id) }
        let leftovers = object.unknownMembers(request: true)
        var origins: Origins = [:]
        var doc = Availability()
        var until: Timestamp?
        if let (from, startNode) = start {
            doc.from = from
            origins[.from] = Origin(startNode)
            origins[.state] = Origin(startNode)
            if let (text, node) = duration {
                if let endNode = endDate?.1 {
                    // Just Eat: "if both duration and endDate are specified duration takes precedence".
                    decoded.keep(meta: endNode, of: id)
                    object.report(
                        "justeat_duration_precedence", "'endDate' is ignored: 'duration' is given too, and Just Eat reads 'duration' when both are",
                        at: endNode, severity: .warning)
                }
                if text == "untilTomorrow" {
                    if let zone = options.timeZone {
                        if let wall = JustEat.untilTomorrow(after: from, in: zone) {
                            switch wall.placed(in: zone) {
                            case .unique(let t): until = t
                            case let placement:
                                if let (rule, message) = placement.problem("duration", text, zone: zone) { object.report(rule, FindingMessage(message), at: node) }
                            }
                        }
                        // The kind of end, so it is written back as untilTomorrow.
                        decoded.keep(meta: node, of: id)
                    } else {
                        object.report(
                            "timezone_required",
                            "'duration' 'untilTomorrow' ends at 04:30 the next day in the restaurant's local time; pass --timezone ZONE (or --stores CONFIG --store ID) to place it",
                            at: node)
                    }
                } else if let (seconds, documented) = Self.seconds(of: text) {
                    until = from.adding(seconds: seconds, in: nil)
                    decoded.keep(meta: node, of: id)
                    if !documented {
                        let fixed = Self.text(ofSeconds: seconds)
                        object.report(
                            "justeat_duration_spelling",
                            "'duration' '\(shown(text))' is not the documented HH:mm\(fixed.map { "; write '\($0)'" } ?? " (it has seconds, which HH:mm cannot write)")",
                            at: node, severity: .warning,
                            fix: fixed.flatMap { ObjectDecoder.replacing(node, with: "\"\($0)\"", .safe, "write '\($0)'") })
                    }
                } else {
                    object.report(
                        "justeat_duration_invalid", "'duration' '\(shown(text))' is not a timespan such as '01:30' or 'untilTomorrow'", at: node)
                }
                if until != nil { origins[.until] = Origin(node) }
            } else if let (end, node) = endDate {
                until = end
                origins[.until] = Origin(node)
            }
        }
        if let (code, node) = type {
            doc.reason = code.canonical
            doc.providerCode = code.providerCode
            doc.pausedBy = code.actor
            origins[.reason] = Origin(node)
            if code == .closedToday, until == nil, start != nil {
                object.report(
                    "justeat_closed_today_without_end",
                    "'ClosedToday' says the event ends the next morning, but gives no time, so it is read with no end; send 'duration': 'untilTomorrow' for Just Eat's 04:30",
                    at: node, severity: .note)
            }
        } else if object.member("legacyTempOfflineType") != nil {
            decoded.rejected.insert(.reason)
        }
        doc.reasonText = origins.keep(reason, as: .reasonText)
        if let (label, node) = name {
            // The event's label: a note, unless it only repeats the reason.
            if label == reason?.0 { decoded.keep(meta: node, of: id) } else { doc.note = origins.keep(name, as: .note) }
        }
        findings += object.findings
        guard doc.from != nil, !findings.hasErrors else { return (false, findings) }
        doc.until = until
        doc.state = until == nil ? .paused : .closed
        decoded.fill(doc, origins: origins, leftovers: leftovers)
        decoded.scope(to: .justeat)
        return (true, findings)
    }

    public func write(_ source: Decoded, options: ConversionOptions, into out: inout JSONOutput) -> EncodeResult {
        return Encoding.with(source, target: id, options: options) { e in
            let doc = source.availability
            if let store = doc.store {
                e.lose(.reencoded, .store, "store '\(store)' is not in the body; Just Eat names restaurants by restaurantIds")
            }
            guard let state = e.requireState() else { return e.finish() }
            guard state != .open else {
                e.fail(
                    "an open restaurant is no offline event; Just Eat brings a restaurant back online by deleting its offline events (DELETE /v1/{tenant}/restaurants/{id}/event/offline), which has no body ('avail plan' sends it)",
                    field: .state)
                return e.finish()
            }
            let now = options.clock
            if doc.from == nil, let until = doc.until, !e.requireNotEnded(until, now: now) { return e.finish() }
            let zone = options.timeZone
            let start = doc.from ?? (zone.flatMap { now.rendered(in: $0) } ?? now)
            let startText = doc.from.map { e.rfc3339($0, field: .from, zone: zone) } ?? start.rfc3339
            guard let reason = Self.reasonText(doc, options: options, &e) else {
                e.require("a reason ('reason', free text)", flag: "--reason CODE")
                return e.finish()
            }
            out.beginObject()
            if let ids = options.set[JustEat.restaurantIds.name] {
                out.field("restaurantIds", ids)
            } else if e.kept("/restaurantIds") == nil {
                e.require("the restaurant's Just Eat id ('restaurantIds')", flag: "--set restaurantIds=ID (or --stores with a justeat restaurant_id)")
            }
            out.field("name", doc.note ?? reason)
            out.field("reason", reason)
            out.field("startDate", startText)
            if let until = doc.until {
                let kept = e.kept("/duration")?.stringValue
                var wroteDuration = false
                if kept == "untilTomorrow", let zone, let wall = JustEat.untilTomorrow(after: start, in: zone),
                    case .unique(let t) = wall.placed(in: zone), t.isSameInstant(as: until)
                {
                    out.field("duration", "untilTomorrow")
                    wroteDuration = true
                } else if kept != nil, let text = Self.text(ofSeconds: until.unixSeconds - start.unixSeconds),
                    !until.hasSubsecondPrecision && !start.hasSubsecondPrecision
                {
                    out.field("duration", text)
                    wroteDuration = true
                }
                if !wroteDuration { out.field("endDate", e.rfc3339(until, field: .until, zone: zone)) }
            }
            if let flag = options.set[JustEat.allowOverride.name] {
                out.field("allowRestaurantOverride", bool: flag != "false")
            } else if e.kept("/allowRestaurantOverride") == nil {
                out.field("allowRestaurantOverride", bool: true)
            }
            e.carry(.providerCode, .by, .note)
            var type: JustEatOfflineType?
            if let own = JustEatOfflineType.named(doc.providerCode) {
                type = own
                e.keepsProviderCode = true
                if let r = doc.reason, r != own.canonical {
                    e.approximate(.reason, value: r.rawValue, because: "Just Eat's type '\(own.rawValue)' is sent, which reads as '\(own.canonical.rawValue)'")
                }
            } else {
                if let code = doc.providerCode { e.drop(.providerCode, value: code, because: "Just Eat has no such code; the reason goes as text") }
                if doc.reason == .other { type = .closedDueToEvent }
            }
            if let type { out.field("legacyTempOfflineType", type.rawValue) }
            if type == nil, let code = doc.reason, doc.reasonText != nil {
                e.drop(.reason, value: code.rawValue, because: "Just Eat has no code for it, and its free-text reason is the source's own text")
            }
            if let actor = type?.actor, doc.pausedBy != actor {
                e.lose(.approximated, .by, "type '\(type?.rawValue ?? "")' says the \(actor.rawValue) made the change\(doc.pausedBy.map { ", not the \($0.rawValue)" } ?? "; the source does not say who did")")
            } else if type?.actor == nil, let by = doc.pausedBy {
                e.drop(.by, value: by.rawValue, because: "Just Eat's offline event does not say who raised it (the X-JE-User-Role header does, outside the body)")
            }
            out.endObject()
            if let since = doc.since { e.drop(.since, value: since.rfc3339, because: "an offline event starts at startDate, not when the pause began") }
            e.scope(to: .justeat)
            e.dropMessages()
            e.dropLeftovers()
            return e.finish()
        }
    }
}
