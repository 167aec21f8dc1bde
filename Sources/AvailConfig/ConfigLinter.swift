import AvailKit
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Lints a YAML store config: syntax, structure, every availability block
/// through the canonical rules, cross-store checks, closures, what each
/// configured provider cannot express, then the config's own rule settings,
/// the run's settings and inline suppressions.
public struct ConfigLinter: Sendable {
    /// The clock that decides whether a pause or closure is already over.
    public var now: Timestamp
    /// Settings from the command line; they win over the config's `rules:`.
    public var settings: RuleSettings
    /// Settings under the config's own `rules:` (a settings file's, `.avail.yaml`).
    public var defaults = RuleSettings()
    /// The reader's bounds (file size, nesting, aliases).
    public var limits: YAMLReader.Limits

    /// A linter that judges times against `now` and applies `settings` (disabled rules, severity overrides).
    public init(now: Timestamp, settings: RuleSettings = RuleSettings(), limits: YAMLReader.Limits = YAMLReader.Limits()) {
        self.now = now
        self.settings = settings
        self.limits = limits
    }

    /// What linting one config found, and the config itself when it could be read.
    public struct Result: Sendable {
        /// The config, when the file is YAML and its structure could be read.
        public var config: StoreConfig?
        /// Every finding, in document order.
        public var findings: [Finding]
    }

    /// The config with its fixable findings fixed, as text edits at libyaml's
    /// marks (comments, blank lines and key order stay), and what is left. A
    /// UTF-16 or UTF-32 file is fixed as its UTF-8 text and written back in
    /// its own encoding, byte order mark included.
    public func fix(_ bytes: [UInt8], unsafe: Bool) -> Fixer.Outcome {
        let reader = YAMLReader(limits: limits)
        guard reader.sizeFinding(bytes.count) == nil, case .success(let text) = YAMLText.decode(bytes) else {
            return Fixer.run(bytes, unsafe: unsafe) { lint($0).findings }
        }
        var outcome = Fixer.run(text.utf8, unsafe: unsafe) { lint(utf8: $0).findings }
        outcome.bytes = outcome.changed ? text.encoded(outcome.bytes) : bytes
        return outcome
    }

    /// Lints a YAML store config given as its bytes; never throws: a config that cannot be read is a finding.
    /// The text may be UTF-8, UTF-16 or UTF-32 (see ``YAMLReader/read(_:)``).
    /// Stores are read and checked one at a time; with `keepingStores` false
    /// the result's config lists none of them, and the memory a config takes
    /// is bounded by its largest store, not by the file (`avail lint`).
    public func lint(_ bytes: [UInt8], keepingStores: Bool = true) -> Result {
        let reader = YAMLReader(limits: limits)
        if let tooLarge = reader.sizeFinding(bytes.count) {
            return Result(config: nil, findings: finish([tooLarge], bytes: [], lines: LineOffsets([]), config: nil))
        }
        switch YAMLText.decode(bytes) {
        case .failure(let failure): return Result(config: nil, findings: finish([failure.finding], bytes: [], lines: LineOffsets([]), config: nil))
        case .success(let text): return lint(utf8: text.utf8, keepingStores: keepingStores)
        }
    }

