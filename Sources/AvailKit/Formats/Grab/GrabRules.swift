/// GrabFood's rules: they read Grab's fields, so they live with its formats.
extension RuleCatalog {
    static let grabRules: [Rule] = [
        Rule(
            id: "grab_pause_requires_duration", title: "Grab pause without a duration",
            summary: "A Grab pause body has 'isPause' true and no 'duration'.",
            rationale: "Grab's text says the duration is 'only required when isPause=true'; its schema requires only merchantID and isPause, and what Grab does without one is undocumented. The pause is read with no end.",
            severity: .warning, formats: ["grab"],
            examples: [
                .failing("grab", #"{"merchantID": "1-CYNGRUNGSBCCC", "isPause": true}"#, ["grab_pause_requires_duration@1:46"]),
                .passing("grab", #"{"merchantID": "1-CYNGRUNGSBCCC", "isPause": true, "duration": "30m"}"#),
            ]),
        Rule(
            id: "grab_duration_without_pause", title: "Grab duration on an unpause",
            summary: "A Grab pause body has 'isPause' false and a 'duration'.",
            rationale: "Unpausing takes effect at once; the duration means nothing there and is kept as written.",
            severity: .warning, formats: ["grab"],
            examples: [
                .failing("grab", #"{"merchantID": "1-CYNGRUNGSBCCC", "isPause": false, "duration": "1h"}"#, ["grab_duration_without_pause@1:65"]),
                .passing("grab", #"{"merchantID": "1-CYNGRUNGSBCCC", "isPause": false}"#),
            ]),
        Rule(
            id: "grab_closed_by_hours", title: "Grab store closed by its hours",
            summary: "A Grab store status is closed for 'out_of_opening_hours' or 'out_of_special_opening_hours', which is not a pause.",
            rationale: "The store's hours close it, not a pause; canonical has no state for that, so the document is reported and not converted.",
            severity: .warning, formats: ["grab.status"],
            examples: [
                .failing(
                    "grab.status", #"{"closeReason": "out_of_opening_hours", "isInSpecialOpeningHourRange": false, "isOpen": false}"#,
                    ["grab_closed_by_hours@1:17"]),
                .passing("grab.status", #"{"closeReason": "mex_paused", "isInSpecialOpeningHourRange": false, "isOpen": false}"#),
            ]),
        Rule(
            id: "grab_status_mismatch", title: "Grab close reason disagrees with isOpen",
            summary: "A Grab store status is open with a 'closeReason', or closed with a blank one.",
            rationale: "Grab: 'Blank indicates store is currently open.' One of the two is stale; AvailKit reads 'isOpen'.",
            severity: .warning, formats: ["grab.status"],
            examples: [
                .failing("grab.status", #"{"closeReason": "mex_paused", "isOpen": true}"#, ["grab_status_mismatch@1:17"]),
                .failing("grab.status", #"{"closeReason": "", "isOpen": false}"#, ["grab_status_mismatch@1:17"]),
                .passing("grab.status", #"{"closeReason": "", "isInSpecialOpeningHourRange": false, "isOpen": true}"#),
            ]),
        Rule(
            id: "grab_unknown_close_reason", title: "Unknown Grab close reason",
            summary: "A Grab store status gives a 'closeReason' that is not one of Grab's published codes.",
            rationale: "Grab's Go SDK types closeReason as a free string while its Java SDK lists ten values; an unknown code is read as a pause with no reason and kept as written.",
            severity: .warning, formats: ["grab.status"],
            examples: [
                .failing("grab.status", #"{"closeReason": "holiday", "isOpen": false}"#, ["grab_unknown_close_reason@1:17"]),
                .passing("grab.status", #"{"closeReason": "ops_paused", "isOpen": false}"#),
            ]),
    ]
}
