/// Just Eat's Restaurant Offline Status callback (`justeat.offline-status`):
/// the `RestaurantOfflineStatus` body Just Eat PUTs to a partner's
/// `/restaurant-offline-status` when an offline event takes a restaurant
/// offline or changes whether the restaurant may override it.
///
/// `IsOffline` is the state (no end, no reason: the callback has neither);
/// `RestaurantId` is canonical `store` (as `justeat:ID`); `Tenant` and
/// `AllowRestaurantOverride` are kept as written. Its members are
/// PascalCase where the request's are camelCase.
public struct JustEatOfflineStatusFormat: AvailabilityFormat {
    public var declaration: FormatDeclaration { Self.declaration }

    static let declaration = FormatDeclaration(
        id: "justeat.offline-status", title: "Just Eat Restaurant Offline Status callback",
        summary: "Just Eat Takeaway.com offline-status webhook (PUT /restaurant-offline-status: IsOffline, RestaurantId, Tenant)",
        description: "Body Just Eat PUTs to a partner's /restaurant-offline-status (RestaurantOfflineStatus). Format id: justeat.offline-status.",
        settable: [JustEat.tenant],
        platform: DeliveryChannel.justeat.rawValue,
        root: ObjectShape(
            name: "Just Eat restaurant offline status",
            fields: [
                Field(
                    "AllowRestaurantOverride", .nullable(.boolean),
                    description: "Whether the restaurant may reverse this offline status through the Restaurant Events endpoints."),
                Field("IsOffline", .boolean, required: true, description: "true: taken offline by an active offline event."),
                Field("RestaurantId", .string(), description: "The Just Eat restaurant id (canonical store)."),
                Field("Tenant", .enumeration(JustEat.tenants), description: "au, ca, dk, es, ie, it, no, nz or uk."),
            ]))

    /// The `justeat.offline-status` format.
    public init() {}

    public func read(_ root: JSONValue, options: ConversionOptions, into decoded: inout Decoded) -> (Bool, [Finding]) {
        var findings: [Finding] = []
        guard var object = ObjectDecoder(root, shape: Self.declaration.rootReference, findings: &findings) else { return (false, findings) }
        if let node = object.member("AllowRestaurantOverride") {
            object.checkType("AllowRestaurantOverride")
            decoded.keep(meta: node, of: id)
        }
        let offline = object.bool("IsOffline")
        var origins: Origins = [:]
        var doc = Availability()
        doc.store = origins.keep(object.string("RestaurantId"), as: .store).map { ChannelID.make($0, of: "justeat") }
        if object.enumeration("Tenant", TenantName.self) != nil, let node = object.member("Tenant") { decoded.keep(meta: node, of: id) }
        let leftovers = object.unknownMembers()
        guard let (isOffline, node) = offline else { return (false, findings + object.findings) }
        doc.state = isOffline ? .paused : .open
        origins[.state] = Origin(node)
        decoded.fill(doc, origins: origins, leftovers: leftovers)
        decoded.scope(to: .justeat)
        return (true, findings + object.findings)
    }

    public func write(_ source: Decoded, options: ConversionOptions, into out: inout JSONOutput) -> EncodeResult {
        return Encoding.with(source, target: id, options: options) { e in
            let doc = source.availability
            guard let state = e.requireState() else { return e.finish() }
            out.beginObject()
            out.field("IsOffline", bool: state != .open)
            if let store = e.storeID {
                out.field("RestaurantId", store)
            } else if let store = doc.store {
                e.lose(.omitted, .store, "store '\(store)' is another provider's id, not a Just Eat restaurant id; it is not written")
            }
            if let tenant = options.set[JustEat.tenant.name] { out.field("Tenant", tenant) }
            out.endObject()
            JustEat.dropCallbackExtras(&e, doc, callback: "the offline-status callback")
            return e.finish()
        }
    }
}

/// Tenant names as a declared enum, for decoding.
struct TenantName: DeclaredEnum {
    static let ordered = OrderedCases(JustEat.tenants.map(TenantName.init(rawValue:)).compactMap { $0 })
    static var allCases: [TenantName] { Array(ordered) }
    let rawValue: String
    init?(rawValue: String) { self.rawValue = rawValue }
}

