/// Tokopedia Update Shop Status request body (`tokopedia`):
/// `POST /v2/shop/fs/{fs_id}/shop-status` with `shop_id`, `action` (`open`/`close`),
/// `start_date`/`end_date` (UNIX seconds, required to close), `close_note`, `close_now`.
///
/// `close` with `close_now: true` is a pause until `end_date` (Tokopedia
/// ignores `start_date`); otherwise a closure window from `start_date` to
/// `end_date`. Tokopedia has no reason codes; `close_note` is the note.
public struct TokopediaFormat: AvailabilityFormat {
    public var declaration: FormatDeclaration { Self.declaration }

    static let declaration = FormatDeclaration(
        id: "tokopedia", title: "Tokopedia Update Shop Status request",
        summary: "Tokopedia Update Shop Status request body (POST /v2/shop/fs/{fs_id}/shop-status)",
        description: "Body of POST /v2/shop/fs/{fs_id}/shop-status. Format id: tokopedia.",
        settable: [
            SettableField("shop_id", .integer, help: "the Tokopedia shop id, an integer (a store config's tokopedia shop_id)"),
            SettableField("end_date", .integer, help: "when a Tokopedia closure ends, in UNIX seconds, for a source without an end"),
        ],
        platform: "tokopedia",
        root: ObjectShape(
            name: "Tokopedia shop status",
            fields: [
                Field("shop_id", .integer(), required: true),
                Field("action", .enumeration(Action.self), required: true),
                Field("start_date", .unixSeconds),
                Field("end_date", .unixSeconds),
                Field("close_note", .string()),
                Field("close_now", .boolean, description: "true closes at once and ignores start_date."),
            ],
            conditions: [Condition(when: "action", is: "close", requires: ["start_date", "end_date"], rule: "close_requires_dates")]))

    enum Action: String, DeclaredEnum {
        static let ordered = OrderedCases(allCases)

        case open
        case close
    }

    /// The `tokopedia` format.
    public init() {}

    public func read(_ root: JSONValue, options: ConversionOptions, into decoded: inout Decoded) -> (Bool, [Finding]) {
        var findings: [Finding] = []
        guard var object = ObjectDecoder(root, shape: Self.declaration.rootReference, findings: &findings) else {
            return (false, findings)
        }
        let shop = object.int64("shop_id")
        let action = object.enumeration("action", Action.self)
        let start = TokopediaDates.read("start_date", from: &object, options: options)
        let end = TokopediaDates.read("end_date", from: &object, options: options)
        let note = object.string("close_note")
        let closeNow = object.bool("close_now")
        let leftovers = object.unknownMembers()
        guard let (action, actionNode) = action else {
            findings += object.findings
            return (false, findings)
        }
        if let (id, node) = shop {
            decoded.availability.store = ChannelID.make(String(id), of: "tokopedia")
            decoded.origins[.store] = Origin(node)
        }
        decoded.origins[.state] = Origin(actionNode)
        switch action {
        case .open:
            decoded.availability.state = .open
            for key in ["start_date", "end_date", "close_note"] {
                guard let node = object.member(key) else { continue }
                object.report(
                    "dates_ignored_on_open", "'\(key)' only applies to action 'close'; Tokopedia ignores it when opening",
                    at: node, severity: .warning)
                decoded.keep(meta: node, of: id)
            }
            if let (_, node) = closeNow { decoded.keep(meta: node, of: id) }
        case .close:
            if let v = decoded.origins.keep(note, as: .note) { decoded.availability.note = v }
            if closeNow?.0 == true {
                decoded.availability.state = .paused
                // Tokopedia ignores start_date when closing now: kept as written, not a start.
                if let node = object.member("start_date") { decoded.keep(meta: node, of: id) }
            } else {
                decoded.availability.state = .closed
                if let v = decoded.origins.keep(start, as: .from) { decoded.availability.from = v }
                if let (_, node) = closeNow { decoded.keep(meta: node, of: id) }
            }
            if let v = decoded.origins.keep(end, as: .until) { decoded.availability.until = v }
        }
        findings += object.findings
        decoded.leftovers = leftovers
        return (true, findings)
    }

    public func write(_ source: Decoded, options: ConversionOptions, into out: inout JSONOutput) -> EncodeResult {
        return Encoding.with(source, target: id, options: options) { e in
            let doc = source.availability
            guard let state = e.requireState() else { return e.finish() }
            out.beginObject()
            if let shop = e.tokopediaShopID(options: options, required: true) { out.field("shop_id", int: shop) }
            switch state {
            case .open:
                out.field("action", "open")
                if let from = doc.from { e.drop(.from, value: from.rfc3339, because: "Tokopedia opens a shop at once and takes no start date") }
                if let until = doc.until { e.drop(.until, value: until.rfc3339, because: "Tokopedia takes no end date when opening a shop") }
            case .paused, .closed:
                out.field("action", "close")
                let start: Int64?
                if let from = doc.from {
                    start = e.unixSeconds(from, field: .from)
                } else if let kept = e.kept("/start_date")?.numberValue?.int64 {
                    // Ignored with close_now, as the source was: written back as it was.
                    start = kept
                } else if state == .paused, let now = options.now {
                    start = now.unixSeconds
                } else {
                    if state == .paused { e.require("a start date ('start_date') to close a shop", flag: "--now TIME") }
                    start = nil
                }
                let end: Int64?
                if let until = doc.until {
                    if doc.from == nil, let now = options.now, !e.requireNotEnded(until, now: now) { return e.finish() }
                    end = e.unixSeconds(until, field: .until)
                } else if let text = options.set["end_date"], let seconds = Int64(text) {
                    end = seconds
                } else {
                    e.require("an end date ('end_date', from 'until') to close a shop", flag: "--set end_date=UNIX_SECONDS")
                    end = nil
                }
                if let start { out.field("start_date", int: start) }
                if let end { out.field("end_date", int: end) }
            }
            if let note = doc.note {
                if state == .open {
                    e.drop(.note, value: note, because: "Tokopedia ignores a close_note when opening")
                } else {
                    out.field("close_note", note)
                }
            }
            if state != .open, doc.from == nil || e.writes("/close_now") { out.field("close_now", bool: doc.from == nil) }
            if let reason = doc.reason { e.drop(.reason, value: reason.rawValue, because: "Tokopedia has no reason codes (close_note is free text)") }
            if let since = doc.since { e.drop(.since, value: since.rfc3339, because: "a Tokopedia request cannot say when the state began") }
            if let channels = doc.channels { e.widen(channels: channels) }
            e.dropMessages()
            e.dropLeftovers()
            out.endObject()
            return e.finish()
        }
    }
}
