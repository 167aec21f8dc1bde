import Foundation
import Testing

@testable import AvailKit

/// Generated canonical documents through every format and every pair of
/// formats, each conversion checked against its meaning (``MeaningCheck``):
/// an output that means something else than its input, with no reported loss
/// saying so, is an encoder defect. And a format converts to itself, directly
/// or through canonical, unchanged.
@Suite struct MeaningPropertyTests {
    /// Zones with daylight saving time (and one with a 30-minute shift, one without).
    static let zones = ["America/Denver", "Europe/London", "Australia/Lord_Howe", "Asia/Kolkata", "America/Sao_Paulo"]

    /// Instants around DST transitions of 2026 (US, EU, Lord Howe), in UNIX seconds.
    static let anchors: [Int64] = [
        1_772_960_400,  // 2026-03-08T09:00:00Z, US spring forward (02:00 MST)
        1_774_746_000,  // 2026-03-29T01:00:00Z, EU spring forward
        1_775_311_200,  // 2026-04-04T14:00:00Z, Lord Howe ends DST (02:00 local)
        1_791_050_400,  // 2026-10-03T15:30:00Z, Lord Howe starts DST (02:00 local)
        1_792_893_600,  // 2026-10-25T01:00:00Z, EU fall back
        1_793_520_000,  // 2026-11-01T08:00:00Z, US fall back (02:00 MDT)
        1_798_070_400,  // 2026-12-24T00:00:00Z
    ]

    static let channelNames = ["ubereats", "doordash", "grubhub", "bigcommerce:1", "deliverect:L9", "web", "wolt", "deliveryhero:TB", "ifood"]

    /// Provider codes a statement may keep, by whether the store takes orders.
    static let codes: (open: [String], off: [String]) = (
        ["bigcommerce:connected"],
        DoorDashReason.allCases.filter { $0.providerCode != nil }.compactMap(\.providerCode) + ["bigcommerce:prelaunch", "bigcommerce:disconnected"]
            + ["justeat:TempOffline", "justeat:IgnoredOrders", "deliveryhero:TOO_BUSY_NO_DRIVERS", "deliveryhero:FRAUD", "ifood:payout-blocked"]
            + ["ifood:is-connected", "grab:ops_paused", "grab:parse_data_fail"]
    )

    struct Case {
        var document: Availability
        var zone: TimeZone
        var now: Timestamp
    }

    /// A random canonical document with no conflicting statements, its zone and clock.
    static func generate(_ rng: inout SeededRandom) -> Case {
        let zoneName = zones.randomElement(using: &rng) ?? "UTC"
        let zone = TimeZones.zone(named: zoneName) ?? TimeZone(identifier: "UTC")!
        let anchor = anchors.randomElement(using: &rng) ?? anchors[0]
        // The clock: before, inside or after the windows (an ended window is over).
        let now = Timestamp(unixSeconds: anchor + Int64.random(in: -4 * 86_400...2 * 86_400, using: &rng) / 1800 * 1800) ?? .epoch
        func instant(_ around: Int64) -> Timestamp {
            // Whole minutes mostly, on the quarter hour often: local times fall in gaps and overlaps.
            var seconds = around + Int64.random(in: -36...36, using: &rng) * 900
            if Int.random(in: 0..<10, using: &rng) == 0 { seconds += Int64.random(in: 1...59, using: &rng) }
            let t = Timestamp(unixSeconds: seconds) ?? .epoch
            switch Int.random(in: 0..<3, using: &rng) {
            case 0: return t
            case 1: return t.rendered(in: zone) ?? t
            default: return t.withOffset(.minutes(-420)) ?? t
            }
        }
        var statements: [Availability] = []
        let count = [1, 1, 1, 2, 2, 3].randomElement(using: &rng) ?? 1
        for i in 0..<count {
            let state = Availability.State.allCases.randomElement(using: &rng) ?? .open
            var s = Availability(state: state)
            let start = instant(anchor)
            let hours = [1, 2, 5, 24, 26, 49, 72].randomElement(using: &rng) ?? 1
            let end = (Timestamp(unixSeconds: start.unixSeconds + Int64(hours) * 3600) ?? start).withOffset(start.offset) ?? start
            if state == .closed || Int.random(in: 0..<3, using: &rng) == 0 { s.from = start }
            if state == .closed || Bool.random(using: &rng) { s.until = end }
            if state != .open {
                if Int.random(in: 0..<4, using: &rng) != 0 { s.reason = Availability.Reason.allCases.randomElement(using: &rng) }
                if Int.random(in: 0..<5, using: &rng) == 0 { s.providerCode = codes.off.randomElement(using: &rng) }
                if Int.random(in: 0..<4, using: &rng) == 0 { s.pausedBy = Availability.Actor.allCases.randomElement(using: &rng) }
                if Int.random(in: 0..<4, using: &rng) == 0 { s.since = Timestamp(unixSeconds: start.unixSeconds - 3600) }
            } else {
                if Int.random(in: 0..<4, using: &rng) == 0 { s.delay = Int.random(in: 1...60, using: &rng) }
                if Int.random(in: 0..<8, using: &rng) == 0 { s.providerCode = codes.open.randomElement(using: &rng) }
            }
            if Int.random(in: 0..<4, using: &rng) == 0 { s.reasonText = "Store is unable to accept orders" }
            if Int.random(in: 0..<4, using: &rng) == 0 { s.note = ["Libur", "free text"].randomElement(using: &rng) }
            switch Int.random(in: 0..<7, using: &rng) {
            case 0: s.channels = [channelNames.randomElement(using: &rng) ?? "ubereats"]
            case 1: s.channels = Array(channelNames.shuffled(using: &rng).prefix(2))
            case 2 where i > 0: s.channels = ["doordash", "grubhub"]
            default: break
            }
            switch Int.random(in: 0..<8, using: &rng) {
            case 0: s.orderTypes = [.catering]
            case 1: s.orderTypes = [.delivery]
            case 2: s.orderTypes = [.standard, .group]
            default: break
            }
            statements.append(s)
        }
        var doc = statements[0]
        doc.also = Array(statements.dropFirst())
        if Bool.random(using: &rng) { doc.store = Bool.random(using: &rng) ? "1707045" : "downtown" }
        if Int.random(in: 0..<4, using: &rng) == 0 { doc.maintenanceMessage = .text("Down for maintenance") }
        // Statements that contradict each other are not a document: keep the first.
        if Timeline.conflicts(in: doc, now: now) != nil { doc.also = [] }
        return Case(document: doc, zone: zone, now: now)
    }

