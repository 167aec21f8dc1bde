import Foundation
import Testing

@testable import AvailKit

/// The meaning model (``Timeline``), the check that holds conversions to it
/// (``MeaningCheck``), and the pieces of the lossless hub: statements, kept
/// members, provider codes and channel ids.
@Suite struct MeaningCheckTests {
    static let now = try! Timestamp.parse("2026-12-01T00:00:00Z").get()

    func canonical(_ json: String) throws -> Availability {
        let root = try #require(read(json).root)
        let decoded = try #require(CanonicalFormat().decode(root, options: ConversionOptions(now: Self.now)).0)
        return decoded.availability
    }

    @Test func openUntilIsNotOpenForever() throws {
        let source = try canonical(#"{"state": "open", "until": "2026-12-02T00:00:00Z"}"#)
        let output = try canonical(#"{"state": "open"}"#)
        let differences = MeaningCheck.differences(source: source, output: output, now: Self.now)
        #expect(differences.map(\.description) == [
            "from 2026-12-02T00:00:00Z on, on every channel, the source says nothing (regular hours stand) and the output says open"
        ])
        #expect(differences.map(\.aspect) == [.state])
    }

    @Test func aWindowThatEndedSaysNothing() throws {
        let ended = try canonical(#"{"state": "paused", "reason": "too_busy", "until": "2026-11-30T00:00:00Z"}"#)
        let nothing = try canonical(#"{"state": "open", "from": "2027-01-01T00:00:00Z", "until": "2027-01-01T00:00:01Z"}"#)
        #expect(MeaningCheck.differences(source: ended, output: ended, now: Self.now).isEmpty)
        // From now on the ended pause says nothing, exactly as a document about next year says nothing today.
        let differences = MeaningCheck.differences(source: ended, output: nothing, now: Self.now)
        #expect(differences.map(\.description) == [
            "from 2027-01-01T00:00:00Z to 2027-01-01T00:00:01Z, on every channel, the source says nothing (regular hours stand) and the output says open"
        ])
    }

