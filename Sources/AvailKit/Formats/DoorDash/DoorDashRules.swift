/// DoorDash's rules: they read DoorDash's fields, so they live with its formats.
extension RuleCatalog {
    static let doorDashRules: [Rule] = [
        Rule(
            id: "doordash_requires_reason", title: "DoorDash deactivation needs a reason",
            summary: "A DoorDash store status with 'is_active' false has no 'reason'.",
            rationale: "DoorDash: 'There is a required reason parameter that must be passed within the payload', from its six-value enum.",
            severity: .error, formats: ["doordash"],
            examples: [
                .failing("doordash", #"{"is_active": false}"#, ["doordash_requires_reason@1:15"]),
                .passing("doordash", #"{"is_active": false, "reason": "operational_issues"}"#),
            ]),
        Rule(
            id: "doordash_permanent_deactivation", title: "DoorDash reason deactivates for good",
            summary: "A DoorDash deactivation gives 'out_of_business' or 'delete_store', which end the store rather than pause it.",
            rationale: "Sent for a temporary pause, these reasons take the store down for good; a pause is 'operational_issues' or 'store_pos_connectivity_issues'.",
            severity: .warning, formats: ["doordash"],
            examples: [
                .failing("doordash", #"{"is_active": false, "reason": "out_of_business"}"#, ["doordash_permanent_deactivation@1:32"]),
                .passing("doordash", #"{"is_active": false, "reason": "store_pos_connectivity_issues"}"#),
            ]),
        Rule(
            id: "doordash_fields_in_event", title: "DoorDash webhook fields under 'event'",
            summary: "A DoorDash deactivation webhook has 'reason', 'notes', 'start_time' or 'end_time' under 'event'.",
            rationale: "DoorDash's field list nests them under 'event'; its sample sends them at the top level. Both are read; the note says which one the payload follows.",
            severity: .note, formats: ["doordash.deactivation"],
            examples: [
                .failing(
                    "doordash.deactivation", #"{"store": {"merchant_supplied_id": "2"}, "event": {"type": "Store Temporarily Deactivated", "reason": "Busy"}}"#,
                    ["doordash_fields_in_event@1:103"]),
                .passing(
                    "doordash.deactivation", #"{"store": {"merchant_supplied_id": "2"}, "event": {"type": "Store Temporarily Deactivated"}, "reason": "Busy"}"#),
            ]),
        Rule(
            id: "doordash_status_mismatch", title: "DoorDash store active with deactivations",
            summary: "A DoorDash store_details response has 'is_active' true and lists current deactivations.",
            rationale: "One of the two is stale; AvailKit reads the deactivations.",
            severity: .warning, formats: ["doordash.store"],
            examples: [
                .failing(
                    "doordash.store", #"{"is_active": true, "current_deactivations": [{"reason": "Busy", "notes": "", "end_time": null}]}"#,
                    ["doordash_status_mismatch@1:15"]),
                .passing("doordash.store", #"{"is_active": true, "current_deactivations": []}"#),
            ]),
    ]
}
