extension RuleCatalog {
    /// Reported by the JSON reader.
    static let readerRules: [Rule] = [
        Rule(
            id: "invalid_json", title: "Invalid JSON",
            summary: "The payload is not RFC 8259 JSON: bad syntax, invalid UTF-8, a lone surrogate escape or a raw control character.",
            rationale: "Providers reject malformed bodies; the first error's exact line and column is the fastest way to the fix.",
            severity: .error, formats: every,
            isRequired: true,
            examples: [
                .failing("gett", #"{"status": "paused",}"#, ["invalid_json@1:21"]),
                .passing("gett", #"{"status": "online"}"#),
            ]),
        Rule(
            id: "json_too_deep", title: "Nesting too deep",
            summary: "Arrays and objects are nested deeper than 256 levels.",
            rationale: "No availability payload nests this deep; the limit keeps hostile input from exhausting the stack.",
            severity: .error, formats: every,
            isRequired: true,
            examples: [
                .failing("canonical", String(repeating: "[", count: 300) + String(repeating: "]", count: 300), ["json_too_deep@1:257"]),
                .passing("canonical", #"{"state": "open"}"#),
            ]),
        Rule(
            id: "document_too_large", title: "Document too large",
            summary: "A document is larger than 256 MiB, the most 'avail' reads as one document; it is not read.",
            rationale: "An availability payload is a few hundred bytes; a larger input is a stream (--ndjson) or not a payload, and reading it whole would hold it all in memory.",
            severity: .error, formats: every,
            isRequired: true,
            examples: [
                .failing("gett", #"{"status": "online", "reason": "too_busy"}"#, ["document_too_large@1:1"], limit: 32),
                .passing("gett", #"{"status": "online"}"#, limit: 32),
            ]),
        Rule(
            id: "record_too_large", title: "NDJSON record too large",
            summary: "A line of an NDJSON stream is longer than 16 MiB; it is reported and not read (convert --keep-invalid and fix pass it through unchanged).",
            rationale: "A stream is read in bounded memory, a record at a time; a record this long is not a payload, and holding it would let one line exhaust memory.",
            severity: .error, formats: every,
            isRequired: true,
            examples: [
                .failing("gett", "{\"status\": \"online\"}\n{\"status\": \"online\", \"reason\": \"too_busy\"}\n", ["record_too_large@2:1"], limit: 32, stream: true),
                .passing("gett", "{\"status\": \"online\"}\n\n{\"status\": \"online\"}\n", limit: 32, stream: true),
            ]),
        Rule(
            id: "duplicate_key", title: "Duplicate key",
            summary: "An object names the same key twice.",
            rationale: "JSON parsers disagree on which value wins, so the provider may read a different value than you meant.",
            severity: .error, formats: every,
            examples: [
                .failing("gett", #"{"status": "online", "status": "paused"}"#, ["duplicate_key@1:22"]),
                .passing("gett", #"{"status": "online"}"#),
            ]),
        Rule(
            id: "json_bom", title: "Byte order mark",
            summary: "The payload starts with a UTF-8 byte order mark.",
            rationale: "RFC 8259 forbids a BOM in JSON text sent over a network; some providers reject it.",
            severity: .warning, formats: every,
            fix: RuleFix(.safe, "removes the three BOM bytes"),
            examples: [
                .failing("gett", "\u{FEFF}" + #"{"status": "online"}"#, ["json_bom@1:1"], fixed: #"{"status": "online"}"#),
                .passing("gett", #"{"status": "online"}"#),
            ]),
    ]

    /// Reported by the format decoders.
    static let structureRules: [Rule] = [
        Rule(
            id: "required_field", title: "Required field missing",
            summary: "A field the format requires is absent.",
            rationale: "The provider rejects the request, or the response cannot be read.",
            severity: .error, formats: every,
            examples: [
                .failing("gett", #"{"reason": "too_busy"}"#, ["required_field@1:1"]),
                .passing("gett", #"{"status": "online"}"#),
            ]),
        Rule(
            id: "type_mismatch", title: "Wrong type",
            summary: "A value has the wrong JSON type, such as the string \"true\" where a boolean is expected.",
            rationale: "Providers validate types strictly; a quoted boolean or number is a different value.",
            severity: .error, formats: every,
            fix: RuleFix(.safe, "unquotes a quoted \"true\" or \"false\" where a boolean is expected; other wrong types have no fix"),
            examples: [
                .failing(
                    "lula", #"{"dsp_name": "All", "is_active": "true"}"#, ["type_mismatch@1:34"],
                    fixed: #"{"dsp_name": "All", "is_active": true}"#),
                .passing("lula", #"{"dsp_name": "All", "is_active": true}"#),
            ]),
        Rule(
            id: "enum_value", title: "Value not allowed",
            summary: "A value is not one of the format's allowed values; near misses get a did-you-mean.",
            rationale: "Enum values are case-sensitive: 'Paused' and 'Ubereats' are rejected.",
            severity: .error, formats: every,
            fix: RuleFix(
                .unsafe,
                "writes the did-you-mean value; safe when only the case differs ('Paused' → 'paused'), a guess (--unsafe-fixes) otherwise"),
            examples: [
                .failing("gett", #"{"status": "Paused", "reason": "too_busy"}"#, ["enum_value@1:12"], fixed: #"{"status": "paused", "reason": "too_busy"}"#),
                .failing("lula", #"{"dsp_name": "Ubereats", "is_active": false}"#, ["enum_value@1:14"], fixed: #"{"dsp_name": "UberEats", "is_active": false}"#),
                // One root cause, one finding: a pause whose reason is outside the enum is not also paused_requires_reason.
                .failing("gett", #"{"status": "paused", "reason": "busy"}"#, ["enum_value@1:32"]),
                .failing(
                    "canonical", #"{"state": "paused", "reason": "Too_Busy"}"#, ["enum_value@1:31"], fixed: #"{"state": "paused", "reason": "too_busy"}"#),
                .passing("gett", #"{"status": "paused", "reason": "too_busy"}"#),
            ]),
        Rule(
            id: "unknown_field", title: "Unknown field",
            summary: "A field the format does not define; a near miss gets a did-you-mean.",
            rationale: "Usually a typo ('resume_at' for 'resumeAt') whose value the provider silently ignores.",
            severity: .warning, formats: every,
            examples: [
                .failing("gett", #"{"status": "online", "resume_at": "2026-01-15T14:00:00Z"}"#, ["unknown_field@1:22"]),
                .passing("gett", #"{"status": "online"}"#),
            ]),
        Rule(
            id: "invalid_timestamp", title: "Invalid timestamp",
            summary: "A date-time is not RFC 3339 ('YYYY-MM-DDTHH:MM:SS' with 'Z' or an offset), or names a date that does not exist.",
            rationale: "Providers parse these strictly; a space separator or a 30 February is rejected or misread.",
            severity: .error, formats: every,
            examples: [
                .failing("gett", #"{"status": "paused", "reason": "other", "resumeAt": "2026-01-15 14:00:00Z"}"#, ["invalid_timestamp@1:53"]),
                .passing("gett", #"{"status": "paused", "reason": "other", "resumeAt": "2026-01-15T14:00:00Z"}"#),
            ]),
        Rule(
            id: "offset_required", title: "Timestamp without offset",
            summary: "A date-time has no 'Z' or UTC offset.",
            rationale: "Without an offset the instant is ambiguous; Lula in particular requires ISO 8601 with the store's offset.",
            severity: .error, formats: rfc3339Formats,
            examples: [
                .failing("lula", #"{"dsp_name": "All", "is_active": false, "end_time": "2026-11-15T23:59:00"}"#, ["offset_required@1:53"]),
                .passing("lula", #"{"dsp_name": "All", "is_active": false, "end_time": "2026-11-15T23:59:00-07:00"}"#),
            ]),
        Rule(
            id: "integer_range", title: "Integer out of range",
            summary: "An integer does not fit 64 bits.",
            rationale: "Such ids and timestamps cannot be real; they are read as a finding, never wrapped around.",
            severity: .error, formats: ["tokopedia", "tokopedia.shop-info", "bigcommerce.channel", "canonical", "deliverect.busy-mode", "deliveryhero"],
            examples: [
                .failing("tokopedia", #"{"shop_id": 99999999999999999999, "action": "open"}"#, ["integer_range@1:13"]),
                .passing("tokopedia", #"{"shop_id": 1707045, "action": "open"}"#),
            ]),
        Rule(
            id: "empty_value", title: "Empty value",
            summary: "A list or name that must not be empty is empty.",
            rationale: "An empty 'channels' list reads as 'no channel', which is not what leaving it out means (every channel).",
            severity: .error, formats: ["canonical", "grubhub.order-types"],
            examples: [
                .failing("canonical", #"{"state": "open", "channels": []}"#, ["empty_value@1:31"]),
                .passing("canonical", #"{"state": "open", "channels": ["ubereats"]}"#),
            ]),
        Rule(
            id: "duplicate_value", title: "Duplicate list entry",
            summary: "A list names the same value twice.",
            rationale: "Usually a copy-paste slip that hides the channel that was meant.",
            severity: .error, formats: ["canonical"],
            examples: [
                .failing("canonical", #"{"state": "open", "channels": ["ubereats", "ubereats"]}"#, ["duplicate_value@1:44"]),
                .passing("canonical", #"{"state": "open", "channels": ["ubereats", "doordash"]}"#),
            ]),
        Rule(
            id: "read_only_field", title: "Read-only field in a request",
            summary: "A request sends a field the provider sets itself or has deprecated: Gett's 'pausedAt', BigCommerce's 'prelaunch_password', Just Eat's 'category'.",
            rationale: "Providers ignore or reject read-only fields; sending the storefront password also leaks it.",
            severity: .warning, formats: ["gett", "bigcommerce", "justeat"],
            fix: RuleFix(.unsafe, "removes the member with its comma (unsafe: the sender may have meant something by it)"),
            examples: [
                .failing(
                    "gett", #"{"status": "paused", "reason": "other", "pausedAt": "2026-01-15T12:00:00Z"}"#, ["read_only_field@1:53"],
                    fixed: #"{"status": "paused", "reason": "other"}"#),
                .failing(
                    "bigcommerce", #"{"down_for_maintenance_message": "Down", "prelaunch_message": "Soon", "prelaunch_password": "x"}"#,
                    ["read_only_field@1:93"]),
                .passing("gett", #"{"status": "paused", "reason": "other"}"#),
            ]),
        timestampUnit,
        tokopediaDateString,
        datesIgnoredOnOpen,
        lulaStatusMismatch,
        Rule(
            id: "no_availability", title: "No availability in the document",
            summary: "The document is well-formed but says nothing about availability (Lula's single-platform {\"success\": true}, an empty shop list, settings without messages).",
            rationale: "There is nothing to convert or check; usually the wrong endpoint's response was captured.",
            severity: .error, formats: ["lula.status", "tokopedia.shop-info", "bigcommerce", "bigcommerce.status", "deliveryhero.availability", "ifood.status"],
            examples: [
                .failing("lula.status", #"{"success": true}"#, ["no_availability@1:1"]),
                .passing("lula.status", #"{"success": true, "status": {"is_close": true}}"#),
            ]),
        Rule(
            id: "not_representable", title: "Document cannot be one canonical document",
            summary: "The document holds more than one availability (several shops, platforms with different end times) or a state with no availability meaning (a deleted channel).",
            rationale: "A canonical document describes one store's availability; split the document or convert the parts.",
            severity: .error, formats: ["lula.status", "tokopedia.shop-info", "bigcommerce.channel", "ubereats.holiday-hours", "deliveryhero.availability", "ifood.status"],
            examples: [
                .failing("tokopedia.shop-info", #"{"data": [{"is_open": 1}, {"is_open": 0}]}"#, ["not_representable@1:10"]),
                .passing("tokopedia.shop-info", #"{"data": [{"is_open": 1}]}"#),
            ]),
    ]
}
