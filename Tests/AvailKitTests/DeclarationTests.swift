import Foundation
import Testing

@testable import AvailConfig
@testable import AvailKit

/// The formats' declarations are the one source of their schemas, structure checks and docs.
@Suite struct DeclarationTests {
    static var declarations: [FormatDeclaration] { Formats.all.map(\.declaration) + [StoreConfig.declaration, ProjectConfig.declaration] }

    /// `schemas/` holds exactly what the declarations emit (`AVAIL_UPDATE_GOLDEN=1` rewrites it).
    @Test(arguments: declarations.map(\.id))
    func schemaFileIsWhatTheDeclarationEmits(id: String) throws {
        let declaration = try #require(Self.declarations.first { $0.id == id })
        Golden.check(declaration.schemaText, against: Paths.schemas.appendingPathComponent("\(id).schema.json"))
    }

    /// `offset_required` lists exactly the formats whose schema refers to the
    /// RFC 3339 definition: the rule's list and the schema come from two walks
    /// of the declarations (``ObjectShape/declaresTimestamp()`` and the schema
    /// emitter), which must agree.
    @Test func offsetRequiredListsTheFormatsWithTimestamps() {
        let withTimestamp = Formats.all.filter { $0.declaration.schemaText.contains(##""#/$defs/timestamp""##) }.map(\.id)
        #expect(RuleCatalog.rule("offset_required")?.formats == withTimestamp)
        #expect(withTimestamp.contains("doordash.store") && !withTimestamp.contains("tokopedia"))
    }

    /// Rule ids are found through ``ByteTable``'s buckets (more than eight
    /// strings), keys and enum values in order: each string at its index,
    /// and near misses (a prefix, one more byte, the last byte changed, the
    /// same first eight bytes) nowhere.
    @Test func byteTableFindsExactlyItsStrings() {
        let ids = RuleCatalog.all.map(\.id)
        #expect(ids.count > ByteTable.scanned)
        for (i, id) in ids.enumerated() {
            #expect(RuleCatalog.index(of: id) == i, "\(id)")
            #expect(RuleCatalog.rule(id)?.id == id)
            for miss in [String(id.dropLast()), id + "s", String(id.dropLast()) + "#", id.uppercased()] where !ids.contains(miss) {
                #expect(RuleCatalog.index(of: miss) == nil, "\(miss)")
            }
        }
        #expect(RuleCatalog.index(of: "") == nil)
        let small = ByteTable(["status", "reason", "pausedAt", "pausedAtX", "resumeAt", ""].map { Array($0.utf8) })
        defer { small.deallocate() }
        for (i, key) in ["status", "reason", "pausedAt", "pausedAtX", "resumeAt", ""].enumerated() {
            #expect(small.index(of: key) == i, "\(key)")
        }
        for miss in ["statu", "statuses", "pausedAtY", "pausedA", "Status"] { #expect(small.index(of: miss) == nil, "\(miss)") }
    }

    @Test func schemasFolderHoldsNothingElse() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Paths.schemas.path).filter { $0.hasSuffix(".schema.json") }
        #expect(files.map { String($0.dropLast(".schema.json".count)) }.sorted() == Self.declarations.map(\.id).sorted())
    }

    /// Each declared condition is checked by a catalogued rule that applies to that format.
    @Test func conditionsNameRulesOfTheirFormat() throws {
        for format in Formats.all {
            for condition in format.declaration.root.conditions {
                let rule = try #require(RuleCatalog.rule(condition.rule), "\(format.id): \(condition.rule)")
                #expect(rule.formats.contains(format.id), "\(condition.rule) does not apply to \(format.id)")
            }
        }
    }

    /// Decoders take required-ness, types and wording from the declaration: a
    /// wrong type gets the declared phrase, an enum miss the declared values.
    @Test func structureFindingsComeFromTheDeclaration() throws {
        let v = Validator(format: CanonicalFormat(), now: try ts("2026-01-01T00:00:00Z"))
        let findings = v.validate(Array(#"{"state": "Open", "channels": "ubereats"}"#.utf8))
        #expect(findings.map(\.message) == [
            "'state' value 'Open' is not one of 'open', 'paused', 'closed'; did you mean 'open'?",
            "'channels' must be an array of channel names, found string 'ubereats'",
        ])
    }

    @Test func emittedConditionsAreIfThen() throws {
        let schema = GettFormat(kind: .request).declaration.schema
        #expect(schema["if"] == .object([("required", .array([.string("status")])), ("properties", .object([("status", .object([("const", .string("paused"))]))]))]))
        #expect(schema["then"] == .object([("required", .array([.string("reason")]))]))
    }

    @Test func readmeFormatTableIsCurrent() throws {
        try ReadmeSection.check(
            "docs/formats.md",
            begin: "<!-- formats:begin (generated from the declarations by DeclarationTests; AVAIL_UPDATE_GOLDEN=1 swift test rewrites it) -->",
            end: "<!-- formats:end -->", content: FormatDocs.markdownTable(Self.declarations))
    }

    @Test func readmeSettableTableIsCurrent() throws {
        try ReadmeSection.check(
            "docs/cli.md",
            begin: "<!-- settable:begin (generated from the declarations by DeclarationTests; AVAIL_UPDATE_GOLDEN=1 swift test rewrites it) -->",
            end: "<!-- settable:end -->", content: FormatDocs.settableTable(Self.declarations))
    }

    /// Every field an encoder reads with `--set` is declared, so the CLI
    /// accepts it; `end_date` was read by Tokopedia and refused by the CLI.
    @Test func setFieldsAreDeclaredByTheFormatsThatReadThem() throws {
        #expect(ConversionOptions.settableFields.map(\.display) == [
            "shop_id", "end_date", "reason", "merchant_supplied_id", "doordash_store_id", "channel_links.CHANNEL", "accountId",
            "restaurantIds", "allowRestaurantOverride", "tenant", "platforms.KEY", "closing_minutes", "merchantID",
        ])
        #expect(ConversionOptions.settableField("channel_links.ubereats")?.display == "channel_links.CHANNEL")
        #expect(ConversionOptions.settableField("channel_links.") == nil)
        #expect(ConversionOptions.settableField("shop") == nil)
        let tokopedia = try Avail.convert(
            Array(#"{"state": "paused", "reason": "too_busy"}"#.utf8), from: "canonical", to: "tokopedia",
            values: ConversionOptions(now: ts("2026-12-01T00:00:00Z"), set: ["shop_id": "1", "end_date": "1796169600"]), allowLossy: true)
        #expect(tokopedia.text.contains(#""end_date": 1796169600"#))
    }

