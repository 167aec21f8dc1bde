import Foundation

extension RuleCatalog {
    /// The format id of YAML store configs in rule lists and examples.
    public static let storeConfig = "store-config"

    static let base = "version: 1\nstores:\n  - id: downtown\n    timezone: America/Denver\n"

    /// Reported by the store-config linter (module AvailConfig).
    static let configRules: [Rule] = [
        Rule(
            id: "yaml_syntax", title: "YAML syntax error",
            summary: "The file is not YAML; libyaml's message, in plain words, at the line and column where it stopped.",
            rationale: "Nothing else can be checked until the file parses.",
            severity: .error, formats: [storeConfig],
            isRequired: true,
            examples: [
                .failing(storeConfig, "version: 1\nstores:\n  - id: downtown\n   timezone: America/Denver\n", ["yaml_syntax@4:4"]),
                .passing(storeConfig, base),
            ]),
        Rule(
            id: "yaml_multiple_documents", title: "More than one YAML document",
            summary: "The file holds a second YAML document after '---'.",
            rationale: "A store config is one document; a second one is usually a pasted file that would be ignored.",
            severity: .error, formats: [storeConfig],
            examples: [
                .failing(storeConfig, base + "---\nversion: 1\n", ["yaml_multiple_documents@5:1"]),
                .passing(storeConfig, "---\n" + base),
            ]),
        Rule(
            id: "yaml_limits", title: "YAML too large or too nested",
            summary: "Aliases repeat more than 100,000 nodes or the document expands past 4,000,000 (a \"billion laughs\" document), nesting passes 128 levels, a scalar passes 1 MiB or the file passes 64 MiB.",
            rationale: "These bounds keep hostile files from exhausting time and memory; real configs stay far below them.",
            severity: .error, formats: [storeConfig],
            isRequired: true,
            examples: [
                .failing(
                    storeConfig,
                    "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\ng: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]\n",
                    ["yaml_limits@5:36"]),
                .failing(storeConfig, base, ["yaml_limits@1:1"], limit: 32),
                .passing(storeConfig, base),
            ]),
        Rule(
            id: "yaml_ambiguous_scalar", title: "Ambiguous plain scalar",
            summary: "An unquoted value that YAML 1.1 readers take as a boolean or an octal number ('NO', 'on', 'yes', '0755').",
            rationale: "AvailKit reads YAML 1.2 (so 'NO' is the string 'NO'), but other tools reading the same file may see false; quoting removes the doubt.",
            severity: .warning, formats: [storeConfig],
            fix: RuleFix(.safe, "puts the scalar in double quotes, at its place in the text"),
            examples: [
                .failing(
                    storeConfig, base.replacingOccurrences(of: "id: downtown", with: "id: NO"), ["yaml_ambiguous_scalar@3:9"],
                    fixed: base.replacingOccurrences(of: "id: downtown", with: "id: \"NO\"")),
                .passing(storeConfig, base.replacingOccurrences(of: "id: downtown", with: "id: \"NO\"")),
            ]),
        Rule(
            id: "unknown_key", title: "Unknown config key",
            summary: "A key the config format does not define; a near miss gets a did-you-mean.",
            rationale: "A misspelled key ('timzone') would otherwise be ignored and its setting silently lost.",
            severity: .error, formats: [storeConfig],
            examples: [
                .failing(storeConfig, base + "    nme: Downtown\n", ["unknown_key@5:5"]),
                .passing(storeConfig, base + "    name: Downtown\n"),
            ]),
        Rule(
            id: "unknown_rule", title: "Unknown rule id",
            summary: "A rule id in 'rules:' or in a suppression comment is not in the catalog.",
            rationale: "A misspelled id would silently suppress nothing.",
            severity: .error, formats: [storeConfig],
            examples: [
                .failing(storeConfig, base + "rules: { disable: [closure_in_the_past] }\n", ["unknown_rule@5:20"]),
                .passing(storeConfig, base + "rules: { disable: [closure_in_past] }\n"),
            ]),
        Rule(
            id: "rule_cannot_be_disabled", title: "Rule that cannot be turned off",
            summary: "'rules:' or a suppression comment disables, or lowers below error, a rule that reports input that cannot be read ('yaml_syntax', 'yaml_limits', 'invalid_json', 'json_too_deep', 'document_too_large', 'record_too_large').",
            rationale: "A document that cannot be read must never pass; the setting is ignored and reported so that nobody relies on it.",
            severity: .error, formats: [storeConfig],
            examples: [
                .failing(storeConfig, base + "rules: { disable: [yaml_syntax] }\n", ["rule_cannot_be_disabled@5:20"]),
                .failing(storeConfig, base + "rules: { severity: { yaml_limits: warning } }\n", ["rule_cannot_be_disabled@5:22"]),
                .failing(storeConfig, "# avail-disable-next-line yaml_syntax\n" + base, ["rule_cannot_be_disabled@1:1"]),
                .passing(storeConfig, base + "rules: { severity: { yaml_limits: error } }\n"),
            ]),
        Rule(
            id: "unknown_timezone", title: "Unknown time zone",
            summary: "A store's 'timezone' is not an IANA zone name.",
            rationale: "Local times, offsets and Tokopedia's 'today' are computed in this zone; abbreviations such as 'MST' are ambiguous.",
            severity: .error, formats: [storeConfig],
            fix: RuleFix(.unsafe, "writes the did-you-mean zone (a guess, so --unsafe-fixes)"),
            examples: [
                .failing(
                    storeConfig, base.replacingOccurrences(of: "America/Denver", with: "America/Denvr"), ["unknown_timezone@4:15"],
                    fixed: base),
                .passing(storeConfig, base),
            ]),
        Rule(
            id: "invalid_provider_id", title: "Invalid provider id",
            summary: "A provider id has the wrong shape: Gett and Uber Eats store ids are UUIDs, Deliverect ids 24 hex digits, Grab merchant ids like '1-CYNGRUNGSBCCC', Delivery Hero platform keys like 'FO_DE', a Just Eat restaurant id one id; none may be empty.",
            rationale: "The id goes in the request path; a wrong one addresses no store, or the wrong one.",
            severity: .error, formats: [storeConfig],
            examples: [
                .failing(storeConfig, base + "    providers: { gett: { store_id: 3fa85f64 } }\n", ["invalid_provider_id@5:36"]),
                .passing(storeConfig, base + "    providers: { gett: { store_id: 3fa85f64-5717-4562-b3fc-2c963f66afa6 } }\n"),
            ]),
        Rule(
            id: "duplicate_store_id", title: "Duplicate store id",
            summary: "Two stores have the same 'id'.",
            rationale: "Store ids name stores in 'avail convert --store' and in plans; a duplicate makes one unreachable.",
            severity: .error, formats: [storeConfig],
            examples: [
                .failing(storeConfig, base + "  - id: downtown\n    timezone: America/Denver\n", ["duplicate_store_id@5:9"]),
                .passing(storeConfig, base + "  - id: uptown\n    timezone: America/Denver\n"),
            ]),
        Rule(
            id: "duplicate_provider_id", title: "Provider store used twice",
            summary: "Two stores name the same provider store (a store, shop, venue, restaurant, vendor, platform listing, merchant, location or channel link id of any provider).",
            rationale: "Both stores' changes would be applied to one provider store, the second overriding the first.",
            severity: .error, formats: [storeConfig],
            examples: [
                .failing(
                    storeConfig,
                    base + "    providers: { lula: { store_id: s1 } }\n  - id: uptown\n    timezone: America/Denver\n    providers: { lula: { store_id: s1 } }\n",
                    ["duplicate_provider_id@8:36"]),
                .passing(
                    storeConfig,
                    base + "    providers: { lula: { store_id: s1 } }\n  - id: uptown\n    timezone: America/Denver\n    providers: { lula: { store_id: s2 } }\n"),
            ]),
        Rule(
            id: "overlapping_closures", title: "Overlapping closures",
            summary: "Two closures of one store overlap in time.",
            rationale: "Providers keep one closure at a time; the later request replaces the earlier, so one of them is lost.",
            severity: .error, formats: [storeConfig],
            examples: [
                .failing(
                    storeConfig,
                    base + "    closures:\n      - { from: 2026-12-24T00:00:00-07:00, until: 2026-12-26T00:00:00-07:00 }\n      - { from: 2026-12-25T00:00:00-07:00, until: 2026-12-27T00:00:00-07:00 }\n",
                    ["overlapping_closures@7:17"]),
                .passing(
                    storeConfig,
                    base + "    closures:\n      - { from: 2026-12-24T00:00:00-07:00, until: 2026-12-26T00:00:00-07:00 }\n      - { from: 2026-12-26T00:00:00-07:00, until: 2026-12-27T00:00:00-07:00 }\n"),
            ]),
        Rule(
            id: "closure_in_past", title: "Closure entirely in the past",
            summary: "A closure ended before --now.",
            rationale: "It does nothing any more; removing it keeps the config readable.",
            severity: .warning, formats: [storeConfig],
            examples: [
                .failing(
                    storeConfig, base + "    closures:\n      - { from: 2025-12-24T00:00:00-07:00, until: 2025-12-26T00:00:00-07:00 }\n",
                    ["closure_in_past@6:51"]),
                .passing(storeConfig, base + "    closures:\n      - { from: 2026-12-24T00:00:00-07:00, until: 2026-12-26T00:00:00-07:00 }\n"),
            ],
            isTimeRelative: true),
        Rule(
            id: "provider_cannot_express", title: "Provider cannot express the configuration",
            summary: "A configured provider cannot carry part of a store's availability or closure: a scheduled start, a channel scope, a reason, a note.",
            rationale: "'avail plan' would send an approximation; the difference should be a decision, not a surprise.",
            severity: .warning, formats: [storeConfig],
            examples: [
                .failing(
                    storeConfig,
                    base + "    providers: { lula: { store_id: s1 } }\n    availability: { state: paused, reason: too_busy }\n",
                    ["provider_cannot_express@6:44"]),
                .passing(storeConfig, base + "    providers: { lula: { store_id: s1 } }\n    availability: { state: open }\n"),
            ]),
        Rule(
            id: "provider_request_impossible", title: "Provider request cannot be built",
            summary: "A configured provider cannot take a store's availability or closure at all (a channel it does not have, a value it requires).",
            rationale: "'avail plan' has no request to print for it; the config and the provider disagree.",
            severity: .error, formats: [storeConfig],
            examples: [
                .failing(
                    storeConfig,
                    base + "    providers: { lula: { store_id: s1 } }\n    availability: { state: open, channels: [web] }\n",
                    ["provider_request_impossible@6:44"]),
                .passing(storeConfig, base + "    providers: { lula: { store_id: s1 } }\n    availability: { state: open, channels: [ubereats] }\n"),
            ]),
    ]
}
