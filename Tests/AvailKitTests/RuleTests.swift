import AvailConfig
import Foundation
import Testing

@testable import AvailKit

/// Every finding of an example: the validator for payload formats (an NDJSON
/// example through the stream pipeline), the linter for store configs; a
/// limit's example runs with the limit it lowers.
func findings(of e: RuleExample) throws -> [Finding] {
    let now = try ts(e.now)
    if e.format == RuleCatalog.storeConfig {
        var limits = YAMLReader.Limits()
        if let limit = e.limit { limits.maxBytes = limit }
        return ConfigLinter(now: now, limits: limits).lint(Array(e.input.utf8)).findings
    }
    let format = try #require(Formats.named(e.format))
    let zone = e.timeZone.flatMap(TimeZones.zone(named:))
    if let id = e.target {
        // A conversion's findings: the source's, the losses, and its refusal at the document's start.
        let target = try #require(Formats.named(id))
        var values = ConversionOptions()
        values.now = now
        values.timeZone = zone
        let outcome = Converter(from: format, to: target, options: Converter.Options(values: values)).convert(Array(e.input.utf8))
        var all = outcome.findings + outcome.losses.map(\.finding)
        all.sortByLocation()
        if let refusal = outcome.refusal {
            all.append(Finding(ruleID: "conversion_refused", severity: .error, message: refusal, location: SourceLocation(line: 1, column: 1), pointer: ""))
        }
        return all
    }
    var validator = Validator(format: format, now: now, timeZone: zone)
    guard e.isStream else {
        if let limit = e.limit { validator.limits.maxDocumentBytes = limit }
        return validator.validate(Array(e.input.utf8))
    }
    let v = validator
    let pipeline = NDJSONPipeline(batchBytes: 16, maxRecordBytes: e.limit ?? Validator.Limits().maxRecordBytes)
    return try streamFindings(Array(e.input.utf8), pipeline: pipeline) { record in
        var decoded = Decoded()
        return v.validate(record: record, file: nil, reusing: &decoded)
    }
}

/// Every finding `check` makes of the records of `bytes` read as a stream (through a pipe).
func streamFindings(
    _ bytes: [UInt8], pipeline: NDJSONPipeline, _ check: @escaping @Sendable (NDJSONPipeline.Record) -> [Finding]
) throws -> [Finding] {
    var fds: [Int32] = [0, 0]
    guard pipe(&fds) == 0 else { throw CocoaError(.fileReadUnknown) }
    let writer = fds[1]
    let writing = Thread {
        bytes.withUnsafeBytes { raw in
            var done = 0
            while done < raw.count, let base = raw.baseAddress {
                let n = write(writer, base + done, raw.count - done)
                if n <= 0 { break }
                done += n
            }
        }
        close(writer)
    }
    writing.start()
    defer { close(fds[0]) }
    var all: [Finding] = []
    try pipeline.run(fd: fds[0], process: check) { findings in
        all += findings
        return true
    }
    return all
}

/// One example of one rule, as a test argument.
struct RuleExampleCase: CustomStringConvertible, Sendable {
    var rule: String
    var index: Int
    var example: RuleExample
    var description: String { "\(rule) example \(index + 1)" }

    static let all: [RuleExampleCase] = RuleCatalog.all.flatMap { rule in
        rule.examples.enumerated().map { RuleExampleCase(rule: rule.id, index: $0.offset, example: $0.element) }
    }
}

