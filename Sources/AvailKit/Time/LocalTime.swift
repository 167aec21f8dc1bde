import Foundation

/// A wall-clock date and time with no offset (Grubhub's `2023-07-20T12:00:00`,
/// Uber Eats' holiday `09:00` on a date), placed in a store's time zone.
///
/// Placing is not always one instant: in a DST gap the local time does not
/// exist, in an overlap it exists twice. Both come back as such, so callers
/// report them as findings instead of guessing.
public struct LocalDateTime: Hashable, Sendable, CustomStringConvertible {
    /// The year (1–9999).
    public var year: Int
    /// The month (1–12).
    public var month: Int
    /// The day of the month.
    public var day: Int
    /// The hour (0–23).
    public var hour: Int
    /// The minute (0–59).
    public var minute: Int
    /// The second (0–59).
    public var second: Int

    /// Nil when the fields are not a real date and time (24:00 is not accepted here).
    public init?(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0) {
        guard (1...9999).contains(year), (1...12).contains(month), (1...CivilDate.daysInMonth(year, month)).contains(day),
            (0...23).contains(hour), (0...59).contains(minute), (0...59).contains(second)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
        self.hour = hour
        self.minute = minute
        self.second = second
    }

    /// `YYYY-MM-DDTHH:MM:SS` (seconds optional), nothing after it.
    public static func parse(_ text: String) -> LocalDateTime? {
        let b = Array(text.utf8)
        guard b.count == 19 || b.count == 16, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"), b[10] == UInt8(ascii: "T"),
            b[13] == UInt8(ascii: ":")
        else { return nil }
        func number(_ at: Int, _ n: Int) -> Int? {
            var v = 0
            for i in at..<(at + n) {
                guard b[i] >= 0x30 && b[i] <= 0x39 else { return nil }
                v = v * 10 + Int(b[i] - 0x30)
            }
            return v
        }
        var second = 0
        if b.count == 19 {
            guard b[16] == UInt8(ascii: ":"), let s = number(17, 2) else { return nil }
            second = s
        }
        guard let y = number(0, 4), let mo = number(5, 2), let d = number(8, 2), let h = number(11, 2), let mi = number(14, 2) else {
            return nil
        }
        return LocalDateTime(year: y, month: mo, day: d, hour: h, minute: mi, second: second)
    }

    /// `YYYY-MM-DD` alone, as midnight.
    public static func parseDate(_ text: String) -> LocalDateTime? {
        guard text.utf8.count == 10 else { return nil }
        return parse(text + "T00:00")
    }

    /// Seconds since 1970-01-01T00:00 on the local clock (no zone).
    var localSeconds: Int64 {
        Int64(CivilDate.days(year: year, month: month, day: day)) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
    }

    /// The same wall-clock time `days` later (for day arithmetic on dates).
    public func adding(days: Int) -> LocalDateTime? {
        let (y, m, d) = CivilDate.civil(days: CivilDate.days(year: year, month: month, day: day) + days)
        return LocalDateTime(year: y, month: m, day: d, hour: hour, minute: minute, second: second)
    }

    /// The date as `YYYY-MM-DD`.
    public var date: String { pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2) }
    /// `HH:MM`.
    public var clock: String { pad(hour, 2) + ":" + pad(minute, 2) }
    /// `YYYY-MM-DDTHH:MM:SS`, as Grubhub writes it.
    public var description: String { date + "T" + clock + ":" + pad(second, 2) }

    private func pad(_ v: Int, _ width: Int) -> String { String(v).leftPadded(to: width) }

    /// Where this wall-clock time falls in `zone`.
    public enum Placement: Hashable, Sendable {
        /// One instant, written with the zone's offset.
        case unique(Timestamp)
        /// The clocks jump over it (spring forward): it never happens.
        case gap
        /// The clocks pass it twice (fall back): the earlier and the later instant.
        case overlap(Timestamp, Timestamp)
    }

    /// Where this wall-clock time falls in `zone`: one instant, none (a gap) or two (an overlap).
    public func placed(in zone: TimeZone) -> Placement {
        let local = localSeconds
        func offset(at t: Int64) -> Int64 { Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(t)))) }
        // The offsets in force a day either side cover every transition near `local`.
        var instants: [Int64] = []
        for probe in [local - 86_400, local, local + 86_400] {
            let t = local - offset(at: probe)
            if offset(at: t) == local - t, !instants.contains(t) { instants.append(t) }
        }
        instants.sort()
        let stamps = instants.compactMap { Timestamp(unixSeconds: $0)?.rendered(in: zone) }
        switch stamps.count {
        case 0: return .gap
        case 1: return .unique(stamps[0])
        default: return .overlap(stamps[0], stamps[stamps.count - 1])
        }
    }

    /// The wall-clock time of an instant in `zone`.
    public init?(_ instant: Timestamp, in zone: TimeZone) {
        guard let local = instant.rendered(in: zone) else { return nil }
        let c = local.localComponents
        self.init(year: c.year, month: c.month, day: c.day, hour: c.hour, minute: c.minute, second: c.second)
    }
}

extension LocalDateTime.Placement {
    /// The finding message for a wall-clock time that is not one instant, or nil.
    public func problem(_ key: String, _ text: String, zone: TimeZone) -> (rule: String, message: String)? {
        switch self {
        case .unique: return nil
        case .gap:
            return (
                "local_time_nonexistent",
                "'\(key)' '\(text)' does not exist in \(zone.identifier) (the clocks skip it for daylight saving time); pick a time outside the gap"
            )
        case .overlap(let a, let b):
            return (
                "local_time_ambiguous",
                "'\(key)' '\(text)' happens twice in \(zone.identifier) ('\(a.rfc3339)' and '\(b.rfc3339)'); pick a time outside the repeated hour"
            )
        }
    }
}
