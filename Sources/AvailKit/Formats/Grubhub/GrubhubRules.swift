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
}
