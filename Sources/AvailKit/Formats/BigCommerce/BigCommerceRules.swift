import Foundation

/// BigCommerce's rules: they read BigCommerce's fields, so they live with its format.
extension RuleCatalog {
    static let bigcommercePartialOverride = Rule(
        id: "bigcommerce_partial_override", title: "Partial channel override removal",
        summary: "A BigCommerce settings PUT sends null for some settings but leaves others out.",
        rationale: "BigCommerce does not support partial updates when removing channel overrides: every setting must be sent, null where it should inherit.",
        severity: .error, formats: ["bigcommerce"],
        examples: [
            .failing("bigcommerce", #"{"down_for_maintenance_message": null}"#, ["bigcommerce_partial_override@1:34"]),
            .passing("bigcommerce", #"{"down_for_maintenance_message": null, "prelaunch_message": null}"#),
        ],
        check: { c, findings in
            let keys = ["down_for_maintenance_message", "prelaunch_message"]
            guard let null = keys.compactMap({ c.root[$0] }).first(where: \.isNull) else { return }
            let missing = keys.filter { c.root[$0] == nil }
            guard !missing.isEmpty else { return }
            findings.append(c.rule.finding(
                "removing a channel override needs every setting; add \(missing.map { "'\($0)'" }.joined(separator: " and ")) (null to inherit)",
                at: null))
        })

    static let bigcommerceChannelStatusPut = Rule(
        id: "bigcommerce_channel_status_put", title: "Channel status not settable",
        summary: "A BigCommerce channel PUT sets 'status' to 'prelaunch' or 'terminated'.",
        rationale: "BigCommerce sets these itself; they are not valid in a PUT.",
        severity: .error, formats: ["bigcommerce.channel"],
        examples: [
            .failing("bigcommerce.channel", #"{"status": "prelaunch"}"#, ["bigcommerce_channel_status_put@1:12"]),
            .passing("bigcommerce.channel", #"{"status": "active"}"#),
        ],
        check: { c, findings in
            guard let node = c.root["status"], let s = node.stringValue, s == "prelaunch" || s == "terminated" else { return }
            findings.append(c.rule.finding(
                "status '\(s)' cannot be set with a PUT; use 'active', 'inactive' (down for maintenance), 'connected', 'disconnected', 'archived' or 'deleted'",
                at: node))
        })

    static let passwordNotCarried = Rule(
        id: "password_not_carried", title: "Storefront password not carried",
        summary: "A BigCommerce storefront status response carries the 'prelaunch_password'.",
        rationale: "It is a secret, read-only and not availability: it is never copied into another document (canonical included), so such a response does not convert back to itself byte for byte.",
        severity: .note, formats: ["bigcommerce.status"],
        examples: [
            .failing(
                "bigcommerce.status", #"{"data": {"prelaunch_message": "Soon", "prelaunch_password": "x"}, "meta": {}}"#,
                ["password_not_carried@1:62"]),
            .passing("bigcommerce.status", #"{"data": {"prelaunch_message": "Soon"}, "meta": {}}"#),
        ])
}