@Suite struct RuleTests {
    /// Every rule's examples run as tests: a failing example produces exactly
    /// its expected findings (any rule), a passing one produces none at all.
    @Test(arguments: RuleExampleCase.all)
    func exampleProducesExactlyItsFindings(_ c: RuleExampleCase) throws {
        let e = c.example
        let findings = try findings(of: e)
        let actual = findings.map { "\($0.ruleID)@\($0.location.line):\($0.location.column)" }
        let where_ = Testing.SourceLocation(fileID: "AvailKit/\(URL(fileURLWithPath: e.file).lastPathComponent)", filePath: e.file, line: e.line, column: 1)
        #expect(actual == e.expected, "\(c)", sourceLocation: where_)
        if !e.isPassing {
            #expect(findings.contains { $0.ruleID == c.rule }, "a failing example must trigger its own rule", sourceLocation: where_)
        }
        for f in findings {
            #expect(!f.message.hasSuffix("."), "messages have no trailing period: \(f.message)")
            // A syntax error has no pointer: the document cannot be addressed yet.
            if f.ruleID != "invalid_json" { #expect(f.pointer != nil, "\(f.ruleID) finding has no JSON Pointer") }
        }
    }

    /// Rules whose failing case a catalog example cannot state: the meaning
    /// guard fires only on a defective encoder (MeaningCheckTests has one), and
    /// store resolution needs a store config (StoreResolutionTests).
    static let triggeredElsewhere: Set<String> = ["meaning_changed", "store_not_in_config"]

    /// `tokopedia_start_not_before_today` compares store-local dates; a start
    /// two days or more ahead is decided without the zone, so both sides of
    /// that line and of local midnight are pinned. Now is 2026-01-01 19:00
    /// in Jakarta (+07:00).
    @Test func tokopediaStartBeforeTodayIsTheLocalDate() throws {
        let now = try ts("2026-01-01T12:00:00Z")
        let v = Validator(format: TokopediaFormat(), now: now)
        func ids(start: Int64) -> [String] {
            let doc = #"{"shop_id": 1, "action": "close", "start_date": \#(start), "end_date": 1798218000, "close_now": false}"#
            return v.validate(Array(doc.utf8)).map(\.ruleID)
        }
        let rule = "tokopedia_start_not_before_today"
        let midnight = now.unixSeconds - 19 * 3600  // 2026-01-01T00:00+07:00
        #expect(ids(start: midnight).contains(rule) == false)
        #expect(ids(start: midnight - 1).contains(rule))
        #expect(ids(start: now.unixSeconds + 2 * 86_400).contains(rule) == false)
        #expect(ids(start: now.unixSeconds + 2 * 86_400 - 1).contains(rule) == false)
        #expect(ids(start: Int64.max / 2).contains(rule) == false)
    }

    @Test func everyRuleHasAFailingAndAPassingExample() {
        for rule in RuleCatalog.all {
            // A guard on the encoders: only a defective encoder triggers it (MeaningCheckTests has one).
            #expect(rule.examples.contains { !$0.isPassing } || Self.triggeredElsewhere.contains(rule.id), "\(rule.id) has no failing example")
            #expect(rule.examples.contains { $0.isPassing }, "\(rule.id) has no passing example")
            #expect(rule.examples.allSatisfy { rule.formats.contains($0.format) }, "\(rule.id) example in a format it does not apply to")
        }
    }

    @Test func idsAreUniqueSnakeCase() {
        let ids = RuleCatalog.all.map(\.id)
        #expect(Set(ids).count == ids.count)
        for id in ids { #expect(id.allSatisfy { $0.isLowercase || $0 == "_" }, "\(id)") }
    }

    /// Every rule id a decoder or the reader reports is in the catalog.
    @Test func everyReportedIDIsCatalogued() throws {
        var seen = Set<String>()
        for golden in GoldenCase.all() {
            let format = try #require(Formats.named(golden.format))
            let bytes = try [UInt8](Data(contentsOf: golden.directory.appendingPathComponent("input.json")))
            for f in Validator(format: format, now: try ts("2025-06-01T00:00:00Z")).validate(bytes) { seen.insert(f.ruleID) }
        }
        for e in RuleExampleCase.all.map(\.example) {
            for f in try findings(of: e) { seen.insert(f.ruleID) }
        }
        #expect(seen.filter { RuleCatalog.rule($0) == nil }.sorted() == [])
        #expect(Set(RuleCatalog.all.map(\.id)).subtracting(seen) == Self.triggeredElsewhere, "rules no example or golden triggers")
    }

    @Test func settingsDisableAndOverride() throws {
        let v = Validator(
            format: GettFormat(kind: .request), now: try ts("2026-01-01T00:00:00Z"),
            settings: RuleSettings(disabled: ["unknown_field"], severities: ["paused_requires_reason": .warning]))
        let findings = v.validate(Array(#"{"status": "paused", "x": 1}"#.utf8))
        #expect(findings.map { "\($0.ruleID):\($0.severity)" } == ["paused_requires_reason:warning"])
        #expect(RuleSettings.problem(withRuleID: "pause_requires_reason") == "unknown rule 'pause_requires_reason'; did you mean 'paused_requires_reason'? ('avail rules' lists them)")
    }

    @Test func readmeRulesSectionIsCurrent() throws {
        try ReadmeSection.check(
            "docs/validating.md",
            begin: "<!-- rules:begin (generated from the catalog by RuleTests; AVAIL_UPDATE_GOLDEN=1 swift test rewrites it) -->",
            end: "<!-- rules:end -->", content: RuleDocs.markdownTable())
    }
}
