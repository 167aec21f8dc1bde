/// Deliverect scopes a change by channel link id. Canonical channel names
/// (`ubereats`, `doordash`, `grubhub`) become link ids through the store's
/// configured `channel_links` (`--stores`, or `--set channel_links.ubereats=ID`);
/// read back, a configured link id becomes its channel name again.
enum DeliverectLinks {
    /// The `--set` field family that gives a channel's link id (`channel_links.ubereats=ID`).
    static let settable = SettableField(
        prefix: "channel_links.", placeholder: "CHANNEL",
        help: "the Deliverect channel link id of a channel (ubereats, doordash, grubhub; a store config's deliverect channel_links)")

    static func key(_ channel: String) -> String { settable.name + channel }

    /// Link ids for canonical channels; nil (with a failure) when a channel
    /// has none: a platform name with no configured link, or another
    /// provider's channel id.
    static func ids(for channels: [String], options: ConversionOptions, _ e: inout Encoding) -> [String]? {
        var ids: [String] = []
        var missing: [String] = []
        var foreign: [String] = []
        for channel in channels {
            if let id = options.set[key(channel)] {
                ids.append(id)
            } else if let id = ChannelID.id(channel, of: "deliverect") {
                ids.append(id)
            } else if ChannelID.provider(of: channel) != nil {
                foreign.append(channel)
            } else {
                // A channel name: a link id only through the store's configured links.
                missing.append(channel)
            }
        }
        if let channel = foreign.first, let owner = ChannelID.provider(of: channel) {
            e.fail(
                "'\(shown(channel))' is a \(owner) channel id, not a Deliverect channel link; configure the store's deliverect channel_links (--stores) with the link for that channel",
                field: .channels)
            return nil
        }
        guard missing.isEmpty else {
            let names = missing.map { "'\(shown($0))'" }.joined(separator: ", ")
            let flags = missing.map { "--set \(key($0))=ID" }.joined(separator: " ")
            e.fail(
                "Deliverect scopes by channel link id, and \(names) \(missing.count == 1 ? "is a channel name" : "are channel names"); configure the store's deliverect channel_links (--stores) or pass \(flags)",
                field: .channels)
            return nil
        }
        return ids
    }

    /// The channel name configured for a link id, or the id as Deliverect's (`deliverect:ID`).
    static func channel(for id: String, options: ConversionOptions) -> String {
        options.set.name(prefixed: settable.name, withValue: id) ?? ChannelID.make(id, of: "deliverect")
    }
}

/// Deliverect Update Store Status (`deliverect`): the body of
/// `POST /updateStoreStatus/{locationId}`.
///
/// `isActive` false puts the location (or the listed `channelLinks`) in busy
/// mode, closed to orders; `disableAt` (UTC with `Z`, whole seconds) is when
/// it re-opens. Older pages name the list `channelLink`: it is read, with a
/// warning.
public struct DeliverectFormat: AvailabilityFormat {
    public var declaration: FormatDeclaration { Self.declaration }

