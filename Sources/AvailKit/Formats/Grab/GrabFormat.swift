/// GrabFood Pause store (`grab`): the body of `PUT /partner/v1/merchant/pause`.
///
/// `isPause` true pauses the store for `duration`, one of `30m`, `1h` and
/// `24h`, counted from when the request is sent (`--now`); false resumes
/// it. `merchantID` is Grab's id for the store (kept as written; `--set
/// merchantID=ID` or a store config's grab `merchant_id` supplies it).
/// There is no reason, start time or arbitrary end: a pause until any other
/// time is sent as the shortest allowed duration that does not end earlier
/// (the longest when none is long enough), reported as approximated.
public struct GrabFormat: AvailabilityFormat {
    enum Duration: String, DeclaredEnum {
        static let ordered = OrderedCases(allCases)

        case thirtyMinutes = "30m"
        case oneHour = "1h"
        case oneDay = "24h"

        var seconds: Int64 {
            switch self {
            case .thirtyMinutes: 1800
            case .oneHour: 3600
            case .oneDay: 86_400
            }
        }

        var allowed: AllowedDuration { AllowedDuration(seconds: seconds, shown: "'\(rawValue)'") }
    }

    /// The durations as the encoder chooses among them.
    static let durations = Duration.ordered.map(\.allowed)

    public var declaration: FormatDeclaration { Self.declaration }

    static let declaration = FormatDeclaration(
        id: "grab", title: "GrabFood Pause store",
        summary: "GrabFood pause store request body (PUT /partner/v1/merchant/pause: isPause, duration 30m/1h/24h)",
        description: "Body of PUT /partner/v1/merchant/pause (PauseStoreRequest). Format id: grab.",
        settable: [SettableField("merchantID", help: "GrabFood's merchant id (a store config's grab merchant_id)")],
        platform: DeliveryChannel.grab.rawValue,
        root: ObjectShape(
            name: "Grab pause store",
            fields: [
                Field("merchantID", .string(minLength: 1), required: true, description: "The merchant's ID in GrabFood's database."),
                Field("isPause", .boolean, required: true, description: "true pauses the store; false unpauses it."),
                Field("duration", .enumeration(Duration.self), description: "How long the pause lasts; only with isPause true."),
            ]))

    /// The `grab` format.
    public init() {}

    public func read(_ root: JSONValue, options: ConversionOptions, into decoded: inout Decoded) -> (Bool, [Finding]) {
        var findings: [Finding] = []
        guard var object = ObjectDecoder(root, shape: Self.declaration.rootReference, findings: &findings) else { return (false, findings) }
        if object.string("merchantID") != nil, let node = object.member("merchantID") { decoded.keep(meta: node, of: id) }
        let pause = object.bool("isPause")
        let duration = object.enumeration("duration", Duration.self)
        let leftovers = object.unknownMembers(request: true)
        guard let (isPause, pauseNode) = pause else { return (false, findings + object.findings) }
        var origins: Origins = [.state: Origin(pauseNode)]
        var doc = Availability(state: isPause ? .paused : .open)
        if !isPause, let node = object.member("duration") {
            // Resuming takes no duration: kept as written, and it means nothing.
            decoded.keep(meta: node, of: id)
            object.report(
                "grab_duration_without_pause", "'duration' is set but 'isPause' is false; a duration belongs to a pause, and Grab resumes the store at once",
                at: node, severity: .warning)
        } else if isPause {
            if let (d, node) = duration {
                doc.until = options.clock.adding(seconds: d.seconds, in: options.timeZone)
                origins[.until] = Origin(node)
            } else if object.member("duration") == nil {
                object.report(
                    "grab_pause_requires_duration",
                    "'isPause' is true but there is no 'duration'; Grab's text requires one of '30m', '1h', '24h' (its schema does not), and what Grab does without it is undocumented, so the pause is read with no end",
                    at: pauseNode, severity: .warning)
            }
        }
        decoded.fill(doc, origins: origins, leftovers: leftovers)
        decoded.scope(to: .grab)
        return (true, findings + object.findings)
    }

