import AvailConfig
import AvailKit
import Foundation

// What a service does with AvailKit, through the public API only. The clock is
// pinned so the output is the same on every run (CI compares it).
let now = Date(timeIntervalSince1970: 1_764_547_200)  // 2025-12-01T00:00:00Z
let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

func section(_ title: String) { print("== \(title)") }

func run() throws {
    // 1. Decode a Gett StoreStatus response into the canonical value.
    section("decode a Gett response")
    let response = #"{"status": "paused", "reason": "too_busy", "pausedAt": "2025-11-30T15:00:00Z", "resumeAt": "2025-12-01T18:00:00-07:00"}"#
    let paused = try Avail.decode(Array(response.utf8), format: "gett.status")
    print("state \(paused.state?.rawValue ?? "-"), reason \(paused.reason?.rawValue ?? "-"), until \(paused.until?.rfc3339 ?? "-")")
    print("until as a Date: \(paused.until?.date.timeIntervalSince1970 ?? 0)")

    // 2. Build a canonical value and write it for Lula and Tokopedia, with the loss report.
    section("encode for Lula and Tokopedia")
    let until = Timestamp(Date(timeIntervalSince1970: 1_768_510_800), offset: .minutes(-420))
    let closure = Availability(store: "downtown", state: .paused, reason: .staffShortage, note: "Short-staffed", until: until)
    let lula = try Avail.encode(closure, to: "lula", allowLossy: true, style: .compact)
    print("lula: \(lula.text)", terminator: "")
    for loss in lula.losses { print("  \(loss.kind.rawValue) \(loss.field): \(loss.message)") }
    var values = ConversionOptions(timeZone: TimeZone(identifier: "Asia/Jakarta"), now: Timestamp(now))
    values.setTokopediaShop(1_707_045)
    let tokopedia = try Avail.encode(closure, to: "tokopedia", values: values, allowLossy: true, style: .compact)
    print("tokopedia: \(tokopedia.text)", terminator: "")
    for loss in tokopedia.losses { print("  \(loss.kind.rawValue) \(loss.field): \(loss.message)") }
    do {
        _ = try Avail.encode(closure, to: "lula")
    } catch {
        if case .refused(let reason, let losses) = error {
            print("without allowLossy: refused (\(losses.count) losses): \(reason)")
        }
    }

    // The canonical value is Codable: its JSON is the canonical document.
    let json = try JSONEncoder().encode(closure)
    let back = try JSONDecoder().decode(Availability.self, from: json)
    print("Codable round trip equal: \(back == closure)")

    // 3. Validate a payload and walk the findings.
    section("validate")
    let payload = #"{"status": "Paused", "resume_at": "2026-01-15T14:00:00Z"}"#
    for finding in try Avail.validate(Array(payload.utf8), format: "gett", now: now) {
        print("\(finding.location.line):\(finding.location.column) \(finding.severity.rawValue) \(finding.ruleID) at '\(finding.pointer ?? "")': \(finding.message)")
    }
    do {
        _ = try Avail.format("get")
    } catch {
        print("unknown format: \(error)")
    }

    // 4. Load a store config and plan its requests for one provider.
    section("config and plan")
    let config = try StoreConfig.load(contentsOf: examples.appendingPathComponent("stores.yaml"), now: now)
    print("stores: \(config.stores.map(\.id).joined(separator: ", "))")
    let plan = config.plan(to: .lula, now: now)
    for request in plan.requests { print("\(request.store) \(request.purpose): \(request.method) \(request.path)") }
    for skipped in plan.skipped { print("skipped \(skipped.store): \(skipped.reason)") }
}

do {
    try run()
} catch {
    print("error: \(error)")
    exit(1)
}