    /// Keys and enum values are matched by length and first eight bytes, then
    /// the rest: every string of the table is found at its index, and no
    /// string that differs from all of them in any byte or in length is.
    @Test func byteTablesMatchExactlyTheirStrings() {
        let strings = [
            "", "a", "ab", "abc", "abcd", "abcde", "abcdef", "abcdefg", "abcdefgh", "abcdefghi", "abcdefgh_second_half",
            "abcdefgh_second_halF", "status", "reason", "resumeAt", "pausedAt", "staff_shortage", "t\u{e9}l\u{e9}",
        ]
        let table = ByteTable(strings.map { Array($0.utf8) })
        defer { table.deallocate() }
        func find(_ bytes: [UInt8]) -> Int? { bytes.withUnsafeBytes { table.index(of: $0) } }
        for (i, s) in strings.enumerated() {
            #expect(find(Array(s.utf8)) == i, "\(s)")
            var bytes = Array(s.utf8)
            // Each byte changed in turn, then one byte more and one less: none is in the table.
            for k in bytes.indices {
                bytes[k] ^= 0x01
                #expect(find(bytes) == nil || strings[find(bytes) ?? 0].utf8.elementsEqual(bytes), "\(s) at \(k)")
                bytes[k] ^= 0x01
            }
            if !strings.contains(s + "x") { #expect(find(Array((s + "x").utf8)) == nil, "\(s)x") }
            if !s.isEmpty, !strings.contains(String(s.dropLast())) { #expect(find(Array(s.utf8.dropLast())) == nil, "\(s) shortened") }
        }
        #expect(find(Array("abcdefgh_second_hal".utf8)) == nil)
        #expect(find(Array("x".utf8)) == nil)
    }
}
