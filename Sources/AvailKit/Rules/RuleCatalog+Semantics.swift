import Foundation

extension RuleCatalog {
    /// The project card's rules.
    static let cardRules: [Rule] = [
        Rule(
            id: "paused_requires_reason", title: "A paused store needs a reason",
            summary: "A pause ('paused' state, Gett status 'paused') gives no reason.",
            rationale: "Gett's docs require a reason when pausing, and operations teams need to know why a store stopped taking orders.",
            severity: .error, formats: ["canonical", "gett", "gett.status"],
            examples: [
                .failing("gett", #"{"status": "paused"}"#, ["paused_requires_reason@1:12"]),
                .failing("canonical", #"{"state": "paused"}"#, ["paused_requires_reason@1:11"]),
                .passing("gett", #"{"status": "paused", "reason": "staff_shortage"}"#),
            ],
            check: { c in
                // A reason that was given but rejected already has its enum_value finding.
                guard c.doc.state == .paused, c.doc.reason == nil, !c.decoded.rejected.contains(.reason) else { return [] }
                let field = c.format == "canonical" ? "state" : "status"
                return [c.rule.finding(
                    "a paused store needs a 'reason'; add one of 'operational_issues', 'staff_shortage', 'too_busy', 'maintenance', 'other' (\(field) is 'paused')",
                    at: c.at(.state))]
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
            check: { c in
                let keys = c.format == "tokopedia" ? ["start_date", "end_date"] : ["from", "until"]
                let closing = c.format == "tokopedia" ? c.root["action"]?.stringValue == "close" : c.doc.state == .closed
                let missing = keys.filter { c.root[$0] == nil }
                guard closing, !missing.isEmpty else { return [] }
                let what = c.format == "tokopedia" ? "action 'close'" : "a closed store"
                let unit = c.format == "tokopedia" ? " (UNIX seconds)" : ""
                return [c.rule.finding(
                    "\(what) needs \(keys.map { "'\($0)'" }.joined(separator: " and "))\(unit); add \(missing.map { "'\($0)'" }.joined(separator: " and "))",
                    at: c.at(.state))]
            }),
    ]

    /// Rules about instants and the clock.
    static let timeRules: [Rule] = [
        Rule(
            id: "end_after_start", title: "End after start",
            summary: "An end ('until', 'end_time', 'end_date', 'resumeAt') is not after its start ('from', 'start_time', 'start_date', 'pausedAt').",
            rationale: "A window that ends before it starts is empty; providers reject it or apply it for no time at all.",
            severity: .error, formats: ["canonical", "gett.status", "lula", "tokopedia"],
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
            check: { c in
                guard let until = c.doc.until else { return [] }
                var start: (Timestamp, CanonicalField)? = c.doc.from.map { ($0, .from) }
                if start == nil, c.doc.state != .open, let since = c.doc.since { start = (since, .since) }
                guard let (begin, field) = start, !(begin < until) else { return [] }
                let u = c.at(.until)
                let b = c.at(field)
                return [c.rule.finding("end '\(u.value)' is not after start '\(b.value)'; the end must come later", at: u)]
            }),
        Rule(
            id: "resume_in_future", title: "Resume time in the past",
            summary: "A request's end ('until', 'resumeAt', 'end_time', 'end_date') is not after --now.",
            rationale: "A pause that ends in the past does nothing, or is rejected; usually a stale payload or a wrong offset.",
            severity: .error, formats: ["canonical", "gett", "lula", "tokopedia"],
            examples: [
                .failing("gett", #"{"status": "paused", "reason": "too_busy", "resumeAt": "2025-12-31T23:00:00Z"}"#, ["resume_in_future@1:56"]),
                .passing("gett", #"{"status": "paused", "reason": "too_busy", "resumeAt": "2026-01-15T14:00:00Z"}"#),
            ],
            isTimeRelative: true,
            check: { c in
                guard let until = c.doc.until, !(c.now < until) else { return [] }
                let u = c.at(.until)
                return [c.rule.finding("end '\(u.value)' is not after now (\(c.now.rfc3339)); set a future time or leave it out", at: u)]
            }),
        Rule(
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
            check: { c in
                guard c.doc.state == .closed, let from = c.doc.from,
                    let zone = c.timeZone ?? TimeZones.zone(named: TokopediaDates.defaultZoneName),
                    let start = from.rendered(in: zone), let today = c.now.rendered(in: zone)
                else { return [] }
                let s = start.localComponents
                let t = today.localComponents
                guard (s.year, s.month, s.day) < (t.year, t.month, t.day) else { return [] }
                let day = { (y: Int, m: Int, d: Int) in "\(String(y).leftPadded(to: 4))-\(String(m).leftPadded(to: 2))-\(String(d).leftPadded(to: 2))" }
                return [c.rule.finding(
                    "'start_date' \(c.at(.from).value) is \(day(s.year, s.month, s.day)) in \(zone.identifier), before today (\(day(t.year, t.month, t.day))); Tokopedia rejects a closure that starts in the past, so start today or later",
                    at: c.at(.from))]
            }),
        Rule(
            id: "lula_offset_matches_zone", title: "Lula time not in the store's offset",
            summary: "With --timezone, a Lula 'start_time' or 'end_time' is written with an offset other than the store zone's at that instant.",
            rationale: "Lula's docs ask for the store's local offset 'to avoid unexpected behavior'.",
            severity: .warning, formats: ["lula"],
            examples: [
                .failing(
                    "lula", #"{"dsp_name": "All", "is_active": false, "end_time": "2026-11-15T23:59:00-05:00"}"#, ["lula_offset_matches_zone@1:53"],
                    timeZone: "America/Denver"),
                .passing("lula", #"{"dsp_name": "All", "is_active": false, "end_time": "2026-11-15T23:59:00-07:00"}"#, timeZone: "America/Denver"),
            ],
            check: { c in
                guard let zone = c.timeZone else { return [] }
                var findings: [Finding] = []
                for (field, t) in [(CanonicalField.from, c.doc.from), (.until, c.doc.until)] {
                    guard let t, let local = t.rendered(in: zone), local.offset != t.offset else { continue }
                    findings.append(c.rule.finding(
                        "'\(c.at(field).value)' is not in \(zone.identifier)'s offset; write '\(local.rfc3339)'", at: c.at(field)))
                }
                return findings
            }),
    ]

    /// Rules about fields that contradict each other or the provider's contract.
    static let consistencyRules: [Rule] = [
        Rule(
            id: "online_with_pause_fields", title: "Open store with pause fields",
            summary: "An open store carries a pause reason or pause times.",
            rationale: "Gett's own published response example does this, so it is a warning: the fields are stale and say nothing about the open store.",
            severity: .warning, formats: ["canonical", "gett", "gett.status"],
            examples: [
                .failing(
                    "gett.status",
                    #"{ "status": "online", "reason": "operational_issues", "pausedAt": "2024-08-25T15:00:00Z", "resumeAt": "2024-08-25T15:00:00Z" }"#,
                    ["online_with_pause_fields@1:13"]),
                .passing("gett.status", #"{"status": "online"}"#),
            ],
            check: { c in
                guard c.doc.state == .open else { return [] }
                let gett = c.format != "canonical"
                var fields: [String] = []
                if c.doc.reason != nil { fields.append("reason") }
                if c.doc.since != nil { fields.append(gett ? "pausedAt" : "since") }
                if gett, c.doc.until != nil { fields.append("resumeAt") }
                guard !fields.isEmpty else { return [] }
                let state = gett ? "status is 'online'" : "state is 'open'"
                return [c.rule.finding(
                    "\(state) but the store carries pause fields \(fields.map { "'\($0)'" }.joined(separator: ", ")); remove them or set the pause",
                    at: c.at(.state))]
            }),
        Rule(
            id: "bigcommerce_partial_override", title: "Partial channel override removal",
            summary: "A BigCommerce settings PUT sends null for some settings but leaves others out.",
            rationale: "BigCommerce does not support partial updates when removing channel overrides: every setting must be sent, null where it should inherit.",
            severity: .error, formats: ["bigcommerce"],
            examples: [
                .failing("bigcommerce", #"{"down_for_maintenance_message": null}"#, ["bigcommerce_partial_override@1:34"]),
                .passing("bigcommerce", #"{"down_for_maintenance_message": null, "prelaunch_message": null}"#),
            ],
            check: { c in
                let keys = ["down_for_maintenance_message", "prelaunch_message"]
                guard let null = keys.compactMap({ c.root[$0] }).first(where: \.isNull) else { return [] }
                let missing = keys.filter { c.root[$0] == nil }
                guard !missing.isEmpty else { return [] }
                return [c.rule.finding(
                    "removing a channel override needs every setting; add \(missing.map { "'\($0)'" }.joined(separator: " and ")) (null to inherit)",
                    at: null)]
            }),
        Rule(
            id: "bigcommerce_channel_status_put", title: "Channel status not settable",
            summary: "A BigCommerce channel PUT sets 'status' to 'prelaunch' or 'terminated'.",
            rationale: "BigCommerce sets these itself; they are not valid in a PUT.",
            severity: .error, formats: ["bigcommerce.channel"],
            examples: [
                .failing("bigcommerce.channel", #"{"status": "prelaunch"}"#, ["bigcommerce_channel_status_put@1:12"]),
                .passing("bigcommerce.channel", #"{"status": "active"}"#),
            ],
            check: { c in
                guard let node = c.root["status"], let s = node.stringValue, s == "prelaunch" || s == "terminated" else { return [] }
                return [c.rule.finding(
                    "status '\(s)' cannot be set with a PUT; use 'active', 'inactive' (down for maintenance), 'connected', 'disconnected', 'archived' or 'deleted'",
                    at: node)]
            }),
        Rule(
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
            check: { c in
                guard let closeNow = c.root["close_now"], let now = closeNow.boolValue else { return [] }
                if c.root["action"]?.stringValue == "open" {
                    return [c.rule.finding("'close_now' only applies to action 'close'; Tokopedia ignores it here", at: closeNow)]
                }
                if now, let start = c.root["start_date"] {
                    return [c.rule.finding("'start_date' is ignored because 'close_now' is true; the shop closes at once", at: start)]
                }
                return []
            }),
    ]
}
