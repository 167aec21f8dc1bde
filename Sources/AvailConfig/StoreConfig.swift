import AvailKit
import Foundation

/// A store configuration (`version: 1`): stores, their provider ids, time
/// zones, current availability and planned closures, plus rule settings.
public struct StoreConfig: Sendable {
    public var version: Int
    /// `rules:` in the file: rules disabled or re-graded for this config.
    public var settings: RuleSettings
    public var stores: [Store]

    public struct Store: Sendable {
        public var id: String
        public var name: String?
        public var timeZoneName: String?
        public var timeZone: TimeZone?
        public var providers: Providers
        /// The availability block, decoded as a canonical document.
        public var availability: Decoded?
        /// Planned closures, each a canonical `closed` document.
        public var closures: [Decoded]
        public var node: JSONNode
    }

    /// The ids a store has on each provider.
    public struct Providers: Sendable {
        public var gett: String?
        public var lula: String?
        public var tokopedia: (fsID: Int64, shopID: Int64)?
        public var bigcommerce: (storeHash: String, channelID: Int64)?
        /// Uber Eats `store_id`.
        public var ubereats: String?
        /// DoorDash `merchant_supplied_id`.
        public var doordash: String?
        /// Grubhub `merchant_id`.
        public var grubhub: String?
        /// Deliverect `location_id`, and the channel link id of each channel name (`ubereats` → link id).
        public var deliverect: (locationID: String, channelLinks: [(channel: String, id: String)])?
        /// Where each provider's block is, for findings.
        public var nodes: [Provider: JSONNode] = [:]
    }

    public func store(_ id: String) -> Store? { stores.first { $0.id == id } }
}

/// The providers a store can be configured for.
public enum Provider: String, CaseIterable, Sendable {
    case gett, lula, tokopedia, bigcommerce, ubereats, doordash, grubhub, deliverect
}