    @Test func pausedAndClosedMeanTheSame() throws {
        let paused = try canonical(#"{"state": "paused", "from": "2026-12-24T00:00:00Z", "until": "2026-12-26T00:00:00Z"}"#)
        let closed = try canonical(#"{"state": "closed", "from": "2026-12-24T00:00:00Z", "until": "2026-12-26T00:00:00Z"}"#)
        #expect(MeaningCheck.differences(source: paused, output: closed, now: Self.now).isEmpty)
    }

    @Test func scopesAreComparedCellByCell() throws {
        let source = try canonical(#"{"state": "paused", "channels": ["ubereats"], "also": [{"state": "open", "channels": ["doordash"]}]}"#)
        let widened = try canonical(#"{"state": "paused"}"#)
        let differences = MeaningCheck.differences(source: source, output: widened, now: Self.now)
        #expect(differences.map(\.scope) == ["every channel", "channel 'doordash'"])
        #expect(differences.map(\.aspect) == [.state, .state])
        // A platform's own API sees only the statements for it.
        #expect(MeaningCheck.differences(source: source, output: widened, now: Self.now, platform: "ubereats").isEmpty)
    }

    @Test func aLossOfTheRightFieldAccountsForADifference() throws {
        let source = try canonical(#"{"state": "open", "until": "2026-12-02T00:00:00Z"}"#)
        let output = try canonical(#"{"state": "open"}"#)
        let differences = MeaningCheck.differences(source: source, output: output, now: Self.now)
        let untilDropped = Loss(kind: .dropped, field: "until", origin: nil, message: "")
        let noteDropped = Loss(kind: .dropped, field: "note", origin: nil, message: "")
        let untilReencoded = Loss(kind: .reencoded, field: "until", origin: nil, message: "")
        #expect(MeaningCheck.unaccounted(differences, losses: [untilDropped]).isEmpty)
        #expect(MeaningCheck.unaccounted(differences, losses: [noteDropped]).count == 1)
        #expect(MeaningCheck.unaccounted(differences, losses: [untilReencoded]).count == 1, "a note never accounts for a change")
    }

    @Test func aProviderCodeSaysItsReason() throws {
        let coded = try canonical(#"{"state": "paused", "provider_code": "doordash:payment_issue"}"#)
        let spelled = try canonical(#"{"state": "paused", "reason": "other", "provider_code": "doordash:payment_issue"}"#)
        #expect(MeaningCheck.differences(source: coded, output: spelled, now: Self.now).isEmpty)
    }

    @Test func conflictingStatementsAreFound() throws {
        let document = try canonical(#"{"state": "paused", "reason": "other", "also": [{"state": "open", "channels": ["web"]}]}"#)
        let conflict = try #require(Timeline.conflicts(in: document, now: Self.now))
        #expect(conflict.cell.description == "channel 'web'")
        // Two deactivations at once agree: the store is off.
        #expect(Timeline.conflicts(
            in: try canonical(#"{"state": "paused", "reason_text": "a", "also": [{"state": "paused", "reason_text": "b"}]}"#), now: Self.now) == nil)
    }

    /// A format whose encoder says a store is open whatever it was told:
    /// the check catches it, and the conversion is refused like a loss.
    struct AlwaysOpen: AvailabilityFormat {
        static let declaration = FormatDeclaration(
            id: "always-open", title: "test", summary: "test", description: "test",
            root: ObjectShape(name: "always open", fields: [Field("open", .boolean, required: true)]))
        var declaration: FormatDeclaration { Self.declaration }

        func read(_ root: JSONValue, options: ConversionOptions, into decoded: inout Decoded) -> (Bool, [Finding]) {
            var findings: [Finding] = []
            guard var object = ObjectDecoder(root, shape: Self.declaration.root, findings: &findings), let (open, _) = object.bool("open")
            else { return (false, findings) }
            decoded.availability.state = open ? .open : .paused
            return (true, findings)
        }

        func write(_ source: Decoded, options: ConversionOptions, into out: inout JSONOutput) -> EncodeResult {
            out.beginObject()
            out.field("open", bool: true)
            out.endObject()
            return .success([])
        }
    }

    @Test func anEncoderThatChangesTheMeaningIsCaught() throws {
        let pause = Array(#"{"state": "paused", "reason": "too_busy"}"#.utf8)
        let options = Converter.Options(values: ConversionOptions(now: Self.now))
        let refused = Converter(from: CanonicalFormat(), to: AlwaysOpen(), options: options).convert(pause)
        #expect(refused.output == nil)
        #expect(refused.refusal == "refusing a conversion to always-open that changes what the payload means")
        #expect(refused.findings.map(\.ruleID) == ["meaning_changed"])
        #expect(refused.findings.first?.message == "the always-open output means something else than the source: from 2026-12-01T00:00:00Z on, on every channel, the source says not taking orders (reason too_busy) and the output says open; no reported loss accounts for it")
        var accepting = options
        accepting.allowLossy = true
        let accepted = Converter(from: CanonicalFormat(), to: AlwaysOpen(), options: accepting).convert(pause)
        #expect(accepted.output != nil)
        #expect(accepted.findings.map(\.severity) == [.warning])
        var unchecked = options
        unchecked.checksMeaning = false
        #expect(Converter(from: CanonicalFormat(), to: AlwaysOpen(), options: unchecked).convert(pause).output != nil)
    }

    @Test func keptMembersFillWhatTheEncoderLeftOut() throws {
        var meta = Meta()
        meta.keep(.string("acct"), at: "/accountId", for: "x")
        meta.keep(.string("kept"), at: "/status", for: "x")
        meta.keep(.string("id-0"), at: "/list/0/id", for: "x")
        meta.keep(.string("id-1"), at: "/list/1/id", for: "x")
        meta.keep(.string("other"), at: "/accountId", for: "y")
        let written = Array(#"{"status":"open","list":[{"on":true}]}"#.utf8)
        let filled = try #require(meta.filling(written, format: "x", style: .compact))
        // The encoder's own member wins; a second list item is the first one's copy, with its own id.
        #expect(String(decoding: filled, as: UTF8.self) == #"{"status":"open","list":[{"on":true,"id":"id-0"},{"on":true,"id":"id-1"}],"accountId":"acct"}"#)
        #expect(meta.filling(written, format: "z", style: .compact) == nil)
    }

    @Test func channelIdsBelongToTheirProvider() {
        #expect(ChannelID.provider(of: "bigcommerce:1") == "bigcommerce")
        #expect(ChannelID.provider(of: "ubereats") == nil)
        #expect(ChannelID.provider(of: ":x") == nil)
        #expect(ChannelID.id("deliverect:606d", of: "deliverect") == "606d")
        #expect(ChannelID.id("bigcommerce:1", of: "deliverect") == nil)
    }

    @Test func aBigCommerceChannelIsNotADeliverectLink() throws {
        let channel = Array(#"{"id": 1, "status": "inactive"}"#.utf8)
        let outcome = Converter(from: BigCommerceChannelFormat(), to: DeliverectFormat(), options: .init(allowLossy: true)).convert(channel)
        #expect(outcome.output == nil)
        #expect(outcome.findings.map(\.message) == [
            "'bigcommerce:1' is a bigcommerce channel id, not a Deliverect channel link; configure the store's deliverect channel_links (--stores) with the link for that channel"
        ])
    }

    @Test func statementsReachAOneStatementFormatAsOneOrAsReported() throws {
        let source = Decoded(availability: try canonical(#"""
            {"state": "paused", "reason_text": "a", "until": "2026-12-03T00:00:00Z",
             "also": [{"state": "paused", "reason_text": "b", "from": "2026-12-02T00:00:00Z", "until": "2026-12-04T00:00:00Z"}]}
            """#))
        let (one, losses) = Statements.projected(source, for: GettFormat.request)
        // Two pauses that run into each other are one window, from the first's start to the last's end.
        #expect(one.availability.until?.rfc3339 == "2026-12-04T00:00:00Z")
        #expect(one.availability.reasonText == "a")
        #expect(losses.map(\.kind) == [.approximated])
        let mixed = Decoded(availability: try canonical(#"{"state": "paused", "channels": ["ubereats"], "also": [{"state": "open", "channels": ["doordash"]}]}"#))
        let (uber, uberLosses) = Statements.projected(mixed, for: UberEatsFormat.declaration)
        #expect(uber.availability.state == .paused)
        #expect(uberLosses.map(\.kind) == [.notApplicable], "a statement about DoorDash does not apply to Uber Eats")
        let (gett, gettLosses) = Statements.projected(mixed, for: GettFormat.request)
        #expect(gett.availability.state == .paused)
        #expect(gettLosses.map(\.kind) == [.dropped])
    }
}
