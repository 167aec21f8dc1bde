import Foundation

/// Validates payloads of one format: the reader's and decoder's structural
/// findings, then every semantic rule that applies, adjusted by the settings.
public struct Validator: Sendable {
    public let format: any AvailabilityFormat
    public var settings: RuleSettings
    /// The clock for time-relative rules.
    public var now: Timestamp
    /// The store's zone (Tokopedia defaults to Asia/Jakarta).
    public var timeZone: TimeZone?

    public init(format: any AvailabilityFormat, now: Timestamp, timeZone: TimeZone? = nil, settings: RuleSettings = RuleSettings()) {
        self.format = format
        self.now = now
        self.timeZone = timeZone
        self.settings = settings
    }

    /// Findings for one document, in reading order.
    public func validate(_ bytes: [UInt8]) -> [Finding] {
        bytes.withUnsafeBufferPointer { validate($0) }
    }

    public func validate(_ buffer: UnsafeBufferPointer<UInt8>) -> [Finding] {
        let read = JSONReader().read(buffer)
        guard let root = read.root else { return settings.apply(RuleCatalog.normalize(read.findings)) }
        return settings.apply(RuleCatalog.normalize(read.findings + validate(root: root)))
    }

    /// Decoder findings and rule findings for a parsed document.
    public func validate(root: JSONNode) -> [Finding] {
        let options = ConversionOptions(timeZone: timeZone, now: now)
        let (decoded, decodeFindings) = format.decode(root, options: options)
        var findings = decodeFindings
        if let decoded {
            findings += RuleCatalog.check(
                format: format.id, root: root, decoded: decoded, now: now, timeZone: timeZone, skip: settings.disabled)
        }
        return findings.sortedByLocation()
    }
}

extension Validator {
    /// Validates newline-delimited JSON: one payload per non-blank line.
    /// Findings carry the record number and their line in the whole input.
    public func validateNDJSON(_ bytes: [UInt8], file: String? = nil) -> [Finding] {
        var findings: [Finding] = []
        bytes.withUnsafeBufferPointer { buf in
            NDJSON.forEachRecord(in: buf) { record, line, offset, slice in
                for var f in validate(slice) {
                    f.record = record
                    f.file = file
                    if f.location.isKnown {
                        f.location.line += line - 1
                        f.location.offset += offset
                    } else {
                        f.location = SourceLocation(line: line, column: 1, offset: offset)
                    }
                    findings.append(f)
                }
            }
        }
        return findings
    }
}

/// Splitting newline-delimited JSON into records.
public enum NDJSON {
    /// Calls `body(record, line, offset, bytes)` for each non-blank line;
    /// `record` and `line` are 1-based, a trailing `\r` is not part of the record.
    public static func forEachRecord(
        in buf: UnsafeBufferPointer<UInt8>, _ body: (Int, Int, Int, UnsafeBufferPointer<UInt8>) -> Void
    ) {
        var record = 0
        var line = 0
        var start = 0
        while start < buf.count {
            line += 1
            var end = start
            while end < buf.count && buf[end] != 0x0A { end += 1 }
            var stop = end
            if stop > start && buf[stop - 1] == 0x0D { stop -= 1 }
            let slice = UnsafeBufferPointer(rebasing: buf[start..<stop])
            if slice.contains(where: { $0 != 0x20 && $0 != 0x09 }) {
                record += 1
                body(record, line, start, slice)
            }
            start = end + 1
        }
    }
}
