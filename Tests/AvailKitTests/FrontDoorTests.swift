import AvailConfig
import Foundation
import Testing

@testable import AvailKit

/// The library's front door: values in and out, typed errors, Codable, Date.
@Suite struct FrontDoorTests {
    @Test func timestampsMeetDatesKeepingTheirOffset() throws {
        let t = Timestamp(Date(timeIntervalSince1970: 1_768_510_800.5), offset: .minutes(-420))
        #expect(t.rfc3339 == "2026-01-15T14:00:00.5-07:00")
        #expect(t.date == Date(timeIntervalSince1970: 1_768_510_800.5))
        #expect(Timestamp(Date(timeIntervalSince1970: 0)).rfc3339 == "1970-01-01T00:00:00Z")
        // Hostile dates do not trap: NaN is the epoch, infinities clamp to the range's ends.
        #expect(Timestamp(Date(timeIntervalSince1970: .nan)).rfc3339 == "1970-01-01T00:00:00Z")
        #expect(Timestamp(Date(timeIntervalSince1970: .infinity)).rfc3339 == "9999-12-31T23:59:59Z")
        #expect(Timestamp(Date(timeIntervalSince1970: -.infinity)).rfc3339 == "0001-01-01T00:00:00Z")
        let parsed = try ts("2024-11-15T23:59:00-07:00")
        #expect(Timestamp(parsed.date, offset: parsed.offset) == parsed)
    }

    @Test func availabilityIsCodableAsTheCanonicalDocument() throws {
        let doc = Availability(
            store: "downtown", state: .paused, reason: .tooBusy, note: "n", until: try ts("2026-01-15T14:00:00-07:00"),
            channels: ["ubereats"], maintenanceMessage: .inherit, reasonText: "busy", pausedBy: .platform, orderTypes: [.catering])
        let encoded = try JSONEncoder().encode(doc)
        let canonical = CanonicalFormat.bytes(for: doc, style: .compact)
        // The same members and values as the canonical writer; JSONEncoder on Linux
        // does not keep the container's key order, so members are compared as a set.
        func members(_ bytes: [UInt8]) -> [String: String] {
            Dictionary(uniqueKeysWithValues: (JSONReader().read(bytes).root?.members ?? []).map { ($0.key, JSONWriter(style: .compact).string($0.value)) })
        }
        #expect(members([UInt8](encoded)) == members(canonical))
        #expect(members(canonical).count == 10)
        #expect(try JSONDecoder().decode(Availability.self, from: Data(canonical)) == doc)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Availability.self, from: Data(#"{"state": "shut"}"#.utf8)) }
        #expect(Set([doc, doc]).count == 1)
    }

