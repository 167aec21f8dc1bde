/// Delivery Hero's rules: they read its fields, so they live with its formats.
extension RuleCatalog {
    static let deliveryHeroRules: [Rule] = [
        Rule(
            id: "deliveryhero_closing_minutes_required", title: "Delivery Hero CLOSED_UNTIL without minutes",
            summary: "A Delivery Hero availability update is 'CLOSED_UNTIL' with no 'closingMinutes'.",
            rationale: "CLOSED_UNTIL closes the vendor for closingMinutes, one of the platform's allowed values; without it there is no end.",
            severity: .error, formats: ["deliveryhero"],
            examples: [
                .failing(
                    "deliveryhero", #"{"availabilityState": "CLOSED_UNTIL", "platformKey": "TB", "platformRestaurantId": "123456789"}"#,
                    ["deliveryhero_closing_minutes_required@1:23"]),
                .passing(
                    "deliveryhero",
                    #"{"availabilityState": "CLOSED_UNTIL", "platformKey": "TB", "platformRestaurantId": "123456789", "closingMinutes": 30}"#),
            ]),
        Rule(
            id: "deliveryhero_closing_minutes_unlisted", title: "Delivery Hero closingMinutes not in the published list",
            summary: "A Delivery Hero availability update sends 'closingMinutes' other than 30, 60, 120, 240 or 720.",
            rationale: "Each platform accepts only the closingMinutes its GET entry lists; Delivery Hero's published sample lists 240, 720, 120, 60 and 30. Check the platform's list.",
            severity: .warning, formats: ["deliveryhero"],
            examples: [
                .failing(
                    "deliveryhero",
                    #"{"availabilityState": "CLOSED_UNTIL", "platformKey": "TB", "platformRestaurantId": "123456789", "closingMinutes": 45}"#,
                    ["deliveryhero_closing_minutes_unlisted@1:115"]),
                .passing(
                    "deliveryhero",
                    #"{"availabilityState": "CLOSED_UNTIL", "platformKey": "TB", "platformRestaurantId": "123456789", "closingMinutes": 60}"#),
            ]),
        Rule(
            id: "deliveryhero_closing_field_ignored", title: "Delivery Hero closing field on a state it does not apply to",
            summary: "A Delivery Hero availability has 'closedReason' on a state that does not close the vendor, or 'closingMinutes' on a state other than 'CLOSED_UNTIL'.",
            rationale: "Delivery Hero's own GET sample has closedReason 'OTHER' on an UNKNOWN state. Such a field means nothing; it is kept as written and not read.",
            severity: .warning, formats: ["deliveryhero", "deliveryhero.availability"],
            examples: [
                .failing(
                    "deliveryhero", #"{"availabilityState": "OPEN", "platformKey": "TB", "platformRestaurantId": "123456789", "closedReason": "OTHER"}"#,
                    ["deliveryhero_closing_field_ignored@1:105"]),
                .passing(
                    "deliveryhero", #"{"availabilityState": "CLOSED", "platformKey": "TB", "platformRestaurantId": "123456789", "closedReason": "OTHER"}"#),
            ]),
        Rule(
            id: "deliveryhero_restaurant_id_number", title: "Delivery Hero platformRestaurantId as a number",
            summary: "A Delivery Hero availability update sends 'platformRestaurantId' as a number.",
            rationale: "The field is documented as a string and the GET returns it as one, but the reference's own PUT example sends 123456789; it is read, with a warning.",
            severity: .warning, formats: ["deliveryhero"],
            fix: RuleFix(.safe, "writes the same digits as a string"),
            examples: [
                .failing(
                    "deliveryhero", #"{"availabilityState": "OPEN", "platformKey": "TB", "platformRestaurantId": 123456789}"#,
                    ["deliveryhero_restaurant_id_number@1:76"],
                    fixed: #"{"availabilityState": "OPEN", "platformKey": "TB", "platformRestaurantId": "123456789"}"#),
                .passing("deliveryhero", #"{"availabilityState": "OPEN", "platformKey": "TB", "platformRestaurantId": "123456789"}"#),
            ]),
        Rule(
            id: "deliveryhero_unknown_state", title: "Delivery Hero state UNKNOWN",
            summary: "A Delivery Hero availability says 'UNKNOWN': Delivery Hero does not know whether the vendor is open on that platform.",
            rationale: "UNKNOWN is no state: a PUT with it does not convert, and a GET entry with it says nothing about its platform (it is kept as written).",
            severity: .warning, formats: ["deliveryhero", "deliveryhero.availability"],
            examples: [
                .failing(
                    "deliveryhero.availability",
                    #"[{"availabilityState": "UNKNOWN", "platformKey": "TB"}, {"availabilityState": "OPEN", "platformKey": "FO_DE"}]"#,
                    ["deliveryhero_unknown_state@1:24"]),
                .passing("deliveryhero.availability", #"[{"availabilityState": "OPEN", "platformKey": "FO_DE"}]"#),
            ]),
    ]
}
