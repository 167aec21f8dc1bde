import Foundation

/// A validation rule that describes itself: a stable snake_case id (never
/// reused), what it checks and why, its default severity, the formats it
/// applies to, and examples that are both its tests and its documentation.
public final class Rule: Sendable {
    /// The rule id findings carry (`paused_requires_reason`).
    public let id: String
    /// A short title.
    public let title: String
    /// One sentence on what the rule checks.
    public let summary: String
    /// Why it matters: what goes wrong on the platform.
    public let rationale: String
    /// The default severity.
    public let severity: Severity
    /// Format ids the rule applies to.
    public let formats: [String]
    /// Payloads that trigger the rule and payloads that do not; they run as tests.
    public let examples: [RuleExample]
    /// Whether the rule reads the clock (`--now`); such rules do not run during `convert`.
    public let isTimeRelative: Bool
    /// How `avail fix` repairs the rule's findings, when it can.
    public let fix: RuleFix?
    /// Whether the rule reports input that cannot be read (a parse error or a
    /// limit): such a rule cannot be disabled or lowered below error, so an
    /// unreadable document never passes.
    public let isRequired: Bool
    /// Adds the rule's findings about a document to the array it is given;
    /// nil for rules the JSON reader and the format decoders report
    /// themselves. Appending, not returning: every check returned an array,
    /// empty for almost every record, which the caller then released.
    let check: (@Sendable (RuleContext, inout [Finding]) -> Void)?

    init(
        id: String, title: String, summary: String, rationale: String, severity: Severity, formats: [String], isRequired: Bool = false,
        fix: RuleFix? = nil, examples: [RuleExample], isTimeRelative: Bool = false,
        check: (@Sendable (RuleContext, inout [Finding]) -> Void)? = nil
    ) {
        self.isTimeRelative = isTimeRelative
        self.isRequired = isRequired
        self.fix = fix
        self.id = id
        self.title = title
        self.summary = summary
        self.rationale = rationale
        self.severity = severity
        self.formats = formats
        self.examples = examples
        self.check = check
    }

    /// A finding of this rule at a value.
    func finding(_ message: FindingMessage, at node: JSONValue) -> Finding {
        Finding(ruleID: id, severity: severity, message: message.text, location: node.location, pointer: node.pointer)
    }

    func finding(_ message: FindingMessage, at origin: Origin, fix: Fix?) -> Finding {
        finding(message, at: origin).fixing(fix)
    }

    func finding(_ message: FindingMessage, at origin: Origin) -> Finding {
        Finding(ruleID: id, severity: severity, message: message.text, location: origin.location, pointer: origin.pointer)
    }
}

/// How a rule's findings are fixed: whether the fix is safe (the meaning
/// stays, only the spelling changes) or unsafe (a guess, `--unsafe-fixes`),
/// and what it does.
public struct RuleFix: Sendable {
    /// Whether the fix may be applied without review.
    public let safety: Fix.Safety
    /// What the fix does, in a few words.
    public let how: String

    /// A rule's fix: its safety and what it does.
    public init(_ safety: Fix.Safety, _ how: String) {
        self.safety = safety
        self.how = how
    }
}

/// A payload that must (or must not) trigger a rule, with the findings it
/// must produce: every finding of a validation of `input`, as `rule_id@line:col`.
public struct RuleExample: Sendable {
    /// The id of the format the input is in.
    public let format: String
    /// The payload.
    public let input: String
    /// Every expected finding, `rule_id@line:col`; empty for a passing example.
    public let expected: [String]
    /// Extra validate flags (`--now`, `--timezone`) the example runs with.
    public let now: String
    /// The `--timezone` the example runs with, if any.
    public let timeZone: String?
    /// For a fixable rule: the input after `avail fix --unsafe-fixes`.
    public let fixed: String?
    /// The source file that declares the example.
    public let file: String
    /// The line that declares it.
    public let line: Int
    /// For a limit's rule: the limit, in bytes, lowered for the example so
    /// that a small input passes it (the real limits are in the rule's summary).
    public let limit: Int?
    /// Whether the input is an NDJSON stream (one payload per line, as `--ndjson` reads it).
    public let isStream: Bool
    /// For a conversion's rule: the format the input is converted to (`avail
    /// convert --from FORMAT --to TARGET`), whose findings, losses and refusal
    /// are the example's findings.
    public var target: String? = nil

    /// Whether the example must produce no finding.
    public var isPassing: Bool { expected.isEmpty }

    static func failing(
        _ format: String, _ input: String, _ expected: [String], now: String = RuleExample.defaultNow, timeZone: String? = nil,
        fixed: String? = nil, limit: Int? = nil, stream: Bool = false, file: String = #filePath, line: Int = #line
    ) -> RuleExample {
        RuleExample(
            format: format, input: input, expected: expected, now: now, timeZone: timeZone, fixed: fixed, file: file, line: line, limit: limit,
            isStream: stream)
    }

    static func passing(
        _ format: String, _ input: String, now: String = RuleExample.defaultNow, timeZone: String? = nil, limit: Int? = nil,
        stream: Bool = false, file: String = #filePath, line: Int = #line
    ) -> RuleExample {
        RuleExample(
            format: format, input: input, expected: [], now: now, timeZone: timeZone, fixed: nil, file: file, line: line, limit: limit,
            isStream: stream)
    }

