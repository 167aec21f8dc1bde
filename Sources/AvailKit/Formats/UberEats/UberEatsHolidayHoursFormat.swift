import Foundation

/// Uber Eats holiday hours (`ubereats.holiday-hours`): the body of
/// `POST /v1/eats/stores/{store_id}/holiday-hours` and its `GET` response.
///
/// `holiday_hours` maps a local date (`YYYY-MM-DD`) to the periods the store
/// is open that day, in local `HH:MM` times. A date whose only period is
/// `00:00`–`00:00`, or which has no periods, is closed all day. AvailKit reads
/// an end of `23:59` as the end of the day. The closed parts of the listed
/// dates, merged across midnight, must form one window: a canonical document
/// holds one closure. The times are local, so reading and writing need the
/// store's zone.
public struct UberEatsHolidayHoursFormat: AvailabilityFormat {
    public var declaration: FormatDeclaration { Self.declaration }

    static let period = ObjectShape(
        name: "open time period",
        fields: [
            Field("start_time", .string(pattern: #"^([01]?[0-9]|2[0-3]):[0-5][0-9]$"#), required: true, description: "Local time, HH:MM."),
            Field("end_time", .string(pattern: #"^([01]?[0-9]|2[0-3]):[0-5][0-9]$"#), required: true, description: "Local time, HH:MM."),
        ])

    static let holidayHour = ObjectShape(
        name: "holiday hour",
        fields: [
            Field(
                "open_time_periods", .array(items: .object(period)), expected: "an array of open time periods",
                description: "When the store is open that day; 00:00-00:00 (or no period) means closed all day.")
        ])

    static let declaration = FormatDeclaration(
        id: "ubereats.holiday-hours", title: "Uber Eats holiday hours",
        summary: "Uber Eats holiday hours body (POST /v1/eats/stores/{store_id}/holiday-hours); local times, needs --timezone",
        description: "Body of POST and response of GET /v1/eats/stores/{store_id}/holiday-hours. Each POST replaces every holiday date. Format id: ubereats.holiday-hours.",
        root: ObjectShape(
            name: "Uber Eats holiday hours",
            fields: [
                Field(
                    "holiday_hours", .map(.object(holidayHour)), required: true, expected: "an object of dates",
                    description: "Local date (YYYY-MM-DD) to the periods the store is open that day.")
            ]))

    /// The longest closure written as holiday dates.
    static let maxDays = 366

    /// The `ubereats.holiday-hours` format.
    public init() {}

    /// A closed stretch of local time, in minutes from the first listed date's midnight.
    struct Closed {
        var start: Int
        var end: Int
        var node: JSONValue
    }

    public func read(_ root: JSONValue, options: ConversionOptions, into decoded: inout Decoded) -> (Bool, [Finding]) {
        var findings: [Finding] = []
        guard var object = ObjectDecoder(root, shape: Self.declaration.root, findings: &findings) else { return (false, findings) }
        guard let map = object.present("holiday_hours") else {
            return (false, findings + object.findings)
        }
        let leftovers = object.unknownMembers()
        guard map.isObject else {
            object.wrongType(map, key: "holiday_hours")
            return (false, findings + object.findings)
        }
        var days: [(date: LocalDateTime, periods: [(Int, Int)], node: JSONValue)] = []
        var endsOfDay: [JSONValue] = []
        var listed = 0
        for member in map.members {
            listed += 1
            guard let date = LocalDateTime.parseDate(member.key) else {
                object.report(
                    StructureRuleID.invalidTimestamp, "holiday date '\(shown(member.key))' is not a date such as '2020-12-24'", at: member.value)
                continue
            }
            var inner: [Finding] = []
            guard var day = ObjectDecoder(member.value, shape: Self.holidayHour, findings: &inner) else {
                object.findings += inner
                continue
            }
            var periods: [(Int, Int)] = []
            if let list = day.present("open_time_periods") {
                if !list.isArray { day.wrongType(list, key: "open_time_periods") }
                for item in list.items {
                    var found: [Finding] = []
                    guard var period = ObjectDecoder(item, shape: Self.period, findings: &found) else {
                        day.findings += found
                        continue
                    }
                    let start = Self.clock("start_time", in: &period)
                    let end = Self.clock("end_time", in: &period)
                    _ = period.unknownMembers()
                    day.findings += period.findings
                    guard let start, let end else { continue }
                    if start == 0 && end == 0 { continue }  // closed all day
                    let close = end == 23 * 60 + 59 ? 1440 : end
                    if close == 1440, let node = period.member("end_time") { endsOfDay.append(node) }
                    guard start < close else {
                        day.report(
                            "end_after_start", "open period ends at '\(Self.text(end))', not after its start '\(Self.text(start))'; the end must come later",
                            at: item)
                        continue
                    }
                    periods.append((start, close))
                }
            }
            _ = day.unknownMembers()
            object.findings += day.findings
            days.append((date, periods, member.value))
        }
        if listed == 0 {
            object.report(
                "ubereats_holiday_hours_replace_all",
                "'holiday_hours' is empty: each POST replaces every holiday date, so this clears them all; list every date to keep",
                at: map, severity: .warning)
        }
        findings += object.findings
        guard !findings.hasErrors, !days.isEmpty else { return (false, findings) }
        guard let zone = options.timeZone else {
            return (false, findings + [zoneRequired(id, "has", at: map)])
        }
        days.sort { $0.date.localSeconds < $1.date.localSeconds }
        let base = days[0].date
        var closed: [Closed] = []
        for day in days {
            let offset = Int((day.date.localSeconds - base.localSeconds) / 60)
            for (start, end) in ClosedDays.rest(of: day.periods) {
                Self.append(Closed(start: offset + start, end: offset + end, node: day.node), to: &closed)
            }
        }
        guard closed.count == 1, let window = closed.first else {
            findings.append(Finding(
                ruleID: "not_representable", severity: .error,
                message: closed.isEmpty
                    ? "the holiday hours keep the store open all day on every date; canonical has no scheduled opening"
                    : "the holiday hours close the store \(closed.count) separate times; a canonical document holds one closure, so convert one date range at a time",
                location: map.location, pointer: map.pointer))
            return (false, findings)
        }
        var origins: Origins = [.state: Origin(map)]
        var doc = Availability(state: .closed)
        for (field, minutes, node) in [(CanonicalField.from, window.start, window.node), (.until, window.end, closed[0].node)] {
            guard let local = base.adding(days: minutes / 1440),
                let wall = LocalDateTime(year: local.year, month: local.month, day: local.day, hour: minutes % 1440 / 60, minute: minutes % 60)
            else { return (false, findings) }
            let placement = wall.placed(in: zone)
            if let (rule, message) = placement.problem(field == .from ? "closure start" : "closure end", wall.description, zone: zone) {
                findings.append(Finding(ruleID: rule, severity: .error, message: message, location: node.location, pointer: node.pointer))
                continue
            }
            guard case .unique(let t) = placement else { continue }
            if field == .from { doc.from = t } else { doc.until = t }
            origins[field] = Origin(node)
        }
        guard doc.from != nil, doc.until != nil else { return (false, findings) }
        decoded.fill(doc, origins: origins, leftovers: leftovers)
        decoded.losses = endsOfDay.map { node in
            Loss(kind: .approximated, field: "until", origin: Origin(node), message: "end_time '23:59' is read as the end of the day (24:00)")
        }
        return (true, findings)
    }

    /// Appends a closed stretch, joining it to the previous one when they touch (across midnight).
    private static func append(_ c: Closed, to list: inout [Closed]) {
        if let last = list.last, last.end == c.start {
            list[list.count - 1].end = c.end
        } else {
            list.append(c)
        }
    }

    /// An `H:MM` or `HH:MM` member as minutes after midnight.
    private static func clock(_ key: String, in object: inout ObjectDecoder) -> Int? {
        guard let (text, node) = object.string(key) else { return nil }
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, (1...2).contains(parts[0].count), parts[1].count == 2,
            parts.allSatisfy({ $0.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }),
            let h = Int(parts[0]), let m = Int(parts[1]), h < 24, m < 60
        else {
            object.report(StructureRuleID.invalidTimestamp, "'\(key)' value '\(shown(text))' is not a local time such as '09:00'", at: node)
            return nil
        }
        if parts[0].count == 1 {
            object.report(
                "ubereats_time_format", "'\(key)' '\(text)' has a one-digit hour; Uber's field table asks for 'HH:MM' such as '\(Self.text(h * 60 + m))'",
                at: node, severity: .note,
                fix: ObjectDecoder.replacing(node, with: "\"\(Self.text(h * 60 + m))\"", .safe, "write '\(Self.text(h * 60 + m))'"))
        }
        return h * 60 + m
    }

    static func text(_ minutes: Int) -> String {
        String(minutes / 60).leftPadded(to: 2) + ":" + String(minutes % 60).leftPadded(to: 2)
    }

    public func encode(_ source: Decoded, options: ConversionOptions, into out: inout JSONOutput) -> EncodeResult {
        return Encoding.with(source, target: id, options: options) { e in
            let doc = source.availability
            e.storeGoesInPath("/v1/eats/stores/{store_id}/holiday-hours")
            guard let state = e.requireState() else { return e.finish() }
            guard state == .closed, let from = doc.from, let until = doc.until else {
                e.fail(
                    "Uber Eats holiday hours hold closures on dates; a\(state == .open ? "n open" : " \(state.rawValue)") store without 'from' and 'until' has none (convert to ubereats for a pause)",
                    field: .state)
                return e.finish()
            }
            guard let zone = e.requireZone(options, for: "holiday hours"), let start = LocalDateTime(from, in: zone),
                let end = LocalDateTime(until, in: zone)
            else { return e.finish() }
            guard from < until else {
                e.fail("the closure ends before it starts; there are no dates to close", field: .until)
                return e.finish()
            }
            if from.hasSubsecondPrecision || start.second != 0 || until.hasSubsecondPrecision || end.second != 0 {
                e.approximate(.from, value: "\(from.rfc3339) to \(until.rfc3339)", because: "holiday hours are whole minutes")
            } else {
                e.reencode(.from, value: from.rfc3339, as: "\(start.date) \(start.clock) (\(zone.identifier) local time)")
                e.reencode(.until, value: until.rfc3339, as: "\(end.date) \(end.clock) (\(zone.identifier) local time)")
            }
            var closed = ClosedDays()
            guard closed.add(start, end) else {
                e.fail("the closure spans more than \(Self.maxDays) days; holiday hours are for dates, not long closures", field: .until)
                return e.finish()
            }
            if closed.write(into: &out) {
                e.approximate(.until, value: until.rfc3339, because: "Uber Eats has no 24:00, so an open period to the end of the day ends at '23:59'")
            }
            if let reason = doc.reason { e.drop(.reason, value: reason.rawValue, because: "holiday hours carry no reason") }
            e.scope(to: .ubereats)
            e.dropStatusExtras(since: "holiday hours do not say when a state began")
            return e.finish()
        }
    }
}

/// The closed parts of local dates, in minutes after midnight, from one or
/// more closures: one holiday-hours body holds them all, because each POST
/// replaces every date.
public struct ClosedDays: Sendable {
    /// Day number (days since 1970-01-01) to its closed intervals.
    private var days: [Int: [(Int, Int)]] = [:]

    /// No closed days.
    public init() {}

    /// Whether no day is closed.
    public var isEmpty: Bool { days.isEmpty }

    /// Adds a closure given as local wall-clock times; false when it spans more than a year of dates.
    public mutating func add(_ start: LocalDateTime, _ end: LocalDateTime) -> Bool {
        let startDay = CivilDate.days(year: start.year, month: start.month, day: start.day)
        let endMinute = end.hour * 60 + end.minute
        // The last date touched: the end's date, or the day before when it ends at midnight.
        let lastDay = CivilDate.days(year: end.year, month: end.month, day: end.day) - (endMinute == 0 ? 1 : 0)
        guard lastDay - startDay < UberEatsHolidayHoursFormat.maxDays else { return false }
        for day in startDay...max(startDay, lastDay) {
            let from = day == startDay ? start.hour * 60 + start.minute : 0
            let to = day == lastDay && endMinute != 0 ? endMinute : 1440
            days[day, default: []].append((from, to))
        }
        return true
    }

    /// The minutes of a day (0..<1440) outside `intervals`: the closed parts
    /// of a day's open periods, or the open parts of its closed ones.
    static func rest(of intervals: [(Int, Int)]) -> [(Int, Int)] {
        var out: [(Int, Int)] = []
        var cursor = 0
        for (from, to) in intervals.sorted(by: { $0.0 < $1.0 }) {
            if from > cursor { out.append((cursor, from)) }
            cursor = max(cursor, to)
        }
        if cursor < 1440 { out.append((cursor, 1440)) }
        return out
    }

    /// Writes `{"holiday_hours": {...}}`, dates in order, each with the
    /// periods it stays open (`00:00`-`00:00` when closed all day). Returns
    /// whether an open period had to end at 23:59 for want of 24:00.
    public func write(into out: inout JSONOutput) -> Bool {
        var cutsEndOfDay = false
        out.beginObject()
        out.key("holiday_hours")
        out.beginObject()
        for day in days.keys.sorted() {
            let (y, m, d) = CivilDate.civil(days: day)
            var open = Self.rest(of: days[day] ?? [])
            let date = String(y).leftPadded(to: 4) + "-" + String(m).leftPadded(to: 2) + "-" + String(d).leftPadded(to: 2)
            out.key(JSONKey(date))
            out.beginObject()
            out.key("open_time_periods")
            out.beginArray()
            if open.isEmpty { open = [(0, 0)] }
            for (s, t) in open {
                if t == 1440 { cutsEndOfDay = true }
                out.item()
                out.beginObject()
                out.field("start_time", UberEatsHolidayHoursFormat.text(s))
                out.field("end_time", UberEatsHolidayHoursFormat.text(t == 1440 ? 23 * 60 + 59 : t))
                out.endObject()
            }
            out.endArray()
            out.endObject()
        }
        out.endObject()
        out.endObject()
        return cutsEndOfDay
    }
}
