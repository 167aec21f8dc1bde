import Foundation
import Testing

@testable import AvailKit

@Suite struct TimestampTests {
    @Test(arguments: [
        "2024-11-15T23:59:00-07:00", "2022-01-06T03:02:11.999+12:00", "2024-06-21T17:08:30.000Z",
        "2026-01-15T14:00:00Z", "2024-02-29T00:00:00+00:00", "2024-02-29T00:00:00-00:00", "0001-01-01T00:00:00Z",
        "9999-12-31T23:59:59.123456789012345678Z", "2024-11-15T00:00:00+05:45",
    ])
    func roundTripsByteForByte(text: String) throws {
        #expect(try ts(text).rfc3339 == text)
    }

    /// The fixed fields are checked eight bytes at a time; every byte value at
    /// every one of their positions gets the answer a byte-by-byte reading
    /// gives: the shape message for a wrong digit or separator (the date's
    /// first, then the 'T', then the time's), the 'T' message for 't' or a space.
    @Test func everyByteOfTheFixedFieldsIsChecked() {
        let shape = "expected RFC 3339 'YYYY-MM-DDTHH:MM:SSZ' or with an offset such as '+02:00'"
        let separators: [Int: UInt8] = [4: 0x2D, 7: 0x2D, 10: 0x54, 13: 0x3A, 16: 0x3A]
        let valid = Array("2026-01-01T12:00:00Z".utf8)
        for position in 0..<19 {
            for byte in 0...255 {
                var b = valid
                b[position] = UInt8(byte)
                let isDigit = (0x30...0x39).contains(byte)
                let expected: String?
                if let separator = separators[position] {
                    expected = byte == separator ? nil : position == 10 && (byte == 0x74 || byte == 0x20)
                        ? "the date and time must be separated by an upper-case 'T'" : shape
                } else {
                    expected = isDigit ? nil : shape
                }
                let result = b.withUnsafeBufferPointer { Timestamp.parse(utf8: $0) }
                switch result {
                case .success: #expect(expected == nil, "\(String(decoding: b, as: UTF8.self))")
                case .failure(let e):
                    if let expected {
                        #expect(e.message == expected, "\(String(decoding: b, as: UTF8.self))")
                    } else {
                        // A digit that makes a field out of range (month 13, hour 72): a range message, not the shape.
                        #expect(e.message != shape, "\(String(decoding: b, as: UTF8.self))")
                    }
                }
            }
        }
    }

    /// `rfc3339` writes its bytes itself: every field at its width, any
    /// fraction length, every offset, across the whole range (seeded, so a
    /// failure repeats).
    @Test func writesEveryFieldAsParsed() throws {
        var rng = SeededRandom(state: 0x3339)
        var written = 0
        func two(_ v: UInt64) -> String { v < 10 ? "0\(v)" : "\(v)" }
        for _ in 0..<5_000 {
            let year = 1 + rng.next() % 9_999
            let y = String(year).leftPadded(to: 4)
            let month = 1 + rng.next() % 12
            let day = 1 + rng.next() % 28
            var text = "\(y)-\(two(month))-\(two(day))T\(two(rng.next() % 24)):\(two(rng.next() % 60)):\(two(rng.next() % 60))"
            let digits = Int(rng.next() % 19)
            if digits > 0 { text += "." + String((0..<digits).map { _ in Character(String(rng.next() % 10)) }) }
            switch rng.next() % 4 {
            case 0: text += "Z"
            case 1: text += "-00:00"
            default: text += (rng.next() % 2 == 0 ? "+" : "-") + "\(two(rng.next() % 24)):\(two(rng.next() % 60))"
            }
            // Near the ends of the range an offset can move the instant out of it: such a text is rejected, not written.
            guard case .success(let t) = Timestamp.parse(text) else { continue }
            #expect(t.rfc3339 == text)
            written += 1
        }
        // Only the few near the range's ends are rejected: the loop checked what it claims.
        #expect(written > 4_900)
        #expect(Timestamp(unixSeconds: 0, offset: .minutes(-(99 * 60 + 59)))?.rfc3339 == "1969-12-27T20:01:00-99:59")
    }

