import Foundation
import Testing

@testable import AvailCLI
@testable import AvailKit

/// One golden case: `golden/<format>/<case>/input.json`, an optional
/// `case.json` (`{"args": [...], "schema": "valid"|"invalid"}`) and one
/// expected `to-<target>.txt` per format: the exact command, exit code,
/// stdout and stderr of `avail convert`.
struct GoldenCase: CustomStringConvertible, Sendable {
    var format: String
    var name: String
    var directory: URL
    var args: [String]

    var description: String { "\(format)/\(name)" }

    /// Whether a reason reached canonical from a flag rather than from the source document.
    func suppliedReason(for format: any AvailabilityFormat, bytes: [UInt8]) -> Bool {
        let (decoded, _) = Converter(from: format, to: format).decode(bytes)
        return decoded?.availability.reason == nil
    }

    /// The case's value flags as library options (the flags the CLI would parse).
    var values: ConversionOptions {
        var options = ConversionOptions()
        var i = 0
        while i + 1 < args.count {
            let value = args[i + 1]
            switch args[i] {
            case "--reason": options.reason = Availability.Reason(rawValue: value)
            case "--timezone": options.timeZone = TimeZones.zone(named: value)
            case "--now": options.now = try? Timestamp.parse(value).get()
            case "--set":
                let parts = value.split(separator: "=", maxSplits: 1).map(String.init)
                if parts.count == 2 { options.set[parts[0]] = parts[1] }
            default:
                i += 1
                continue
            }
            i += 2
        }
        return options
    }

    static func all() -> [GoldenCase] {
        let fm = FileManager.default
        var cases: [GoldenCase] = []
        let formats = (try? fm.contentsOfDirectory(atPath: Paths.golden.path)) ?? []
        for format in formats.sorted() where Formats.named(format) != nil {
            let formatDir = Paths.golden.appendingPathComponent(format)
            for name in ((try? fm.contentsOfDirectory(atPath: formatDir.path)) ?? []).sorted() {
                let dir = formatDir.appendingPathComponent(name)
                guard fm.fileExists(atPath: dir.appendingPathComponent("input.json").path) else { continue }
                var args: [String] = []
                if let data = fm.contents(atPath: dir.appendingPathComponent("case.json").path),
                    let root = JSONReader().read([UInt8](data)).root, let items = root["args"]?.items
                {
                    args = items.compactMap(\.stringValue)
                }
                // A pinned clock keeps clock-dependent outputs (Tokopedia's start_date) stable.
                if !args.contains("--now") { args += ["--now", "2025-06-01T00:00:00Z"] }
                cases.append(GoldenCase(format: format, name: name, directory: dir, args: args))
            }
        }
        return cases
    }
}

enum Golden {
    static var updating: Bool { ProcessInfo.processInfo.environment["AVAIL_UPDATE_GOLDEN"] == "1" }

    /// Compares `actual` with the file; in update mode rewrites it and still fails.
    static func check(_ actual: String, against file: URL, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let expected = try? String(contentsOf: file, encoding: .utf8)
        if updating {
            if expected != actual {
                try? actual.write(to: file, atomically: true, encoding: .utf8)
                Issue.record("recorded \(file.path); re-run without AVAIL_UPDATE_GOLDEN and review the diff", sourceLocation: sourceLocation)
            }
            return
        }
        guard let expected else {
            Issue.record("missing golden \(file.path); create it with AVAIL_UPDATE_GOLDEN=1 swift test", sourceLocation: sourceLocation)
            return
        }
        if expected != actual {
            Issue.record("golden mismatch for \(file.path):\n\(unifiedDiff(expected, actual))", sourceLocation: sourceLocation)
        }
    }

    static func unifiedDiff(_ expected: String, _ actual: String) -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("avail-diff-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let a = dir.appendingPathComponent("expected")
        let b = dir.appendingPathComponent("actual")
        try? expected.write(to: a, atomically: true, encoding: .utf8)
        try? actual.write(to: b, atomically: true, encoding: .utf8)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/diff")
        p.arguments = ["-u", a.path, b.path]
        let pipe = Pipe()
        p.standardOutput = pipe
        guard (try? p.run()) != nil else { return "--- expected\n\(expected)\n+++ actual\n\(actual)" }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    /// The transcript stored in `to-<target>.txt`.
    static func transcript(command: [String], result: RunResult) -> String {
        var text = "$ " + command.joined(separator: " ") + "\n"
        text += "exit: \(result.exit)\n"
        text += "--- stdout\n" + result.stdout
        if !result.stdout.isEmpty && !result.stdout.hasSuffix("\n") { text += "\n" }
        text += "--- stderr\n" + result.stderr
        return text
    }
}

@Suite struct GoldenTests {
    @Test(arguments: GoldenCase.all())
    func convertToEveryFormat(_ golden: GoldenCase) throws {
        // Parsed once and retargeted (see `converting(to:accepting:)`); a
        // command line that does not parse is parsed again for each target.
        let parsed = AvailCLI.parse(["convert", "--from", golden.format, "--to", "canonical", "input.json"] + golden.args)
        for target in Formats.ids {
            let args = ["convert", "--from", golden.format, "--to", target, "input.json"] + golden.args
            let result = runAvailInProcess(parsed: parsed.converting(to: target) ?? AvailCLI.parse(args), in: golden.directory)
            var transcript = Golden.transcript(command: ["avail"] + args, result: result)
            if result.stderr.contains("[conversion_refused]") {
                // Pin what the refused conversion would have written, too.
                let accepting = args + ["--allow-lossy", "--widen-scope"]
                let retargeted = parsed.converting(to: target, accepting: true) ?? AvailCLI.parse(accepting)
                transcript += "\n" + Golden.transcript(command: ["avail"] + accepting, result: runAvailInProcess(parsed: retargeted, in: golden.directory))
            }
            Golden.check(transcript, against: golden.directory.appendingPathComponent("to-\(target).txt"))
        }
    }

