import Foundation

/// Tokopedia's dates: integer UNIX seconds, as documented; the `"YYYYMMDD"`
/// strings of the docs' own example are read as store-local midnight with a
/// warning. A value too large to be seconds is a finding, never a date in the
/// year 50000; it gets the safe milliseconds-to-seconds fix only when the
/// seconds are a plausible shop closure date (``plausibleSeconds``). A
/// negative value (before 1970, when Tokopedia did not exist) is a finding
/// with no fix.
enum TokopediaDates {
    /// The zone for store-local dates when none is configured (Tokopedia stores are in Indonesia).
    static let defaultZoneName = "Asia/Jakarta"
    /// That zone, looked up once: looking it up by name hashed the name and
    /// searched Foundation's zone cache for every record.
    static let defaultZone = TimeZones.zone(named: defaultZoneName)

    static let millisecondsThreshold = Shape.unixSecondsLimit

    /// The seconds a Tokopedia closure date can plausibly be: 2000-01-01 up
    /// to 2100-01-01 (UTC). Milliseconds that divide into this range are
    /// milliseconds by mistake; anything else is not guessed at.
    static let plausibleSeconds: Range<Int64> = 946_684_800..<4_102_444_800

    static func zone(_ options: ConversionOptions) -> (TimeZone, String)? {
        if let zone = options.timeZone { return (zone, zone.identifier) }
        return defaultZone.map { ($0, defaultZoneName) }
    }

    /// Reads `key` as a date; nil (with a finding) when it is not one.
    static func read(_ key: String, from object: inout ObjectDecoder, options: ConversionOptions) -> (Timestamp, JSONValue)? {
        guard let node = object.present(key) else { return nil }
        if node.isInteger {
            // The digits as text, for a finding only: the value is read off the bytes.
            var digits: String { node.number?.text ?? "" }
            guard let seconds = object.fitting(node, key: key) else { return nil }
            if seconds < 0 {
                object.report(
                    StructureRuleID.invalidTimestamp,
                    "'\(key)' value '\(digits)' is negative, a date before 1970; Tokopedia dates are UNIX seconds of the closure", at: node)
                return nil
            }
            if seconds >= millisecondsThreshold {
                let whole = seconds / 1000
                var fix: Fix?
                let message: String
                if Self.plausibleSeconds.contains(whole) {
                    var text = "'\(key)' value '\(digits)' is too large for UNIX seconds; it looks like milliseconds"
                    if seconds % 1000 == 0 {
                        text += "; write \(whole)"
                        fix = node.byteRange.map { Fix(.safe, "write \(whole) (seconds)", edits: [Fix.Edit($0, String(whole))]) }
                    }
                    message = text
                } else {
                    // Not seconds, and not a closure date as milliseconds either: nothing to suggest.
                    message = "'\(key)' value '\(digits)' is too large for UNIX seconds, and as milliseconds it is no date between 2000 and 2100; write the closure's UNIX seconds"
                }
                object.report("timestamp_unit", FindingMessage(message), at: node, fix: fix)
                return nil
            }
            guard let t = Timestamp(unixSeconds: seconds) else {
                object.report(StructureRuleID.invalidTimestamp, "'\(key)' value '\(digits)' is outside years 0001-9999", at: node)
                return nil
            }
            return (options.timeZone.flatMap { t.rendered(in: $0) } ?? t, node)
        }
        if let s = node.stringValue, s.utf8.count == 8, s.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
            let digits = Array(s.utf8).map { Int($0 - 0x30) }
            let year = digits[0...3].reduce(0) { $0 * 10 + $1 }
            let month = digits[4] * 10 + digits[5]
            let day = digits[6] * 10 + digits[7]
            guard let (zone, zoneName) = zone(options),
                let t = Timestamp.startOfDay(year: year, month: month, day: day, in: zone)
            else {
                object.report(StructureRuleID.invalidTimestamp, "'\(key)' value '\(s)' is not a valid YYYYMMDD date", at: node)
                return nil
            }
            object.report(
                "tokopedia_date_string",
                "'\(key)' is the string '\(s)'; Tokopedia takes integer UNIX seconds: write \(t.unixSeconds) (\(t.rfc3339), midnight in \(zoneName))",
                at: node, severity: .warning,
                fix: node.byteRange.map { Fix(.unsafe, "write \(t.unixSeconds) (midnight in \(zoneName))", edits: [Fix.Edit($0, String(t.unixSeconds))]) })
            return (t, node)
        }
        object.wrongType(node, key: key)
        return nil
    }
}

extension Encoding {
    /// The Tokopedia `shop_id`: `--set shop_id=N`, or a numeric store id.
    mutating func tokopediaShopID(options: ConversionOptions, required: Bool) -> Int64? {
        // Another provider's store id is never a Tokopedia shop id.
        let store = storeID
        if let text = options.set["shop_id"] {
            guard let id = Int64(text) else {
                fail("--set shop_id='\(text)' is not an integer", field: .store)
                return nil
            }
            if let store, store != text {
                lose(.reencoded, .store, "store '\(store)' is written as shop_id \(id) (from --set shop_id)")
            }
            return id
        }
        if let store, let id = Int64(store) { return id }
        let target = target
        if required {
            require("the shop id ('shop_id')", flag: "--set shop_id=ID")
        } else if let store {
            drop(.store, value: store, because: "\(target) holds numeric shop ids only; pass --set shop_id=ID")
        } else if let other = availability.store {
            lose(.omitted, .store, "store '\(other)' is another provider's id, not a Tokopedia shop id; pass --set shop_id=ID to name the shop")
        }
        return nil
    }
}

extension ConversionOptions {
    /// Addresses a Tokopedia request to a shop, as `--set shop_id=N` does;
    /// a value the user set explicitly wins unless `overriding`.
    public mutating func setTokopediaShop(_ id: Int64, overriding: Bool = true) {
        supply("shop_id", String(id), overriding: overriding)
    }
}
