import AvailConfig
import Foundation
import Testing

@testable import AvailKit

/// `avail fix` on one rule example: safe and unsafe fixes applied until none is left.
func fixed(_ e: RuleExample, unsafe: Bool = true) throws -> Fixer.Outcome {
    let now = try ts(e.now)
    if e.format == RuleCatalog.storeConfig { return ConfigLinter(now: now).fix(Array(e.input.utf8), unsafe: unsafe) }
    let format = try #require(Formats.named(e.format))
    let zone = e.timeZone.flatMap(TimeZones.zone(named:))
    return Validator(format: format, now: now, timeZone: zone).fix(Array(e.input.utf8), unsafe: unsafe)
}

@Suite struct FixTests {
    /// Each fixable rule's examples carry the fixed text; fixing gives exactly it,
    /// and the fixed text gets no finding from the rule.
    @Test(arguments: RuleExampleCase.all.filter { $0.example.fixed != nil })
    func exampleFixesToItsFixedText(_ c: RuleExampleCase) throws {
        let outcome = try fixed(c.example)
        #expect(String(decoding: outcome.bytes, as: UTF8.self) == c.example.fixed, "\(c)")
        #expect(outcome.applied.contains { $0.ruleID == c.rule }, "\(c): the rule's own fix must apply")
        #expect(!outcome.remaining.contains { $0.ruleID == c.rule }, "\(c): the fixed text still triggers the rule")
    }

    @Test func everyFixableRuleHasAFixedExampleAndOnlyThey() {
        for rule in RuleCatalog.all {
            let hasFixed = rule.examples.contains { $0.fixed != nil }
            #expect(hasFixed == (rule.fix != nil), "\(rule.id): a rule with a fix has an example of it, and only such a rule")
        }
    }