/// Just Eat's RestaurantStatusChange callback (`justeat.status`): the
/// `restaurant-status` event, `{"Event": "RestaurantStatusChange",
/// "Status": "online" | "offline", "RestaurantReference": ...}`, which tells
/// a partner that a restaurant went offline or came back online.
///
/// `Status` is the state; `RestaurantReference` is canonical `store`;
/// `Event` and the deprecated `Message` ("should not be used") are kept as written.
public struct JustEatStatusFormat: AvailabilityFormat {
    enum Status: String, DeclaredEnum {
        static let ordered = OrderedCases(allCases)

        case online
        case offline
    }

    public var declaration: FormatDeclaration { Self.declaration }

    static let declaration = FormatDeclaration(
        id: "justeat.status", title: "Just Eat RestaurantStatusChange callback",
        summary: "Just Eat Takeaway.com restaurant status event (RestaurantStatusChange: Status online/offline)",
        description: "The restaurant-status callback Just Eat sends a partner (Event RestaurantStatusChange). Format id: justeat.status.",
        platform: DeliveryChannel.justeat.rawValue,
        root: ObjectShape(
            name: "Just Eat restaurant status",
            fields: [
                Field("Event", .enumeration(["RestaurantStatusChange"])),
                Field("Message", .string(), description: "Deprecated: 'should not be used'; kept as written."),
                Field("RestaurantReference", .string(), description: "The Just Eat restaurant id (canonical store)."),
                Field("Status", .enumeration(Status.self), required: true, description: "online or offline."),
            ]))

    /// The `justeat.status` format.
    public init() {}

    public func read(_ root: JSONValue, options: ConversionOptions, into decoded: inout Decoded) -> (Bool, [Finding]) {
        var findings: [Finding] = []
        guard var object = ObjectDecoder(root, shape: Self.declaration.rootReference, findings: &findings) else { return (false, findings) }
        if let node = object.member("Event") {
            if !node.isString("RestaurantStatusChange") {
                _ = object.string("Event")
                if node.isString {
                    object.report(StructureRuleID.enumValue, "'Event' value '\(node.summary)' is not 'RestaurantStatusChange'", at: node)
                }
            }
            decoded.keep(meta: node, of: id)
        }
        if object.string("Message") != nil, let node = object.member("Message") { decoded.keep(meta: node, of: id) }
        var origins: Origins = [:]
        var doc = Availability()
        doc.store = origins.keep(object.string("RestaurantReference"), as: .store).map { ChannelID.make($0, of: "justeat") }
        let status = object.enumeration("Status", Status.self)
        let leftovers = object.unknownMembers()
        guard let (status, node) = status, !object.findings.hasErrors else { return (false, findings + object.findings) }
        doc.state = status == .online ? .open : .paused
        origins[.state] = Origin(node)
        decoded.fill(doc, origins: origins, leftovers: leftovers)
        decoded.scope(to: .justeat)
        return (true, findings + object.findings)
    }

    public func write(_ source: Decoded, options: ConversionOptions, into out: inout JSONOutput) -> EncodeResult {
        return Encoding.with(source, target: id, options: options) { e in
            let doc = source.availability
            guard let state = e.requireState() else { return e.finish() }
            out.beginObject()
            out.field("Event", "RestaurantStatusChange")
            if let store = e.storeID {
                out.field("RestaurantReference", store)
            } else if let store = doc.store {
                e.lose(.omitted, .store, "store '\(store)' is another provider's id, not a Just Eat restaurant id; it is not written")
            }
            out.field("Status", (state == .open ? Status.online : .offline).rawValue)
            out.endObject()
            JustEat.dropCallbackExtras(&e, doc, callback: "the status callback")
            return e.finish()
        }
    }
}

extension JustEat {
    /// What a callback that says only online or offline cannot carry.
    static func dropCallbackExtras(_ e: inout Encoding, _ doc: Availability, callback: String) {
        if let reason = doc.reason { e.drop(.reason, value: reason.rawValue, because: "\(callback) has no reason") }
        if let until = doc.until { e.drop(.until, value: until.rfc3339, because: "\(callback) does not say when the restaurant comes back online") }
        if let from = doc.from { e.drop(.from, value: from.rfc3339, because: "\(callback) has no scheduled start") }
        e.scope(to: .justeat)
        e.dropStatusExtras(since: "\(callback) does not say when the restaurant went offline")
    }
}