    public func write(_ source: Decoded, options: ConversionOptions, into out: inout JSONOutput) -> EncodeResult {
        return Encoding.with(source, target: id, options: options) { e in
            let doc = source.availability
            guard let state = e.requireState() else { return e.finish() }
            if let store = doc.store {
                e.lose(.reencoded, .store, "store '\(store)' is not in the body; Grab names the store by its merchantID")
            }
            let now = options.clock
            var duration: AllowedDuration?
            if state != .open {
                if let until = doc.until, !e.requireNotEnded(until, now: now) { return e.finish() }
                duration = e.duration(
                    ending: doc.until, now: now, zone: options.timeZone, from: Self.durations, rule: "Grab pauses for 30m, 1h or 24h")
            }
            out.beginObject()
            if let merchant = options.set["merchantID"] {
                out.field("merchantID", merchant)
            } else if e.kept("/merchantID") == nil {
                e.require("GrabFood's merchant id ('merchantID')", flag: "--set merchantID=ID (or --stores with a grab merchant_id)")
            }
            out.field("isPause", bool: state != .open)
            if let duration, let d = Duration.ordered.first(where: { $0.seconds == duration.seconds }) {
                out.field("duration", d.rawValue)
            }
            out.endObject()
            if state == .open, let until = doc.until {
                e.drop(.until, value: until.rfc3339, because: "Grab resumes a store at once and cannot end an open state")
            }
            if let reason = doc.reason { e.drop(.reason, value: reason.rawValue, because: "Grab's pause has no reason") }
            e.approximateStart()
            e.scope(to: .grab)
            e.dropStatusExtras(since: "a pause request cannot say when the pause began")
            return e.finish()
        }
    }
}

/// GrabFood Get store status (`grab.status`): the response of
/// `GET /partner/v1/merchants/{merchantID}/store/status`.
///
/// `isOpen` false with a `closeReason` is a pause; the code goes through
/// `GrabCloseReason` (who paused: `mex_paused` the merchant, `ops_paused`
/// Grab). `out_of_opening_hours` and `out_of_special_opening_hours` are the
/// store's hours, not a pause: reported and not converted. The response has
/// no end time. `isInSpecialOpeningHourRange` is kept as written.
public struct GrabStatusFormat: AvailabilityFormat {
    public var declaration: FormatDeclaration { Self.declaration }

    static let declaration = FormatDeclaration(
        id: "grab.status", title: "GrabFood Get store status",
        summary: "GrabFood store status response (GET /partner/v1/merchants/{merchantID}/store/status: isOpen, closeReason)",
        description: "Response of GET /partner/v1/merchants/{merchantID}/store/status (StoreStatusResponse). Format id: grab.status.",
        platform: DeliveryChannel.grab.rawValue,
        root: ObjectShape(
            name: "Grab store status",
            fields: [
                Field(
                    "closeReason", .string(),
                    description: "The code of the store's close reason (mex_paused, ops_paused, out_of_opening_hours, ...); blank when open."),
                Field("isInSpecialOpeningHourRange", .boolean, description: "Whether the store is in a special opening hour range."),
                Field("isOpen", .boolean, required: true, description: "Whether the store is open."),
            ]))

    /// The `grab.status` format.
    public init() {}

    public func read(_ root: JSONValue, options: ConversionOptions, into decoded: inout Decoded) -> (Bool, [Finding]) {
        var findings: [Finding] = []
        guard var object = ObjectDecoder(root, shape: Self.declaration.rootReference, findings: &findings) else { return (false, findings) }
        let reason = object.string("closeReason")
        if object.bool("isInSpecialOpeningHourRange") != nil, let node = object.member("isInSpecialOpeningHourRange") {
            decoded.keep(meta: node, of: id)
        }
        let open = object.bool("isOpen")
        let leftovers = object.unknownMembers()
        guard let (isOpen, openNode) = open else { return (false, findings + object.findings) }
        var origins: Origins = [.state: Origin(openNode)]
        var doc = Availability(state: isOpen ? .open : .paused)
        if isOpen {
            if let (code, node) = reason {
                // Blank on an open store, as Grab writes it; a code there is stale. Kept as written either way.
                decoded.keep(meta: node, of: id)
                if !code.isEmpty {
                    object.report(
                        "grab_status_mismatch", "'closeReason' '\(shown(code))' on an open store; Grab leaves it blank when the store is open, so it is stale",
                        at: node, severity: .warning)
                }
            }
        } else if let (code, node) = reason {
            if code.isEmpty {
                decoded.keep(meta: node, of: id)
                object.report(
                    "grab_status_mismatch", "'closeReason' is blank, which Grab says means open, but 'isOpen' is false; read as paused with no reason",
                    at: node, severity: .warning)
            } else if let known = GrabCloseReason(rawValue: code) {
                if known.isSchedule {
                    object.report(
                        "grab_closed_by_hours",
                        "the store is closed by its \(known == .outOfOpeningHours ? "opening hours" : "special opening hours") ('\(code)'), not paused; canonical has no state for it, so it does not convert",
                        at: node, severity: .warning)
                    return (false, findings + object.findings)
                }
                doc.reason = known.canonical
                doc.providerCode = known.providerCode
                doc.pausedBy = known.actor
                origins[.reason] = Origin(node)
                if doc.providerCode != nil { origins[.providerCode] = Origin(node) }
                if doc.pausedBy != nil { origins[.by] = Origin(node) }
            } else {
                decoded.keep(meta: node, of: id)
                object.report(
                    "grab_unknown_close_reason",
                    "'closeReason' '\(shown(code))' is not one of Grab's published codes; read as paused with no reason, and kept as written",
                    at: node, severity: .warning)
            }
        }
        decoded.fill(doc, origins: origins, leftovers: leftovers)
        decoded.scope(to: .grab)
        return (true, findings + object.findings)
    }