    /// A conversion that must give exactly `expected` (its findings, losses and
    /// refusal, `conversion_refused` at 1:1), with the default options.
    static func converting(
        _ format: String, to target: String, _ input: String, _ expected: [String], now: String = RuleExample.defaultNow,
        file: String = #filePath, line: Int = #line
    ) -> RuleExample {
        var example = failing(format, input, expected, now: now, file: file, line: line)
        example.target = target
        return example
    }

    /// A conversion that must give no finding, loss or refusal at all.
    static func convertingCleanly(
        _ format: String, to target: String, _ input: String, now: String = RuleExample.defaultNow, file: String = #filePath, line: Int = #line
    ) -> RuleExample {
        var example = passing(format, input, now: now, file: file, line: line)
        example.target = target
        return example
    }

    /// The clock examples run against unless they say otherwise.
    public static let defaultNow = "2026-01-01T00:00:00Z"
}

/// What a rule's check sees.
public struct RuleContext {
    /// The id of the format being validated.
    public var format: String { _read { yield formatStorage.pointee } }
    /// The plan's format id, borrowed while the rules run (a copy was retained per record).
    let formatStorage: UnsafePointer<String>
    /// The document's root on the tape.
    public let root: JSONValue
    /// The decoded document, borrowed from the validator while the rules run:
    /// a context is handed to every rule, and copying a `Decoded` into each
    /// (its strings, origins and leftovers) cost more than most checks.
    let decodedStorage: UnsafePointer<Decoded>
    /// The decoded document and where its fields came from.
    public var decoded: Decoded { _read { yield decodedStorage.pointee } }
    /// The decoded document.
    public var doc: Availability { _read { yield decodedStorage.pointee.availability } }
    /// The clock for rules about the past (`--now`).
    public let now: Timestamp
    /// The store's time zone (`--timezone`), for formats with local times.
    public var timeZone: TimeZone? { _read { yield timeZoneStorage.pointee } }
    /// The validator's zone, borrowed while the rules run.
    let timeZoneStorage: UnsafePointer<TimeZone?>
    /// The format's declaration (its conditions, its fields), when the format is registered.
    public var declaration: FormatDeclaration? { declarationReference?.takeUnretainedValue() }
    /// The declaration, unmanaged: declarations and rules are static values
    /// every worker shares, and reading one through a strong or `unowned`
    /// reference retained and released it (an atomic operation) per record.
    /// ``withCondition(_:)`` reads it in place.
    let declarationReference: Unmanaged<FormatDeclaration>?
    /// The rule being run.
    var rule: Rule { ruleReference.takeUnretainedValue() }
    /// The rule, unmanaged (as ``declarationReference``).
    var ruleReference: Unmanaged<Rule>

    /// The references are taken `__shared`: given owned, each was retained
    /// for the call and released after it, for every record.
    init(
        formatStorage: UnsafePointer<String>, root: JSONValue, decodedStorage: UnsafePointer<Decoded>, now: Timestamp,
        timeZoneStorage: UnsafePointer<TimeZone?>, declaration: __shared FormatDeclaration?, rule: __shared Rule
    ) {
        self.formatStorage = formatStorage
        self.root = root
        self.decodedStorage = decodedStorage
        self.now = now
        self.timeZoneStorage = timeZoneStorage
        self.declarationReference = declaration.map(Unmanaged.passUnretained)
        self.ruleReference = Unmanaged.passUnretained(rule)
    }

    /// Calls `body` with the declaration's condition that the running rule
    /// reports, and the root shape, both read in place; not at all when the
    /// format declares none.
    func withCondition(_ body: (borrowing Condition, ObjectShape) -> Void) {
        guard let declarationReference else { return }
        declarationReference._withUnsafeGuaranteedRef { declaration in
            ruleReference._withUnsafeGuaranteedRef { rule in
                declaration.root.conditions.withUnsafeBufferPointer { conditions in
                    if let i = conditions.indices.first(where: { conditions[$0].rule == rule.id }) { body(conditions[i], declaration.root) }
                }
            }
        }
    }

    /// The source value of `field` on the tape, when the decoder recorded it there.
    func value(_ field: CanonicalField) -> JSONValue? {
        guard let entry = decoded.origins.pendingEntry(of: field) else { return nil }
        return root.sibling(entry)
    }

    /// The member name `field`'s value was read from, off the tape when it is
    /// still there (no pointer, location or value is built for it).
    func key(_ field: CanonicalField) -> String {
        if let value = value(field), let key = key(ofEntry: value.index) { return key }
        return at(field).key
    }

    /// The member name of the value at tape entry `entry`, when it is an object member's value.
    func key(ofEntry entry: Int) -> String? {
        root.withDocument { document in
            guard entry > 0, entry < document.entries.count, document.entries[entry - 1].isKey else { return nil }
            return document.string(at: entry - 1)
        }
    }

    /// Where `field`'s value is (resolved against the document), or the document itself.
    func at(_ field: CanonicalField) -> Origin {
        decoded.origins[field]?.resolved(in: root.document) ?? Origin(pointer: "", location: root.location, value: "")
    }
}
