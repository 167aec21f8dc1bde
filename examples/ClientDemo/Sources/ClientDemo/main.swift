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

// 5. Stream NDJSON records: the code of the article "Streaming records"
// (Sources/AvailKit/AvailKit.docc/StreamingRecords.md), word for word
// (RecordSequenceTests compares them).

/// Validates each record of a file of Gett payloads as it is read: prints
/// each finding, returns how many records are invalid.
func validateStream(atPath path: String, named name: String, now: Date) async throws -> Int {
    let validator = Validator(format: try Avail.format("gett"), now: Timestamp(now))
    var invalid = 0
    for try await result in validator.results(of: try NDJSONReader(contentsOfFile: path), file: name) {
        if !result.isValid { invalid += 1 }
        for finding in result.findings { print(finding.textLine()) }
    }
    return invalid
}

/// Converts each record of a file of Gett payloads to canonical, one line each.
func convertStream(atPath path: String) throws {
    let converter = Converter(
        from: try Avail.format("gett"), to: try Avail.format("canonical"), options: Converter.Options(style: .compact))
    let reader = try NDJSONReader(contentsOfFile: path)
    while let record = try reader.next() {
        let outcome = converter.convert(record)
        if let output = outcome.output {
            print("record \(record.number): \(String(decoding: output, as: UTF8.self))", terminator: "")
        } else {
            print("record \(record.number) not converted: \(outcome.findings.map(\.ruleID).joined(separator: ", "))")
        }
    }
}

/// Reads records from a producer that writes the stream in pieces, as a socket would.
func readLiveStream() async throws {
    let (chunks, input) = AsyncStream.makeStream(of: [UInt8].self)
    let producer = Task {
        for piece in [#"{"status": "onl"#, "ine\"}\n{\"status\":", String(repeating: " ", count: 80) + "\"online\"}\n", "{}"] {
            input.yield(Array(piece.utf8))
            try await Task.sleep(for: .milliseconds(10))
        }
        input.finish()
    }
    for try await record in AsyncNDJSONRecords(chunks, maxRecordBytes: 64) {
        print("record \(record.number), line \(record.line):", record.isOversized ? "longer than \(record.limit) bytes" : record.text)
    }
    try await producer.value
}

do {
    try run()
    section("stream a file")
    let stream = examples.appendingPathComponent("gett-stream.ndjson").path
    let invalid = try await validateStream(atPath: stream, named: "gett-stream.ndjson", now: now)
    print("\(invalid) invalid records")
    try convertStream(atPath: stream)
    section("a live source")
    try await readLiveStream()
} catch {
    print("error: \(error)")
    exit(1)
}
