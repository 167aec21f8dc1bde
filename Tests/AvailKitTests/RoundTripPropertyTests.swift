import Foundation
import Testing

@testable import AvailKit

/// Seeded random canonical documents through every format and back.
@Suite struct RoundTripPropertyTests {
    static let count = 3000

    /// A random valid canonical document (it passes the canonical rules).
    static func document(_ rng: inout SeededRandom) -> Availability {
        let zones: [Timestamp.Offset] = [.utc, .minutes(-420), .minutes(420), .minutes(330)]
        func instant(_ base: Int64) -> Timestamp {
            let t = Timestamp(unixSeconds: base + Int64.random(in: 0..<86_400 * 30, using: &rng)) ?? Timestamp(unixSeconds: 0)!
            return t.withOffset(zones.randomElement(using: &rng) ?? .utc) ?? t
        }
        let state = Availability.State.allCases.randomElement(using: &rng) ?? .open
        var doc = Availability(state: state)
        if Bool.random(using: &rng) { doc.store = Bool.random(using: &rng) ? "1707045" : "downtown" }
        if state == .paused || Int.random(in: 0..<4, using: &rng) == 0 { doc.reason = Availability.Reason.allCases.randomElement(using: &rng) }
        if Bool.random(using: &rng) { doc.note = ["Libur", "free text", "n"].randomElement(using: &rng) }
        let start = instant(1_800_000_000)
        if state == .closed || Int.random(in: 0..<4, using: &rng) == 0 { doc.from = start }
        if state == .closed || Bool.random(using: &rng) { doc.until = Timestamp(unixSeconds: start.unixSeconds + 3600 * Int64.random(in: 1...72, using: &rng))?.withOffset(start.offset) }
        if state != .open && Int.random(in: 0..<4, using: &rng) == 0 { doc.since = Timestamp(unixSeconds: start.unixSeconds - 3600) }
        switch Int.random(in: 0..<6, using: &rng) {
        case 0: doc.channels = ["ubereats"]
        case 1: doc.channels = ["doordash", "grubhub"]
        case 2: doc.channels = ["1"]
        default: break
        }
        if Int.random(in: 0..<4, using: &rng) == 0 { doc.reasonText = "Store is unable to accept orders" }
        if state != .open && Int.random(in: 0..<4, using: &rng) == 0 { doc.pausedBy = Availability.Actor.allCases.randomElement(using: &rng) }
        if state == .open && Int.random(in: 0..<4, using: &rng) == 0 { doc.delay = Int.random(in: 1...60, using: &rng) }
        switch Int.random(in: 0..<8, using: &rng) {
        case 0: doc.orderTypes = [.catering]
        case 1: doc.orderTypes = [.delivery]
        case 2: doc.orderTypes = [.standard, .group]
        default: break
        }
        if Int.random(in: 0..<5, using: &rng) == 0 { doc.maintenanceMessage = .text("Down for maintenance") }
        if Int.random(in: 0..<8, using: &rng) == 0 { doc.prelaunchMessage = .inherit }
        return doc
    }

    static func value(_ doc: Availability, _ field: CanonicalField) -> String? {
        switch field {
        case .store: doc.store
        case .state: doc.state?.rawValue
        case .reason: doc.reason?.rawValue
        case .note: doc.note
        case .since: doc.since.map { "\($0.unixSeconds).\($0.nanoseconds)" }
        case .from: doc.from.map { "\($0.unixSeconds).\($0.nanoseconds)" }
        case .until: doc.until.map { "\($0.unixSeconds).\($0.nanoseconds)" }
        case .channels: doc.channels?.joined(separator: ",")
        case .maintenanceMessage: doc.maintenanceMessage.map { "\($0)" }
        case .prelaunchMessage: doc.prelaunchMessage.map { "\($0)" }
        case .reasonText: doc.reasonText
        case .by: doc.pausedBy?.rawValue
        case .delay: doc.delay.map(String.init)
        case .orderTypes: doc.orderTypes?.map(\.rawValue).joined(separator: ",")
        }
    }

    static func written(_ doc: Availability, _ field: CanonicalField) -> String? {
        switch field {
        case .since: doc.since?.rfc3339
        case .from: doc.from?.rfc3339
        case .until: doc.until?.rfc3339
        default: value(doc, field)
        }
    }