    static let declaration = FormatDeclaration(
        id: "deliverect", title: "Deliverect Update Store Status",
        summary: "Deliverect Update Store Status request body (POST /updateStoreStatus/{locationId})",
        description: "Body of POST /updateStoreStatus/{locationId}. Format id: deliverect.",
        settable: [
            DeliverectLinks.settable,
        ],
        root: ObjectShape(
            name: "Deliverect store status",
            fields: [
                Field("isActive", .boolean, required: true, description: "false: busy mode, closed to orders; true: online."),
                Field(
                    "channelLinks", .array(items: .string(minLength: 1), minItems: 1, unique: true), expected: "an array of channel link ids",
                    description: "Channel links to change; absent means every channel of the location."),
                Field(
                    "channelLink", .array(items: .string(minLength: 1), minItems: 1, unique: true), expected: "an array of channel link ids",
                    description: "Older name of channelLinks."),
                Field(
                    "disableAt", .string(pattern: #"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$"#),
                    description: "UTC time (yyyy-MM-ddTHH:mm:ssZ) at which the store re-opens; only with isActive false."),
                Field("prepTime", .integer(minimum: 0), description: "Preparation time in minutes, for the whole location."),
            ]))

    /// The `deliverect` format.
    public init() {}

    public func read(_ root: JSONValue, options: ConversionOptions, into decoded: inout Decoded) -> (Bool, [Finding]) {
        var findings: [Finding] = []
        guard var object = ObjectDecoder(root, shape: Self.declaration.rootReference, findings: &findings) else { return (false, findings) }
        let active = object.bool("isActive")
        var origins: Origins = [:]
        var doc = Availability()
        if object.member("channelLinks") == nil, let old = object.member("channelLink") {
            object.report(
                "deliverect_channel_link_name", "'channelLink' is the older name; Deliverect's reference calls it 'channelLinks'", at: old,
                severity: .warning)
        }
        let listKey = object.member("channelLinks") != nil ? "channelLinks" : "channelLink"
        if let list = object.present(listKey) {
            if list.isArray, !list.items.isEmpty, list.items.allSatisfy({ $0.stringValue?.isEmpty == false }) {
                doc.channels = list.items.compactMap(\.stringValue).map { DeliverectLinks.channel(for: $0, options: options) }
                origins[.channels] = Origin(list)
            } else {
                object.wrongType(list, key: listKey)
            }
        }
        let disableAt = object.timestamp("disableAt")
        if let (t, node) = disableAt, t.offset != .utc || !t.fraction.isEmpty {
            let utc = Timestamp(unixSeconds: t.unixSeconds)?.rfc3339 ?? t.rfc3339
            // The same instant in Z is a spelling; cutting a fraction moves it.
            let fix = ObjectDecoder.replacing(node, with: "\"\(utc)\"", t.hasSubsecondPrecision ? .unsafe : .safe, "write '\(utc)'")
            object.report(
                "deliverect_utc_required",
                "'disableAt' '\(t.rfc3339)' must be UTC with 'Z' and whole seconds (yyyy-MM-ddTHH:mm:ssZ); write '\(utc)'",
                at: node, fix: fix)
        }
        // The location's preparation time is a setting, not availability: kept as written.
        if object.int64("prepTime") != nil, let node = object.member("prepTime") { decoded.keep(meta: node, of: id) }
        let leftovers = object.unknownMembers(request: true)
        findings += object.findings
        guard let (isActive, node) = active else { return (false, findings) }
        doc.state = isActive ? .open : .paused
        origins[.state] = Origin(node)
        var losses: [Loss] = []
        if let old = object.member("channelLink"), object.member("channelLinks") == nil, doc.channels != nil {
            losses.append(Loss(kind: .reencoded, field: "channels", origin: Origin(old), message: "'channelLink' is read as 'channelLinks'"))
        }
        if let (_, at) = disableAt, isActive {
            // A re-open time on an active store ends nothing: kept as written, never read as "open until".
            decoded.keep(meta: at, of: id)
            findings.append(Finding(
                ruleID: "deliverect_disable_at_requires_inactive", severity: .warning,
                message: "'disableAt' is set but 'isActive' is true; a re-open time applies only when setting 'isActive': false",
                location: at.location, pointer: at.pointer))
        } else {
            doc.until = origins.keep(disableAt, as: .until)
        }
        decoded.fill(doc, origins: origins, leftovers: leftovers)
        decoded.losses = losses
        return (true, findings)
    }

    public func write(_ source: Decoded, options: ConversionOptions, into out: inout JSONOutput) -> EncodeResult {
        return Encoding.with(source, target: id, options: options) { e in
            let doc = source.availability
            e.storeGoesInPath("/updateStoreStatus/{locationId}")
            guard let state = e.requireState() else { return e.finish() }
            var links: [String]?
            if let channels = doc.channels {
                guard let ids = DeliverectLinks.ids(for: channels, options: options, &e) else { return e.finish() }
                links = ids
            }
            out.beginObject()
            out.field("isActive", bool: state == .open)
            if let channels = links {
                out.key("channelLinks")
                out.beginArray()
                for c in channels {
                    out.item()
                    out.string(c)
                }
                out.endArray()
            }
            if let until = doc.until {
                if state == .open {
                    e.drop(.until, value: until.rfc3339, because: "disableAt applies only with isActive false")
                } else {
                    out.field("disableAt", e.utcSeconds(until, field: .until))
                }
            }
            out.endObject()
            if let reason = doc.reason { e.drop(.reason, value: reason.rawValue, because: "Deliverect's store status has no reason") }
            e.approximateStart()
            e.dropStatusExtras(since: "a status request cannot say when a state began")
            return e.finish()
        }
    }
}

/// Deliverect's busy-mode webhook to a channel (`deliverect.busy-mode`):
/// `status` `PAUSED` (closed to online orders), `BUSY` (still taking orders
/// with `delay` extra minutes: canonical `open` with `delay`) or `ONLINE`.
public struct DeliverectBusyModeFormat: AvailabilityFormat {
    enum Status: String, DeclaredEnum {
        static let ordered = OrderedCases(allCases)

        case paused = "PAUSED"
        case busy = "BUSY"
        case online = "ONLINE"
    }

    public var declaration: FormatDeclaration { Self.declaration }

