/// Just Eat's rules: they read Just Eat's fields, so they live with its formats.
extension RuleCatalog {
    static let justEatRules: [Rule] = [
        Rule(
            id: "justeat_local_time", title: "Just Eat time without an offset",
            summary: "A Just Eat 'startDate' or 'endDate' has no UTC offset.",
            rationale: "Just Eat: timestamps sent to it are 'the current local time … with an accompanying offset'; its own example sends '2020-01-16T09:00:00'. Such a time is read as the restaurant's local time in --timezone.",
            severity: .warning, formats: ["justeat"],
            fix: RuleFix(.safe, "writes the same instant with the zone's offset"),
            examples: [
                .failing(
                    "justeat",
                    #"{"restaurantIds": "12345", "name": "Out of Chicken", "reason": "No more chicken in stock.", "startDate": "2026-01-16T09:00:00", "duration": "01:00", "allowRestaurantOverride": true}"#,
                    ["justeat_local_time@1:106"], timeZone: "Europe/London",
                    fixed: #"{"restaurantIds": "12345", "name": "Out of Chicken", "reason": "No more chicken in stock.", "startDate": "2026-01-16T09:00:00+00:00", "duration": "01:00", "allowRestaurantOverride": true}"#),
                .passing(
                    "justeat",
                    #"{"restaurantIds": "12345", "name": "Out of Chicken", "reason": "No more chicken in stock.", "startDate": "2026-01-16T09:00:00+00:00", "duration": "01:00", "allowRestaurantOverride": true}"#),
            ]),
        Rule(
            id: "justeat_duration_spelling", title: "Just Eat duration not HH:mm",
            summary: "A Just Eat 'duration' is written 'H:mm:ss' (the published example's '1:00:00') rather than the documented 'HH:mm'.",
            rationale: "The field is documented as 'a timespan in the HH:mm format'; the example sends '1:00:00'. Both are read as the same length of time.",
            severity: .warning, formats: ["justeat"],
            fix: RuleFix(.safe, "writes the same length as HH:mm when it has no seconds"),
            examples: [
                .failing(
                    "justeat",
                    #"{"restaurantIds": "12345", "name": "Lunch", "reason": "Busy", "startDate": "2026-01-16T09:00:00Z", "duration": "1:00:00", "allowRestaurantOverride": true}"#,
                    ["justeat_duration_spelling@1:112"],
                    fixed: #"{"restaurantIds": "12345", "name": "Lunch", "reason": "Busy", "startDate": "2026-01-16T09:00:00Z", "duration": "01:00", "allowRestaurantOverride": true}"#),
                .passing(
                    "justeat",
                    #"{"restaurantIds": "12345", "name": "Lunch", "reason": "Busy", "startDate": "2026-01-16T09:00:00Z", "duration": "01:00", "allowRestaurantOverride": true}"#),
            ]),
        Rule(
            id: "justeat_duration_invalid", title: "Just Eat duration unreadable",
            summary: "A Just Eat 'duration' is neither a timespan ('01:30') nor 'untilTomorrow'.",
            rationale: "Just Eat takes 'either a timespan in the HH:mm format or untilTomorrow'; anything else gives the event no readable end.",
            severity: .error, formats: ["justeat"],
            examples: [
                .failing(
                    "justeat",
                    #"{"restaurantIds": "12345", "name": "Lunch", "reason": "Busy", "startDate": "2026-01-16T09:00:00Z", "duration": "90m", "allowRestaurantOverride": true}"#,
                    ["justeat_duration_invalid@1:112"]),
                .passing(
                    "justeat",
                    #"{"restaurantIds": "12345", "name": "Lunch", "reason": "Busy", "startDate": "2026-01-16T09:00:00Z", "duration": "01:30", "allowRestaurantOverride": true}"#),
            ]),
        Rule(
            id: "justeat_duration_precedence", title: "Just Eat duration and endDate both given",
            summary: "A Just Eat offline event gives both 'duration' and 'endDate'; Just Eat reads 'duration'.",
            rationale: "Just Eat: 'if both duration and endDate are specified duration takes precedence'. The endDate is ignored (kept as written).",
            severity: .warning, formats: ["justeat"],
            examples: [
                .failing(
                    "justeat",
                    #"{"restaurantIds": "12345", "name": "Lunch", "reason": "Busy", "startDate": "2026-01-16T09:00:00Z", "endDate": "2026-01-16T12:00:00Z", "duration": "01:00", "allowRestaurantOverride": true}"#,
                    ["justeat_duration_precedence@1:111"]),
                .passing(
                    "justeat",
                    #"{"restaurantIds": "12345", "name": "Lunch", "reason": "Busy", "startDate": "2026-01-16T09:00:00Z", "endDate": "2026-01-16T12:00:00Z", "allowRestaurantOverride": true}"#),
            ]),
        Rule(
            id: "justeat_closed_today_without_end", title: "Just Eat ClosedToday without an end",
            summary: "A Just Eat offline event of type 'ClosedToday' has no 'endDate' or 'duration'.",
            rationale: "ClosedToday 'will end the next morning', with no time; duration 'untilTomorrow' is Just Eat's 04:30. Without either the event is read with no end.",
            severity: .note, formats: ["justeat"],
            examples: [
                .failing(
                    "justeat",
                    #"{"restaurantIds": "12345", "name": "Staff", "reason": "Short-staffed", "startDate": "2026-01-16T18:00:00Z", "allowRestaurantOverride": true, "legacyTempOfflineType": "ClosedToday"}"#,
                    ["justeat_closed_today_without_end@1:167"]),
                .passing(
                    "justeat",
                    #"{"restaurantIds": "12345", "name": "Staff", "reason": "Short-staffed", "startDate": "2026-01-16T18:00:00Z", "duration": "untilTomorrow", "allowRestaurantOverride": true, "legacyTempOfflineType": "ClosedToday"}"#,
                    timeZone: "Europe/London"),
            ]),
    ]
}
