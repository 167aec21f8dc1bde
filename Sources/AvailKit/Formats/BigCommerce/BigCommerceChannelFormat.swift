/// A BigCommerce channel's `status` (`bigcommerce.channel`), as in the body of
/// `PUT /stores/{store_hash}/v3/channels/{channel_id}` and the channel object.
///
/// `active` is open; `inactive` is "down for maintenance" (paused, reason
/// `maintenance`); `prelaunch` and `disconnected` are paused without a reason;
/// `connected` is open. `archived`, `deleted` and `terminated` are not
/// availability states and cannot be converted.
public struct BigCommerceChannelFormat: AvailabilityFormat {
    public var declaration: FormatDeclaration { Self.declaration }

    static let declaration = FormatDeclaration(
        id: "bigcommerce.channel", title: "BigCommerce channel status",
        summary: "BigCommerce channel status (PUT /v3/channels/{channel_id}: active, inactive, prelaunch, ...)",
        description: "The channel object's status, as in PUT /stores/{store_hash}/v3/channels/{channel_id}. Format id: bigcommerce.channel.",
        platform: "bigcommerce",
        root: ObjectShape(
            name: "BigCommerce channel",
            fields: [
                Field("id", .integer(minimum: 1)), Field("name", .string()), Field("type", .string()), Field("platform", .string()),
                Field("status", .enumeration(Status.self), required: true),
            ]))

    enum Status: String, DeclaredEnum {
        static let ordered = OrderedCases(allCases)

        case active, prelaunch, inactive, connected, disconnected, archived, deleted, terminated
    }

    /// The `bigcommerce.channel` format.
    public init() {}

    public func read(_ root: JSONValue, options: ConversionOptions, into decoded: inout Decoded) -> (Bool, [Finding]) {
        var findings: [Finding] = []
        guard var object = ObjectDecoder(root, shape: Self.declaration.rootReference, findings: &findings) else {
            return (false, findings)
        }
        let status = object.enumeration("status", Status.self)
        let channel = object.int64("id")
        let leftovers = object.unknownMembers()
        for key in ["name", "type", "platform"] {
            if let node = object.member(key) { decoded.keep(meta: node, of: id) }
        }
        guard let (status, node) = status else { return (false, findings + object.findings) }
        var doc = Availability()
        var origins: Origins = [.state: Origin(node)]
        switch status {
        case .active:
            doc.state = .open
        case .connected:
            doc.state = .open
            doc.providerCode = "bigcommerce:connected"
        case .inactive:
            doc.state = .paused
            doc.reason = .maintenance
            origins[.reason] = Origin(node)
        case .prelaunch, .disconnected:
            doc.state = .paused
            doc.providerCode = "bigcommerce:\(status.rawValue)"
            origins[.providerCode] = Origin(node)
        case .archived, .deleted, .terminated:
            object.report(
                "not_representable",
                "channel status '\(status.rawValue)' is not an availability state; only active, inactive, prelaunch, connected and disconnected convert",
                at: node)
            return (false, findings + object.findings)
        }
        if let (id, idNode) = channel {
            doc.channels = [ChannelID.make(String(id), of: "bigcommerce")]
            origins[.channels] = Origin(idNode)
        }
        findings += object.findings
        decoded.fill(doc, origins: origins, leftovers: leftovers)
        return (true, findings)
    }

    public func write(_ source: Decoded, options: ConversionOptions, into out: inout JSONOutput) -> EncodeResult {
        return Encoding.with(source, target: id, options: options) { e in
            let doc = source.availability
            guard let state = e.requireState() else { return e.finish() }
            out.beginObject()
            if let channels = doc.channels, let channel = bigCommerceChannelID(channels, encoding: &e) {
                out.field("id", int: channel)
            }
            e.storeGoesInPath("/stores/{store_hash}/v3/channels/{channel_id}")
            e.carry(.providerCode)
            // BigCommerce's own status, when the source was a channel status it names.
            let own = doc.providerCode.flatMap { ChannelID.id($0, of: "bigcommerce") }.flatMap(Status.init(rawValue:))
            switch state {
            case .open:
                if let own, own == .connected {
                    out.field("status", own.rawValue)
                } else {
                    out.field("status", Status.active.rawValue)
                    if let code = doc.providerCode { e.drop(.providerCode, value: code, because: "an active channel has no code") }
                }
                if let reason = doc.reason { e.drop(.reason, value: reason.rawValue, because: "an active channel has no reason") }
            case .paused, .closed:
                if let own, own == .prelaunch || own == .disconnected {
                    out.field("status", own.rawValue)
                    if let reason = doc.reason { e.drop(.reason, value: reason.rawValue, because: "a '\(own.rawValue)' channel has no reason") }
                } else {
                    out.field("status", Status.inactive.rawValue)
                    if let code = doc.providerCode {
                        e.drop(.providerCode, value: code, because: "BigCommerce's 'inactive' means down for maintenance")
                    }
                    if let reason = doc.reason, reason != .maintenance {
                        e.approximate(.reason, value: reason.rawValue, because: "BigCommerce's 'inactive' means down for maintenance")
                    } else if doc.reason == nil {
                        e.approximate(.state, value: state.rawValue, because: "without a reason it becomes 'inactive', which BigCommerce shows as down for maintenance")
                    }
                }
            }
            if let note = doc.note { e.drop(.note, value: note, because: "a channel status has no note") }
            if let since = doc.since { e.drop(.since, value: since.rfc3339, because: "a channel status has no times") }
            if let from = doc.from {
                e.approximate(.from, value: from.rfc3339, because: "a channel status cannot be scheduled, so it would take effect at once")
            }
            if let until = doc.until { e.drop(.until, value: until.rfc3339, because: "a channel status has no automatic end") }
            e.dropMessages()
            e.dropLeftovers()
            out.endObject()
            return e.finish()
        }
    }
}