    /// Lints UTF-8 text without a byte order mark, store by store.
    func lint(utf8 bytes: [UInt8], keepingStores: Bool = true) -> Result {
        let lines = LineOffsets(bytes)
        var bridge = YAMLToJSON()
        bridge.lines = lines
        var decoder = ConfigDecoder(now: now)
        decoder.lines = lines
        var checker = CrossChecker(now: now)
        var stores: [StoreConfig.Store] = []
        var storeFindings: [Finding] = []
        var planFindings: [Finding] = []
        let now = now
        let read = YAMLReader(limits: limits).read(utf8: bytes, lines: lines) { item, index in
            // Each store on its own: its tree, its JSON, its checks and requests, then gone.
            let tree = bridge.convert(item, pointer: "/stores/\(index)")
            guard let store = decoder.decodeStore(tree) else { return }
            storeFindings += checker.check(store)
            // Only the providers the store lists: lint reads a plan's losses and
            // failures, never what it skipped, and the reasons for skipping the
            // others (a string each) were a tenth of lint's instructions.
            let listed = Provider.allCases.filter { store.providers.api(for: $0) != nil }
            for plan in Planner.plans([store], providers: listed, now: now, checkingMeaning: false) {
                planFindings += plan.lossFindings + plan.failures
            }
            if keepingStores { stores.append(store) }
        }
        guard let yamlRoot = read.root else {
            // A file that is not YAML gives only that finding: what was read of it may be cut short.
            var findings = read.findings
            if findings.isEmpty {
                findings.append(Finding(
                    ruleID: "required_field", severity: .error,
                    message: "the file is empty; a store config starts with 'version: 1' and 'stores:'",
                    location: SourceLocation(line: 1, column: 1), pointer: ""))
            }
            return Result(config: nil, findings: finish(findings, bytes: bytes, lines: lines, config: nil))
        }
        let root = bridge.convert(yamlRoot)
        var config = decoder.decode(root)
        config?.stores = stores
        var findings = read.findings + bridge.findings + decoder.findings + storeFindings
        // Requests are judged only for a config without errors: a wrong config's requests would be wrong too.
        if config != nil, !RuleCatalog.normalize(findings).hasErrors { findings += planFindings }
        return Result(config: config, findings: finish(findings, bytes: bytes, lines: lines, config: config))
    }

    func finish(_ findings: [Finding], bytes: [UInt8], lines: LineOffsets, config: StoreConfig?) -> [Finding] {
        let merged = defaults.merged(with: config?.settings ?? RuleSettings()).merged(with: settings)
        let suppressions = Suppressions(bytes, lines: lines)
        // A finding that the document cannot be read is never suppressed (``Rule/isRequired``).
        var out = merged.apply(RuleCatalog.normalize(findings)).filter { !suppressions.suppresses($0) || RuleCatalog.rule($0.ruleID)?.isRequired == true }
        // A suppression comment's own problems (an unknown rule id) go through the settings too.
        out += merged.apply(suppressions.problems)
        return out.sortedByLocation()
    }

}

/// The checks across a config's stores (unique store and provider ids) and
/// within each (closures), made store by store as they are read: only the ids
/// seen so far are kept.
struct CrossChecker {
    let now: Timestamp
    var storeIDs: [String: SourceLocation] = [:]
    var providerIDs: [String: String] = [:]

    init(now: Timestamp) { self.now = now }

