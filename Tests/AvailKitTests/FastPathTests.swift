import Foundation
import Testing

@testable import AvailKit

/// A seeded generator (SplitMix64), so every run checks the same records.
struct SeededRandom: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// The fast path answers only when the full path reports nothing, and then
/// with the same document: checked on every golden input and on seeded random
/// records made of each format's keys with valid, invalid and odd values.
@Suite struct FastPathTests {
    static let vocabulary: [String: [String]] = [
        "gett": ["\"status\"", "\"reason\"", "\"resumeAt\"", "\"pausedAt\"", "\"other\""],
        "tokopedia": ["\"shop_id\"", "\"action\"", "\"start_date\"", "\"end_date\"", "\"close_note\"", "\"close_now\"", "\"x\""],
    ]
    static let values = [
        "\"online\"", "\"paused\"", "\"Paused\"", "\"too_busy\"", "\"other\"", "\"open\"", "\"close\"", "true", "false", "null", "1",
        "1707045", "-3", "007", "1.5", "1e3", "\"2026-01-15T14:00:00Z\"", "\"2027-01-15T14:00:00-07:00\"", "\"2027-01-15T13:00:00.5+07:00\"",
        "\"2025-12-31T00:00:00Z\"", "\"2027-01-15 14:00\"", "\"2027-01-15T14:00:00\"", "1767225600", "1798848000", "1798761600",
        "1798761600000", "\"20271015\"", "\"a\\\"b\"", "\"é\"", "[]", "{}", "\"" + String(repeating: "n", count: 70) + "\"",
    ]

    static let templates: [String: [[(String, String)]]] = [
        "gett": [
            [("\"status\"", "\"paused\""), ("\"reason\"", "\"too_busy\""), ("\"resumeAt\"", "\"2027-01-15T14:00:00Z\"")],
            [("\"status\"", "\"online\"")],
            [("\"status\"", "\"paused\""), ("\"reason\"", "\"other\""), ("\"pausedAt\"", "\"2027-01-15T12:00:00-07:00\""), ("\"resumeAt\"", "\"2027-01-15T14:00:00-07:00\"")],
        ],
        "tokopedia": [
            [("\"shop_id\"", "1707045"), ("\"action\"", "\"close\""), ("\"start_date\"", "1798761600"), ("\"end_date\"", "1798848000"), ("\"close_note\"", "\"Libur\""), ("\"close_now\"", "false")],
            [("\"shop_id\"", "1"), ("\"action\"", "\"open\"")],
        ],
    ]

    /// Valid templates with none, one or two mutations: a value replaced, a member dropped, added or repeated.
    static func records(for format: String, count: Int) -> [String] {
        var rng = SeededRandom(state: format == "gett" ? 1 : format == "gett.status" ? 3 : 2)
        let family = format == "tokopedia" ? "tokopedia" : "gett"
        let keys = vocabulary[family] ?? []
        let shapes = templates[family] ?? []
        return (0..<count).map { _ in
            var members = shapes.randomElement(using: &rng) ?? []
            for _ in 0..<Int.random(in: 0...2, using: &rng) where !members.isEmpty {
                let i = Int.random(in: 0..<members.count, using: &rng)
                switch Int.random(in: 0..<4, using: &rng) {
                case 0: members[i].1 = values.randomElement(using: &rng) ?? "1"
                case 1: members.remove(at: i)
                case 2: members.append((keys.randomElement(using: &rng) ?? "\"k\"", values.randomElement(using: &rng) ?? "1"))
                default: members.append(members[i])
                }
            }
            let spaced = Bool.random(using: &rng)
            return "{" + members.map { "\($0.0):\(spaced ? " " : "")\($0.1)" }.joined(separator: spaced ? ", " : ",") + "}"
        }
    }

    static let formats = ["gett", "gett.status", "tokopedia"]

    @Test(arguments: formats)
    func sameFindingsAndOutputs(_ id: String) throws {
        let format = try #require(Formats.named(id))
        var inputs = Self.records(for: id, count: 4000)
        let dir = Paths.golden.appendingPathComponent(id)
        for name in (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? [] {
            if let text = try? String(contentsOf: dir.appendingPathComponent("\(name)/input.json"), encoding: .utf8) { inputs.append(text) }
        }
        let now = try ts("2026-12-01T00:00:00Z")
        var fastAnswered = 0
        for zone in [nil, TimeZones.zone(named: "Asia/Jakarta")] {
            var fast = Validator(format: format, now: now, timeZone: zone)
            var full = fast
            full.usesFastPath = false
            fast.usesFastPath = true
            let values = ConversionOptions(timeZone: zone, now: now, set: ["shop_id": "1"])
            for target in [TokopediaFormat() as any AvailabilityFormat, CanonicalFormat(), LulaFormat(), GettFormat(kind: .response)] {
                var options = Converter.Options(values: values, allowLossy: true, widenScope: true, style: .compact)
                let fastConverter = Converter(from: format, to: target, options: options)
                options.usesFastPath = false
                let fullConverter = Converter(from: format, to: target, options: options)
                for input in inputs {
                    let bytes = Array(input.utf8)
                    if target is TokopediaFormat {
                        let f = fast.validate(bytes)
                        #expect(f == full.validate(bytes), "\(id): \(input)")
                        if bytes.withUnsafeBufferPointer({ (format as? any FastDecodable)?.fastDecode($0, options: values, withOrigins: true) }) != nil {
                            fastAnswered += 1
                        }
                    }
                    let a = fastConverter.convert(bytes)
                    let b = fullConverter.convert(bytes)
                    #expect(a.output == b.output && a.findings == b.findings && a.losses == b.losses && a.refusal == b.refusal, "\(id) → \(target.id): \(input)")
                }
            }
        }
        print("fast path \(id): answered \(fastAnswered) of \(inputs.count * 2) records; all agree with the full path")
        #expect(fastAnswered > 0)
    }
}
