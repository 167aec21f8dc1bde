import Foundation

/// An instant and how it was written: the UTC offset (or `Z`) and the
/// fractional-second digits, so `2022-01-06T03:02:11.999+12:00` formats back
/// byte for byte.
///
/// `==` compares the written form; ``isSameInstant(as:)`` and `<` compare
/// instants.
public struct Timestamp: Hashable, Sendable, CustomStringConvertible {
    /// How the offset was written.
    public enum Offset: Hashable, Sendable {
        /// `Z`.
        case utc
        /// `+HH:MM` / `-HH:MM`, in minutes east of UTC (`+00:00` is `.minutes(0)`).
        case minutes(Int)
        /// `-00:00`: UTC, local offset unknown (RFC 3339 section 4.3).
        case unknownLocal

        /// The offset in seconds east of UTC (0 for `Z` and `-00:00`).
        public var seconds: Int64 {
            if case .minutes(let m) = self { return Int64(m) * 60 }
            return 0
        }
    }

    /// Seconds since 1970-01-01T00:00:00Z, rounded down.
    public let unixSeconds: Int64
    /// Nanoseconds past `unixSeconds` (the first nine fraction digits).
    public let nanoseconds: Int32
    /// The fraction as written: how many digits, and their value (18 digits fit
    /// a UInt64), so a timestamp holds no string and copies without reference counting.
    private let fractionDigits: UInt8
    private let fractionValue: UInt64

    /// The fraction digits as written, without the dot; empty when none.
    public var fraction: String {
        guard fractionDigits > 0 else { return "" }
        return String(fractionValue).leftPadded(to: Int(fractionDigits))
    }
    /// How the UTC offset was written.
    public let offset: Offset

    /// The smallest and largest instants RFC 3339 can write (years 0001-9999).
    public static let minUnixSeconds: Int64 = -62_135_596_800
    /// The largest instant RFC 3339 can write (9999-12-31T23:59:59Z).
    public static let maxUnixSeconds: Int64 = 253_402_300_799

    /// 1970-01-01T00:00:00Z.
    public static let epoch = Timestamp(unixSeconds: 0, nanoseconds: 0, fractionDigits: 0, fractionValue: 0, offset: .utc)

    /// A whole-second instant written with `offset`; nil when outside years 0001-9999.
    public init?(unixSeconds: Int64, offset: Offset = .utc) {
        let local = unixSeconds.addingReportingOverflow(offset.seconds)
        guard !local.overflow,
            (Self.minUnixSeconds...Self.maxUnixSeconds).contains(unixSeconds),
            (Self.minUnixSeconds...Self.maxUnixSeconds).contains(local.partialValue)
        else { return nil }
        self.unixSeconds = unixSeconds
        self.nanoseconds = 0
        self.fractionDigits = 0
        self.fractionValue = 0
        self.offset = offset
    }

    private init(unixSeconds: Int64, nanoseconds: Int32, fractionDigits: UInt8, fractionValue: UInt64, offset: Offset) {
        self.unixSeconds = unixSeconds
        self.nanoseconds = nanoseconds
        self.fractionDigits = fractionDigits
        self.fractionValue = fractionValue
        self.offset = offset
    }

    /// Whether both name the same instant, whatever their offsets.
    public func isSameInstant(as other: Timestamp) -> Bool {
        unixSeconds == other.unixSeconds && nanoseconds == other.nanoseconds
    }

    /// Whether `lhs` is an earlier instant than `rhs`.
    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool {
        (lhs.unixSeconds, lhs.nanoseconds) < (rhs.unixSeconds, rhs.nanoseconds)
    }

    /// The same instant and fraction written with another offset; nil when the
    /// local time would leave years 0001-9999.
    public func withOffset(_ newOffset: Offset) -> Timestamp? {
        let local = unixSeconds.addingReportingOverflow(newOffset.seconds)
        guard !local.overflow, (Self.minUnixSeconds...Self.maxUnixSeconds).contains(local.partialValue) else { return nil }
        return Timestamp(
            unixSeconds: unixSeconds, nanoseconds: nanoseconds, fractionDigits: fractionDigits, fractionValue: fractionValue, offset: newOffset)
    }

