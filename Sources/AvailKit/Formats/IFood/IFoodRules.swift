/// iFood's rules: they read iFood's fields, so they live with its formats.
extension RuleCatalog {
    static let iFoodRules: [Rule] = [
        Rule(
            id: "ifood_interruption_too_long", title: "iFood interruption longer than 7 days",
            summary: "An iFood interruption ends more than 7 days after it starts.",
            rationale: "iFood's best practices: don't 'create very long interruptions (max 7 days)'; longer closures belong in the opening hours.",
            severity: .error, formats: ["ifood"],
            examples: [
                .failing(
                    "ifood", #"{"start": "2026-01-10T10:00:00", "end": "2026-01-20T10:00:00", "description": "Reforma"}"#,
                    ["ifood_interruption_too_long@1:41"], timeZone: "America/Sao_Paulo"),
                .passing(
                    "ifood", #"{"start": "2026-01-10T10:00:00", "end": "2026-01-17T10:00:00", "description": "Reforma"}"#,
                    timeZone: "America/Sao_Paulo"),
            ]),
        Rule(
            id: "ifood_closed_by_hours", title: "iFood operation closed by its hours",
            summary: "An iFood status entry is not available and CLOSED with no interruption or block failing: it is outside its opening hours.",
            rationale: "iFood: CLOSED is 'closed as expected (outside opening hours)', and 'don't assume CLOSED means a problem'. That is no pause: the entry is kept as written and not converted.",
            severity: .note, formats: ["ifood.status"],
            examples: [
                .failing(
                    "ifood.status",
                    #"[{"operation": "DELIVERY", "available": false, "state": "CLOSED"}, {"operation": "TAKEOUT", "available": true, "state": "OK"}]"#,
                    ["ifood_closed_by_hours@1:41"]),
                .passing(
                    "ifood.status",
                    #"[{"operation": "DELIVERY", "available": false, "state": "CLOSED", "validations": [{"code": "unavailabilities", "state": "ERROR"}]}]"#),
            ]),
        Rule(
            id: "ifood_indoor_not_converted", title: "iFood INDOOR operation",
            summary: "An iFood status entry is for the INDOOR operation, which has no canonical order type.",
            rationale: "INDOOR (orders at the table) is neither delivery nor pickup; its entry is kept as written and not converted.",
            severity: .note, formats: ["ifood.status"],
            examples: [
                .failing(
                    "ifood.status", #"[{"operation": "INDOOR", "available": true, "state": "OK"}, {"operation": "DELIVERY", "available": true, "state": "OK"}]"#,
                    ["ifood_indoor_not_converted@1:16"]),
                .passing("ifood.status", #"[{"operation": "DELIVERY", "available": true, "state": "OK"}]"#),
            ]),
    ]
}
