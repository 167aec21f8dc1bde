import Foundation

/// What a decoder or encoder may use beyond the source document: the values the CLI's
/// `--reason`, `--timezone`, `--now` and `--set FIELD=VALUE` supply.
public struct ConversionOptions: Sendable {
    /// A pause reason for targets that need one when the source has none.
    public var reason: Availability.Reason?
    /// The store's IANA time zone, for rendering instants and reading local dates.
    public var timeZone: TimeZone?
    /// The clock for time-relative choices.
    public var now: Timestamp?
    /// Target fields the source cannot carry (`shop_id`, ...), as text.
    public var set: [String: String]

    /// The fields `set` may name: the encoders read these and no others
    /// (`channel_links.` is followed by a channel name).
    public static let settableFields = ["shop_id", "reason", "merchant_supplied_id", "doordash_store_id", "accountId"]
    public static let channelLinkPrefix = "channel_links."

    public init(reason: Availability.Reason? = nil, timeZone: TimeZone? = nil, now: Timestamp? = nil, set: [String: String] = [:]) {
        self.reason = reason
        self.timeZone = timeZone
        self.now = now
        self.set = set
    }
}

/// What an encoder reports after writing: what the target could not carry,
/// or the findings that explain why the target cannot be written (the
/// output is then discarded).
public enum EncodeResult: Sendable {
    case success([Loss])
    case failure([Finding])
}

/// An encoded document: its bytes and losses, or why it cannot be written.
public enum EncodeOutcome: Sendable {
    case success([UInt8], [Loss])
    case failure([Finding])
}

/// A wire format with a stable id, decoded to and encoded from canonical.
public protocol AvailabilityFormat: Sendable {
    /// The format's one declaration: id, summary, document shape. Structure
    /// checks, the schema and the docs are derived from it.
    var declaration: FormatDeclaration { get }
    /// Wire → canonical. Returns nil when the document cannot be read as this
    /// format at all; findings say why (and flag what was read anyway).
    func decode(_ root: JSONValue, options: ConversionOptions) -> (Decoded?, [Finding])
    /// Canonical → wire, written straight into `out` in the format's documented key order.
    func encode(_ source: Decoded, options: ConversionOptions, into out: inout JSONOutput) -> EncodeResult
}

extension AvailabilityFormat {
    /// The stable format id (`gett`, `gett.status`, ...).
    public var id: String { declaration.id }
    /// One line for `avail formats`.
    public var summary: String { declaration.summary }

    /// Canonical → wire as a whole document (its bytes without a final newline).
    public func encode(_ source: Decoded, options: ConversionOptions, style: JSONWriter.Style = .pretty) -> EncodeOutcome {
        var out = JSONOutput(style: style)
        switch encode(source, options: options, into: &out) {
        case .success(let losses): return .success(out.bytes, losses)
        case .failure(let findings): return .failure(findings)
        }
    }

    /// Decodes a tree built elsewhere (a YAML config's block), keeping its
    /// locations; the result's origins are resolved.
    public func decode(_ node: JSONNode, options: ConversionOptions) -> (Decoded?, [Finding]) {
        JSONDocument.withDocument(for: node) { document in
            let (decoded, findings) = decode(document.root, options: options)
            return (decoded?.resolved(in: document), findings)
        }
    }
}

/// Every format AvailKit speaks.
public enum Formats {
    public static let all: [any AvailabilityFormat] = [
        CanonicalFormat(),
        GettFormat(kind: .request),
        GettFormat(kind: .response),
        LulaFormat(),
        LulaStatusFormat(),
        TokopediaFormat(),
        TokopediaShopInfoFormat(),
        BigCommerceSettingsFormat(kind: .request),
        BigCommerceSettingsFormat(kind: .response),
        BigCommerceChannelFormat(),
        UberEatsFormat(),
        UberEatsStatusFormat(),
        UberEatsHolidayHoursFormat(),
        DoorDashFormat(),
        DoorDashDeactivationFormat(),
        DoorDashStoreFormat(),
        GrubhubFormat(),
        GrubhubOrderTypesFormat(),
        GrubhubOverrideFormat(),
        DeliverectFormat(),
        DeliverectBusyModeFormat(),
    ]

    public static var ids: [String] { all.map(\.id) }

    public static func named(_ id: String) -> (any AvailabilityFormat)? {
        all.first { $0.id == id }
    }
}