    /// Every clean golden input (one that reads with no finding at all)
    /// converts to its own format, directly and through canonical, to the
    /// same JSON value, with no loss and no refusal: canonical holds
    /// everything the format says.
    @Test(arguments: GoldenCase.all())
    func aCleanInputConvertsToItsOwnFormatUnchanged(_ golden: GoldenCase) throws {
        let format = try #require(Formats.named(golden.format))
        let bytes = try [UInt8](Data(contentsOf: golden.directory.appendingPathComponent("input.json")))
        var values = golden.values
        values.reason = nil
        let options = Converter.Options(values: values)
        let (decoded, findings) = Converter(from: format, to: format, options: options).decode(bytes)
        guard decoded != nil, findings.isEmpty else { return }
        let input = try #require(jsonValue(bytes))
        let direct = Converter(from: format, to: format, options: options).convert(bytes)
        #expect(jsonValue(direct.output) == input, "\(golden): \(direct.refusal ?? "") \(direct.findings.map(\.message))")
        #expect(direct.losses.filter { !$0.kind.isNote }.map(\.message) == [], "\(golden)")
        let there = Converter(from: format, to: CanonicalFormat(), options: options).convert(bytes)
        #expect(there.losses.filter { !$0.kind.isNote }.map(\.message) == [], "\(golden): reading into canonical is never lossy")
        let canonical = try #require(there.output, "\(golden) does not reach canonical: \(there.findings.map(\.message))")
        let back = Converter(from: CanonicalFormat(), to: format, options: options).convert(canonical)
        #expect(jsonValue(back.output) == input, "\(golden): \(back.refusal ?? "") \(back.findings.map(\.message))")
        #expect(back.losses.filter { !$0.kind.isNote }.map(\.message) == [], "\(golden)")
    }

    /// Most golden inputs are clean: the identity test above checks them all.
    @Test func mostGoldenInputsAreClean() throws {
        var clean = 0
        for golden in GoldenCase.all() {
            guard let format = Formats.named(golden.format) else { continue }
            let bytes = try [UInt8](Data(contentsOf: golden.directory.appendingPathComponent("input.json")))
            let (decoded, findings) = Converter(from: format, to: format, options: .init(values: golden.values)).decode(bytes)
            if decoded != nil, findings.isEmpty { clean += 1 }
        }
        print("clean golden inputs: \(clean)")
        #expect(clean >= 65)
    }

    @Test func everyFormatHasGoldenCases() {
        let covered = Set(GoldenCase.all().map(\.format))
        #expect(covered == Set(Formats.ids))
    }

    /// A stream worker decodes every record into one `Decoded`: each golden
    /// input of a format, decoded into the value its other inputs were decoded
    /// into before (in file order, then reversed), reads exactly as it does
    /// into a new value, and validates to the same findings.
    @Test func decodingIntoOneValueMatchesAFreshDecode() throws {
        let byFormat = Dictionary(grouping: GoldenCase.all(), by: \.format)
        var compared = 0
        for (id, cases) in byFormat {
            let format = try #require(Formats.named(id))
            // Inputs that are not JSON at all never reach a decoder.
            let documents = try cases.compactMap { golden in
                JSONReader().read(try [UInt8](Data(contentsOf: golden.directory.appendingPathComponent("input.json")))).root.map { (golden, $0) }
            }
            let validator = Validator(format: format, now: try ts("2025-06-01T00:00:00Z"))
            var shared = Decoded()
            for (golden, node) in documents + documents.reversed() {
                JSONDocument.withDocument(for: node) { document in
                    let root = document.root
                    let options = golden.values
                    let (fresh, freshFindings) = format.decode(root, options: options)
                    let (read, findings) = format.decode(root, options: options, into: &shared)
                    #expect(findings == freshFindings, "\(golden)")
                    #expect(read == (fresh != nil), "\(golden)")
                    #expect(validator.validate(root: root, reusing: &shared) == validator.validate(root: root), "\(golden)")
                    guard let fresh, read else { return }
                    _ = format.decode(root, options: options, into: &shared)
                    #expect(shared.availability == fresh.availability, "\(golden)")
                    #expect(shared.leftovers == fresh.leftovers, "\(golden)")
                    #expect(shared.losses == fresh.losses, "\(golden)")
                    #expect(shared.rejected == fresh.rejected, "\(golden)")
                    #expect(shared.root == fresh.root, "\(golden)")
                    for field in CanonicalField.allCases {
                        #expect(shared.origins[field] == fresh.origins[field], "\(golden): \(field)")
                    }
                    compared += 1
                }
            }
        }
        #expect(compared > 150)
    }

    @Test func noStrayGoldenFiles() throws {
        let targets = Set(Formats.ids.map { "to-\($0).txt" })
        for golden in GoldenCase.all() {
            let files = try FileManager.default.contentsOfDirectory(atPath: golden.directory.path)
            let stray = files.filter { !targets.contains($0) && !["input.json", "case.json", "fix.txt"].contains($0) }
            #expect(stray == [], "\(golden)")
        }
    }
}
