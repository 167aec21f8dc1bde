/// DoorDash Marketplace store status: the body of
/// `PUT /api/v1/stores/{merchant_supplied_id}/status` (`doordash`).
///
/// `is_active` false deactivates the store and needs a `reason` from
/// DoorDash's six-value enum (mapped to canonical codes by `DoorDashReason`);
/// `notes` is free text; `end_time` ends a timed deactivation. Reactivating
/// takes `is_active: true` alone.
public struct DoorDashFormat: AvailabilityFormat {
    public var declaration: FormatDeclaration { Self.declaration }

    static let declaration = FormatDeclaration(
        id: "doordash", title: "DoorDash store status",
        summary: "DoorDash store status request body (PUT /api/v1/stores/{merchant_supplied_id}/status)",
        description: "Body of PUT /api/v1/stores/{merchant_supplied_id}/status (StoreActivationStatus). Format id: doordash.",
        settable: [
            SettableField("reason", help: "a DoorDash reason code, written as given"),
        ],
        platform: DeliveryChannel.doordash.rawValue,
        root: ObjectShape(
            name: "DoorDash store status",
            fields: [
                Field("is_active", .boolean, required: true, description: "false deactivates the store; true reactivates it."),
                Field("reason", .enumeration(DoorDashReason.self), description: "Required to deactivate."),
                Field("notes", .string(), description: "Free text detailing the reason."),
                Field("end_time", .timestamp, description: "When a timed deactivation ends."),
            ],
            conditions: [Condition(when: "is_active", is: false, requires: ["reason"], rule: "doordash_requires_reason")]))

    /// The `doordash` format.
    public init() {}

    public func read(_ root: JSONValue, options: ConversionOptions, into decoded: inout Decoded) -> (Bool, [Finding]) {
        var findings: [Finding] = []
        guard var object = ObjectDecoder(root, shape: Self.declaration.rootReference, findings: &findings) else { return (false, findings) }
        let active = object.bool("is_active")
        let reason = object.enumeration("reason", DoorDashReason.self)
        let notes = object.string("notes")
        let end = object.timestamp("end_time")
        let leftovers = object.unknownMembers(request: true)
        guard let (isActive, activeNode) = active else { return (false, findings + object.findings) }
        var origins: Origins = [.state: Origin(activeNode)]
        var doc = Availability(state: isActive ? .open : .paused)
        if isActive {
            // A reactivation takes is_active alone: anything else in it is kept as written, and means nothing.
            for key in ["reason", "notes", "end_time"] { if let node = object.member(key) { decoded.keep(meta: node, of: id) } }
            decoded.fill(doc, origins: origins, leftovers: leftovers)
            decoded.scope(to: .doordash)
            return (true, findings + object.findings)
        }
        if let (code, node) = reason {
            origins[.reason] = Origin(node)
            doc.reason = code.canonical
            doc.providerCode = code.providerCode
            if doc.providerCode != nil { origins[.providerCode] = Origin(node) }
            if let actor = code.actor {
                doc.pausedBy = actor
                origins[.by] = Origin(node)
            }
            if code.isPermanent {
                object.report(
                    "doordash_permanent_deactivation",
                    "reason '\(code.rawValue)' deactivates the store for good, not for a while; for a pause use 'operational_issues' or 'store_pos_connectivity_issues'",
                    at: node, severity: .warning)
            }
        } else if object.member("reason") == nil {
            object.report(
                "doordash_requires_reason",
                "DoorDash requires a 'reason' to deactivate a store; add one of \(DoorDashReason.ordered.map { "'\($0.rawValue)'" }.joined(separator: ", "))",
                at: activeNode)
        } else {
            decoded.rejected.insert(.reason)
        }
        doc.note = origins.keep(notes, as: .note)
        doc.until = origins.keep(end, as: .until)
        decoded.fill(doc, origins: origins, leftovers: leftovers)
        decoded.scope(to: .doordash)
        return (true, findings + object.findings)
    }

    public func write(_ source: Decoded, options: ConversionOptions, into out: inout JSONOutput) -> EncodeResult {
        return Encoding.with(source, target: id, options: options) { e in
            let doc = source.availability
            e.storeGoesInPath("/api/v1/stores/{merchant_supplied_id}/status")

            guard let state = e.requireState() else { return e.finish() }
            out.beginObject()
            out.field("is_active", bool: state == .open)
            if state == .open {
                out.endObject()
                if let reason = doc.reason { e.drop(.reason, value: reason.rawValue, because: "reactivating takes 'is_active' alone") }
                if let until = doc.until { e.drop(.until, value: until.rfc3339, because: "reactivating takes 'is_active' alone") }
                e.approximateStart()
                e.scope(to: .doordash)
                e.dropStatusExtras(since: "a status request cannot say when a state began")
                return e.finish()
            }
            if let chosen = options.set["reason"] {
                e.carry(.providerCode)
                if let code = DoorDashReason(rawValue: chosen) {
                    out.field("reason", code.rawValue)
                } else {
                    e.fail(
                        "--set reason='\(chosen)' is not a DoorDash reason; use one of \(DoorDashReason.ordered.map { "'\($0.rawValue)'" }.joined(separator: ", "))",
                        field: .reason)
                }
            } else if let code = e.providerReason(
                DoorDashReason.self, reason: doc.reason ?? options.reason, hint: "; pass --set reason=CODE to choose another")
            {
                out.field("reason", code.rawValue)
                // The code says who deactivated the store: `by` is carried then (or reported as changed).
                if code.actor != nil { e.carry(.by) }
            } else {
                e.require("a deactivation reason ('reason')", flag: "--reason CODE or --set reason=DOORDASH_REASON")
            }
            e.carry(.reasonText)
            if let note = doc.note {
                out.field("notes", note)
                if let text = doc.reasonText { e.drop(.reasonText, value: text, because: "the note is sent as 'notes'") }
            } else if let text = doc.reasonText {
                out.field("notes", text)
                e.approximate(.reasonText, value: text, because: "DoorDash has no free-text reason, so it is sent as 'notes' (read back as a note)")
            }
            if let until = doc.until { out.field("end_time", until.rfc3339) }
            out.endObject()
            e.approximateStart()
            e.scope(to: .doordash)
            if let since = doc.since { e.drop(.since, value: since.rfc3339, because: "a status request cannot say when the deactivation began") }
            e.dropMessages()
            e.dropLeftovers()
            return e.finish()
        }
    }
}
