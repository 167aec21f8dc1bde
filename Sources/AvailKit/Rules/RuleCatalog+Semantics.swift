import Foundation

extension RuleCatalog {
    /// The project card's rules.
    static let cardRules: [Rule] = [
        Rule(
            id: "paused_requires_reason", title: "A paused store needs a reason",
            summary: "A Gett pause (status 'paused') gives no reason.",
            rationale: "Gett's docs require a reason when pausing, and operations teams need to know why a store stopped taking orders. A canonical pause may have none (Lula and Uber Eats pauses carry no code); converting it to Gett asks for --reason.",
            severity: .error, formats: ["gett", "gett.status"],
            examples: [
                .failing("gett", #"{"status": "paused"}"#, ["paused_requires_reason@1:12"]),
                .failing("gett.status", #"{"status": "paused", "resumeAt": "2026-01-15T14:00:00Z"}"#, ["paused_requires_reason@1:12"]),
                .passing("gett", #"{"status": "paused", "reason": "staff_shortage"}"#),
            ],
            check: { c, findings in
                // A reason that was given but rejected already has its enum_value finding.
                guard c.decoded.availability.state == .paused, c.decoded.availability.reason == nil, !c.decoded.rejected.contains(.reason) else { return }
                let state = c.at(.state)
                findings.append(c.rule.finding(
                    "a paused store needs a 'reason'; add one of \(quotedReasons) (\(state.key) is '\(state.value)')",
                    at: state))
            }),
        Rule(
            id: "close_requires_dates", title: "A closure needs its dates",
            summary: "A Tokopedia 'close' lacks 'start_date' or 'end_date', or a canonical 'closed' lacks 'from' or 'until'.",
            rationale: "Tokopedia rejects a close without both dates; a closure window without ends is not a window.",
            severity: .error, formats: ["canonical", "tokopedia"],
            examples: [
                .failing("tokopedia", #"{"shop_id": 1, "action": "close", "close_now": true}"#, ["close_requires_dates@1:26"]),
                .failing("canonical", #"{"state": "closed", "from": "2026-12-24T00:00:00-07:00"}"#, ["close_requires_dates@1:11"]),
                .passing(
                    "canonical", #"{"state": "closed", "from": "2026-12-24T00:00:00-07:00", "until": "2026-12-26T00:00:00-07:00"}"#),
            ],
            check: { c, findings in
                // The declaration says which value closes and which fields that needs.
                c.withCondition { condition, shape in
                    guard let value = c.root[condition.key], value.isString(condition.value) else { return }
                    let missing = condition.requires.filter { c.root[$0] == nil }
                    guard !missing.isEmpty else { return }
                    let seconds = condition.requires.allSatisfy {
                        if case .unixSeconds = shape.field($0)?.shape.resolved { return true }
                        return false
                    }
                    let quoted = { (keys: [String]) in keys.map { "'\($0)'" }.joined(separator: " and ") }
                    findings.append(c.rule.finding(
                        "\(condition.subject) needs \(quoted(condition.requires))\(seconds ? " (UNIX seconds)" : ""); add \(quoted(missing))",
                        at: c.at(.state)))
                }
            }),
    ]

    /// Rules about instants and the clock.
    static let timeRules: [Rule] = [
        Rule(
            id: "end_after_start", title: "End after start",
            summary: "An end ('until', 'end_time', 'end_date', 'resumeAt') is not after its start ('from', 'start_time', 'start_date', 'pausedAt').",
            rationale: "A window that ends before it starts is empty; providers reject it or apply it for no time at all.",
            severity: .error,
            formats: [
                "canonical", "gett.status", "lula", "tokopedia", "doordash.deactivation", "doordash.store", "grubhub.override", "ubereats.holiday-hours",
                "justeat", "ifood",
            ],
            examples: [
                .failing(
                    "lula",
                    #"{"dsp_name": "All", "is_active": false, "end_time": "2026-11-15T00:00:00-05:00", "start_time": "2026-11-15T23:59:00-05:00"}"#,
                    ["end_after_start@1:53"]),
                .failing(
                    "gett.status",
                    #"{"status": "paused", "reason": "other", "pausedAt": "2026-01-15T12:00:00Z", "resumeAt": "2026-01-15T11:00:00Z"}"#,
                    ["end_after_start@1:89"]),
                .passing(
                    "lula",
                    #"{"dsp_name": "All", "is_active": false, "end_time": "2026-11-15T23:59:00-05:00", "start_time": "2026-11-15T00:00:00-05:00"}"#),
            ],
            check: { c, findings in
                guard let until = c.decoded.availability.until else { return }
                var start: (Timestamp, CanonicalField)? = c.decoded.availability.from.map { ($0, .from) }
                if start == nil, c.decoded.availability.state != .open, let since = c.decoded.availability.since { start = (since, .since) }
                guard let (begin, field) = start, !(begin < until) else { return }
                let u = c.at(.until)
                let b = c.at(field)
                findings.append(c.rule.finding("end '\(u.value)' is not after start '\(b.value)'; the end must come later", at: u))
            }),
        Rule(
            id: "resume_in_future", title: "Resume time in the past",
            summary: "A request's end ('until', 'resumeAt', 'end_time', 'end_date') is not after --now.",
            rationale: "A pause that ends in the past does nothing, or is rejected; usually a stale payload or a wrong offset.",
            severity: .error, formats: ["canonical", "gett", "lula", "tokopedia", "wolt", "justeat", "ifood"],
            examples: [
                .failing("gett", #"{"status": "paused", "reason": "too_busy", "resumeAt": "2025-12-31T23:00:00Z"}"#, ["resume_in_future@1:56"]),
                .passing("gett", #"{"status": "paused", "reason": "too_busy", "resumeAt": "2026-01-15T14:00:00Z"}"#),
            ],
            isTimeRelative: true,
            check: { c, findings in
                guard let until = c.decoded.availability.until, !(c.now < until) else { return }
                let u = c.at(.until)
                findings.append(c.rule.finding("end '\(u.value)' is not after now (\(c.now.rfc3339)); set a future time or leave it out", at: u))
            }),
        tokopediaStartNotBeforeToday,
        lulaOffsetMatchesZone,
    ]

    /// Rules about fields that contradict each other or the provider's contract.
    static let consistencyRules: [Rule] = [
        Rule(
            id: "online_with_pause_fields", title: "Open store with pause fields",
            summary: "An open store carries a pause reason or pause times.",
            rationale: "Gett's own published response example does this, so it is a warning: the fields are stale and say nothing about the open store.",
            severity: .warning, formats: ["canonical", "gett", "gett.status", "ubereats", "doordash"],
            examples: [
                .failing(
                    "gett.status",
                    #"{ "status": "online", "reason": "operational_issues", "pausedAt": "2024-08-25T15:00:00Z", "resumeAt": "2024-08-25T15:00:00Z" }"#,
                    ["online_with_pause_fields@1:13"]),
                .passing("gett.status", #"{"status": "online"}"#),
            ],
            check: { c, findings in
                guard c.decoded.availability.state == .open else { return }
                var names: [String] = []
                if c.format == "canonical" {
                    // In canonical an end on an open store means "open until"; a reason or start does not belong.
                    if c.decoded.availability.reason != nil { names.append(c.key(.reason)) }
                    if c.decoded.availability.since != nil { names.append(c.key(.since)) }
                } else {
                    // A provider's decoder keeps an open store's pause fields as written (they mean nothing there).
                    names = c.decoded.pendingMeta.compactMap { c.key(ofEntry: $0.entry) }
                }
                guard !names.isEmpty else { return }
                let state = c.at(.state)
                findings.append(c.rule.finding(
                    "\(state.key) is '\(state.value)' but the store carries pause fields \(names.map { "'\($0)'" }.joined(separator: ", ")); remove them or set the pause",
                    at: state))
            }),
        Rule(
            id: "conflicting_statements", title: "Statements that contradict each other",
            summary: "Two statements of a canonical document ('also') cover the same scope at the same time and disagree on whether orders are taken.",
            rationale: "A document says one thing per channel, order type and instant; statements may overlap only where they agree (two deactivations at once), or the document means nothing there.",
            severity: .error, formats: ["canonical"],
            examples: [
                .failing(
                    "canonical", #"{"state": "paused", "channels": ["ubereats"], "also": [{"state": "open"}]}"#, ["conflicting_statements@1:55"]),
                .passing(
                    "canonical", #"{"state": "paused", "channels": ["ubereats"], "also": [{"state": "open", "channels": ["doordash"]}]}"#),
            ]),
        bigcommercePartialOverride,
        bigcommerceChannelStatusPut,
        passwordNotCarried,
        closeNowSemantics,
    ]
}

/// The canonical reason codes as `paused_requires_reason` lists them, made once.
private let quotedReasons = Availability.Reason.ordered.map { "'\($0.rawValue)'" }.joined(separator: ", ")
