import Foundation

/// Uber Eats holiday hours (`ubereats.holiday-hours`): the body of
/// `POST /v1/eats/stores/{store_id}/holiday-hours` and its `GET` response.
///
/// `holiday_hours` maps a local date (`YYYY-MM-DD`) to the periods the store
/// is open that day, in local `HH:MM` times. Holiday hours *replace* the
/// date's regular hours: a listed date says, for every minute of it, whether
/// the store is open. So each listed date reads as statements that cover it
/// whole: its open periods are `open` windows and the rest of the day is
/// `closed` (`00:00`-`00:00`, or no period, is closed all day; `23:59` is
/// 23:59, the day's last minute closed). Touching stretches of the same kind
/// merge across midnight. The times are local, so reading and writing need
/// the store's zone. Writing needs every minute of every date it touches:
/// minutes no statement speaks about are sent open, and reported, because
/// the store's regular hours are not in the source.
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
        platform: DeliveryChannel.ubereats.rawValue, writesStatements: true,
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

    /// A stretch of local time, in minutes from the first listed date's midnight.
    struct Stretch {
        var start: Int
        var end: Int
        var open: Bool
        var node: JSONValue
    }

    public func read(_ root: JSONValue, options: ConversionOptions, into decoded: inout Decoded) -> (Bool, [Finding]) {
        var findings: [Finding] = []
        guard var object = ObjectDecoder(root, shape: Self.declaration.rootReference, findings: &findings) else { return (false, findings) }
        guard let map = object.present("holiday_hours") else {
            return (false, findings + object.findings)
        }
        let leftovers = object.unknownMembers()
        guard map.isObject else {
            object.wrongType(map, key: "holiday_hours")
            return (false, findings + object.findings)
        }
        var days: [(date: LocalDateTime, periods: [(Int, Int)], node: JSONValue)] = []
        var listed = 0
        for member in map.members {
            listed += 1
            guard let date = LocalDateTime.parseDate(member.key) else {
                object.report(
                    StructureRuleID.invalidTimestamp, "holiday date '\(shown(member.key))' is not a date such as '2020-12-24'", at: member.value)
                continue
            }
            var inner: [Finding] = []
            guard var day = ObjectDecoder(member.value, shape: Self.holidayHour.reference, findings: &inner) else {
                object.findings += inner
                continue
            }
            var periods: [(Int, Int)] = []
            if let list = day.present("open_time_periods") {
                if !list.isArray { day.wrongType(list, key: "open_time_periods") }
                // An empty list (the GET doc's "closed") is kept, to be written back as it was.
                if list.isArray && list.items.isEmpty { decoded.keep(meta: list, of: id) }
                for item in list.items {
                    var found: [Finding] = []
                    guard var period = ObjectDecoder(item, shape: Self.period.reference, findings: &found) else {
                        day.findings += found
                        continue
                    }
                    let start = Self.clock("start_time", in: &period)
                    let end = Self.clock("end_time", in: &period)
                    _ = period.unknownMembers()
                    day.findings += period.findings
                    guard let start, let end else { continue }
                    if start == 0 && end == 0 { continue }  // closed all day
                    guard start < end else {
                        day.report(
                            "end_after_start", "open period ends at '\(Self.text(end))', not after its start '\(Self.text(start))'; the end must come later",
                            at: item)
                        continue
                    }
                    periods.append((start, end))
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
            object.report(
                "no_availability", "'holiday_hours' lists no date, so it says nothing about availability; there is nothing to convert", at: map)
        }
        findings += object.findings
        guard !findings.hasErrors, !days.isEmpty else { return (false, findings) }
        guard let zone = options.timeZone else {
            return (false, findings + [zoneRequired(id, "has", at: map)])
        }
        days.sort { $0.date.localSeconds < $1.date.localSeconds }
        let base = days[0].date
        var stretches: [Stretch] = []
        for day in days {
            let offset = Int((day.date.localSeconds - base.localSeconds) / 60)
            let open = HolidayDays.merged(day.periods)
            var parts = open.map { (start: $0.0, end: $0.1, open: true) } + HolidayDays.rest(of: open).map { (start: $0.0, end: $0.1, open: false) }
            parts.sort { $0.start < $1.start }
            for part in parts {
                let s = Stretch(start: offset + part.start, end: offset + part.end, open: part.open, node: day.node)
                if let last = stretches.last, last.end == s.start, last.open == s.open {
                    stretches[stretches.count - 1].end = s.end
                } else {
                    stretches.append(s)
                }
            }
        }
        // Each stretch is a statement; the first closed one leads, so the document's own fields are the closure.
        var statements: [(Availability, Origin, [Origin?])] = []
        for stretch in stretches {
            var bounds: [Timestamp] = []
            for (minutes, what) in [(stretch.start, "start"), (stretch.end, "end")] {
                guard let local = base.adding(days: minutes / 1440),
                    let wall = LocalDateTime(year: local.year, month: local.month, day: local.day, hour: minutes % 1440 / 60, minute: minutes % 60)
                else { return (false, findings) }
                let placement = wall.placed(in: zone)
                let key = "\(stretch.open ? "open period" : "closure") \(what)"
                if let (rule, message) = placement.problem(key, wall.description, zone: zone) {
                    findings.append(Finding(
                        ruleID: rule, severity: .error, message: message, location: stretch.node.location, pointer: stretch.node.pointer))
                    continue
                }
                if case .unique(let t) = placement { bounds.append(t) }
            }
            guard bounds.count == 2 else { continue }
            let origin = Origin(stretch.node)
            statements.append((Availability(state: stretch.open ? .open : .closed, from: bounds[0], until: bounds[1]), origin, [origin]))
        }
        guard !findings.hasErrors, !statements.isEmpty else { return (false, findings) }
        if let closed = statements.firstIndex(where: { $0.0.state == .closed }), closed > 0 {
            statements.insert(statements.remove(at: closed), at: 0)
        }
        var doc = statements[0].0
        doc.also = statements.dropFirst().map(\.0)
        let first = statements[0].1
        let origins: Origins = [.state: first, .from: first, .until: first]
        decoded.fill(doc, origins: origins, leftovers: leftovers)
        decoded.scope(to: .ubereats)
        decoded.alsoOrigins = statements.dropFirst().map(\.1)
        return (true, findings)
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

    public func write(_ source: Decoded, options: ConversionOptions, into out: inout JSONOutput) -> EncodeResult {
        return Encoding.with(source, target: id, options: options) { e in
            let doc = source.availability
            e.storeGoesInPath("/v1/eats/stores/{store_id}/holiday-hours")
            guard e.requireState() != nil else { return e.finish() }
            e.carry(.also, .reasonText, .by, .delay, .orderTypes, .providerCode)
            // The statements for Uber Eats: those that name it, or no channel.
            let platform = DeliveryChannel.ubereats.rawValue
            var statements: [(Int, Availability)] = []
            for (i, s) in doc.statements.enumerated() {
                if !s.applies(to: platform) {
                    e.lose(.notApplicable, .also, statement: i, "statement \(i + 1) (\(Statements.summary(s))) is not sent; it does not apply to 'ubereats'")
                    continue
                }
                statements.append((i, s))
            }
            guard !statements.isEmpty else {
                e.scope(to: .ubereats)
                return e.finish()
            }
            // The zone is asked for only when some statement has dates to write.
            let windowed = statements.contains { $0.1.from != nil && $0.1.until != nil }
            let zone = windowed ? e.requireZone(options, for: "holiday hours") : nil
            var days = HolidayDays()
            var written = 0
            for (i, s) in statements {
                guard let state = s.state, let from = s.from, let until = s.until else {
                    let what = s.state == .open ? "an opening" : s.state == .closed ? "a closure" : "a pause"
                    let hint = s.state == .paused ? " (a pause goes to ubereats)" : ""
                    let message = "Uber Eats holiday hours hold changes on dates; \(what) without 'from' and 'until' has none\(hint)"
                    if !windowed { e.fail(message, field: .state) } else {
                        e.lose(.dropped, .also, statement: i, "statement \(i + 1) (\(Statements.summary(s))) is dropped; holiday hours need its 'from' and 'until'")
                    }
                    continue
                }
                guard let zone else { continue }
                guard from < until else {
                    e.fail("the \(state == .open ? "opening" : "closure") ends before it starts; there are no dates to write", field: .until)
                    continue
                }
                guard let start = Self.wall(from, field: .from, zone: zone, &e), let end = Self.wall(until, field: .until, zone: zone, &e) else { continue }
                if from.hasSubsecondPrecision || start.second != 0 || until.hasSubsecondPrecision || end.second != 0 {
                    e.approximate(.from, value: "\(from.rfc3339) to \(until.rfc3339)", because: "holiday hours are whole minutes")
                } else if written == 0 {
                    // One note says how every time is written.
                    e.reencode(.from, value: from.rfc3339, as: "\(start.date) \(start.clock) (\(zone.identifier) local time)")
                    e.reencode(.until, value: until.rfc3339, as: "\(end.date) \(end.clock) (\(zone.identifier) local time)")
                }
                guard days.add(start, end, open: state == .open, statement: i) else {
                    e.fail("the \(state == .open ? "opening" : "closure") spans more than \(Self.maxDays) days; holiday hours are for dates, not long closures", field: .until)
                    continue
                }
                written += 1
                Self.dropExtras(s, statement: i, &e)
            }
            guard e.failures.isEmpty else { return e.finish() }
            guard written > 0 else { return e.finish() }
            for (date, gaps, statement) in days.unspecified() {
                let hours = gaps.map { "\(Self.text($0.0))–\(Self.text($0.1))" }.joined(separator: " and ")
                e.lose(
                    .approximated, .state, statement: statement,
                    "holiday hours replace the whole day's hours, so \(date) \(hours) \(gaps.count == 1 ? "is" : "are") sent as open; the source says nothing about \(gaps.count == 1 ? "it" : "them") and the store's regular hours are not in it")
            }
            let keptEmpty = Set(e.keptPointers(under: "/holiday_hours/"))
            let cut = days.write(into: &out, emptyFor: { keptEmpty.contains("/holiday_hours/\($0)/open_time_periods") })
            if !cut.isEmpty {
                e.lose(
                    .approximated, .until,
                    "open periods to the end of \(cut.joined(separator: ", ")) end at '23:59', as Uber Eats has no 24:00: the last minute of \(cut.count == 1 ? "that day is" : "those days are") sent closed")
            }
            if doc.channels != nil { e.scope(to: .ubereats) }
            e.dropStatusExtras(since: "holiday hours do not say when a state began")
            return e.finish()
        }
    }

    /// What a statement carries that holiday hours cannot: reasons, notes, who, delays, order types.
    private static func dropExtras(_ s: Availability, statement i: Int, _ e: inout Encoding) {
        let which = i == 0 ? "" : " (statement \(i + 1))"
        if let reason = s.reason { e.drop(.reason, value: reason.rawValue, because: "holiday hours carry no reason\(which)") }
        if let code = s.providerCode { e.drop(.providerCode, value: code, because: "holiday hours carry no reason\(which)") }
        if let text = s.reasonText { e.drop(.reasonText, value: text, because: "holiday hours carry no reason\(which)") }
        if let by = s.pausedBy { e.drop(.by, value: by.rawValue, because: "holiday hours do not say who closed the store\(which)") }
        if let delay = s.delay { e.drop(.delay, value: String(delay), because: "holiday hours have no busy mode\(which)") }
        if let types = s.orderTypes { e.widen(orderTypes: types) }
        if i > 0, let note = s.note { e.drop(.note, value: note, because: "holiday hours have no note\(which)") }
        if i > 0, let since = s.since { e.drop(.since, value: since.rfc3339, because: "holiday hours do not say when a state began\(which)") }
    }

    /// An instant as the store's wall-clock time; one that happens twice there cannot be written.
    private static func wall(_ t: Timestamp, field: CanonicalField, zone: TimeZone, _ e: inout Encoding) -> LocalDateTime? {
        guard let wall = LocalDateTime(t, in: zone) else { return nil }
        if case .overlap(let a, let b) = wall.placed(in: zone) {
            e.failure(
                "local_time_ambiguous",
                "\(field.rawValue) '\(t.rfc3339)' is '\(wall.clock)' on \(wall.date) in \(zone.identifier), a time that happens twice there ('\(a.rfc3339)' and '\(b.rfc3339)'); Uber Eats would read it as either",
                at: field)
            return nil
        }
        return wall
    }
}

/// Local dates and what each minute of them is (open or closed), from one
/// or more statements: one holiday-hours body holds them all, because each
/// POST replaces every date.
public struct HolidayDays: Sendable {
    /// Day number (days since 1970-01-01) to its stretches: minutes after
    /// midnight, whether open, and the number of the statement it came from.
    private var days: [Int: [(start: Int, end: Int, open: Bool, statement: Int)]] = [:]

    /// No dates.
    public init() {}

    /// Whether no date is touched.
    public var isEmpty: Bool { days.isEmpty }

    /// Adds a window given as local wall-clock times; false when it spans more than a year of dates.
    public mutating func add(_ start: LocalDateTime, _ end: LocalDateTime, open: Bool, statement: Int = 0) -> Bool {
        let startDay = CivilDate.days(year: start.year, month: start.month, day: start.day)
        let endMinute = end.hour * 60 + end.minute
        // The last date touched: the end's date, or the day before when it ends at midnight.
        let lastDay = CivilDate.days(year: end.year, month: end.month, day: end.day) - (endMinute == 0 ? 1 : 0)
        guard lastDay - startDay < UberEatsHolidayHoursFormat.maxDays else { return false }
        for day in startDay...max(startDay, lastDay) {
            let from = day == startDay ? start.hour * 60 + start.minute : 0
            let to = day == lastDay && endMinute != 0 ? endMinute : 1440
            if from < to { days[day, default: []].append((from, to, open, statement)) }
        }
        return true
    }

    /// Intervals sorted and joined where they touch or overlap.
    static func merged(_ intervals: [(Int, Int)]) -> [(Int, Int)] {
        var out: [(Int, Int)] = []
        for (from, to) in intervals.sorted(by: { $0.0 < $1.0 }) {
            if let last = out.last, from <= last.1 {
                out[out.count - 1].1 = max(last.1, to)
            } else {
                out.append((from, to))
            }
        }
        return out
    }

    /// The minutes of a day (0..<1440) outside `intervals`.
    static func rest(of intervals: [(Int, Int)]) -> [(Int, Int)] {
        var out: [(Int, Int)] = []
        var cursor = 0
        for (from, to) in merged(intervals) {
            if from > cursor { out.append((cursor, from)) }
            cursor = max(cursor, to)
        }
        if cursor < 1440 { out.append((cursor, 1440)) }
        return out
    }

    private static func dateText(_ day: Int) -> String {
        let (y, m, d) = CivilDate.civil(days: day)
        return String(y).leftPadded(to: 4) + "-" + String(m).leftPadded(to: 2) + "-" + String(d).leftPadded(to: 2)
    }

    /// Per touched date, in order, the stretches no window speaks about, and
    /// the first statement that touches the date.
    func unspecified() -> [(date: String, gaps: [(Int, Int)], statement: Int)] {
        days.keys.sorted().compactMap { day in
            let stretches = days[day] ?? []
            let gaps = Self.rest(of: stretches.map { ($0.start, $0.end) })
            return gaps.isEmpty ? nil : (Self.dateText(day), gaps, stretches.map(\.statement).min() ?? 0)
        }
    }

    /// Writes `{"holiday_hours": {...}}`, dates in order, each with the
    /// periods it is open: open windows and the minutes nothing speaks about
    /// (`00:00`-`00:00` when closed all day, or `[]` where `emptyFor` says the
    /// date was written so). Returns the dates whose open period had to end
    /// at 23:59 for want of 24:00.
    public func write(into out: inout JSONOutput, emptyFor: (String) -> Bool = { _ in false }) -> [String] {
        var cutsEndOfDay: [String] = []
        out.beginObject()
        out.key("holiday_hours")
        out.beginObject()
        for day in days.keys.sorted() {
            let stretches = days[day] ?? []
            let closed = Self.merged(stretches.filter { !$0.open }.map { ($0.start, $0.end) })
            let open = Self.rest(of: closed)
            let date = Self.dateText(day)
            out.key(JSONKey(date))
            out.beginObject()
            out.key("open_time_periods")
            out.beginArray()
            if open.isEmpty && !emptyFor(date) {
                out.item()
                out.beginObject()
                out.field("start_time", "00:00")
                out.field("end_time", "00:00")
                out.endObject()
            }
            for (s, t) in open {
                if t == 1440 { cutsEndOfDay.append(date) }
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
