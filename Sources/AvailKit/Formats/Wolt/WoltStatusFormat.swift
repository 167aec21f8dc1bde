import Foundation

/// Wolt Get venue status (`wolt.status`): the response of
/// `GET /venues/{venueId}/status`.
///
/// `status.is_online` is the venue's online status, the one
/// `PATCH /venues/{venueId}/online` sets: `false` is a pause (with no end and
/// no reason: the response has neither). `status.is_open` says whether the
/// venue is within its opening hours (inferred; Wolt says "the open status
/// of the venue"): hours are not a pause, so an online venue outside its
/// hours reads as `open` with a note, and `is_open` is kept as written.
/// `external_venue_id` (the partner's id for the venue, present on the
/// production page only) is canonical `store`; everything else (contact
/// details, opening and special times, delivery area, settings, the last
/// three orders) says nothing about the online status and is kept.
public struct WoltStatusFormat: AvailabilityFormat {
    enum OrderStatus: String, DeclaredEnum {
        static let ordered = OrderedCases(allCases)

        case received = "RECEIVED", fetched = "FETCHED", acknowledged = "ACKNOWLEDGED", production = "PRODUCTION", ready = "READY"
        case delivered = "DELIVERED", rejected = "REJECTED", deferredPaymentFailed = "DEFERRED_PAYMENT_FAILED", other = "OTHER"
    }

    public var declaration: FormatDeclaration { Self.declaration }

    static let status = ObjectShape(
        name: "venue status",
        fields: [
            Field("is_open", .boolean, description: "The open status of the venue (within its opening hours)."),
            Field("is_online", .boolean, required: true, description: "The online status of the venue: false while it is set offline."),
            Field("is_ipad_free", .boolean, description: "Whether the venue operates without the Wolt Merchant app."),
        ])

    /// Members that describe the venue rather than its online status: kept as written.
    static let keptKeys = [
        "contact_details", "opening_times", "special_times", "delivery_area", "venue_config", "last_three_orders_status",
        "order_handling_configuration",
    ]

    static let declaration = FormatDeclaration(
        id: "wolt.status", title: "Wolt Get venue status",
        summary: "Wolt venue status response (GET /venues/{venueId}/status: is_online, is_open)",
        description: "Response of GET /venues/{venueId}/status. Format id: wolt.status.",
        platform: DeliveryChannel.wolt.rawValue,
        root: ObjectShape(
            name: "Wolt venue status",
            fields: [
                Field("external_venue_id", .string(), description: "The partner's id for the venue (canonical store); on the production page only."),
                Field("status", .object(status), required: true),
                Field("contact_details", .anyObject),
                Field("opening_times", .array(items: .anyObject), expected: "an array of opening times"),
                Field("special_times", .array(items: .anyObject), expected: "an array of special times"),
                Field("delivery_area", .array(items: .anyObject), expected: "an array of points"),
                Field("venue_config", .anyObject),
                Field(
                    "last_three_orders_status", .array(items: .enumeration(OrderStatus.self)), expected: "an array of order statuses",
                    description: "Status of the latest three orders."),
                Field("order_handling_configuration", .anyObject),
            ]))

    /// The `wolt.status` format.
    public init() {}

    public func read(_ root: JSONValue, options: ConversionOptions, into decoded: inout Decoded) -> (Bool, [Finding]) {
        var findings: [Finding] = []
        guard var object = ObjectDecoder(root, shape: Self.declaration.rootReference, findings: &findings) else { return (false, findings) }
        var origins: Origins = [:]
        var doc = Availability()
        doc.store = origins.keep(object.string("external_venue_id"), as: .store)
        let statusNode = object.present("status")
        for key in Self.keptKeys {
            guard let node = object.member(key) else { continue }
            if key == "last_three_orders_status", node.isArray {
                for item in node.items where item.stringValue.flatMap(OrderStatus.init(rawValue:)) == nil {
                    object.report(StructureRuleID.enumValue, "order status '\(item.summary)' is not one of Wolt's order statuses", at: item)
                }
            } else if key == "contact_details" || key == "venue_config" || key == "order_handling_configuration" ? !node.isObject : !node.isArray {
                object.wrongType(node, key: key)
            }
            decoded.keep(meta: node, of: id)
        }
        var leftovers = object.unknownMembers()
        findings += object.findings
        guard let statusNode else { return (false, findings) }
        var inner: [Finding] = []
        guard var status = ObjectDecoder(statusNode, shape: Self.status.reference, findings: &inner) else { return (false, findings + inner) }
        let online = status.bool("is_online")
        let open = status.bool("is_open")
        _ = status.bool("is_ipad_free")
        for key in ["is_open", "is_ipad_free"] { if let node = status.member(key) { decoded.keep(meta: node, of: id) } }
        leftovers += status.unknownMembers()
        guard let (isOnline, onlineNode) = online else { return (false, findings + status.findings) }
        doc.state = isOnline ? .open : .paused
        origins[.state] = Origin(onlineNode)
        if isOnline, let (isOpen, openNode) = open, !isOpen {
            status.report(
                "wolt_outside_opening_hours",
                "the venue is online but outside its opening hours ('is_open' false): it takes no orders until its hours open it, and it is read as open (not paused)",
                at: openNode, severity: .note)
        }
        findings += status.findings
        decoded.fill(doc, origins: origins, leftovers: leftovers)
        decoded.scope(to: .wolt)
        return (!findings.hasErrors, findings)
    }

    public func write(_ source: Decoded, options: ConversionOptions, into out: inout JSONOutput) -> EncodeResult {
        return Encoding.with(source, target: id, options: options) { e in
            let doc = source.availability
            guard let state = e.requireState() else { return e.finish() }
            out.beginObject()
            if let store = doc.store { out.field("external_venue_id", store) }
            out.key("status")
            out.beginObject()
            out.field("is_online", bool: state == .open)
            out.endObject()
            out.endObject()
            if let reason = doc.reason { e.drop(.reason, value: reason.rawValue, because: "Wolt's venue status has no reason") }
            if let until = doc.until { e.drop(.until, value: until.rfc3339, because: "Wolt's venue status does not say when the venue comes back online") }
            if let from = doc.from { e.drop(.from, value: from.rfc3339, because: "the venue status response has no scheduled start") }
            e.scope(to: .wolt)
            e.dropStatusExtras(since: "the venue status response does not say when the venue went offline")
            return e.finish()
        }
    }
}
