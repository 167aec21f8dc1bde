import Foundation

/// The `--set NAME=VALUE` values, by name.
///
/// There are a handful at most, and encoders look them up per record (a
/// Tokopedia shop id, a DoorDash store id): a search of a few short names
/// costs less than hashing the name for a dictionary.
public struct SetFields: ExpressibleByDictionaryLiteral, Sendable {
    private var pairs: [(name: String, value: String)] = []

    /// The values of a dictionary literal (a name given twice keeps its last value).
    public init(dictionaryLiteral elements: (String, String)...) {
        for (name, value) in elements { self[name] = value }
    }

    /// The rest of the first name that starts with `prefix` and is set to
    /// `value` (`ubereats` for `channel_links.ubereats=L1` and `L1`), or nil.
    public func name(prefixed prefix: String, withValue value: String) -> String? {
        pairs.first { $0.name.hasPrefix(prefix) && $0.value == value }.map { String($0.name.dropFirst(prefix.count)) }
    }

    /// Every field set whose name starts with `prefix`, as (the rest of the
    /// name, value), in the order they were set (`TB` and `123` for `platforms.TB=123`).
    public func values(prefixed prefix: String) -> [(name: String, value: String)] {
        pairs.filter { $0.name.hasPrefix(prefix) && $0.name.count > prefix.count }.map { (String($0.name.dropFirst(prefix.count)), $0.value) }
    }

    /// The value set for `name`, or nil.
    public subscript(name: String) -> String? {
        get { pairs.first { $0.name == name }?.value }
        set {
            let i = pairs.firstIndex { $0.name == name }
            switch (i, newValue) {
            case (let i?, let value?): pairs[i].value = value
            case (let i?, nil): pairs.remove(at: i)
            case (nil, let value?): pairs.append((name, value))
            case (nil, nil): break
            }
        }
    }
}

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
    public var set: SetFields
    /// Whether notes (re-encodings and omitted metadata, ``Loss/Kind/isNote``)
    /// get their messages; true unless a caller never shows them. A plan
    /// turns it off: rendering every re-encoded timestamp cost `avail lint`
    /// about 3% of its instructions.
    public var describesNotes = true
    /// Whether a plan's bodies are read back and checked against their
    /// meaning (``AvailabilityFormat/checkedBody(for:options:)``); `avail
    /// lint`, which plans every store only for its losses, turns it off.
    public var checksMeaning = true
    /// Whether a store config's own id for the target fills the request
    /// path (``Converter/StoreTarget/endpoint``): the document's store id is
    /// then not the target's concern, and encoders report nothing about it.
    var storeFillsPath = false

    /// The fields `set` may name: what the formats' declarations say their
    /// encoders read (``FormatDeclaration/settable``), each once, in format order.
    public static let settableFields: [SettableField] = {
        var seen = Set<String>()
        return Formats.all.flatMap(\.declaration.settable).filter { seen.insert($0.display).inserted }
    }()

    /// Sets the `--set` field `key` to `value` for a store's ids; a value
    /// already there (given on the command line) is kept unless `overriding`.
    public mutating func supply(_ key: String, _ value: String, overriding: Bool) {
        if overriding || set[key] == nil { set[key] = value }
    }

    /// The settable field `key` names, if any.
    public static func settableField(_ key: String) -> SettableField? {
        settableFields.first { $0.matches(key) }
    }

    /// Options with nothing supplied: encoders that need a value the source lacks report why.
    public init(reason: Availability.Reason? = nil, timeZone: TimeZone? = nil, now: Timestamp? = nil, set: SetFields = [:]) {
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
    /// Written; what the target could not carry exactly (maybe nothing).
    case success([Loss])
    /// Not written, and why.
    case failure([Finding])
}

/// An encoded document: its bytes and losses, or why it cannot be written.
public enum EncodeOutcome: Sendable {
    /// The document's bytes and what the target could not carry exactly.
    case success([UInt8], [Loss])
    /// Not written, and why.
    case failure([Finding])
}

