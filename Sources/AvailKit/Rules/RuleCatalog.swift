import Foundation

/// Every rule, by id. Reader and decoder rules are listed here too, so each
/// id has one description, one default severity and its examples.
public enum RuleCatalog {
    /// The rules by group, in the order `avail rules` lists them; `--select`
    /// and `--ignore` take a group's name for all of its rules.
    public static let groups: [(name: String, rules: [Rule])] = [
        ("reader", readerRules), ("structure", structureRules), ("semantics", cardRules), ("time", timeRules),
        ("consistency", consistencyRules), ("config", configRules), ("local-time", localTimeRules),
        ("ubereats", uberEatsRules), ("doordash", doorDashRules), ("grubhub", grubhubRules), ("deliverect", deliverectRules),
        ("wolt", woltRules), ("justeat", justEatRules), ("deliveryhero", deliveryHeroRules), ("ifood", iFoodRules), ("grab", grabRules),
        ("conversion", conversionRules),
    ]

    /// Every rule, in the order `avail rules` lists them.
    public static let all: [Rule] = groups.flatMap(\.rules)

    /// The group rule `id` is in.
    public static func group(of id: String) -> String? { groups.first { $0.rules.contains { $0.id == id } }?.name }

    /// The rules a `--select` or `--ignore` word names: `all`, a group, or one rule id.
    public static func rules(selectedBy word: String) -> [Rule] {
        if word == "all" || word == "ALL" { return all }
        if let group = groups.first(where: { $0.name == word }) { return group.rules }
        return rule(word).map { [$0] } ?? []
    }

    /// The rule ids, in ``all``'s order: a finding's rule is looked up for
    /// its severity and its tally without hashing its id (a `String` key
    /// hashed twice per finding was 1.6% of validating a stream with one
    /// invalid record in ten).
    private static let ids = ByteTable(all.map { Array($0.id.utf8) })

    /// The rule with id `id`, or nil.
    public static func rule(_ id: String) -> Rule? { index(of: id).map { all[$0] } }

    /// Where rule `id` is in ``all``.
    static func index(of id: String) -> Int? { ids.index(of: id) }

    /// Rules with a check, by the formats they apply to (computed once).
    private static let semanticByFormat: [String: [Rule]] = {
        var map: [String: [Rule]] = [:]
        for rule in all where rule.check != nil {
            for format in rule.formats { map[format, default: []].append(rule) }
        }
        return map
    }()

    /// Rules with a check that apply to a format.
    static func semantic(for format: String) -> [Rule] { semanticByFormat[format] ?? [] }

    /// The canonical rules, with and without the clock, chosen once: a config
    /// checks every store's availability block and closures with them.
    private static let canonicalPlan = RulePlan(format: "canonical", skip: [], clock: true)
    private static let canonicalPlanWithoutClock = RulePlan(format: "canonical", skip: [], clock: false)

    /// The canonical rules on a canonical document read from elsewhere (a store config's blocks).
    public static func checkCanonical(root: JSONValue, decoded: Decoded, now: Timestamp?, timeZone: TimeZone?) -> [Finding] {
        var decoded = decoded
        var findings: [Finding] = []
        (now == nil ? canonicalPlanWithoutClock : canonicalPlan).check(root: root, decoded: &decoded, now: now, timeZone: timeZone, into: &findings)
        return findings
    }

    /// Sets each finding's severity to its rule's default (findings of ids
    /// outside the catalog, such as conversion losses, keep theirs).
    public static func normalize(_ findings: [Finding]) -> [Finding] {
        var normalized = findings
        normalize(&normalized)
        return normalized
    }

    /// ``normalize(_:)`` in place.
    static func normalize(_ findings: inout [Finding]) {
        for i in findings.indices {
            if let rule = rule(findings[i].ruleID) { findings[i].severity = rule.severity }
        }
    }

    static let every = Formats.ids
    /// The formats that declare an RFC 3339 field (``Shape/timestamp``)
    /// anywhere in their documents: their decoders report `offset_required`.
    /// Read off the declarations: the list kept by hand had missed Uber Eats,
    /// DoorDash and Delivery Hero.
    static var rfc3339Formats: [String] {
        Formats.all.filter { $0.declaration.root.declaresTimestamp() }.map(\.id)
    }
}

/// The semantic rules that run on one format's documents, chosen once (not per
/// record): those that apply to the format, are not disabled, and read the
/// clock only when there is one.
struct RulePlan: Sendable {
    let format: String
    let rules: [Rule]
    let declaration: FormatDeclaration?

    init(format: String, skip: Set<String>, clock: Bool) {
        self.format = format
        self.declaration = Formats.named(format)?.declaration
        self.rules = RuleCatalog.semantic(for: format).filter { !skip.contains($0.id) && (clock || !$0.isTimeRelative) }
    }

    /// Runs the plan's rules on `decoded`, which no rule changes: it is
    /// `inout` only to be pointed at where it is (a borrowed value was copied
    /// to a temporary per record to be pointed at).
    /// The rules' findings are appended to `findings`: a record without any
    /// makes no array of its own.
    func check(root: JSONValue, decoded: inout Decoded, now: Timestamp?, timeZone: TimeZone?, into findings: inout [Finding]) {
        // Rules are read through a raw buffer, and the context points at the
        // format and the zone: the catalog's static rules are shared by every
        // worker, and copying a rule or the zone into the context retained
        // and released each of them per record.
        rules.withUnsafeBufferPointer { rules in
            // Not `rules.first`: binding it retained the rule.
            guard !rules.isEmpty else { return }
            withUnsafePointer(to: &decoded) { decoded in
                withUnsafePointer(to: format) { format in
                    withUnsafePointer(to: timeZone) { timeZone in
                        // Rules that do not read the clock get the epoch as a placeholder.
                        var context = RuleContext(
                            formatStorage: format, root: root, decodedStorage: decoded, now: now ?? Timestamp.epoch,
                            timeZoneStorage: timeZone, declaration: declaration, rule: rules[0])
                        for i in 0..<rules.count {
                            // The plan holds only rules with a check (``RuleCatalog/semantic(for:)``).
                            guard let check = rules[i].check else { continue }
                            context.ruleReference = Unmanaged.passUnretained(rules[i])
                            check(context, &findings)
                        }
                    }
                }
            }
        }
    }
}
