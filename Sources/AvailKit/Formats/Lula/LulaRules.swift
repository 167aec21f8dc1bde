import Foundation

/// Lula's rules: they read Lula's fields, so they live with its format.
extension RuleCatalog {
    static let lulaStatusMismatch = Rule(
        id: "lula_status_mismatch", title: "Lula status fields disagree",
        summary: "A Lula response entry's 'status' disagrees with its 'is_open', or 'is_close' disagrees with the platforms.",
        rationale: "One of the two is stale; AvailKit reads 'is_open' and the platform entries.",
        severity: .warning, formats: ["lula.status"],
        examples: [
            .failing(
                "lula.status", #"{"success": true, "status": {"is_close": false, "UberEats": [{"is_open": true, "status": "OFFLINE"}]}}"#,
                ["lula_status_mismatch@1:90"]),
            .passing("lula.status", #"{"success": true, "status": {"is_close": false, "UberEats": [{"is_open": true, "status": "ONLINE"}]}}"#),
        ])

    static let lulaOffsetMatchesZone = Rule(
        id: "lula_offset_matches_zone", title: "Lula time not in the store's offset",
        summary: "With --timezone, a Lula 'start_time' or 'end_time' is written with an offset other than the store zone's at that instant.",
        rationale: "Lula's docs ask for the store's local offset 'to avoid unexpected behavior'.",
        severity: .warning, formats: ["lula"],
        fix: RuleFix(.safe, "writes the same instant in the store zone's offset"),
        examples: [
            .failing(
                "lula", #"{"dsp_name": "All", "is_active": false, "end_time": "2026-11-15T23:59:00-05:00"}"#, ["lula_offset_matches_zone@1:53"],
                timeZone: "America/Denver", fixed: #"{"dsp_name": "All", "is_active": false, "end_time": "2026-11-15T21:59:00-07:00"}"#),
            .passing("lula", #"{"dsp_name": "All", "is_active": false, "end_time": "2026-11-15T23:59:00-07:00"}"#, timeZone: "America/Denver"),
        ],
        check: { c, findings in
            guard let zone = c.timeZone else { return }
            for (field, t) in [(CanonicalField.from, c.decoded.availability.from), (.until, c.decoded.availability.until)] {
                guard let t, let local = t.rendered(in: zone), local.offset != t.offset else { continue }
                let fix = c.value(field).flatMap {
                    ObjectDecoder.replacing($0, with: "\"\(local.rfc3339)\"", .safe, "write '\(local.rfc3339)' (the same instant)")
                }
                findings.append(c.rule.finding(
                    "'\(c.at(field).value)' is not in \(zone.identifier)'s offset; write '\(local.rfc3339)'", at: c.at(field), fix: fix))
            }
        })
}