/// A wire format with a stable id, decoded to and encoded from canonical.
public protocol AvailabilityFormat: Sendable {
    /// The format's one declaration: id, summary, document shape. Structure
    /// checks, the schema and the docs are derived from it.
    var declaration: FormatDeclaration { get }
    /// Wire → canonical, written into `decoded`, which arrives empty
    /// (``Decoded/clear()``). Returns false when the document cannot be read as
    /// this format at all, and the findings: why not, and flags on what was
    /// read anyway. Call it through ``decode(_:options:into:)``, which empties
    /// `decoded` first.
    func read(_ root: JSONValue, options: ConversionOptions, into decoded: inout Decoded) -> (Bool, [Finding])
    /// Canonical → wire, written straight into `out` in the format's
    /// documented key order. Call it through ``encode(_:options:into:)``,
    /// which gives a format that writes one statement exactly one, and fills
    /// in the members kept for it (``Availability/meta``).
    func write(_ source: Decoded, options: ConversionOptions, into out: inout JSONOutput) -> EncodeResult
}

extension AvailabilityFormat {
    /// The stable format id (`gett`, `gett.status`, ...).
    public var id: String { declaration.id }
    /// One line for `avail formats`.
    public var summary: String { declaration.summary }

    /// Wire → canonical into `decoded`, emptied first: a stream decodes every
    /// record into one value. Returns false when the document cannot be read as
    /// this format at all (`decoded` then holds what was read), and the findings.
    public func decode(_ root: JSONValue, options: ConversionOptions, into decoded: inout Decoded) -> (Bool, [Finding]) {
        decoded.clear()
        return read(root, options: options, into: &decoded)
    }

    /// Wire → canonical. Returns nil when the document cannot be read as this
    /// format at all; findings say why (and flag what was read anyway).
    public func decode(_ root: JSONValue, options: ConversionOptions) -> (Decoded?, [Finding]) {
        var decoded = Decoded()
        let (read, findings) = read(root, options: options, into: &decoded)
        return (read ? decoded : nil, findings)
    }

    /// Canonical → wire, appended to `out`: the document's statements as the
    /// format holds them (one, for most: ``Statements/projected(_:for:)``
    /// says what the others became), then the members kept for this format
    /// filled back in.
    public func encode(_ source: Decoded, options: ConversionOptions, into out: inout JSONOutput) -> EncodeResult {
        // A platform's own payload sent to another single-store target says the same of the store there.
        if source.availability.channels != nil, let (retargeted, notes) = source.retargeted(to: declaration.platform, target: id) {
            let result = encode(retargeted, options: options, into: &out)
            if case .success(let losses) = result { return .success(notes + losses) }
            return result
        }
        let start = out.count
        var result: EncodeResult
        if source.availability.also.isEmpty || declaration.writesStatements {
            result = write(source, options: options, into: &out)
        } else {
            let (one, losses) = Statements.projected(source, for: declaration)
            result = write(one, options: options, into: &out)
            if case .success(let written) = result { result = .success(losses + written) }
        }
        if case .success = result, source.hasKeptMembers, source.metaFormats.contains(id) {
            let document = out.withBytes { Array($0[start...]) }
            if let filled = source.allMeta.filling(document, format: id, style: out.style) {
                out.truncate(to: start)
                out.append(document: filled)
            }
        }
        return result
    }

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
    /// Every format, in the order `avail formats` lists them.
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
        WoltFormat(),
        WoltStatusFormat(),
        JustEatFormat(),
        JustEatOfflineStatusFormat(),
        JustEatStatusFormat(),
        DeliveryHeroFormat(),
        DeliveryHeroAvailabilityFormat(),
        IFoodFormat(),
        IFoodStatusFormat(),
        GrabFormat(),
        GrabStatusFormat(),
    ]

    /// Every format id, in ``all``'s order.
    public static var ids: [String] { all.map(\.id) }

    /// The format with id `id` (`gett.status`, `canonical`, …), or nil.
    public static func named(_ id: String) -> (any AvailabilityFormat)? {
        all.first { $0.id == id }
    }
}
