// libFuzzer entry point for AvailKit. Built by Fuzz/run from the library's own
// sources with -sanitize=fuzzer,address; AVAIL_FUZZ_TARGET picks the target:
//   json       JSONReader on any bytes; a document it accepts must write and read back equal
//   timestamp  Timestamp.parse; a parsed timestamp must format back to the same text
//   convert    every format's decoder (first byte picks it), the validator, and every
//              encoder fed from the decoded document; written output must read back;
//              the input fixed as an NDJSON stream (a line per line) and its streamed diff
//   config     the YAML store-config linter (libyaml reader, decoder, rules, planner, the
//              UTF-16/32 reading) and its fixes, written back in the file's encoding
// Any crash, trap, sanitizer report or failed invariant (a trap) is a finding.
import Foundation

enum FuzzTarget: String {
    case json, timestamp, convert, config
    static let current: FuzzTarget = {
        let name = ProcessInfo.processInfo.environment["AVAIL_FUZZ_TARGET"] ?? "json"
        guard let target = FuzzTarget(rawValue: name) else {
            FileHandle.standardError.write(Data("unknown AVAIL_FUZZ_TARGET '\(name)'\n".utf8))
            exit(2)
        }
        return target
    }()
}

func invariant(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition {
        FileHandle.standardError.write(Data("invariant failed: \(message())\n".utf8))
        abort()
    }
}

let fuzzNow = Timestamp(unixSeconds: 1_796_083_200) ?? Timestamp(unixSeconds: 0)!

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    switch FuzzTarget.current {
    case .json:
        let result = JSONReader().read(bytes)
        if let root = result.root {
            for style in [JSONWriter.Style.pretty, .compact] {
                let again = JSONReader().read(JSONWriter(style: style).write(root))
                invariant(again.root == root, "written JSON reads back differently")
            }
        } else {
            invariant(result.findings.contains { $0.severity == .error }, "rejected JSON without an error finding")
        }
    case .timestamp:
        if case .success(let t) = Timestamp.parse(utf8: bytes) {
            invariant(Array(t.rfc3339.utf8) == Array(bytes), "timestamp does not format back byte for byte")
            _ = t.rendered(in: TimeZone(identifier: "America/Denver") ?? .current)
        }
    case .convert:
        guard size > 0 else { return 0 }
        let formats = Formats.all
        let source = formats[Int(bytes[0]) % formats.count]
        let body = UnsafeBufferPointer(rebasing: bytes[1...])
        var validator = Validator(format: source, now: fuzzNow, timeZone: TimeZones.zone(named: "Asia/Jakarta"))
        _ = validator.validate(body)
        // The body as an NDJSON stream: fixed line for line (a short record limit, so long
        // lines go through in pieces), every line kept, and its streamed diff.
        validator.limits.maxRecordBytes = 64
        var fixer = NDJSONFixer(validator: validator, unsafe: true)
        fixer.chunkBytes = 7
        var diff = UnifiedDiff.LineStream(oldName: "a", newName: "b", maxHunkBytes: 256)
        var fixed: [UInt8] = []
        var diffText: [UInt8] = []
        _ = fixer.run(Array(body), line: { line in
            line.write(into: &fixed)
            switch line {
            case .line(let old, let new, let newline):
                if let new { new.withUnsafeBufferPointer { diff.line(old: old, new: $0, newline: newline, into: &diffText) } }
                else { diff.line(old: old, new: nil, newline: newline, into: &diffText) }
            case .piece(_, let ends, _):
                if ends { diff.opaqueLine(into: &diffText) }
            }
            return true
        }, record: { _, _ in })
        diff.finish(into: &diffText)
        invariant(fixed.filter { $0 == 0x0A }.count == body.filter { $0 == 0x0A }.count, "fixing a stream changed its number of lines")
        let values = ConversionOptions(reason: .other, timeZone: TimeZones.zone(named: "America/Denver"), now: fuzzNow, set: ["shop_id": "1"])
        for target in formats {
            let options = Converter.Options(values: values, allowLossy: true, widenScope: true, style: .compact)
            let outcome = Converter(from: source, to: target, options: options).convert(body)
            if let output = outcome.output {
                invariant(JSONReader().read(output).root != nil, "\(source.id) → \(target.id) wrote unreadable JSON")
            }
        }
    case .config:
        let linter = ConfigLinter(now: fuzzNow)
        _ = linter.lint(Array(bytes))
        let fixed = linter.fix(Array(bytes), unsafe: true)
        if fixed.changed { _ = linter.lint(fixed.bytes) }
    }
    return 0
}