    @Test(arguments: Formats.ids.filter { $0 != "canonical" })
    func canonicalThroughFormatAndBack(_ id: String) throws {
        let format = try #require(Formats.named(id))
        var rng = SeededRandom(state: UInt64(id.utf8.reduce(7) { $0 &* 31 &+ UInt64($1) }))
        let now = try ts("2026-12-01T00:00:00Z")
        // Formats whose times are local need the store's zone.
        let zone = ["grubhub.override", "ubereats.holiday-hours"].contains(id) ? TimeZones.zone(named: "America/Denver") : nil
        let values = ConversionOptions(timeZone: zone, now: now, set: ["shop_id": "1707045"])
        var converted = 0
        var identities = 0
        for _ in 0..<Self.count {
            let doc = Self.document(&rng)
            let source = CanonicalFormat.bytes(for: doc) + [0x0A]
            let there = Converter(from: CanonicalFormat(), to: format, options: .init(values: values, allowLossy: true, widenScope: true)).convert(source)
            guard let wire = there.output else { continue }
            converted += 1
            // Back to canonical; a pause the format holds without a reason needs one to be canonical.
            var backValues = values
            backValues.reason = doc.reason ?? .other
            let back = Converter(from: format, to: CanonicalFormat(), options: .init(values: backValues, allowLossy: true, widenScope: true)).convert(wire)
            let returned = try #require(back.output.flatMap { JSONReader().read($0).root }.flatMap { CanonicalFormat().decode($0, options: ConversionOptions()).0 }?.availability,
                                        "\(id): \(String(decoding: wire, as: UTF8.self)) does not come back: \(back.findings.map(\.message)) \(back.refusal ?? "")")
            let declared = Dictionary(grouping: there.losses, by: \.field)
            for field in CanonicalField.allCases {
                let kinds = Set((declared[field.rawValue] ?? []).map(\.kind))
                let changed = Self.value(doc, field) != Self.value(returned, field)
                let rewritten = Self.written(doc, field) != Self.written(returned, field)
                // Values the flags supplied: the shop id for Tokopedia, the reason needed on the way back.
                let supplied = Self.value(doc, field) == nil
                    && (field == .store && Self.value(returned, field) == "1707045" || field == .reason && returned.reason == backValues.reason)
                if supplied { continue }
                if changed {
                    // A value that comes back different was declared dropped, approximated, widened or re-encoded.
                    #expect(!kinds.isEmpty || Self.derivedChange(field, doc, returned, there.losses), "\(id): \(field.rawValue) '\(Self.value(doc, field) ?? "nil")' came back '\(Self.value(returned, field) ?? "nil")' undeclared; wire \(String(decoding: wire, as: UTF8.self))")
                } else if rewritten {
                    #expect(kinds.contains(.reencoded) || kinds.contains(.approximated), "\(id): \(field.rawValue) rewritten '\(Self.written(doc, field) ?? "")' → '\(Self.written(returned, field) ?? "")' without a re-encoding note")
                }
            }
            // X → canonical → X is the identity where X → canonical was lossless.
            let toCanonical = Converter(from: format, to: CanonicalFormat(), options: .init(values: ConversionOptions(timeZone: zone, now: now), allowLossy: false)).convert(wire)
            if let canonical = toCanonical.output, toCanonical.losses.allSatisfy({ $0.kind == .omitted && $0.field.hasSuffix("entry fields") }) {
                let again = Converter(from: CanonicalFormat(), to: format, options: .init(values: values, allowLossy: false)).convert(canonical)
                #expect(again.output == wire, "\(id): X → canonical → X changed \(String(decoding: wire, as: UTF8.self))")
                identities += 1
            }
        }
        print("round trip \(id): \(Self.count) canonical documents, \(converted) converted and checked, \(identities) X → canonical → X identities")
        #expect(converted > Self.count / 10)
    }

    /// Changes that follow from a declared loss of another field: a scheduled
    /// closure sent where it cannot be scheduled becomes a pause; a whole-store
    /// target reads a widened scope back as every channel.
    static func derivedChange(_ field: CanonicalField, _ a: Availability, _ b: Availability, _ losses: [Loss]) -> Bool {
        let fields = Set(losses.map(\.field))
        switch field {
        case .state:
            // A pause with a start and an end is a scheduled window: the same meaning as 'closed'.
            if a.state == .paused && a.from != nil && a.until != nil && b.state == .closed { return true }
            return a.state == .closed && b.state == .paused && (fields.contains("from") || fields.contains("until"))
        case .channels: return fields.contains("channels")
        case .reason: return fields.contains("state")
        // A code sent as a provider's free text reads back as that text.
        case .reasonText: return fields.contains("reason")
        // A closure's start sent as a deactivation's start reads back as when the pause began.
        case .since: return fields.contains("from")
        // A pause with an end sent as a timed override reads back as a window from its start.
        case .from: return fields.contains("state")
        // Free text sent in the target's notes field reads back as a note.
        case .note: return fields.contains("reason_text")
        default: return false
        }
    }
}
