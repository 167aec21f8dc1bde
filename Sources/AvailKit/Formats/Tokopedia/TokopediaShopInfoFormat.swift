/// Tokopedia Get Shop Info response (`tokopedia.shop-info`):
/// `{"header": {...}, "data": [{"shop_id", "is_open": 1|0, "reason"}]}`.
///
/// `is_open` 1 is open, 0 paused; `reason` is free text (the note). One shop
/// per document: a `data` array with several shops is a finding.
public struct TokopediaShopInfoFormat: AvailabilityFormat {
    public var declaration: FormatDeclaration { Self.declaration }

    static let entry = ObjectShape(
        name: "shop-info entry",
        fields: [Field("shop_id", .integer()), Field("is_open", .integerEnumeration([0, 1]), required: true), Field("reason", .string())])

    static let declaration = FormatDeclaration(
        id: "tokopedia.shop-info", title: "Tokopedia Get Shop Info response",
        summary: "Tokopedia Get Shop Info response (GET /v1/shop/fs/{fs_id}/shop-info: is_open, reason)",
        description: "Response of GET /v1/shop/fs/{fs_id}/shop-info (the fields AvailKit reads). Format id: tokopedia.shop-info.",
        settable: [
            SettableField("shop_id", .integer, help: "the Tokopedia shop id, an integer (a store config's tokopedia shop_id)"),
        ],
        platform: "tokopedia",
        root: ObjectShape(
            name: "Tokopedia shop-info response",
            fields: [
                Field("header", .anyObject),
                Field("data", .array(items: .object(entry), minItems: 1), required: true, expected: "an array of shops"),
            ]))

    /// The `tokopedia.shop-info` format.
    public init() {}

    public func read(_ root: JSONValue, options: ConversionOptions, into decoded: inout Decoded) -> (Bool, [Finding]) {
        var findings: [Finding] = []
        guard var top = ObjectDecoder(root, shape: Self.declaration.rootReference, findings: &findings) else {
            return (false, findings)
        }
        var leftovers = top.unknownMembers()
        if let header = top.member("header") { decoded.keep(meta: header, of: id) }
        guard let data = top.present("data") else { return (false, findings + top.findings) }
        guard data.isArray else {
            top.wrongType(data, key: "data")
            return (false, findings + top.findings)
        }
        let entries = Array(data.items)
        guard entries.count == 1 else {
            top.report(
                entries.isEmpty ? "no_availability" : "not_representable",
                entries.isEmpty
                    ? "'data' lists no shop; there is no availability to read"
                    : "'data' lists \(entries.count) shops; a canonical document holds one, so split them", at: data)
            return (false, findings + top.findings)
        }
        findings += top.findings
        guard var entry = ObjectDecoder(entries[0], shape: Self.entry.reference, findings: &findings) else {
            return (false, findings)
        }
        let shop = entry.int64("shop_id")
        let reason = entry.string("reason")
        var state: (Availability.State, JSONValue)? = nil
        if let node = entry.present("is_open") {
            if node.isInteger, let n = node.number, n.text == "1" || n.text == "0" {
                state = (n.text == "1" ? .open : .paused, node)
            } else if let b = node.boolValue {
                entry.report(StructureRuleID.typeMismatch, "'is_open' must be 1 or 0, found \(b); write \(b ? 1 : 0)", at: node)
            } else {
                entry.report(StructureRuleID.enumValue, "'is_open' must be 1 (open) or 0 (closed), found '\(node.summary)'", at: node)
            }
        }
        leftovers += entry.unknownMembers()
        findings += entry.findings
        guard let (s, stateNode) = state else { return (false, findings) }
        var doc = Availability(state: s)
        var origins: Origins = [.state: Origin(stateNode)]
        if let (id, node) = shop {
            doc.store = ChannelID.make(String(id), of: "tokopedia")
            origins[.store] = Origin(node)
        }
        if let (text, node) = reason {
            if !text.isEmpty {
                doc.note = text
                origins[.note] = Origin(node)
            } else {
                decoded.keep(meta: node, of: id)  // written back, empty
            }
        }
        decoded.fill(doc, origins: origins, leftovers: leftovers)
        return (true, findings)
    }

    public func write(_ source: Decoded, options: ConversionOptions, into out: inout JSONOutput) -> EncodeResult {
        return Encoding.with(source, target: id, options: options) { e in
            let doc = source.availability
            guard let state = e.requireState() else { return e.finish() }
            out.beginObject()
            out.key("data")
            out.beginArray()
            out.item()
            out.beginObject()
            if let shop = e.tokopediaShopID(options: options, required: false) { out.field("shop_id", int: shop) }
            out.field("is_open", int: state == .open ? 1 : 0)
            if doc.note != nil || e.writes("/data/0/reason") { out.field("reason", doc.note ?? "") }
            out.endObject()
            out.endArray()
            out.endObject()
            if let reason = doc.reason { e.drop(.reason, value: reason.rawValue, because: "Tokopedia has no reason codes (its 'reason' is free text)") }
            if let since = doc.since { e.drop(.since, value: since.rfc3339, because: "shop-info does not say when the state began") }
            if let from = doc.from { e.drop(.from, value: from.rfc3339, because: "shop-info has no scheduled start") }
            if let until = doc.until { e.drop(.until, value: until.rfc3339, because: "shop-info has no end date") }
            if let channels = doc.channels { e.widen(channels: channels) }
            e.dropMessages()
            e.dropLeftovers()
            return e.finish()
        }
    }
}