    static let declaration = FormatDeclaration(
        id: "deliverect.busy-mode", title: "Deliverect busy-mode webhook",
        summary: "Deliverect busy-mode webhook (Deliverect to channel, POST to busyModeURL)",
        description: "Body Deliverect posts to a channel's busyModeURL. Format id: deliverect.busy-mode.",
        settable: [
            SettableField("accountId", help: "the Deliverect account id"),
            DeliverectLinks.settable,
        ],
        root: ObjectShape(
            name: "Deliverect busy mode",
            fields: [
                Field("accountId", .string()),
                Field("locationId", .string(), description: "The location: canonical 'store'."),
                Field("channelLinkId", .string(), description: "The channel link: canonical 'channels'."),
                Field("status", .enumeration(Status.self), required: true, description: "PAUSED: closed to online orders; BUSY: orders with a delay; ONLINE: busy mode off."),
                Field("delay", .integer(minimum: 1), description: "Minutes of delay, with BUSY."),
            ],
            conditions: [Condition(when: "status", is: "BUSY", requires: ["delay"], rule: "busy_requires_delay", subject: "status 'BUSY'")]))

    /// The `deliverect.busy-mode` format.
    public init() {}

    public func read(_ root: JSONValue, options: ConversionOptions, into decoded: inout Decoded) -> (Bool, [Finding]) {
        var findings: [Finding] = []
        guard var object = ObjectDecoder(root, shape: Self.declaration.rootReference, findings: &findings) else { return (false, findings) }
        let status = object.enumeration("status", Status.self)
        var origins: Origins = [:]
        var doc = Availability()
        if let (_, node) = object.string("accountId") { decoded.keep(meta: node, of: id) }
        doc.store = origins.keep(object.string("locationId"), as: .store).map { ChannelID.make($0, of: "deliverect") }
        if let (link, node) = object.string("channelLinkId") {
            doc.channels = [DeliverectLinks.channel(for: link, options: options)]
            origins[.channels] = Origin(node)
        }
        let delay = object.int64("delay")
        let leftovers = object.unknownMembers()
        guard let (status, node) = status else { return (false, findings + object.findings) }
        origins[.state] = Origin(node)
        doc.state = status == .paused ? .paused : .open
        if let (minutes, at) = delay {
            if status != .busy {
                object.report("delay_without_busy", "'delay' is set but 'status' is '\(status.rawValue)'; a delay belongs to BUSY", at: at, severity: .warning)
                // Meaningless without BUSY: kept as written, never read as a busy store.
                decoded.keep(meta: at, of: id)
            } else if (1...1440).contains(minutes) {
                doc.delay = Int(minutes)
                origins[.delay] = Origin(at)
            } else {
                object.report(StructureRuleID.integerRange, "'delay' \(minutes) is out of range; a busy-mode delay is 1 to 1440 minutes", at: at)
            }
        } else if status == .busy {
            object.report("busy_requires_delay", "status 'BUSY' needs 'delay' (minutes); add it", at: node)
        }
        decoded.fill(doc, origins: origins, leftovers: leftovers)
        return (true, findings + object.findings)
    }

    public func write(_ source: Decoded, options: ConversionOptions, into out: inout JSONOutput) -> EncodeResult {
        return Encoding.with(source, target: id, options: options) { e in
            let doc = source.availability
            guard let state = e.requireState() else { return e.finish() }
            e.carry(.delay)
            var link: String?
            if let channels = doc.channels {
                if channels.count == 1 {
                    guard let ids = DeliverectLinks.ids(for: channels, options: options, &e) else { return e.finish() }
                    link = ids[0]
                } else {
                    e.fail("the busy-mode webhook names one channel link; the source lists \(channels.count), so send one webhook each", field: .channels)
                    return e.finish()
                }
            }
            out.beginObject()
            // The account id: from --set, else as the source had it (filled back in).
            if let account = options.set["accountId"] { out.field("accountId", account) }
            if let store = e.storeID {
                out.field("locationId", store)
            } else if let other = doc.store {
                e.lose(.omitted, .store, "store '\(other)' is another provider's id, not a Deliverect location id")
            }
            if let link { out.field("channelLinkId", link) }
            switch state {
            case .open:
                if let delay = doc.delay {
                    out.field("status", Status.busy.rawValue)
                    out.field("delay", int: Int64(delay))
                } else {
                    out.field("status", Status.online.rawValue)
                }
            case .paused, .closed:
                out.field("status", Status.paused.rawValue)
                if let delay = doc.delay { e.drop(.delay, value: String(delay), because: "a delay belongs to BUSY, and the store is not taking orders") }
            }
            out.endObject()
            if let until = doc.until { e.drop(.until, value: until.rfc3339, because: "the busy-mode webhook has no end time") }
            if let reason = doc.reason { e.drop(.reason, value: reason.rawValue, because: "the busy-mode webhook has no reason") }
            e.approximateStart()
            e.dropStatusExtras(since: "the webhook does not say when a state began")
            return e.finish()
        }
    }
}