    /// Whether dropping the fraction changes the instant (`.000` does not).
    public var hasSubsecondPrecision: Bool {
        guard nanoseconds == 0 else { return true }
        // Digits past the ninth: the value modulo 10^(digits - 9).
        guard fractionDigits > 9 else { return false }
        var scale: UInt64 = 1
        for _ in 0..<(Int(fractionDigits) - 9) { scale *= 10 }
        return fractionValue % scale != 0
    }

    /// The local calendar date and time this timestamp was written with.
    public var localComponents: (year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) {
        let local = unixSeconds + offset.seconds  // in range: checked at construction
        let days = floorDiv(local, 86_400)
        let secs = Int(floorMod(local, 86_400))
        let (y, m, d) = CivilDate.civil(days: Int(days))
        return (y, m, d, secs / 3600, secs / 60 % 60, secs % 60)
    }

    /// RFC 3339 text, as written.
    public var description: String { rfc3339 }

    /// The timestamp as RFC 3339, with its fraction and offset as written.
    ///
    /// Written as bytes into the string's own storage: built from `String`
    /// pieces it cost about 600 instructions, and a config's plan renders
    /// dozens per store. Each number is its decimal text left-padded with
    /// zeros to its width (a wider number is written whole).
    public var rfc3339: String {
        let c = localComponents
        let fraction = fractionDigits > 0 ? Int64(truncatingIfNeeded: fractionValue) : nil
        // Five 20-byte numbers (year and fraction the widest), a 6-byte offset and separators fit.
        return String(unsafeUninitializedCapacity: 160) { out in
            guard let base = out.baseAddress else { return 0 }
            var n = 0
            func put(_ byte: UInt8) {
                base[n] = byte
                n += 1
            }
            func padded(_ value: Int64, _ width: Int) {
                let k = writeDecimal(value, into: base + n)
                if k < width {
                    (base + n + width - k).update(from: base + n, count: k)
                    (base + n).update(repeating: UInt8(ascii: "0"), count: width - k)
                }
                n += max(k, width)
            }
            padded(Int64(c.year), 4)
            put(UInt8(ascii: "-"))
            padded(Int64(c.month), 2)
            put(UInt8(ascii: "-"))
            padded(Int64(c.day), 2)
            put(UInt8(ascii: "T"))
            padded(Int64(c.hour), 2)
            put(UInt8(ascii: ":"))
            padded(Int64(c.minute), 2)
            put(UInt8(ascii: ":"))
            padded(Int64(c.second), 2)
            if let fraction {
                put(UInt8(ascii: "."))
                padded(fraction, Int(fractionDigits))
            }
            switch offset {
            case .utc: put(UInt8(ascii: "Z"))
            case .unknownLocal:
                for b in "-00:00".utf8 { put(b) }
            case .minutes(let m):
                let a = abs(m)
                put(m < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"))
                padded(Int64(a / 60), 2)
                put(UInt8(ascii: ":"))
                padded(Int64(a % 60), 2)
            }
            return n
        }
    }
}

// MARK: - Parsing

extension Timestamp {
    /// Why a text is not an RFC 3339 timestamp; `message` is a finding message.
    public struct ParseError: Error, Hashable, Sendable {
        /// What is wrong, as a finding message.
        public var message: String

        /// Whether the text is a date-time that only lacks its UTC offset.
        public var isMissingOffset: Bool { message.hasPrefix("missing UTC offset") }
    }

    /// The system clock, to the second, in UTC.
    public static var current: Timestamp {
        Timestamp(unixSeconds: Int64(Date().timeIntervalSince1970.rounded(.down))) ?? .epoch
    }

    /// Parses `YYYY-MM-DDTHH:MM:SS[.fraction](Z|+HH:MM|-HH:MM)` (RFC 3339
    /// `date-time`, upper-case `T` and `Z`, no leap seconds).
    public static func parse(_ text: String) -> Result<Timestamp, ParseError> {
        var copy = text
        return copy.withUTF8 { parse(utf8: $0) }
    }

