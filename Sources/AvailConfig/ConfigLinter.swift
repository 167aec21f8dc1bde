import AvailKit
import Foundation

/// Lints a YAML store config: syntax, structure, every availability block
/// through the canonical rules, cross-store checks, closures, what each
/// configured provider cannot express, then the config's own rule settings,
/// the run's settings and inline suppressions.
public struct ConfigLinter: Sendable {
    /// The clock that decides whether a pause or closure is already over.
    public var now: Timestamp
    /// Settings from the command line; they win over the config's `rules:`.
    public var settings: RuleSettings

    /// A linter that judges times against `now` and applies `settings` (disabled rules, severity overrides).
    public init(now: Timestamp, settings: RuleSettings = RuleSettings()) {
        self.now = now
        self.settings = settings
    }

    /// What linting one config found, and the config itself when it could be read.
    public struct Result: Sendable {
        /// The config, when the file is YAML and its structure could be read.
        public var config: StoreConfig?
        /// Every finding, in document order.
        public var findings: [Finding]
    }

    /// The config with its fixable findings fixed, as text edits at libyaml's
    /// marks (comments, blank lines and key order stay), and what is left.
    public func fix(_ bytes: [UInt8], unsafe: Bool) -> Fixer.Outcome {
        Fixer.run(bytes, unsafe: unsafe) { lint($0).findings }
    }

    /// Lints a YAML store config given as its bytes; never throws: a config that cannot be read is a finding.
    public func lint(_ bytes: [UInt8]) -> Result {
        let read = YAMLReader().read(bytes)
        guard let yamlRoot = read.root else {
            var findings = read.findings
            if findings.isEmpty {
                findings.append(Finding(
                    ruleID: "required_field", severity: .error,
                    message: "the file is empty; a store config starts with 'version: 1' and 'stores:'",
                    location: SourceLocation(line: 1, column: 1), pointer: ""))
            }
            return Result(config: nil, findings: finish(findings, bytes: bytes, config: nil))
        }
        var bridge = YAMLToJSON()
        let lines = LineOffsets(bytes)
        bridge.lines = lines
        let root = bridge.convert(yamlRoot)
        var decoder = ConfigDecoder(now: now)
        decoder.lines = lines
        let config = decoder.decode(root)
        var findings = read.findings + bridge.findings + decoder.findings
        if let config {
            findings += Self.crossChecks(config, now: now)
            if !RuleCatalog.normalize(findings).hasErrors {
                for plan in Planner.plans(config, providers: Provider.allCases, now: now) {
                    findings += plan.lossFindings + plan.failures
                }
            }
        }
        return Result(config: config, findings: finish(findings, bytes: bytes, config: config))
    }

    func finish(_ findings: [Finding], bytes: [UInt8], config: StoreConfig?) -> [Finding] {
        var merged = config?.settings ?? RuleSettings()
        merged.disabled.formUnion(settings.disabled)
        merged.severities.merge(settings.severities) { _, cli in cli }
        let suppressions = Suppressions(bytes)
        var out = merged.apply(RuleCatalog.normalize(findings)).filter { !suppressions.suppresses($0) }
        out += suppressions.problems
        return out.sortedByLocation()
    }

    static func crossChecks(_ config: StoreConfig, now: Timestamp) -> [Finding] {
        var findings: [Finding] = []
        var storeIDs: [String: JSONNode] = [:]
        var providerIDs: [String: (String, JSONNode)] = [:]
        for store in config.stores {
            if let idNode = store.node["id"] {
                if let first = storeIDs[store.id] {
                    findings.append(Finding(
                        ruleID: "duplicate_store_id", severity: .error,
                        message: "store id '\(store.id)' is already used at line \(first.location.line); store ids must be unique",
                        location: idNode.location, pointer: idNode.pointer))
                } else {
                    storeIDs[store.id] = idNode
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
                if let (owner, _) = providerIDs[key], owner != store.id {
                    findings.append(Finding(
                        ruleID: "duplicate_provider_id", severity: .error,
                        message: "\(label) is also store '\(owner)'; one provider store belongs to one store",
                        location: node.location, pointer: node.pointer))
                } else {
                    providerIDs[key] = (store.id, node)
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
struct Suppressions {
    var byLine: [Int: Set<String>] = [:]
    var problems: [Finding] = []

    init(_ bytes: [UInt8]) {
        // Most lines have no comment: find the ones that do by their bytes,
        // and read only those as text.
        var start = 0
        var index = 0
        while start <= bytes.count {
            let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
            // A CRLF line's '\r' is not part of its last rule id.
            let contentEnd = end > start && bytes[end - 1] == 0x0D ? end - 1 : end
            if Self.hasComment(bytes[start..<contentEnd]) {
                scan(Substring(String(decoding: bytes[start..<contentEnd], as: UTF8.self)), index: index)
            }
            index += 1
            start = end + 1
        }
    }

    /// Whether a line's bytes hold a '#' that starts a YAML comment (at the
    /// line start or after a space or tab), as ``commentStart(_:)`` finds it.
    static func hasComment(_ line: ArraySlice<UInt8>) -> Bool {
        var previous = UInt8(ascii: " ")
        for b in line {
            if b == UInt8(ascii: "#") && (previous == 0x20 || previous == 0x09) { return true }
            previous = b
        }
        return false
    }

    /// The suppression comments of one line (0-based `index`).
    private mutating func scan(_ line: Substring, index: Int) {
        for (marker, offset) in [("avail-disable-line", 0), ("avail-disable-next-line", 1)] {
            guard let hash = Self.commentStart(line), let r = line[hash...].range(of: "# " + marker + " ") ?? line[hash...].range(of: "#" + marker + " ") else {
                continue
            }
            let ids = line[r.upperBound...].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            for id in ids {
                if let problem = RuleSettings.problem(withRuleID: id) {
                    let column = line.distance(from: line.startIndex, to: r.lowerBound) + 1
                    problems.append(Finding(
                        ruleID: "unknown_rule", severity: .error, message: problem,
                        location: SourceLocation(line: index + 1, column: column), pointer: ""))
                } else {
                    byLine[index + 1 + offset, default: []].insert(id)
                }
            }
        }
    }

    /// The first '#' that starts a YAML comment (at line start or after whitespace).
    static func commentStart(_ line: Substring) -> Substring.Index? {
        var previous: Character = " "
        for i in line.indices {
            if line[i] == "#" && (previous == " " || previous == "\t") { return i }
            previous = line[i]
        }
        return nil
    }

    func suppresses(_ f: Finding) -> Bool {
        byLine[f.location.line]?.contains(f.ruleID) ?? false
    }
}
