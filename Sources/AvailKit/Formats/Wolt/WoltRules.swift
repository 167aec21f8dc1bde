/// Wolt's rules: they read Wolt's fields, so they live with its formats.
extension RuleCatalog {
    static let woltRules: [Rule] = [
        Rule(
            id: "wolt_until_requires_offline", title: "Wolt 'until' on an ONLINE venue",
            summary: "A Wolt online-status body sets 'until' with 'status' 'ONLINE'.",
            rationale: "Wolt: 'To schedule the venue to be offline until a certain time, set status=OFFLINE and until … Scheduling for online status is not supported yet.' An 'until' on ONLINE ends nothing.",
            severity: .warning, formats: ["wolt"],
            examples: [
                .failing("wolt", #"{"status": "ONLINE", "until": "2026-04-11T08:00:00Z"}"#, ["wolt_until_requires_offline@1:31"]),
                .passing("wolt", #"{"status": "OFFLINE", "until": "2026-04-11T08:00:00Z"}"#),
            ]),
        Rule(
            id: "wolt_guide_body", title: "Wolt Venue Guide body",
            summary: "A Wolt online-status body uses the Venue Guide's 'is_online' and 'reason' instead of the API reference's 'status' and 'until'.",
            rationale: "The Venue Guide shows PATCH /venues/{venue_id}/status with {is_online, reason}; the API reference has PATCH /venues/{venueId}/online with {status, until} and no reason. Both are read; AvailKit writes the reference's body.",
            severity: .warning, formats: ["wolt"],
            examples: [
                .failing("wolt", #"{"is_online": false, "reason": "POS down for maintenance"}"#, ["wolt_guide_body@1:15"]),
                .passing("wolt", #"{"status": "OFFLINE"}"#),
            ]),
        Rule(
            id: "wolt_outside_opening_hours", title: "Wolt venue online but outside its hours",
            summary: "A Wolt venue status is online ('is_online' true) but not open ('is_open' false).",
            rationale: "The venue is not paused, only outside its opening hours; it is read as open (not paused), and its hours decide when it takes orders.",
            severity: .note, formats: ["wolt.status"],
            examples: [
                .failing("wolt.status", #"{"status": {"is_open": false, "is_online": true}}"#, ["wolt_outside_opening_hours@1:24"]),
                .passing("wolt.status", #"{"status": {"is_open": true, "is_online": true}}"#),
            ]),
    ]
}
