import Foundation

/// Tokopedia's rules: they read Tokopedia's fields, so they live with its format.
extension RuleCatalog {
    static let timestampUnit = Rule(
        id: "timestamp_unit", title: "Milliseconds where seconds are expected",
        summary: "A Tokopedia date is too large to be UNIX seconds (10^11 or more): it is milliseconds.",
        rationale: "Read as seconds it would be a date tens of thousands of years ahead; the unit is declared by the format, never guessed.",
        severity: .error, formats: ["tokopedia"],
        fix: RuleFix(.safe, "divides by 1000 when the milliseconds are whole seconds (the same instant); otherwise no fix"),
        examples: [
            .failing(
                "tokopedia", #"{"shop_id": 1, "action": "close", "start_date": 1766509200000, "end_date": 1798218000}"#,
                ["timestamp_unit@1:49"], fixed: #"{"shop_id": 1, "action": "close", "start_date": 1766509200, "end_date": 1798218000}"#),
            .passing("tokopedia", #"{"shop_id": 1, "action": "close", "start_date": 1767312000, "end_date": 1798218000}"#),
        ])

    static let tokopediaDateString = Rule(
        id: "tokopedia_date_string", title: "Tokopedia date written as YYYYMMDD",
        summary: "A Tokopedia date is the string form of the docs' example (\"20191015\") instead of integer UNIX seconds.",
        rationale: "The docs' own example sends this form, so senders copy it; it is read as midnight in the store's zone (Asia/Jakarta unless --timezone), but the documented type is an integer.",
        severity: .warning, formats: ["tokopedia"],
        fix: RuleFix(.unsafe, "writes midnight of that date in the store's zone as UNIX seconds (a reading of the date, so --unsafe-fixes)"),
        examples: [
            .failing(
                "tokopedia", #"{"shop_id": 1, "action": "close", "start_date": "20260110", "end_date": "20260112", "close_now": false}"#,
                ["tokopedia_date_string@1:49", "tokopedia_date_string@1:73"],
                fixed: #"{"shop_id": 1, "action": "close", "start_date": 1767978000, "end_date": 1768150800, "close_now": false}"#),
            .passing("tokopedia", #"{"shop_id": 1, "action": "close", "start_date": 1767978000, "end_date": 1768150800, "close_now": false}"#),
        ])

    static let datesIgnoredOnOpen = Rule(
        id: "dates_ignored_on_open", title: "Closing fields on an open action",
        summary: "A Tokopedia 'open' action carries 'start_date', 'end_date' or 'close_note', which only apply to 'close'.",
        rationale: "Tokopedia opens the shop at once and ignores them (its own example sends all three with 'open'); a sender who meant to schedule or explain a closure did not. They are kept as written and mean nothing.",
        severity: .warning, formats: ["tokopedia"],
        examples: [
            .failing("tokopedia", #"{"shop_id": 1, "action": "open", "start_date": 1766509200}"#, ["dates_ignored_on_open@1:48"]),
            .passing("tokopedia", #"{"shop_id": 1, "action": "open"}"#),
        ])

    static let tokopediaStartNotBeforeToday = Rule(
        id: "tokopedia_start_not_before_today", title: "Tokopedia closure starts before today",
        summary: "A scheduled Tokopedia close ('close_now' false) has a 'start_date' on a store-local date before today.",
        rationale: "Tokopedia rejects it: \"Tanggal mulai tutup tidak bisa kurang dari hari ini\" (the closing start date cannot be earlier than today). Dates are compared in the store's zone (--timezone, default Asia/Jakarta).",
        severity: .error, formats: ["tokopedia"],
        examples: [
            .failing(
                "tokopedia", #"{"shop_id": 1, "action": "close", "start_date": 1767139200, "end_date": 1798218000, "close_now": false}"#,
                ["tokopedia_start_not_before_today@1:49"]),
            .passing(
                "tokopedia", #"{"shop_id": 1, "action": "close", "start_date": 1767312000, "end_date": 1798218000, "close_now": false}"#),
        ],
        isTimeRelative: true,
        check: { c, findings in
            guard c.decoded.availability.state == .closed, let from = c.decoded.availability.from else { return }
            // Two days or more ahead is a later date in any zone (an offset is
            // within ±18 hours), known without asking the zone for the two
            // offsets (about 1,200 instructions a valid record).
            let ahead = from.unixSeconds.subtractingReportingOverflow(c.now.unixSeconds)
            if !ahead.overflow && ahead.partialValue >= 2 * 86_400 { return }
            guard let zone = c.timeZone ?? TokopediaDates.defaultZone,
                let start = from.rendered(in: zone), let today = c.now.rendered(in: zone)
            else { return }
            let s = start.localComponents
            let t = today.localComponents
            guard (s.year, s.month, s.day) < (t.year, t.month, t.day) else { return }
            let day = { (y: Int, m: Int, d: Int) in "\(String(y).leftPadded(to: 4))-\(String(m).leftPadded(to: 2))-\(String(d).leftPadded(to: 2))" }
            findings.append(c.rule.finding(
                "'start_date' \(c.at(.from).value) is \(day(s.year, s.month, s.day)) in \(zone.identifier), before today (\(day(t.year, t.month, t.day))); Tokopedia rejects a closure that starts in the past, so start today or later",
                at: c.at(.from)))
        })

    static let closeNowSemantics = Rule(
        id: "close_now_semantics", title: "close_now makes a field meaningless",
        summary: "A Tokopedia 'close_now: true' comes with a 'start_date' (ignored), or 'close_now' comes with action 'open' (ignored).",
        rationale: "The sender may expect a scheduled start that Tokopedia will not honour.",
        severity: .note, formats: ["tokopedia"],
        examples: [
            .failing(
                "tokopedia", #"{"shop_id": 1, "action": "close", "start_date": 1767312000, "end_date": 1798218000, "close_now": true}"#,
                ["close_now_semantics@1:49"]),
            .failing("tokopedia", #"{"shop_id": 1, "action": "open", "close_now": false}"#, ["close_now_semantics@1:47"]),
            .passing("tokopedia", #"{"shop_id": 1, "action": "close", "start_date": 1767312000, "end_date": 1798218000, "close_now": false}"#),
        ],
        check: { c, findings in
            guard let closeNow = c.root["close_now"], let now = closeNow.boolValue else { return }
            if c.root["action"]?.stringValue == "open" {
                findings.append(c.rule.finding("'close_now' only applies to action 'close'; Tokopedia ignores it here", at: closeNow))
            } else if now, let start = c.root["start_date"] {
                findings.append(c.rule.finding("'start_date' is ignored because 'close_now' is true; the shop closes at once", at: start))
            }
        })
}
