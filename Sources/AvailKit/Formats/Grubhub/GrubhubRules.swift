/// Grubhub's rules: they read Grubhub's fields, so they live with its formats.
extension RuleCatalog {
    static let grubhubRules: [Rule] = [
        Rule(
            id: "grubhub_override_window", title: "Grubhub override needs both start and end",
            summary: "A Grubhub schedule override has 'start' without 'end', or 'end' without 'start'.",
            rationale: "Grubhub: 'You must specify both a start or end, or neither'; neither means the override takes effect at once.",
            severity: .error, formats: ["grubhub.override"],
            examples: [
                .failing("grubhub.override", #"{"start": "2023-07-20T12:00:00", "type": "UNAVAILABLE"}"#, ["grubhub_override_window@1:11"], timeZone: "America/Chicago"),
                .passing(
                    "grubhub.override", #"{"start": "2023-07-20T12:00:00", "end": "2023-07-21T12:00:00", "type": "UNAVAILABLE"}"#,
                    timeZone: "America/Chicago"),
            ]),
        Rule(
            id: "grubhub_order_type_case", title: "Grubhub order type in lowercase",
            summary: "A Grubhub v2 order type key is lowercase ('standard') rather than 'STANDARD'.",
            rationale: "Grubhub's schema description says lowercase keys; its examples and endpoint description use uppercase. Both are read; uppercase is what the examples send.",
            severity: .warning, formats: ["grubhub.order-types"],
            fix: RuleFix(.safe, "writes the key in upper case"),
            examples: [
                .failing(
                    "grubhub.order-types", #"{"order_type_statuses": {"catering": {"new_pos_status": "OFFLINE"}}}"#, ["grubhub_order_type_case@1:26"],
                    fixed: #"{"order_type_statuses": {"CATERING": {"new_pos_status": "OFFLINE"}}}"#),
                .passing("grubhub.order-types", #"{"order_type_statuses": {"CATERING": {"new_pos_status": "OFFLINE"}}}"#),
            ]),
    ]

    /// Rules about local times with no offset (Grubhub overrides, Uber Eats holiday hours).
    static let localTimeRules: [Rule] = [
        Rule(
            id: "timezone_required", title: "Local times need the store's zone",
            summary: "A format whose times have no offset is read or written without the store's time zone.",
            rationale: "A local time is no instant until it is placed in a zone; guessing UTC would move it by hours. Pass --timezone or --stores.",
            severity: .error, formats: ["grubhub.override", "ubereats.holiday-hours", "justeat", "deliveryhero", "deliveryhero.availability", "ifood"],
            examples: [
                .failing(
                    "grubhub.override", #"{"start": "2023-07-20T12:00:00", "end": "2023-07-21T12:00:00", "type": "UNAVAILABLE"}"#,
                    ["timezone_required@1:11"]),
                .passing(
                    "grubhub.override", #"{"start": "2023-07-20T12:00:00", "end": "2023-07-21T12:00:00", "type": "UNAVAILABLE"}"#,
                    timeZone: "America/Chicago"),
            ]),
        Rule(
            id: "local_time_nonexistent", title: "Local time in a DST gap",
            summary: "A local time falls in the hour the clocks skip when daylight saving time starts.",
            rationale: "The time never happens in the store's zone; AvailKit does not guess which side was meant.",
            severity: .error, formats: ["grubhub.override", "ubereats.holiday-hours", "justeat", "ifood"],
            examples: [
                .failing(
                    "grubhub.override", #"{"start": "2026-03-08T02:30:00", "end": "2026-03-08T05:00:00", "type": "UNAVAILABLE"}"#,
                    ["local_time_nonexistent@1:11"], timeZone: "America/Chicago"),
                .passing(
                    "grubhub.override", #"{"start": "2026-03-08T03:30:00", "end": "2026-03-08T05:00:00", "type": "UNAVAILABLE"}"#,
                    timeZone: "America/Chicago"),
            ]),
        Rule(
            id: "local_time_ambiguous", title: "Local time in a DST overlap",
            summary: "A local time falls in the hour the clocks pass twice when daylight saving time ends.",
            rationale: "The time happens twice in the store's zone; AvailKit does not guess which one was meant.",
            severity: .error, formats: ["grubhub.override", "ubereats.holiday-hours", "justeat", "ifood"],
            examples: [
                .failing(
                    "grubhub.override", #"{"start": "2026-11-01T01:30:00", "end": "2026-11-01T05:00:00", "type": "UNAVAILABLE"}"#,
                    ["local_time_ambiguous@1:11"], timeZone: "America/Chicago"),
                .passing(
                    "grubhub.override", #"{"start": "2026-11-01T03:30:00", "end": "2026-11-01T05:00:00", "type": "UNAVAILABLE"}"#,
                    timeZone: "America/Chicago"),
            ]),
        Rule(
            id: "local_time_has_offset", title: "Local time written with an offset",
            summary: "A time the provider reads as the store's local time carries a UTC offset.",
            rationale: "Grubhub reads override times as the merchant's local time, and iFood discards an offset it is sent; the offset is ignored there, so the instant may not be the one meant. Grubhub's is read as that instant, iFood's as the wall time it shows.",
            severity: .warning, formats: ["grubhub.override", "ifood"],
            examples: [
                .failing(
                    "grubhub.override", #"{"start": "2023-07-20T12:00:00-05:00", "end": "2023-07-21T12:00:00", "type": "UNAVAILABLE"}"#,
                    ["local_time_has_offset@1:11"], timeZone: "America/Chicago"),
                .passing(
                    "grubhub.override", #"{"start": "2023-07-20T12:00:00", "end": "2023-07-21T12:00:00", "type": "UNAVAILABLE"}"#,
                    timeZone: "America/Chicago"),
            ]),
    ]
}