    /// Unsafe fixes wait for --unsafe-fixes; safe ones do not.
    @Test func unsafeFixesNeedTheFlag() throws {
        let v = Validator(format: GettFormat(kind: .request), now: try ts("2026-01-01T00:00:00Z"))
        let input = Array(#"{"status": "Paused", "reason": "other", "pausedAt": "2026-01-15T12:00:00Z"}"#.utf8)
        let safe = v.fix(input, unsafe: false)
        #expect(String(decoding: safe.bytes, as: UTF8.self) == #"{"status": "paused", "reason": "other", "pausedAt": "2026-01-15T12:00:00Z"}"#)
        #expect(safe.remaining.map(\.ruleID) == ["read_only_field"])
        let all = v.fix(input, unsafe: true)
        #expect(String(decoding: all.bytes, as: UTF8.self) == #"{"status": "paused", "reason": "other"}"#)
        #expect(all.remaining.isEmpty)
    }

    /// Read-only members are removed with exactly one comma, wherever they sit.
    @Test func memberRemovalKeepsTheRest() throws {
        let v = Validator(format: GettFormat(kind: .request), now: try ts("2026-01-01T00:00:00Z"))
        let cases = [
            (#"{"pausedAt": "2026-01-15T12:00:00Z", "status": "online"}"#, #"{"status": "online"}"#),
            ("{\n  \"status\": \"online\",\n  \"pausedAt\": \"2026-01-15T12:00:00Z\"\n}\n", "{\n  \"status\": \"online\"\n}\n"),
            ("{\n  \"status\": \"online\",\n  \"pausedAt\": \"2026-01-15T12:00:00Z\",\n  \"resumeAt\": \"2026-01-16T12:00:00Z\"\n}\n",
             "{\n  \"status\": \"online\",\n  \"resumeAt\": \"2026-01-16T12:00:00Z\"\n}\n"),
        ]
        for (input, expected) in cases {
            let out = v.fix(Array(input.utf8), unsafe: true)
            #expect(String(decoding: out.bytes, as: UTF8.self) == expected)
        }
    }

    /// YAML fixes edit the text at libyaml's marks: comments, blank lines and
    /// every other byte stay.
    @Test func yamlFixKeepsCommentsAndLayout() throws {
        let input = "# stores\nversion: 1\n\nstores:\n  - id: NO   # the Norway store\n    timezone: America/Denvr\n"
        let out = ConfigLinter(now: try ts("2026-01-01T00:00:00Z")).fix(Array(input.utf8), unsafe: true)
        #expect(String(decoding: out.bytes, as: UTF8.self) == "# stores\nversion: 1\n\nstores:\n  - id: \"NO\"   # the Norway store\n    timezone: America/Denver\n")
        #expect(out.remaining.isEmpty)
    }

    /// A store config's values get the fixes a payload's do, at their bytes in
    /// the YAML: a case-only enum did-you-mean is safe, another guess unsafe; a
    /// value in quotes is replaced quotes and all; a value written with escapes
    /// (its bytes are not its text) gets the finding and no fix.
    @Test func yamlValuesGetThePayloadFixes() throws {
        let linter = ConfigLinter(now: try ts("2026-01-01T00:00:00Z"))
        func config(_ availability: String) -> String {
            "version: 1\nstores:\n  - id: a\n    timezone: UTC\n    availability: \(availability)\n"
        }
        let plain = linter.fix(Array(config("{ state: Paused }   # case").utf8), unsafe: false)
        #expect(String(decoding: plain.bytes, as: UTF8.self) == config(#"{ state: "paused" }   # case"#))
        #expect(plain.remaining.isEmpty)
        let quoted = linter.fix(Array(config(#"{ state: 'Closed' }"#).utf8), unsafe: false)
        #expect(String(decoding: quoted.bytes, as: UTF8.self) == config(#"{ state: "closed" }"#))
        let guess = config("{ state: pasued }")
        #expect(linter.fix(Array(guess.utf8), unsafe: false).bytes == Array(guess.utf8), "a guess is an unsafe fix")
        #expect(String(decoding: linter.fix(Array(guess.utf8), unsafe: true).bytes, as: UTF8.self) == config(#"{ state: "paused" }"#))
        let escaped = config(#"{ state: "P\u0061used" }"#)
        let unfixed = linter.fix(Array(escaped.utf8), unsafe: true)
        #expect(unfixed.bytes == Array(escaped.utf8))
        #expect(unfixed.remaining.map(\.ruleID) == ["enum_value"])
    }

    /// A document built from a tree with its source's bytes gets value
    /// replacements, never a member removal: that range is JSON's (the member
    /// and a comma), and a YAML mapping has other syntax between members.
    @Test func aTreeDocumentRemovesNoMember() throws {
        let tree = JSONNode(.object([
            JSONMember(key: "status", value: JSONNode(.string("Paused"), location: SourceLocation(line: 1, column: 9))),
            JSONMember(key: "pausedAt", value: JSONNode(.string("2026-01-01T00:00:00Z"), location: SourceLocation(line: 2, column: 11))),
        ]))
        // Every value "is in the source" at some bytes: only the kind of fix decides.
        let findings = JSONDocument.withDocument(for: tree, sourceRange: { text, _ in 0..<text.utf8.count }) { document in
            GettFormat(kind: .request).decode(document.root, options: ConversionOptions()).1
        }
        #expect(findings.map { "\($0.ruleID) \($0.fix == nil ? "no fix" : "fix")" } == ["enum_value fix", "read_only_field no fix"])
    }

    /// Many fixable findings in one document are fixed in one pass (the overlap
    /// check sorts once; a pairwise one would take 10^10 steps here).
    @Test func hundredThousandFixesInOneDocument() throws {
        let entry = #"{"is_open": "true"}"#
        let input = #"{"success": true, "status": {"UberEats": ["# + Array(repeating: entry, count: 100_000).joined(separator: ",") + "]}}"
        let v = Validator(format: LulaStatusFormat(), now: try ts("2026-01-01T00:00:00Z"))
        let out: Fixer.Outcome? = v.fix(Array(input.utf8), unsafe: false)
        let fixedText = String(decoding: out?.bytes ?? [], as: UTF8.self)
        #expect(out?.applied.count == 100_000)
        #expect(fixedText == input.replacingOccurrences(of: #""true""#, with: "true"))
    }

    @Test func ndjsonLinesAreFixedOneByOne() throws {
        let v = Validator(format: GettFormat(kind: .request), now: try ts("2026-01-01T00:00:00Z"))
        let input = "{\"status\":\"Online\"}\r\n\n{\"status\":\"paused\",\"reason\":\"Too_Busy\"}\n{\"status\":1}\n"
        let out = v.fixLines(Array(input.utf8), unsafe: false)
        #expect(String(decoding: out.bytes, as: UTF8.self) == "{\"status\":\"online\"}\r\n\n{\"status\":\"paused\",\"reason\":\"too_busy\"}\n{\"status\":1}\n")
        #expect(out.remaining.map { "\($0.ruleID)@\($0.record ?? 0):\($0.location.line)" } == ["type_mismatch@3:4"])
    }

    /// The same text `diff -u` prints for these inputs (checked against GNU diff).
    @Test func unifiedDiffMatchesDiffU() throws {
        let a = Array("a\nb\nc\nd\ne\nf\ng\nh\ni\nj\n".utf8)
        let b = Array("a\nb\nC\nd\ne\nf\ng\nh\ni\nJ".utf8)
        #expect(UnifiedDiff.render(old: a, new: b, oldName: "a/x", newName: "b/x") == """
            --- a/x
            +++ b/x
            @@ -1,10 +1,10 @@
             a
             b
            -c
            +C
             d
             e
             f
             g
             h
             i
            -j
            +J
            \\ No newline at end of file

            """)
        #expect(UnifiedDiff.render(old: a, new: a, oldName: "a", newName: "b") == "")
    }

    /// The command: in place (atomically, through a symlink to its target), --diff writes nothing, - is a filter.
    @Test func commandWritesInPlaceDiffsAndFilters() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("avail-fix-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let original = "{\n  \"status\": \"Paused\",\n  \"reason\": \"too_busy\"\n}\n"
        let target = dir.appendingPathComponent("real.json")
        try original.write(to: target, atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("link.json").path, withDestinationPath: "real.json")

        let diff = try runAvail(["fix", "--format", "gett", "--diff", "link.json"], in: dir)
        // A pending fix fails the check, as ruff's --diff does; what would be fixed is said on stderr.
        #expect(diff == RunResult(exit: 1, stdout: """
            --- a/link.json
            +++ b/link.json
            @@ -1,4 +1,4 @@
             {
            -  "status": "Paused",
            +  "status": "paused",
               "reason": "too_busy"
             }

            """, stderr: "link.json:2:13: would fix: write 'paused' [enum_value]\nAll checks passed.\nWould fix 1 finding in 1 file.\n"))
        #expect(try String(contentsOf: target, encoding: .utf8) == original, "--diff writes nothing")

        let inPlace = try runAvail(["fix", "--format", "gett", "link.json"], in: dir)
        #expect(inPlace == RunResult(exit: 0, stdout: "All checks passed.\n", stderr: "link.json:2:13: fixed: write 'paused' [enum_value]\nFixed 1 finding in 1 file.\n"))
        #expect(try String(contentsOf: target, encoding: .utf8) == original.replacingOccurrences(of: "Paused", with: "paused"))
        let attributes = try FileManager.default.attributesOfItem(atPath: dir.appendingPathComponent("link.json").path)
        #expect(attributes[.type] as? FileAttributeType == .typeSymbolicLink, "the link stays a link")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["link.json", "real.json"], "no temporary file is left")

        // Without a format, only YAML is read as a store config: a JSON payload is a usage
        // error, as in validate, and nothing is fixed.
        let noFormat = try runAvail(["fix", "real.json"], in: dir)
        #expect(noFormat == RunResult(
            exit: 2, stdout: "",
            stderr: "avail: error: no format for 'real.json': pass --format FORMAT (or a settings file with 'formats' patterns)\n"))

        let filter = try runAvail(["fix", "--format", "gett", "-"], stdin: #"{"status": "paused"}"#, in: dir)
        #expect(filter.stdout == #"{"status": "paused"}"#)
        #expect(filter.exit == 1)
        #expect(filter.stderr.contains("[paused_requires_reason]"))
    }
}

/// A golden input `avail fix` can repair: its diff is pinned in `fix.txt`
/// beside it (`avail fix --diff --unsafe-fixes`, so unsafe fixes show too).
struct FixGoldenCase: CustomStringConvertible, Sendable {
    var directory: URL
    var input: String
    /// `--format F` (and `--ndjson`) for payloads; nothing for configs.
    var formatArgs: [String]
    /// The case's --timezone and --now (the flags fix shares with validate).
    var args: [String]

    var description: String { directory.path.replacingOccurrences(of: Paths.golden.path + "/", with: "") }

    static func all() -> [FixGoldenCase] {
        func kept(_ args: [String]) -> [String] {
            var out: [String] = []
            var i = 0
            while i + 1 < args.count {
                if ["--timezone", "--now", "--disable", "--severity"].contains(args[i]) { out += [args[i], args[i + 1]] }
                i += ["--strict", "--ndjson"].contains(args[i]) ? 1 : 2
            }
            return out
        }
        var cases = GoldenCase.all().map { g in
            FixGoldenCase(directory: g.directory, input: "input.json", formatArgs: ["--format", g.format], args: kept(g.args))
        }
        cases += ValidateCase.all().map { v in
            FixGoldenCase(
                directory: v.directory, input: v.input, formatArgs: ["--format", v.format] + (v.input.hasSuffix(".ndjson") ? ["--ndjson"] : []),
                args: kept(v.args))
        }
        cases += LintCase.all().map { l in FixGoldenCase(directory: l.directory, input: "input.yaml", formatArgs: [], args: kept(l.args)) }
        return cases
    }

    /// Whether the library finds anything fixable in the input.
    func hasFixes() throws -> Bool {
        let bytes = try [UInt8](Data(contentsOf: directory.appendingPathComponent(input)))
        var now = try ts("2025-06-01T00:00:00Z")
        var zone: TimeZone?
        var i = 0
        while i + 1 < args.count {
            if args[i] == "--now" { now = try ts(args[i + 1]) }
            if args[i] == "--timezone" { zone = TimeZones.zone(named: args[i + 1]) }
            i += 2
        }
        guard formatArgs.count >= 2, let format = Formats.named(formatArgs[1]) else {
            return ConfigLinter(now: now).lint(bytes).findings.contains { $0.fix != nil }
        }
        let validator = Validator(format: format, now: now, timeZone: zone)
        let outcome = formatArgs.contains("--ndjson") ? validator.fixLines(bytes, unsafe: true) : validator.fix(bytes, unsafe: true)
        return outcome.changed
    }
}

@Suite struct FixGoldenTests {
    @Test(arguments: FixGoldenCase.all())
    func goldenInputsWithFixableFindings(_ c: FixGoldenCase) throws {
        let file = c.directory.appendingPathComponent("fix.txt")
        guard try c.hasFixes() else {
            #expect(!FileManager.default.fileExists(atPath: file.path), "\(c): nothing to fix, so no fix.txt")
            return
        }
        let args = ["fix"] + c.formatArgs + ["--diff", "--unsafe-fixes", c.input] + c.args
        Golden.check(Golden.transcript(command: ["avail"] + args, result: try runAvail(args, in: c.directory)), against: file)
    }
}

/// Fixes are trustworthy: over the golden inputs and seeded mutations of them
/// (a BOM, an enum value's case changed, a boolean quoted, seconds turned into
/// milliseconds), fixing twice gives the bytes of fixing once, a fixed value
/// gets no finding from the rule that fixed it, and no value without a finding
/// changes.
@Suite struct FixPropertyTests {
    static let renames: [(String, String)] = [
        ("\"paused\"", "\"Paused\""), ("\"online\"", "\"Online\""), ("\"open\"", "\"OPEN\""), ("\"close\"", "\"Close\""),
        ("\"All\"", "\"all\""), ("\"too_busy\"", "\"Too_Busy\""), ("\"UberEats\"", "\"ubereats\""), ("\"ONLINE\"", "\"Online\""),
        ("\"active\"", "\"Active\""), ("\"OFFLINE\"", "\"offline\""),
    ]

    static func mutate(_ text: String, _ rng: inout SeededRandom) -> String {
        switch Int.random(in: 0..<5, using: &rng) {
        case 0: return "\u{FEFF}" + text
        case 1:
            let present = renames.filter { text.contains($0.0) }
            guard let (from, to) = present.randomElement(using: &rng), let r = text.range(of: from) else { return text }
            return text.replacingCharacters(in: r, with: to)
        case 2:
            for literal in [": true", ": false", ":true", ":false"] {
                if let r = text.range(of: literal) {
                    let value = literal.hasPrefix(": ") ? String(literal.dropFirst(2)) : String(literal.dropFirst())
                    return text.replacingCharacters(in: r, with: literal.hasPrefix(": ") ? ": \"\(value)\"" : ":\"\(value)\"")
                }
            }
            return text
        case 3:
            // A ten-digit integer (UNIX seconds) written as milliseconds.
            guard let r = text.range(of: #"(?<![0-9"])[0-9]{10}(?![0-9"])"#, options: .regularExpression) else { return text }
            return text.replacingCharacters(in: r, with: text[r] + "000")
        default: return text
        }
    }

    /// Every scalar of a document by JSON Pointer.
    static func scalars(_ bytes: [UInt8]) -> [String: String]? {
        guard let root = JSONReader().read(bytes).root else { return nil }
        var out: [String: String] = [:]
        func walk(_ node: JSONNode, _ pointer: String) {
            if let members = node.members {
                for m in members { walk(m.value, JSONPointer.appending(m.key, to: pointer)) }
            } else if let items = node.items {
                for (i, item) in items.enumerated() { walk(item, JSONPointer.appending(i, to: pointer)) }
            } else {
                out[pointer] = node.summary
            }
        }
        walk(root, "")
        return out
    }

    @Test func fixingIsIdempotentAndTouchesOnlyWhatItFixes() throws {
        var rng = SeededRandom(state: 20261130)
        var checked = 0
        var fixedDocuments = 0
        for golden in GoldenCase.all() {
            guard let format = Formats.named(golden.format) else { continue }
            let base = try String(contentsOf: golden.directory.appendingPathComponent("input.json"), encoding: .utf8)
            let values = golden.values
            let fallback = try ts("2025-06-01T00:00:00Z")
            let validator = Validator(format: format, now: values.now ?? fallback, timeZone: values.timeZone)
            for round in 0..<4 {
                let input = Array((round == 0 ? base : Self.mutate(base, &rng)).utf8)
                let once = validator.fix(input, unsafe: true)
                let twice = validator.fix(once.bytes, unsafe: true)
                checked += 1
                #expect(twice.bytes == once.bytes && !twice.changed, "\(golden): fixing twice changed \(String(decoding: once.bytes, as: UTF8.self))")
                guard once.changed else { continue }
                fixedDocuments += 1
                for f in once.applied where f.pointer != "" {
                    #expect(
                        !once.remaining.contains { $0.ruleID == f.ruleID && $0.pointer == f.pointer },
                        "\(golden): '\(f.ruleID)' at \(f.pointer ?? "") is still found after its fix")
                }
                // Values outside every fixed finding's pointer are as they were.
                guard let before = Self.scalars(input), let after = Self.scalars(once.bytes) else { continue }
                let touched = once.applied.compactMap(\.pointer)
                for (pointer, value) in before where !touched.contains(where: { pointer == $0 || pointer.hasPrefix($0 + "/") }) {
                    #expect(after[pointer] == value, "\(golden): '\(pointer)' changed from \(value) to \(after[pointer] ?? "nothing") without a finding")
                }
            }
        }
        // Store configs: the lint inputs, and each with a zone misspelled and an ambiguous scalar added.
        let linter = ConfigLinter(now: try ts(LintCase.now))
        for lint in LintCase.all() {
            let base = try String(contentsOf: lint.directory.appendingPathComponent("input.yaml"), encoding: .utf8)
            let mutated = base.replacingOccurrences(of: "timezone: America/Denver", with: "timezone: America/Denvr")
                .replacingOccurrences(of: "    name: Downtown Convenience", with: "    name: NO")
            for input in [base, mutated] {
                let once = linter.fix(Array(input.utf8), unsafe: true)
                let twice = linter.fix(once.bytes, unsafe: true)
                checked += 1
                #expect(twice.bytes == once.bytes && !twice.changed, "lint/\(lint.name): fixing twice changed the config")
                if once.changed { fixedDocuments += 1 }
                for f in once.applied {
                    #expect(!once.remaining.contains { $0.ruleID == f.ruleID && $0.location == f.location }, "lint/\(lint.name): \(f.ruleID) remains")
                }
                // Only the fixed lines differ.
                let fixedLines = Set(once.applied.map(\.location.line))
                let a = input.split(separator: "\n", omittingEmptySubsequences: false)
                let b = String(decoding: once.bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
                #expect(a.count == b.count, "lint/\(lint.name): a YAML fix added or removed lines")
                for (i, (x, y)) in zip(a, b).enumerated() where x != y {
                    #expect(fixedLines.contains(i + 1), "lint/\(lint.name): line \(i + 1) changed without a finding")
                }
            }
        }
        print("fix property: \(checked) documents, \(fixedDocuments) changed by fixes")
        #expect(fixedDocuments > 20)
    }
}