    /// Notes (a value written another way) get their messages unless the
    /// caller says it never shows them, as a plan does; losses always do.
    /// A stream worker reuses one `Decoded`: cleared, a value with every field
    /// set is the same as a new one (origins and storage included).
    @Test func clearingADecodedUnsetsEveryField() throws {
        let here = Origin(pointer: "/a", location: SourceLocation(line: 1, column: 2), value: "x")
        var full = Availability(
            store: "s1", state: .paused, reason: .tooBusy, note: "n", since: try ts("2026-01-01T00:00:00Z"),
            from: try ts("2026-01-02T00:00:00Z"), until: try ts("2026-01-03T00:00:00Z"), channels: ["web"],
            maintenanceMessage: .text("m"), prelaunchMessage: .inherit, reasonText: "busy", pausedBy: .store, delay: 5,
            orderTypes: [.pickup], providerCode: "doordash:payment_issue", also: [Availability(state: .open, channels: ["x"])])
        full.meta.keep(.string("v"), at: "/k", for: "gett.status")
        #expect(
            Mirror(reflecting: full).children.allSatisfy { "\($0.value)" != "nil" && "\($0.value)" != "[]" && "\($0.value)" != "\(Meta())" },
            "every field of the sample is set")
        var decoded = Decoded(availability: full, leftovers: [Leftover(name: "k", origin: here)], root: here.location)
        decoded.alsoOrigins = [here]
        for field in CanonicalField.allCases { decoded.origins[field] = here }
        decoded.losses = [Loss(kind: .dropped, field: "note", origin: here, message: "dropped")]
        decoded.rejected = [.reason]
        decoded.describesLosses = false
        decoded.clear()
        let empty = Decoded()
        #expect(decoded.availability == empty.availability)
        #expect(decoded.leftovers.isEmpty && decoded.losses.isEmpty && decoded.rejected.isEmpty && decoded.alsoOrigins.isEmpty)
        #expect(decoded.root == empty.root)
        #expect(decoded.describesLosses)
        #expect(CanonicalField.allCases.allSatisfy { decoded.origins[$0] == nil })
    }

    @Test func notesAreDescribedUnlessTurnedOff() throws {
        let canonical = Array(#"{"store": "s1", "state": "paused", "reason": "too_busy", "note": "n", "until": "2026-01-15T14:00:00Z"}"#.utf8)
        let (decoded, findings) = Converter(from: CanonicalFormat(), to: GettFormat(kind: .request)).decode(canonical)
        #expect(findings.isEmpty)
        let source = try #require(decoded)
        var options = ConversionOptions()
        // Both ways in: the whole document, and into a caller's output.
        func losses() -> [[String]] {
            func lines(_ losses: [Loss]) -> [String] { losses.map { "\($0.kind.rawValue) \($0.field): \($0.message)" } }
            var out = JSONOutput(style: .compact)
            guard case .success(_, let whole) = GettFormat(kind: .request).encode(source, options: options),
                case .success(let into) = GettFormat(kind: .request).encode(source, options: options, into: &out)
            else { return [["not written"]] }
            return [lines(whole), lines(into)]
        }
        let described = [
            "reencoded store: store 's1' goes in the request path /v1/commerce/stores/{storeId}/status, not in the body",
            "dropped note: note 'n' is dropped; gett has no free-text note",
        ]
        #expect(losses() == [described, described])
        options.describesNotes = false
        let quiet = ["reencoded store: ", "dropped note: note 'n' is dropped; gett has no free-text note"]
        #expect(losses() == [quiet, quiet])
    }

    @Test func convertValidateDecodeEncode() throws {
        let gett = Array(#"{"status": "paused", "reason": "too_busy", "resumeAt": "2026-01-15T14:00:00-07:00"}"#.utf8)
        let lula = try Avail.convert(gett, from: "gett", to: "lula", allowLossy: true, style: .compact)
        #expect(lula.text == #"{"dsp_name":"All","is_active":false,"end_time":"2026-01-15T14:00:00-07:00"}"# + "\n")
        #expect(lula.losses.map(\.field) == ["reason"])
        do {
            _ = try Avail.convert(gett, from: "gett", to: "lula")
            Issue.record("a lossy conversion was not refused")
        } catch {
            guard case .refused(let message, let losses) = error else { throw error }
            #expect(message == "refusing a conversion to lula that is lossy (1 loss)")
            #expect(losses.map(\.field) == ["reason"])
            #expect(losses.map(\.isRefused) == [true])
            // The description names the API's ways to accept it, not avail's flags.
            #expect(!error.description.contains("--"), "\(error.description)")
        }
        #expect(throws: Avail.Failure.unknownFormat("get")) { try Avail.convert(gett, from: "get", to: "lula") }
        #expect(Avail.Failure.unknownFormat("get").description == "unknown format 'get'; did you mean 'gett'? (Formats.ids lists them)")
        do {
            _ = try Avail.convert(Array(#"{"status": 1}"#.utf8), from: "gett", to: "lula")
            Issue.record("a broken document converted")
        } catch {
            guard case .invalid(let findings) = error else { throw error }
            #expect(findings.map(\.ruleID) == ["type_mismatch"])
        }
        do {
            _ = try Avail.convert(gett, from: "gett", to: "tokopedia")
            Issue.record("tokopedia without a shop id converted")
        } catch {
            guard case .cannotConvert(let findings) = error else { throw error }
            #expect(!findings.isEmpty && findings.allSatisfy { $0.ruleID == "conversion_needs_value" })
        }
        let decoded = try Avail.decode(gett, format: "gett")
        #expect(decoded.reason == .tooBusy)
        let back = try Avail.encode(decoded, to: "gett", style: .compact)
        #expect(back.text == #"{"status":"paused","reason":"too_busy","resumeAt":"2026-01-15T14:00:00-07:00"}"# + "\n")
        let findings = try Avail.validate(Array(#"{"status": "Paused"}"#.utf8), format: "gett")
        #expect(findings.map(\.ruleID) == ["enum_value"])
    }
}