    /// Parses RFC 3339 from UTF-8 bytes; see ``parse(_:)``.
    public static func parse(utf8 b: UnsafeBufferPointer<UInt8>) -> Result<Timestamp, ParseError> {
        func failure(_ m: String) -> Result<Timestamp, ParseError> { .failure(ParseError(message: m)) }
        // Findings say "is not a valid timestamp: " before the message, so it names the shape only.
        let shape = "expected RFC 3339 'YYYY-MM-DDTHH:MM:SSZ' or with an offset such as '+02:00'"
        guard b.count >= 19 else { return failure(shape) }
        // Fixed-width fields, read in place: `b.count >= 19` was checked above,
        // and the offset's digits check their own bounds.
        @inline(__always) func digits(_ at: Int, _ n: Int) -> Int? {
            guard at + n <= b.count else { return nil }
            var v = 0
            var i = at
            while i < at + n {
                let d = b[i] &- 0x30
                guard d < 10 else { return nil }
                v = v &* 10 &+ Int(d)
                i += 1
            }
            return v
        }
        // "YYYY-MM-" and "HH:MM:SS" are checked eight bytes at a time: XOR
        // with the pattern leaves 0-9 in a digit's byte and 0 in a
        // separator's (the byte-by-byte loop was about 70 of a parse's 270 instructions).
        guard let base = b.baseAddress else { return failure(shape) }
        let date = UInt64(littleEndian: UnsafeRawPointer(base).loadUnaligned(as: UInt64.self)) ^ 0x2D30_302D_3030_3030
        let time = UInt64(littleEndian: UnsafeRawPointer(base + 11).loadUnaligned(as: UInt64.self)) ^ 0x3030_3A30_303A_3030
        @inline(__always) func fits(_ word: UInt64, separators: UInt64) -> Bool {
            // A byte of 10 or more gets its high bit from the addition (a byte
            // over 0x89 carries into the next, but has its own high bit set).
            (word | (word &+ 0x7676_7676_7676_7676)) & 0x8080_8080_8080_8080 == 0 && word & separators == 0
        }
        @inline(__always) func digit(_ word: UInt64, _ k: UInt64) -> Int { Int(truncatingIfNeeded: (word >> (8 * k)) & 0xFF) }
        guard fits(date, separators: 0xFF00_00FF_0000_0000), let day = digits(8, 2) else { return failure(shape) }
        guard b[10] == UInt8(ascii: "T") else {
            if b[10] == UInt8(ascii: "t") || b[10] == 0x20 {
                return failure("the date and time must be separated by an upper-case 'T'")
            }
            return failure(shape)
        }
        guard fits(time, separators: 0x0000_FF00_00FF_0000) else { return failure(shape) }
        let year = digit(date, 0) * 1000 + digit(date, 1) * 100 + digit(date, 2) * 10 + digit(date, 3)
        let month = digit(date, 5) * 10 + digit(date, 6)
        let hour = digit(time, 0) * 10 + digit(time, 1)
        let minute = digit(time, 3) * 10 + digit(time, 4)
        let second = digit(time, 6) * 10 + digit(time, 7)
        guard (1...12).contains(month) else { return failure("month \(month) is out of range 01-12") }
        guard year >= 1 else { return failure("year 0000 is out of range 0001-9999") }
        guard (1...CivilDate.daysInMonth(year, month)).contains(day) else {
            return failure("day \(day) does not exist in \(String(year).leftPadded(to: 4))-\(String(month).leftPadded(to: 2))")
        }
        guard hour < 24 else { return failure("hour \(hour) is out of range 00-23") }
        guard minute < 60 else { return failure("minute \(minute) is out of range 00-59") }
        guard second < 60 else {
            return failure(second == 60 ? "leap second ':60' is not supported; write ':59'" : "second \(second) is out of range 00-59")
        }
        var i = 19
        var fractionDigits: UInt8 = 0
        var fractionValue: UInt64 = 0
        var nanos: Int32 = 0
        if i < b.count && b[i] == UInt8(ascii: ".") {
            i += 1
            let start = i
            while i < b.count, b[i] &- 0x30 < 10 { i += 1 }
            guard i > start else { return failure("a '.' must be followed by fraction digits") }
            guard i - start <= 18 else { return failure("the fraction has \(i - start) digits; at most 18 are supported") }
            fractionDigits = UInt8(i - start)
            for k in start..<i { fractionValue = fractionValue * 10 + UInt64(b[k] &- 0x30) }
            var n: Int32 = 0
            for k in 0..<9 {
                let d: Int32 = start + k < i ? Int32(b[start + k] &- 0x30) : 0
                n = n * 10 + d
            }
            nanos = n
        }
        guard i < b.count else { return failure("missing UTC offset; add 'Z' or an offset such as '+02:00'") }
        let offset: Offset
        switch b[i] {
        case UInt8(ascii: "Z"):
            offset = .utc
            i += 1
        case UInt8(ascii: "z"):
            return failure("write the UTC designator as upper-case 'Z'")
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            let negative = b[i] == UInt8(ascii: "-")
            guard let oh = digits(i + 1, 2), i + 3 < b.count, b[i + 3] == UInt8(ascii: ":"), let om = digits(i + 4, 2) else {
                return failure("malformed UTC offset; write it as '+HH:MM' or '-HH:MM'")
            }
            guard oh < 24, om < 60 else { return failure("UTC offset hours must be 00-23 and minutes 00-59") }
            let total = oh * 60 + om
            if total == 0 && negative {
                offset = .unknownLocal
            } else {
                offset = .minutes(negative ? -total : total)
            }
            i += 6
        case UInt8(ascii: "0")...UInt8(ascii: "9"):
            return failure("the seconds have more than two digits; write them as 'SS' (fractions after a '.')")
        default:
            return failure("missing UTC offset; add 'Z' or an offset such as '+02:00'")
        }
        guard i == b.count else { return failure("unexpected text after the UTC offset") }
        let days = Int64(CivilDate.days(year: year, month: month, day: day))
        let local = days * 86_400 + Int64(hour * 3600 + minute * 60 + second)
        let unix = local - offset.seconds
        guard (minUnixSeconds...maxUnixSeconds).contains(unix) else {
            return failure("the instant is outside years 0001-9999 in UTC")
        }
        return .success(Timestamp(
            unixSeconds: unix, nanoseconds: nanos, fractionDigits: fractionDigits, fractionValue: fractionValue, offset: offset))
    }
}

// MARK: - Time zones

extension Timestamp {
    /// The same instant written in `zone`'s offset at that instant.
    public func rendered(in zone: TimeZone) -> Timestamp? {
        let seconds = zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(unixSeconds)))
        return withOffset(.minutes(seconds / 60))
    }

    /// Local midnight of a calendar date in `zone`, written with the zone's offset.
    public static func startOfDay(year: Int, month: Int, day: Int, in zone: TimeZone) -> Timestamp? {
        guard (1...9999).contains(year), (1...12).contains(month), (1...CivilDate.daysInMonth(year, month)).contains(day) else {
            return nil
        }
        let local = Int64(CivilDate.days(year: year, month: month, day: day)) * 86_400
        // Two passes settle the offset around a transition.
        var guess = local - Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(local))))
        guess = local - Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(guess))))
        return Timestamp(unixSeconds: guess)?.rendered(in: zone)
    }
}

/// IANA time zones by name, validated against the system's zone list.
public enum TimeZones {
    private static let known: Set<String> = Set(TimeZone.knownTimeZoneIdentifiers)

    /// The zone named `identifier` when it is a known IANA name (not an abbreviation such as 'EST').
    public static func zone(named identifier: String) -> TimeZone? {
        guard identifier == "UTC" || known.contains(identifier) else { return nil }
        return TimeZone(identifier: identifier)
    }

    /// The finding message for a name that is not a zone, with a did-you-mean.
    public static func unknownMessage(_ identifier: String) -> String {
        if let guess = suggestion(for: identifier) { return "unknown time zone '\(identifier)'; did you mean '\(guess)'?" }
        return "unknown time zone '\(identifier)'; use an IANA name such as 'America/Denver'"
    }

    /// Known names closest to `identifier`, for did-you-mean messages.
    public static func suggestion(for identifier: String) -> String? {
        Suggest.closest(to: identifier, in: known.sorted())
    }
}
