import AvailKit

extension StoreConfig {
    /// The store config's one declaration: the decoder's structure checks and
    /// `avail schema store-config` are derived from it.
    public static let declaration = FormatDeclaration(
        id: "store-config", title: "AvailKit store config",
        summary: "YAML store configuration, version 1",
        description: "YAML store configuration, version 1: stores, their provider ids, time zones, availability and planned closures. "
            + "Use with yaml-language-server: '# yaml-language-server: $schema=<path>/store-config.schema.json'.",
        root: ObjectShape(
            name: "store config",
            fields: [
                Field("version", .constant(1), required: true),
                Field("rules", .object(rules), description: "Rule settings for this file."),
                Field("stores", .array(items: .named("store", .object(store))), required: true, expected: "a list of stores"),
            ]))

    static let rules = ObjectShape(
        name: "rules",
        fields: [
            Field("disable", .array(items: .string(pattern: "^[a-z_]+$")), expected: "a list of rule ids"),
            Field("severity", .map(.enumeration(["error", "warning", "note"])), expected: "a mapping of rule id to level"),
        ])

    static let store = ObjectShape(
        name: "store",
        fields: [
            Field("id", .string(minLength: 1), required: true),
            Field("name", .string()),
            Field("timezone", .string(), required: true, description: "IANA time zone name, e.g. America/Denver."),
            Field("providers", .object(providers)),
            Field("availability", .object(CanonicalFormat.document)),
            Field("closures", .array(items: .object(closure)), expected: "a list of closures"),
        ])

    static let providers = ObjectShape(
        name: "providers", fields: Provider.allCases.map { Field($0.rawValue, .object($0.ids)) })

    static let closure = ObjectShape(
        name: "closure",
        fields: [
            Field("from", .timestamp, required: true),
            Field("until", .timestamp, required: true),
            Field("reason", .reason),
            Field("note", .string()),
            Field(
                "channels", CanonicalFormat.channels, expected: "a non-empty list of channel names",
                description: "Sales channels affected; absent means every channel."),
        ],
        description: "A planned closure window.")
}

extension Provider {
    /// The ids a store has on this provider, as its config block declares them (made once).
    var ids: ObjectShape { Self.idShapes[Self.allCases.firstIndex(of: self) ?? 0] }

    private static let idShapes = allCases.map(\.declaredIDs)

    private var declaredIDs: ObjectShape {
        let fields: [Field] =
            switch self {
            case .gett: [Field("store_id", .string(format: "uuid"), required: true)]
            case .lula: [Field("store_id", .string(minLength: 1), required: true)]
            case .tokopedia: [Field("fs_id", .integer(), required: true), Field("shop_id", .integer(), required: true)]
            case .bigcommerce:
                [Field("store_hash", .string(minLength: 1), required: true), Field("channel_id", .integer(minimum: 1), required: true)]
            case .ubereats: [Field("store_id", .string(format: "uuid"), required: true, description: "Uber Eats store UUID.")]
            case .doordash: [Field("merchant_supplied_id", .string(minLength: 1), required: true)]
            case .grubhub: [Field("merchant_id", .string(minLength: 1), required: true)]
            case .deliverect:
                [
                    Field(
                        "location_id", .string(pattern: "^[0-9a-f]{24}$"), required: true,
                        description: "Deliverect location id (24 hexadecimal digits)."),
                    Field(
                        "channel_links", .map(.string(pattern: "^[0-9a-f]{24}$")), expected: "a mapping of channel name to channel link id",
                        description: "Channel name (ubereats, doordash, ...) to its Deliverect channel link id."),
                ]
            case .wolt: [Field("venue_id", .string(minLength: 1), required: true, description: "Wolt venueId.")]
            case .justeat:
                [
                    Field("restaurant_id", .string(minLength: 1, pattern: "^[^,]+$"), required: true, description: "Just Eat restaurant id (one; no comma)."),
                    Field("tenant", .enumeration(JustEatAPI.tenants), required: true, description: "Just Eat tenant: uk, ie, it, es, dk, no, au, nz or ca."),
                ]
            case .deliveryhero:
                [
                    Field("chain_code", .string(minLength: 1), required: true, description: "Delivery Hero POS middleware chainCode."),
                    Field("vendor_id", .string(minLength: 1), required: true, description: "The vendor's posVendorId (remoteId)."),
                    Field(
                        "platforms", .map(.string(minLength: 1)), required: true, expected: "a mapping of platformKey to platformRestaurantId",
                        description: "Each platform the vendor is listed on (TB, FO_DE, ...) to its platformRestaurantId (a string)."),
                ]
            case .ifood: [Field("merchant_id", .string(minLength: 1), required: true, description: "iFood merchantId.")]
            case .grab:
                [
                    Field(
                        "merchant_id", .string(pattern: "^[0-9]+-[A-Z0-9]+$"), required: true,
                        description: "GrabFood merchantID, such as 1-CYNGRUNGSBCCC."),
                ]
            }
        return ObjectShape(name: "\(rawValue) ids", fields: fields)
    }
}