    @Test func keepsTheInstant() throws {
        let a = try ts("2024-11-15T23:59:00-07:00")
        #expect(a.unixSeconds == 1_731_740_340)
        #expect(a.offset == .minutes(-420))
        let b = try ts("2024-11-16T06:59:00Z")
        #expect(a.isSameInstant(as: b))
        #expect(a != b)
        let c = try ts("2022-01-06T03:02:11.999+12:00")
        #expect(c.unixSeconds == 1_641_394_931)
        #expect(c.nanoseconds == 999_000_000)
        #expect(c.fraction == "999")
        #expect(c.hasSubsecondPrecision)
        #expect(try !ts("2024-06-21T17:08:30.000Z").hasSubsecondPrecision)
    }

    @Test(arguments: [
        ("2024-13-01T00:00:00Z", "month 13 is out of range 01-12"),
        ("2023-02-29T00:00:00Z", "day 29 does not exist in 2023-02"),
        ("2024-11-15T24:00:00Z", "hour 24 is out of range 00-23"),
        ("2024-11-15T23:59:60Z", "leap second ':60' is not supported; write ':59'"),
        ("2024-11-15T23:59:00", "missing UTC offset; add 'Z' or an offset such as '+02:00'"),
        ("2024-11-15 23:59:00Z", "the date and time must be separated by an upper-case 'T'"),
        ("2024-11-15T23:59:00z", "write the UTC designator as upper-case 'Z'"),
        ("2024-11-15T23:59:00+0700", "malformed UTC offset; write it as '+HH:MM' or '-HH:MM'"),
        ("2024-11-15T23:59:00.Z", "a '.' must be followed by fraction digits"),
        ("20191015", "expected RFC 3339 'YYYY-MM-DDTHH:MM:SSZ' or with an offset such as '+02:00'"),
        ("0001-01-01T00:00:00+01:00", "the instant is outside years 0001-9999 in UTC"),
    ])
    func rejectsWithAReason(text: String, message: String) {
        #expect(throws: Timestamp.ParseError(message: message)) { try Timestamp.parse(text).get() }
    }

    @Test func unixSecondsAndZones() throws {
        let t = try #require(Timestamp(unixSeconds: 1_731_740_340))
        #expect(t.rfc3339 == "2024-11-16T06:59:00Z")
        let denver = try #require(TimeZones.zone(named: "America/Denver"))
        #expect(t.rendered(in: denver)?.rfc3339 == "2024-11-15T23:59:00-07:00")
        let summer = try #require(Timestamp(unixSeconds: 1_719_000_000)?.rendered(in: denver))
        #expect(summer.rfc3339 == "2024-06-21T14:00:00-06:00")
        let jakarta = try #require(TimeZones.zone(named: "Asia/Jakarta"))
        #expect(Timestamp.startOfDay(year: 2019, month: 10, day: 15, in: jakarta)?.rfc3339 == "2019-10-15T00:00:00+07:00")
        #expect(Timestamp(unixSeconds: Int64.max) == nil)
        #expect(Timestamp(unixSeconds: 253_402_300_800) == nil)
        #expect(TimeZones.zone(named: "EST") == nil)
        #expect(TimeZones.zone(named: "America/Denvr") == nil)
        #expect(TimeZones.suggestion(for: "America/Denvr") == "America/Denver")
    }

    @Test func civilDateArithmeticMatchesFoundation() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        // Foundation switches to the Julian calendar before 1582-10-15; compare after it.
        var seconds: Int64 = -12_212_553_600
        while seconds < 253_402_300_799 {
            let t = try #require(Timestamp(unixSeconds: seconds))
            let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: Date(timeIntervalSince1970: Double(seconds)))
            let l = t.localComponents
            #expect([l.year, l.month, l.day, l.hour, l.minute, l.second] == [c.year, c.month, c.day, c.hour, c.minute, c.second])
            #expect(try ts(t.rfc3339).unixSeconds == seconds)
            seconds += 86_400 * 97 + 3_607
        }
    }
}