    public func write(_ source: Decoded, options: ConversionOptions, into out: inout JSONOutput) -> EncodeResult {
        return Encoding.with(source, target: id, options: options) { e in
            let doc = source.availability
            guard let state = e.requireState() else { return e.finish() }
            e.carry(.providerCode, .by)
            out.beginObject()
            if state == .open {
                if !e.keepsMembers { out.field("closeReason", "") }
                out.field("isOpen", bool: true)
                out.endObject()
                let because = "an open Grab store has no close reason"
                if let reason = doc.reason { e.drop(.reason, value: reason.rawValue, because: because) }
                if let code = doc.providerCode { e.drop(.providerCode, value: code, because: because) }
                if let by = doc.pausedBy { e.drop(.by, value: by.rawValue, because: because) }
            } else {
                if let code = Self.closeReason(for: doc, &e) { out.field("closeReason", code.rawValue) }
                out.field("isOpen", bool: false)
                out.endObject()
            }
            if let until = doc.until { e.drop(.until, value: until.rfc3339, because: "Grab's store status has no end time") }
            if let from = doc.from { e.drop(.from, value: from.rfc3339, because: "Grab's store status has no scheduled start") }
            if let store = doc.store { e.drop(.store, value: store, because: "the store status response does not name the store") }
            e.scope(to: .grab)
            e.dropStatusExtras(since: "the store status response does not say when the pause began")
            return e.finish()
        }
    }

    /// The close reason for a paused document: its own Grab code, else the
    /// code for who paused it (`ops_paused` for Grab, else `mex_paused`),
    /// with what that changes reported; none when the source says neither why nor who.
    static func closeReason(for doc: Availability, _ e: inout Encoding) -> GrabCloseReason? {
        if let own = GrabCloseReason.named(doc.providerCode), !own.isSchedule {
            if let reason = doc.reason, reason != own.canonical {
                e.approximate(.reason, value: reason.rawValue, because: "Grab's code '\(own.rawValue)' is sent, which reads as '\(own.canonical.rawValue)'")
            }
            if own.actor != doc.pausedBy {
                e.lose(.approximated, .by, "code '\(own.rawValue)' says the \(own.actor?.rawValue ?? "") made the change\(doc.pausedBy.map { ", not the \($0.rawValue)" } ?? "; the source does not say who did")")
            }
            return own
        }
        if let code = doc.providerCode {
            e.drop(.providerCode, value: code, because: "Grab has no such close reason")
        }
        guard doc.reason != nil || doc.pausedBy != nil else { return nil }
        let code: GrabCloseReason = doc.pausedBy == .platform ? .opsPaused : .mexPaused
        if doc.reason != code.canonical || code.providerCode != nil {
            let what = doc.reason.map { "'\($0.rawValue)'" } ?? "no reason"
            e.lose(
                .approximated, .reason,
                "reason \(what) is approximated; Grab's close reasons say who paused the store, not why, so it is sent as '\(code.rawValue)', which reads as '\(code.canonical.rawValue)'")
        }
        if doc.pausedBy != code.actor {
            e.lose(.approximated, .by, "'\(code.rawValue)' says the \(code.actor?.rawValue ?? "") made the pause, which the source does not say")
        }
        return code
    }
}
