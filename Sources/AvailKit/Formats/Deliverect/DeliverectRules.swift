/// Deliverect's rules: they read Deliverect's fields, so they live with its formats.
extension RuleCatalog {
    static let deliverectRules: [Rule] = [
        Rule(
            id: "deliverect_disable_at_requires_inactive", title: "Deliverect disableAt on an active store",
            summary: "A Deliverect store status sets 'disableAt' with 'isActive' true.",
            rationale: "Deliverect: 'when setting \"isActive\": false … a time can be specified when this status should be automatically lifted'; with true it means nothing.",
            severity: .warning, formats: ["deliverect"],
            examples: [
                .failing("deliverect", #"{"isActive": true, "disableAt": "2023-11-01T13:00:00Z"}"#, ["deliverect_disable_at_requires_inactive@1:33"]),
                .passing("deliverect", #"{"isActive": false, "disableAt": "2023-11-01T13:00:00Z"}"#),
            ]),
        Rule(
            id: "deliverect_utc_required", title: "Deliverect disableAt not in UTC",
            summary: "A Deliverect 'disableAt' has an offset other than 'Z' or fractional seconds.",
            rationale: "Deliverect documents 'yyyy-MM-ddTHH:mm:ssZ' only.",
            severity: .error, formats: ["deliverect"],
            fix: RuleFix(.safe, "writes the same instant in UTC with 'Z'; cutting fractional seconds moves the instant, so that fix is unsafe"),
            examples: [
                .failing(
                    "deliverect", #"{"isActive": false, "disableAt": "2023-11-01T14:00:00+01:00"}"#, ["deliverect_utc_required@1:34"],
                    fixed: #"{"isActive": false, "disableAt": "2023-11-01T13:00:00Z"}"#),
                .passing("deliverect", #"{"isActive": false, "disableAt": "2023-11-01T13:00:00Z"}"#),
            ]),
        Rule(
            id: "deliverect_channel_link_name", title: "Deliverect 'channelLink' instead of 'channelLinks'",
            summary: "A Deliverect store status names its channel list 'channelLink'.",
            rationale: "Older Deliverect pages and the Store Status+Prep Time variant say 'channelLink'; the reference says 'channelLinks'. Both are read.",
            severity: .warning, formats: ["deliverect"],
            examples: [
                .failing("deliverect", #"{"isActive": false, "channelLink": ["606d8489f0ddf13b0006"]}"#, ["deliverect_channel_link_name@1:36"]),
                .passing("deliverect", #"{"isActive": false, "channelLinks": ["606d8489f0ddf13b0006"]}"#),
            ]),
        Rule(
            id: "busy_requires_delay", title: "Busy mode needs a delay",
            summary: "A Deliverect busy-mode status 'BUSY' has no 'delay'.",
            rationale: "Deliverect: with BUSY 'the specified \"delay\" in minutes should be clearly communicated'; without it there is nothing to show.",
            severity: .error, formats: ["deliverect.busy-mode"],
            examples: [
                .failing("deliverect.busy-mode", #"{"status": "BUSY"}"#, ["busy_requires_delay@1:12"]),
                .passing("deliverect.busy-mode", #"{"status": "BUSY", "delay": 30}"#),
            ]),
        Rule(
            id: "delay_without_busy", title: "Delay on a store that is not busy",
            summary: "A delay is given for a store that is not in busy mode (Deliverect status other than BUSY, canonical state other than open).",
            rationale: "A delay means the store still takes orders, more slowly; on a paused store it says nothing.",
            severity: .warning, formats: ["deliverect.busy-mode", "canonical"],
            examples: [
                .failing("deliverect.busy-mode", #"{"status": "PAUSED", "delay": 30}"#, ["delay_without_busy@1:31"]),
                .failing("canonical", #"{"state": "paused", "reason": "too_busy", "delay": 30}"#, ["delay_without_busy@1:52"]),
                .passing("canonical", #"{"state": "open", "delay": 30}"#),
            ],
            check: { c, findings in
                guard c.format == "canonical", let delay = c.decoded.availability.delay, c.decoded.availability.state != .open else { return }
                findings.append(c.rule.finding(
                    "'delay' \(delay) is set but the state is '\(c.decoded.availability.state?.rawValue ?? "")'; a delay belongs to an open, busy store",
                    at: c.at(.delay)))
            }),
    ]
}