    mutating func check(_ store: StoreConfig.Store) -> [Finding] {
        var findings: [Finding] = []
        do {
            if let idNode = store.node["id"] {
                if let first = storeIDs[store.id] {
                    findings.append(Finding(
                        ruleID: "duplicate_store_id", severity: .error,
                        message: "store id '\(store.id)' is already used at line \(first.line); store ids must be unique",
                        location: idNode.location, pointer: idNode.pointer))
                } else {
                    storeIDs[store.id] = idNode.location
                }
            }
            var keys: [(String, String, JSONNode?)] = []
            if let id = store.providers.gett { keys.append(("gett store_id '\(id)'", "gett:\(id)", store.providers.nodes[.gett]?["store_id"])) }
            if let id = store.providers.lula { keys.append(("lula store_id '\(id)'", "lula:\(id)", store.providers.nodes[.lula]?["store_id"])) }
            if let ids = store.providers.tokopedia {
                keys.append(("tokopedia shop_id \(ids.shopID)", "tokopedia:\(ids.shopID)", store.providers.nodes[.tokopedia]?["shop_id"]))
            }
            if let ids = store.providers.bigcommerce {
                keys.append((
                    "bigcommerce store_hash '\(ids.storeHash)' channel_id \(ids.channelID)", "bigcommerce:\(ids.storeHash):\(ids.channelID)",
                    store.providers.nodes[.bigcommerce]?["channel_id"]
                ))
            }
            if let id = store.providers.ubereats {
                keys.append(("ubereats store_id '\(id)'", "ubereats:\(id)", store.providers.nodes[.ubereats]?["store_id"]))
            }
            if let id = store.providers.doordash {
                keys.append(("doordash merchant_supplied_id '\(id)'", "doordash:\(id)", store.providers.nodes[.doordash]?["merchant_supplied_id"]))
            }
            if let id = store.providers.grubhub {
                keys.append(("grubhub merchant_id '\(id)'", "grubhub:\(id)", store.providers.nodes[.grubhub]?["merchant_id"]))
            }
            if let ids = store.providers.deliverect {
                keys.append((
                    "deliverect location_id '\(ids.locationID)'", "deliverect:\(ids.locationID)", store.providers.nodes[.deliverect]?["location_id"]
                ))
                for link in ids.channelLinks {
                    keys.append((
                        "deliverect channel link '\(link.id)'", "deliverect-link:\(link.id)",
                        store.providers.nodes[.deliverect]?["channel_links"]?[link.channel]
                    ))
                }
            }
            if let id = store.providers.wolt {
                keys.append(("wolt venue_id '\(id)'", "wolt:\(id)", store.providers.nodes[.wolt]?["venue_id"]))
            }
            if let ids = store.providers.justeat {
                keys.append((
                    "justeat restaurant_id '\(ids.restaurantID)' (\(ids.tenant))", "justeat:\(ids.tenant):\(ids.restaurantID)",
                    store.providers.nodes[.justeat]?["restaurant_id"]
                ))
            }
            if let ids = store.providers.deliveryhero {
                keys.append((
                    "deliveryhero vendor_id '\(ids.vendorID)' of chain '\(ids.chainCode)'", "deliveryhero:\(ids.chainCode):\(ids.vendorID)",
                    store.providers.nodes[.deliveryhero]?["vendor_id"]
                ))
                for p in ids.platforms {
                    keys.append((
                        "deliveryhero platform \(p.key) restaurant '\(p.restaurantID)'", "deliveryhero-platform:\(p.key):\(p.restaurantID)",
                        store.providers.nodes[.deliveryhero]?["platforms"]?[p.key]
                    ))
                }
            }
            if let id = store.providers.ifood {
                keys.append(("ifood merchant_id '\(id)'", "ifood:\(id)", store.providers.nodes[.ifood]?["merchant_id"]))
            }
            if let id = store.providers.grab {
                keys.append(("grab merchant_id '\(id)'", "grab:\(id)", store.providers.nodes[.grab]?["merchant_id"]))
            }
            for (label, key, node) in keys {
                guard let node else { continue }
                if let owner = providerIDs[key], owner != store.id {
                    findings.append(Finding(
                        ruleID: "duplicate_provider_id", severity: .error,
                        message: "\(label) is also store '\(owner)'; one provider store belongs to one store",
                        location: node.location, pointer: node.pointer))
                } else {
                    providerIDs[key] = store.id
                }
            }
            let closures = store.closures.compactMap { c -> (Timestamp, Timestamp, Decoded)? in
                guard let f = c.availability.from, let u = c.availability.until, f < u else { return nil }
                return (f, u, c)
            }.sorted { $0.0 < $1.0 }
            for (a, b) in zip(closures, closures.dropFirst()) where b.0 < a.1 {
                let at = b.2.origins[.from] ?? Origin(pointer: "", location: .none, value: "")
                let other = a.2.origins[.from]?.location.line ?? 0
                findings.append(Finding(
                    ruleID: "overlapping_closures", severity: .error,
                    message: "this closure starts at '\(b.0.rfc3339)', before the closure at line \(other) ends ('\(a.1.rfc3339)'); merge them or move one",
                    location: at.location, pointer: at.pointer))
            }
            for closure in store.closures {
                guard let until = closure.availability.until, !(now < until), let origin = closure.origins[.until] else { continue }
                findings.append(Finding(
                    ruleID: "closure_in_past", severity: .warning,
                    message: "this closure ended at '\(origin.value)', before now (\(now.rfc3339)); remove it",
                    location: origin.location, pointer: origin.pointer))
            }
        }
        return findings
    }
}

/// Inline suppressions: `# avail-disable-line RULE[, RULE]` at the end of a
/// line, or `# avail-disable-next-line RULE[, RULE]` on the line before.
///
/// Read in one pass over the bytes with libyaml's line breaks (``LineOffsets``),
/// so a 64 MiB file of comments takes a fraction of a second, and a file with
/// CR line endings is read line by line like any other.
struct Suppressions {
    var byLine: [Int: Set<String>] = [:]
    var problems: [Finding] = []
    /// Each rule id's problem, worked out once (a did-you-mean compares it with every id).
    private var known: [String: String?] = [:]

