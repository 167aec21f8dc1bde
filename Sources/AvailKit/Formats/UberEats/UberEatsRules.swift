/// Uber Eats' rules: they read Uber's fields, so they live with its formats.
extension RuleCatalog {
    static let uberEatsRules: [Rule] = [
        Rule(
            id: "ubereats_fractional_seconds", title: "Uber Eats time with fractional seconds",
            summary: "An Uber Eats 'paused_until' has fractional seconds.",
            rationale: "The Set Restaurant Status docs list only whole-second formats, while their own example sends milliseconds; real payloads carry them, so this is a note.",
            severity: .note, formats: ["ubereats"],
            examples: [
                .failing("ubereats", #"{"status": "PAUSED", "paused_until": "2022-01-06T03:02:11.999+12:00"}"#, ["ubereats_fractional_seconds@1:38"]),
                .passing("ubereats", #"{"status": "PAUSED", "paused_until": "2022-01-06T03:02:11+12:00"}"#),
            ],
            check: { c, findings in
                guard let until = c.decoded.availability.until, !until.fraction.isEmpty else { return }
                let at = c.at(.until)
                findings.append(c.rule.finding(
                    "'\(at.key)' '\(at.value)' has fractional seconds; Uber's documented formats have none (its own example does), so prefer whole seconds",
                    at: at))
            }),
        Rule(
            id: "ubereats_status_mismatch", title: "Uber Eats offline reason on an online store",
            summary: "An Uber Eats status response is ONLINE but carries an 'offlineReason'.",
            rationale: "One of the two is stale; AvailKit reads 'status'.",
            severity: .warning, formats: ["ubereats.status"],
            examples: [
                .failing("ubereats.status", #"{"status": "ONLINE", "offlineReason": "PAUSED_BY_UBER"}"#, ["ubereats_status_mismatch@1:39"]),
                .passing("ubereats.status", #"{"status": "ONLINE"}"#),
            ]),
        Rule(
            id: "ubereats_status_value", title: "Uber Eats status response says PAUSED",
            summary: "An Uber Eats status response's 'status' is 'PAUSED', the Set Restaurant Status request's word.",
            rationale: "The Get Restaurant Status response says 'OFFLINE' (its example); 'PAUSED' is read the same, with a note, and written back as 'OFFLINE'.",
            severity: .note, formats: ["ubereats.status"],
            fix: RuleFix(.safe, "writes 'OFFLINE'"),
            examples: [
                .failing("ubereats.status", #"{"status": "PAUSED"}"#, ["ubereats_status_value@1:12"], fixed: #"{"status": "OFFLINE"}"#),
                .passing("ubereats.status", #"{"status": "OFFLINE"}"#),
            ]),
        Rule(
            id: "ubereats_offline_not_paused", title: "Uber Eats store offline, not paused",
            summary: "An Uber Eats status response is OFFLINE for a reason that is not a pause ('OUT_OF_MENU_HOURS', 'INVISIBLE').",
            rationale: "Uber's read side says OFFLINE both for pauses and for a store outside its menu hours; only PAUSED_BY_* are pauses. The others read as not taking orders with Uber's code (provider_code), which converts back to Uber exactly and is reported as dropped elsewhere.",
            severity: .warning, formats: ["ubereats.status"],
            examples: [
                .failing("ubereats.status", #"{"status": "OFFLINE", "offlineReason": "OUT_OF_MENU_HOURS"}"#, ["ubereats_offline_not_paused@1:40"]),
                .passing("ubereats.status", #"{"status": "OFFLINE", "offlineReason": "PAUSED_BY_RESTAURANT"}"#),
            ]),
        Rule(
            id: "ubereats_holiday_hours_replace_all", title: "Uber Eats holiday hours replace every date",
            summary: "An Uber Eats holiday-hours body is empty; each POST replaces every holiday date, so it clears them all.",
            rationale: "Uber: 'each call to this endpoint overwrites any existing holiday hours'. To add a date, resend every date to keep ('avail plan' sends all of a store's closures in one body).",
            severity: .warning, formats: ["ubereats.holiday-hours"],
            examples: [
                .failing("ubereats.holiday-hours", #"{"holiday_hours": {}}"#, ["ubereats_holiday_hours_replace_all@1:19", "no_availability@1:19"]),
                .passing(
                    "ubereats.holiday-hours", #"{"holiday_hours": {"2026-12-24": {"open_time_periods": [{"start_time": "00:00", "end_time": "00:00"}]}}}"#,
                    timeZone: "America/Denver"),
            ]),
        Rule(
            id: "ubereats_time_format", title: "Uber Eats time without two-digit hour",
            summary: "An Uber Eats holiday time is written '9:00' rather than '09:00'.",
            rationale: "The field table asks for '09:00'; the POST example itself sends '9:00'. Both are read; the note says which is documented.",
            severity: .note, formats: ["ubereats.holiday-hours"],
            fix: RuleFix(.safe, "adds the leading zero"),
            examples: [
                .failing(
                    "ubereats.holiday-hours", #"{"holiday_hours": {"2026-12-24": {"open_time_periods": [{"start_time": "9:00", "end_time": "23:59"}]}}}"#,
                    ["ubereats_time_format@1:72"], timeZone: "America/Denver",
                    fixed: #"{"holiday_hours": {"2026-12-24": {"open_time_periods": [{"start_time": "09:00", "end_time": "23:59"}]}}}"#),
                .passing(
                    "ubereats.holiday-hours", #"{"holiday_hours": {"2026-12-24": {"open_time_periods": [{"start_time": "00:00", "end_time": "12:00"}]}}}"#,
                    timeZone: "America/Denver"),
            ]),
    ]
}