    static func options(_ c: Case) -> ConversionOptions {
        ConversionOptions(
            timeZone: c.zone, now: c.now,
            set: [
                "shop_id": "1707045", "channel_links.ubereats": "L1", "channel_links.doordash": "L2", "channel_links.grubhub": "L3",
                "merchantID": "1-CYNGRUNGSBCCC", "platforms.TB": "123456789", "restaurantIds": "12345", "tenant": "uk",
            ])
    }

    static func accepting(_ c: Case) -> Converter.Options {
        Converter.Options(values: options(c), allowLossy: true, widenScope: true)
    }

    /// The `meaning_changed` findings of a conversion, as text for the failure message.
    static func changes(_ outcome: Converter.Outcome) -> [String] {
        outcome.findings.filter { $0.ruleID == "meaning_changed" }.map(\.message)
    }

    /// Canonical → every format: every output means what the document means, or a reported loss says why not.
    @Test(arguments: Formats.ids)
    func canonicalToEveryFormatKeepsItsMeaning(_ id: String) throws {
        let target = try #require(Formats.named(id))
        var rng = SeededRandom(state: UInt64(id.utf8.reduce(11) { $0 &* 31 &+ UInt64($1) }))
        var converted = 0
        for _ in 0..<600 {
            let c = Self.generate(&rng)
            let source = CanonicalFormat.bytes(for: c.document) + [0x0A]
            let outcome = Converter(from: CanonicalFormat(), to: target, options: Self.accepting(c)).convert(source)
            #expect(Self.changes(outcome) == [], "canonical → \(id), now \(c.now.rfc3339), zone \(c.zone.identifier):\n\(String(decoding: source, as: UTF8.self))\(outcome.output.map { String(decoding: $0, as: UTF8.self) } ?? "")")
            if outcome.output != nil { converted += 1 }
        }
        #expect(converted > 50, "\(id): only \(converted) of 600 documents convert")
    }

    /// Every pair of formats: a generated document written in the first
    /// (accepting its losses), then converted to the second.
    @Test(arguments: Formats.ids)
    func everyPairKeepsItsMeaning(_ from: String) throws {
        let source = try #require(Formats.named(from))
        var rng = SeededRandom(state: UInt64(from.utf8.reduce(5) { $0 &* 37 &+ UInt64($1) }))
        var checked = 0
        for _ in 0..<60 {
            let c = Self.generate(&rng)
            let canonical = CanonicalFormat.bytes(for: c.document) + [0x0A]
            guard let wire = Converter(from: CanonicalFormat(), to: source, options: Self.accepting(c)).convert(canonical).output else { continue }
            for target in Formats.all {
                let outcome = Converter(from: source, to: target, options: Self.accepting(c)).convert(wire)
                #expect(Self.changes(outcome) == [], "\(from) → \(target.id), now \(c.now.rfc3339), zone \(c.zone.identifier):\n\(String(decoding: wire, as: UTF8.self))\(outcome.output.map { String(decoding: $0, as: UTF8.self) } ?? "")")
                checked += 1
            }
        }
        #expect(checked > 100, "\(from): only \(checked) conversions checked")
    }

    /// F → F and F → canonical → F give back the document (the same JSON
    /// value), without a loss, for every document a format writes.
    @Test(arguments: Formats.ids)
    func aFormatConvertsToItselfUnchanged(_ id: String) throws {
        let format = try #require(Formats.named(id))
        var rng = SeededRandom(state: UInt64(id.utf8.reduce(3) { $0 &* 41 &+ UInt64($1) }))
        var identities = 0
        for _ in 0..<400 {
            let c = Self.generate(&rng)
            let canonical = CanonicalFormat.bytes(for: c.document) + [0x0A]
            let strict = Converter.Options(values: Self.options(c))
            guard let wire = Converter(from: CanonicalFormat(), to: format, options: Self.accepting(c)).convert(canonical).output,
                let expected = jsonValue(wire)
            else { continue }
            // Only a document that reads cleanly is a document of the format.
            let (_, findings) = Converter(from: format, to: format, options: strict).decode(wire)
            guard findings.isEmpty else { continue }
            let direct = Converter(from: format, to: format, options: strict).convert(wire)
            #expect(jsonValue(direct.output) == expected, "\(id) → \(id): \(String(decoding: wire, as: UTF8.self)) \(direct.findings.map(\.message)) \(direct.refusal ?? "")")
            let there = Converter(from: format, to: CanonicalFormat(), options: strict).convert(wire)
            let back = there.output.map { Converter(from: CanonicalFormat(), to: format, options: strict).convert($0) }
            #expect(jsonValue(back?.output) == expected, "\(id) → canonical → \(id): \(String(decoding: wire, as: UTF8.self)) \(there.findings.map(\.message)) \(there.refusal ?? "") \(back?.refusal ?? "")")
            identities += 1
        }
        #expect(identities > 40, "\(id): only \(identities) documents checked")
    }
}