    /// What every suppression comment starts with, after its '#' and an optional space.
    static let prefix = Array("avail-disable-".utf8)
    /// What follows it: the marker of this line, or of the next.
    static let thisLine = Array("line ".utf8)
    static let nextLine = Array("next-line ".utf8)

    init(_ bytes: [UInt8], lines: LineOffsets) {
        bytes.withUnsafeBufferPointer { buf in
            guard let base = buf.baseAddress else { return }
            for line in 0..<lines.lineCount {
                let start = lines.start(ofLine: line)
                let end = lines.end(ofLine: line)
                // Most lines have no '#': memchr says so without looking at them byte by byte.
                guard start < end, memchr(base + start, Int32(UInt8(ascii: "#")), end - start) != nil,
                    let hash = Self.commentStart(buf, start, end)
                else { continue }
                scan(buf, from: hash, to: end, lineStart: start, index: line)
            }
        }
    }

    /// The first '#' of a line that starts a YAML comment (at the line start or after a space or tab).
    static func commentStart(_ buf: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int? {
        guard let base = buf.baseAddress else { return nil }
        var from = start
        while from < end, let hit = memchr(base + from, Int32(UInt8(ascii: "#")), end - from) {
            let i = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            if i == start || buf[i - 1] == 0x20 || buf[i - 1] == 0x09 { return i }
            from = i + 1
        }
        return nil
    }

    /// The suppression comments of one line (0-based `index`): a '#' from
    /// `from` on, an optional space, a marker, then comma-separated rule ids
    /// (the first comment of each marker on the line counts).
    private mutating func scan(_ buf: UnsafeBufferPointer<UInt8>, from: Int, to end: Int, lineStart: Int, index: Int) {
        guard let base = buf.baseAddress else { return }
        // The first comment of each marker on the line counts (a line of plain comments passes through here once).
        var seenLine = false
        var seenNext = false
        var p = from
        while p < end, let hit = memchr(base + p, Int32(UInt8(ascii: "#")), end - p) {
            let hash = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            p = hash + 1
            var q = hash + 1
            if q < end && buf[q] == 0x20 { q += 1 }
            guard Self.matches(Self.prefix, buf, at: q, end: end) else { continue }
            q += Self.prefix.count
            if !seenLine && Self.matches(Self.thisLine, buf, at: q, end: end) {
                seenLine = true
                record(buf, ids: q + Self.thisLine.count, to: end, hash: hash, lineStart: lineStart, line: index + 1, at: index)
            } else if !seenNext && Self.matches(Self.nextLine, buf, at: q, end: end) {
                seenNext = true
                record(buf, ids: q + Self.nextLine.count, to: end, hash: hash, lineStart: lineStart, line: index + 2, at: index)
            }
        }
    }

    /// The rule ids of one suppression comment, from `ids` to the end of the line, for `line` (1-based).
    private mutating func record(_ buf: UnsafeBufferPointer<UInt8>, ids: Int, to end: Int, hash: Int, lineStart: Int, line: Int, at index: Int) {
        let text = String(decoding: UnsafeBufferPointer(rebasing: buf[ids..<end]), as: UTF8.self)
        let names = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        var column = 1
        for i in lineStart..<hash where buf[i] & 0xC0 != 0x80 { column += 1 }
        for id in names {
            if let problem = problem(id) {
                let rule = RuleCatalog.rule(id) == nil ? "unknown_rule" : "rule_cannot_be_disabled"
                problems.append(Finding(
                    ruleID: rule, severity: .error, message: problem, location: SourceLocation(line: index + 1, column: column), pointer: ""))
            } else {
                byLine[line, default: []].insert(id)
            }
        }
    }

    private static func matches(_ marker: [UInt8], _ buf: UnsafeBufferPointer<UInt8>, at q: Int, end: Int) -> Bool {
        guard q + marker.count <= end else { return false }
        for k in 0..<marker.count where buf[q + k] != marker[k] { return false }
        return true
    }

    private mutating func problem(_ id: String) -> String? {
        if let seen = known[id] { return seen }
        let problem = RuleSettings.problem(withRuleID: id) ?? RuleSettings.problem(disabling: id)
        known[id] = problem
        return problem
    }

    func suppresses(_ f: Finding) -> Bool {
        byLine[f.location.line]?.contains(f.ruleID) ?? false
    }
}
