import AvailKit
import Foundation

/// A store configuration (`version: 1`): stores, their provider ids, time
/// zones, current availability and planned closures, plus rule settings.
public struct StoreConfig: Sendable {
    /// The config schema version (`version:`; 1 today).
    public var version: Int
    /// `rules:` in the file: rules disabled or re-graded for this config.
    public var settings: RuleSettings
    /// The stores, in file order.
    public var stores: [Store]

    /// One store: its id, time zone, provider ids, pauses and planned closures.
    public struct Store: Sendable {
        /// The store's id, unique in the config.
        public var id: String
        /// A display name, if the config gives one.
        public var name: String?
        /// The IANA time-zone name as written (`timezone:`), even when it is not a known zone.
        public var timeZoneName: String?
        /// The time zone `timeZoneName` names, or nil when it is missing or unknown.
        public var timeZone: TimeZone?
        /// The store's id on each provider it is listed on.
        public var providers: Providers
        /// The availability block, decoded as a canonical document.
        public var availability: Decoded?
        /// Planned closures, each a canonical `closed` document.
        public var closures: [Decoded]
        /// The store's availability (pauses and closures) as a canonical JSON tree, with source locations.
        public var node: JSONNode
    }

    /// The ids a store has on each provider.
    public struct Providers: Sendable {
        /// The Gett partner store id.
        public var gett: String?
        /// The Lula store id.
        public var lula: String?
        /// Tokopedia's fulfilment-service id and shop id.
        public var tokopedia: (fsID: Int64, shopID: Int64)?
        /// BigCommerce's store hash and channel id.
        public var bigcommerce: (storeHash: String, channelID: Int64)?
        /// Uber Eats `store_id`.
        public var ubereats: String?
        /// DoorDash `merchant_supplied_id`.
        public var doordash: String?
        /// Grubhub `merchant_id`.
        public var grubhub: String?
        /// Deliverect `location_id`, and the channel link id of each channel name (`ubereats` → link id).
        public var deliverect: (locationID: String, channelLinks: [(channel: String, id: String)])?
        /// Wolt `venue_id`.
        public var wolt: String?
        /// Just Eat `restaurant_id` and `tenant`.
        public var justeat: (restaurantID: String, tenant: String)?
        /// Delivery Hero `chain_code`, `vendor_id` (the POS vendor id) and each platform's key and restaurant id.
        public var deliveryhero: (chainCode: String, vendorID: String, platforms: [(key: String, restaurantID: String)])?
        /// iFood `merchant_id`.
        public var ifood: String?
        /// GrabFood `merchant_id`.
        public var grab: String?
        /// Where each provider's block is, for findings.
        public var nodes: [Provider: JSONNode] = [:]
    }

    /// The store with config id `id`, if there is one.
    public func store(_ id: String) -> Store? { stores.first { $0.id == id } }
}

/// The providers a store can be configured for.
public enum Provider: String, CaseIterable, Sendable {
    /// A provider a store can be listed on, by its key under `providers:`.
    case gett, lula, tokopedia, bigcommerce, ubereats, doordash, grubhub, deliverect, wolt, justeat, deliveryhero, ifood, grab

    /// The provider whose API takes `format`'s bodies: its platform, or the provider its id names (`gett` for `gett.status`).
    public static func owning(_ format: any AvailabilityFormat) -> Provider? {
        Provider(rawValue: format.declaration.platform ?? "") ?? Provider(rawValue: String(format.id.prefix { $0 != "." }))
    }
}
