extension RuleCatalog {
    /// What a conversion reports: each kind of loss, a target that cannot take
    /// the document, and the refusal. A loss rule at error severity refuses
    /// the conversion; turned off or set to warning or note, its losses are
    /// accepted (and reported at that severity, or not at all).
    static let conversionRules: [Rule] = [
        Rule(
            id: "loss_dropped", title: "Value dropped by a conversion",
            summary: "The target format has no place for a value of the source (a reason, a note, an unknown member), so the conversion leaves it out.",
            rationale: "The target platform would never learn it: a pause reason that is not sent is a pause the platform reports as unexplained. "
                + "Refused unless accepted: every loss (--allow-lossy), this kind (--accept-loss loss_dropped), one field (--accept-loss note) or both (--accept-loss loss_dropped:note).",
            severity: .error, formats: every,
            examples: [
                .converting(
                    "gett", to: "lula.status", #"{"status": "paused", "reason": "too_busy", "resumeAt": "2027-01-01T10:00:00Z"}"#,
                    ["loss_dropped@1:32", "conversion_refused@1:1"]),
                .convertingCleanly("gett", to: "canonical", #"{"status": "paused", "reason": "too_busy", "resumeAt": "2027-01-01T10:00:00Z"}"#),
            ]),
        Rule(
            id: "loss_approximated", title: "Value approximated by a conversion",
            summary: "The target format holds a nearby but different value (another reason code, a coarser time).",
            rationale: "The platform is told something close to what was meant, not what was meant. Refused unless accepted, as loss_dropped is.",
            severity: .error, formats: every,
            examples: [
                .converting(
                    "canonical", to: "doordash", #"{"state": "paused", "reason": "staff_shortage", "until": "2027-01-01T10:00:00Z"}"#,
                    ["loss_approximated@1:31", "conversion_refused@1:1"]),
                .convertingCleanly("canonical", to: "doordash", #"{"state": "paused", "reason": "operational_issues"}"#),
            ]),
        Rule(
            id: "scope_widened", title: "Channel-scoped change applied to the whole store",
            summary: "The source changes some channels or order types only; the target format applies it to the whole store.",
            rationale: "Pausing one channel would pause every channel. Refused unless accepted (--widen-scope, or --accept-loss scope_widened).",
            severity: .error, formats: every,
            examples: [
                .converting(
                    "canonical", to: "gett", #"{"state": "paused", "reason": "too_busy", "channels": ["web"]}"#,
                    ["scope_widened@1:55", "conversion_refused@1:1"]),
                .convertingCleanly("canonical", to: "gett", #"{"state": "paused", "reason": "too_busy"}"#),
            ]),
        Rule(
            id: "scope_not_applicable", title: "Statement for another platform",
            summary: "Part of the source speaks for channels the target's platform does not serve; a platform's own API takes only its own.",
            rationale: "Nothing is lost for this platform, but the other channels still need their own requests.",
            severity: .note, formats: every,
            examples: [
                .converting(
                    "canonical", to: "doordash", #"{"state": "paused", "reason": "operational_issues", "channels": ["ubereats", "doordash"]}"#,
                    ["scope_not_applicable@1:65"]),
                .convertingCleanly("canonical", to: "doordash", #"{"state": "paused", "reason": "operational_issues"}"#),
            ]),
        Rule(
            id: "reencoded", title: "Value written another way",
            summary: "A value is written in the target's own notation (an instant as UNIX seconds, an id in the request path): the same value, spelled differently.",
            rationale: "Never refused; shown so that a reader comparing the two documents knows why the text differs.",
            severity: .note, formats: every,
            examples: [
                .converting(
                    "canonical", to: "tokopedia",
                    #"{"store": "tokopedia:13004", "state": "closed", "from": "2027-01-01T00:00:00+07:00", "until": "2027-01-02T00:00:00+07:00"}"#,
                    ["reencoded@1:57", "reencoded@1:95"]),
                .convertingCleanly("canonical", to: "gett", #"{"state": "paused", "reason": "too_busy", "until": "2027-01-01T10:00:00Z"}"#),
            ]),
        Rule(
            id: "metadata_omitted", title: "Provider metadata not carried",
            summary: "Members a format keeps for itself (ids, settings, its own spelling) are not carried into another provider's document.",
            rationale: "They are not availability; another provider has no use for them. Never refused.",
            severity: .note, formats: every,
            examples: [
                .converting(
                    "bigcommerce.status", to: "bigcommerce",
                    #"{"data": {"down_for_maintenance_message": "x", "prelaunch_message": "y"}, "meta": {}}"#, ["metadata_omitted@1:83"]),
                .convertingCleanly("bigcommerce.status", to: "bigcommerce.status", #"{"data": {"down_for_maintenance_message": "x", "prelaunch_message": "y"}}"#),
            ]),
        Rule(
            id: "conversion_needs_value", title: "Target needs a value the source lacks",
            summary: "The target requires a value (a pause reason, a shop id, a time zone) that the source does not carry and no option supplied.",
            rationale: "There is no right default: the message names the option that supplies it (--reason, --set FIELD=VALUE, --timezone).",
            severity: .error, formats: every,
            examples: [
                .converting("canonical", to: "gett", #"{"state": "paused"}"#, ["conversion_needs_value@1:11"]),
                .convertingCleanly("canonical", to: "gett", #"{"state": "paused", "reason": "maintenance"}"#),
            ]),
        Rule(
            id: "conversion_impossible", title: "Target cannot hold the document",
            summary: "The target cannot say what the source says at all: a window that already ended, a change for channels the platform does not serve, a state the format has no word for.",
            rationale: "Writing anything would change a store the source leaves alone, or start again a pause that is over.",
            severity: .error, formats: every,
            examples: [
                .converting(
                    "canonical", to: "ubereats.status", #"{"state": "paused", "until": "2026-01-01T10:00:00Z"}"#, ["conversion_impossible@1:30"],
                    now: "2026-06-01T00:00:00Z"),
                .convertingCleanly("canonical", to: "ubereats.status", #"{"state": "open"}"#, now: "2026-06-01T00:00:00Z"),
            ]),
        Rule(
            id: "store_not_in_config", title: "Record names a store the config lacks",
            summary: "With a store config (--stores), each record is sent for the store it names; this record names none, or one the config does not have, or one without an id on the target platform.",
            rationale: "The request needs the store's id and time zone on the target platform, and guessing them would change another store. "
                + "Add the store (or its provider id) to the config, or pass --store ID to send every record for one store. Its examples need a config, so they are in StoreResolutionTests.",
            severity: .error, formats: every,
            examples: [
                .convertingCleanly("canonical", to: "gett", #"{"state": "paused", "reason": "too_busy"}"#)
            ]),
        Rule(
            id: "meaning_changed", title: "Output means something else",
            summary: "The output, read back with the target's own decoder, states something other than the source (another state, instant or scope) and no loss says why.",
            rationale: "A guard on the encoders: it fires only when an encoder is wrong, so no payload in this catalog triggers it (MeaningCheckTests does, with a defective encoder). "
                + "Refused like a loss unless accepted (--allow-lossy).",
            severity: .error, formats: every,
            examples: [
                .convertingCleanly("canonical", to: "gett", #"{"state": "paused", "reason": "too_busy", "until": "2027-01-01T10:00:00Z"}"#)
            ]),
        Rule(
            id: "conversion_refused", title: "Conversion refused",
            summary: "A conversion was not written: a loss, a widened scope or a changed meaning that was not accepted (the findings before it say which).",
            rationale: "Nothing is sent that means less than its input unless someone decided it may. Accept the losses by name (--accept-loss) or all (--allow-lossy).",
            severity: .error, formats: every,
            examples: [
                .converting(
                    "gett", to: "lula", #"{"status": "paused", "reason": "too_busy"}"#, ["loss_dropped@1:32", "conversion_refused@1:1"]),
                .convertingCleanly("gett", to: "lula", #"{"status": "online"}"#),
            ]),
    ]
}
