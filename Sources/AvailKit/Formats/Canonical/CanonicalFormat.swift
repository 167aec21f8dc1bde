import Foundation

/// The canonical document itself (`canonical`); lossless both ways.
public struct CanonicalFormat: AvailabilityFormat {
    public var declaration: FormatDeclaration { Self.declaration }

    /// What one statement says: its state with the reason, its window and its scope.
    static let statementFields: [Field] = [
        Field(
            "state", .enumeration(Availability.State.self),
            description: "open: taking orders; paused: temporarily not; closed: a scheduled closure window."),
        Field("reason", .reason),
        Field(
            "provider_code", .string(minLength: 3, pattern: #"^[a-z0-9]+:.+$"#),
            description: "The provider's own code for the state or reason (provider:CODE), kept when state and reason do not say it exactly."),
        Field(
            "reason_text", .string(),
            description: "The provider's own free-text reason, kept next to the code (prose never becomes a code)."),
        Field(
            "by", .enumeration(Availability.Actor.self),
            description: "Who paused or closed the store: the store itself, the platform, or an integration."),
        Field("note", .string(), description: "Free text."),
        Field("since", .timestamp, description: "When the current state began."),
        Field("from", .timestamp, description: "Scheduled start; absent means immediately."),
        Field("until", .timestamp, description: "Automatic resume or revert; absent means until changed."),
        Field(
            "channels", channels, expected: "an array of channel names",
            description: "Sales channels affected (a platform name, or a provider's channel id as provider:ID); absent means every channel."),
        Field(
            "delay", .integer(minimum: 1, maximum: 1440),
            description: "Busy mode: the store still takes orders, with this many extra minutes (state open only)."),
        Field(
            "order_types", .array(items: .enumeration(Availability.OrderType.self), minItems: 1, unique: true),
            expected: "an array of order types",
            description: "Order types or fulfilment modes affected; absent means all of them."),
    ]

    /// One entry of `also`: a statement about another scope or window.
    public static let statement = ObjectShape(
        name: "statement", fields: statementFields, requiresOneOf: [["state"]],
        conditions: [
            Condition(when: "state", is: "closed", requires: ["from", "until"], rule: "close_requires_dates", subject: "a closed store")
        ],
        description: "Another statement: the same fields as the document's own, for another scope or window.")

    /// The canonical document's fields, also the shape of a store config's `availability` block.
    public static let document = ObjectShape(
        name: "canonical document",
        fields: [Field("store", .string(minLength: 1), description: "The store id.")] + statementFields + [
            Field(
                "also", .array(items: .object(statement), minItems: 1), expected: "an array of statements",
                description: "Further statements: other scopes (a channel or order type in another state) or other windows."),
            Field(
                "messages",
                .object(ObjectShape(
                    name: "messages",
                    fields: [Field("maintenance", .nullable(.string())), Field("prelaunch", .nullable(.string()))],
                    minProperties: 1)),
                description: "Storefront messages; null inherits the global value."),
            Field(
                "meta", .map(.map(.anyValue)), expected: "an object of format ids",
                description: "Members of a provider document that say nothing about availability, by format id and JSON Pointer, kept for the way back to that format."),
        ],
        requiresOneOf: [["state"], ["messages"]],
        conditions: [
            Condition(when: "state", is: "closed", requires: ["from", "until"], rule: "close_requires_dates", subject: "a closed store")
        ])

    /// A channel list: at least one name, each once.
    public static let channels = Shape.array(items: .string(minLength: 1), minItems: 1, unique: true)

    static let declaration = FormatDeclaration(
        id: "canonical", title: "AvailKit canonical availability document",
        summary: "AvailKit canonical availability document",
        description: "Whether a store takes orders, and if not, why and until when. Format id: canonical.",
        writesStatements: true, root: document)

    /// The `canonical` format.
    public init() {}

    public func read(_ root: JSONValue, options: ConversionOptions, into decoded: inout Decoded) -> (Bool, [Finding]) {
        var findings: [Finding] = []
        guard var object = ObjectDecoder(root, shape: Self.document.reference, findings: &findings) else {
            return (false, findings)
        }
        var origins: Origins = [:]
        let hasState = object.member("state") != nil
        var doc = Self.readStatement(&object, origins: &origins)
        let state = doc.state
        doc.store = origins.keep(object.string("store"), as: .store)
        if let list = object.present("also") {
            if list.isArray {
                if list.items.isEmpty { object.report(StructureRuleID.emptyValue, "'also' is empty; leave it out when there is one statement", at: list) }
                for item in list.items {
                    var found: [Finding] = []
                    guard var entry = ObjectDecoder(item, shape: Self.statement.reference, findings: &found) else {
                        object.findings += found
                        continue
                    }
                    var ignored: Origins = [:]
                    let s = Self.readStatement(&entry, origins: &ignored)
                    if entry.member("state") == nil { entry.missing("state", hint: "each statement needs a 'state'") }
                    if s.state == .closed, s.from == nil || s.until == nil {
                        entry.report(
                            "close_requires_dates", "a closed store needs 'from' and 'until'; add \(s.from == nil ? "'from'" : "")\(s.from == nil && s.until == nil ? " and " : "")\(s.until == nil ? "'until'" : "")",
                            at: item)
                    }
                    _ = entry.unknownMembers()
                    object.findings += entry.findings
                    if s.state != nil {
                        doc.also.append(s)
                        decoded.alsoOrigins.append(Origin(item))
                    }
                }
                if !doc.also.isEmpty { origins[.also] = Origin(list) }
            } else {
                object.wrongType(list, key: "also")
            }
        }
        if var messages = object.object("messages") {
            for (key, field) in [("maintenance", CanonicalField.maintenanceMessage), ("prelaunch", .prelaunchMessage)] {
                guard let node = messages.member(key) else { continue }
                let message: Availability.Message?
                if node.isNull {
                    message = .inherit
                } else {
                    message = messages.string(key).map { .text($0.0) }
                }
                if let message {
                    origins[field] = Origin(node)
                    if field == .maintenanceMessage { doc.maintenanceMessage = message } else { doc.prelaunchMessage = message }
                }
            }
            _ = messages.unknownMembers()
            object.findings += messages.findings
        }
        if let meta = object.present("meta") { doc.meta = Self.readMeta(meta, object: &object) }
        if !hasState && object.member("messages") == nil {
            object.missing("state", hint: "a document needs a 'state' (or only storefront 'messages')")
        }
        let leftovers = object.unknownMembers()
        findings += object.findings
        guard state != nil || (!hasState && doc.hasMessages) else { return (false, findings) }
        if !doc.also.isEmpty, !findings.hasErrors, case let now = options.now ?? Timestamp.current, let conflict = Timeline.conflicts(in: doc, now: now) {
            let node = object.member("also") ?? root
            let when = conflict.at.isSameInstant(as: now) ? "now" : "at \(conflict.at.rfc3339)"
            findings.append(Finding(
                ruleID: "conflicting_statements", severity: .error,
                message: "statements disagree \(when) on \(conflict.cell.description): \(conflict.details.map(\.description).joined(separator: " and ")); give each scope and window one state",
                location: node.location, pointer: node.pointer))
        }
        let alsoOrigins = decoded.alsoOrigins
        decoded.fill(doc, origins: origins, leftovers: leftovers)
        decoded.alsoOrigins = alsoOrigins
        if doc.reason == nil, object.member("reason") != nil { decoded.rejected.insert(.reason) }
        return (true, findings)
    }

    /// The statement fields of one object (the document, or an entry of `also`).
    private static func readStatement(_ object: inout ObjectDecoder, origins: inout Origins) -> Availability {
        var s = Availability()
        s.state = origins.keep(object.enumeration("state", Availability.State.self), as: .state)
        s.reason = origins.keep(object.enumeration("reason", Availability.Reason.self), as: .reason)
        s.providerCode = origins.keep(object.string("provider_code"), as: .providerCode)
        s.reasonText = origins.keep(object.string("reason_text"), as: .reasonText)
        s.pausedBy = origins.keep(object.enumeration("by", Availability.Actor.self), as: .by)
        s.note = origins.keep(object.string("note"), as: .note)
        s.since = origins.keep(object.timestamp("since"), as: .since)
        s.from = origins.keep(object.timestamp("from"), as: .from)
        s.until = origins.keep(object.timestamp("until"), as: .until)
        if let value = object.present("channels") {
            s.channels = decodeChannels(value, object: &object)
            if s.channels != nil { origins[.channels] = Origin(value) }
        }
        if let (delay, node) = object.int64("delay") {
            if (1...1440).contains(delay) {
                s.delay = Int(delay)
                origins[.delay] = Origin(node)
            } else {
                object.report(
                    StructureRuleID.integerRange, "'delay' \(delay) is out of range; a busy-mode delay is 1 to 1440 minutes", at: node)
            }
        }
        if let value = object.present("order_types") {
            s.orderTypes = decodeOrderTypes(value, object: &object)
            if s.orderTypes != nil { origins[.orderTypes] = Origin(value) }
        }
        return s
    }

    /// `meta`: format ids to objects of JSON Pointers and the values kept there.
    private static func readMeta(_ value: JSONValue, object: inout ObjectDecoder) -> Meta {
        var meta = Meta()
        guard value.isObject else {
            object.wrongType(value, key: "meta")
            return meta
        }
        for group in value.members {
            let format = group.key
            guard Formats.named(format) != nil, format != "canonical" else {
                var message = "meta key '\(shown(format))' is not a format id"
                message += Suggest.hint(for: format, in: Formats.ids)
                object.report(StructureRuleID.enumValue, FindingMessage(message), at: group.value)
                continue
            }
            guard group.value.isObject else {
                object.report(StructureRuleID.typeMismatch, "meta '\(format)' must be an object of JSON Pointers, found \(group.value.typeName)", at: group.value)
                continue
            }
            for member in group.value.members {
                let pointer = member.key
                guard let tokens = JSONPointer.tokens(pointer), !tokens.isEmpty else {
                    object.report(
                        StructureRuleID.enumValue, "meta key '\(shown(pointer))' is not a JSON Pointer such as '/accountId'", at: member.value)
                    continue
                }
                meta.keep(member.value.node, at: pointer, for: format)
            }
        }
        return meta
    }

    private static func decodeOrderTypes(_ value: JSONValue, object: inout ObjectDecoder) -> [Availability.OrderType]? {
        let allowed = Availability.OrderType.ordered.map(\.rawValue)
        let types = decodeList(value, key: "order_types", noun: "order type", all: "every order type", object: &object) {
            (name: String, item: JSONValue, object: inout ObjectDecoder) -> Availability.OrderType? in
            guard let type = Availability.OrderType(rawValue: name) else {
                var message = "order type '\(shown(name))' is not one of \(allowed.map { "'\($0)'" }.joined(separator: ", "))"
                message += Suggest.hint(for: name, in: allowed)
                object.report(StructureRuleID.enumValue, FindingMessage(message), at: item)
                return nil
            }
            return type
        }
        return types?.isEmpty == true ? nil : types
    }

    private static func decodeChannels(_ value: JSONValue, object: inout ObjectDecoder) -> [String]? {
        decodeList(value, key: "channels", noun: "channel", plural: "channel names", all: "every channel", object: &object) {
            (name: String, item: JSONValue, object: inout ObjectDecoder) -> String? in
            guard !name.isEmpty else {
                object.report(StructureRuleID.emptyValue, "a channel name must not be empty", at: item)
                return nil
            }
            return name
        }
    }

    /// A non-empty array of strings, each read by `parse` (which reports what it rejects) and listed once.
    private static func decodeList<T: Hashable>(
        _ value: JSONValue, key: String, noun: String, plural: String? = nil, all: String, object: inout ObjectDecoder,
        parse: (String, JSONValue, inout ObjectDecoder) -> T?
    ) -> [T]? {
        guard value.isArray else {
            object.wrongType(value, key: key)
            return nil
        }
        let items = value.items
        if items.isEmpty {
            object.report(StructureRuleID.emptyValue, "'\(key)' is empty; leave it out to mean \(all)", at: value)
            return nil
        }
        var list: [T] = []
        // A set beside the list: a list of 80,000 channels stays linear.
        var seen = Set<T>()
        for item in items {
            guard let name = item.stringValue else {
                object.report(StructureRuleID.typeMismatch, "\(plural ?? noun + "s") must be strings, found \(item.typeName)", at: item)
                continue
            }
            guard let element = parse(name, item, &object) else { continue }
            if !seen.insert(element).inserted {
                object.report(StructureRuleID.duplicateValue, "\(noun) '\(name)' is listed twice", at: item)
            } else {
                list.append(element)
            }
        }
        return list
    }

    public func write(_ source: Decoded, options: ConversionOptions, into out: inout JSONOutput) -> EncodeResult {
        return Encoding.with(source, target: id, options: options) { encoding in
            var doc = source.availability
            if doc.state == .closed {
                if doc.from == nil { encoding.require("the closure start ('from') for a closed store", flag: "a source with a start time") }
                if doc.until == nil { encoding.require("the closure end ('until') for a closed store", flag: "a source with an end time") }
            }
            encoding.dropLeftovers()
            encoding.carry(.reasonText, .by, .delay, .orderTypes, .providerCode, .also)
            // `provider_code` is written as it was, so what a code says travels with it
            // (Just Eat's ClosedToday: its unstated end), as to the code's own format.
            encoding.keepsProviderCode = true
            doc.meta = source.allMeta
            Self.write(doc, into: &out)
            return encoding.finish()
        }
    }

    /// The canonical JSON of a document, keys in documented order.
    public static func write(_ doc: Availability, into out: inout JSONOutput) {
        out.beginObject()
        if let store = doc.store { out.field("store", store) }
        writeStatement(doc, into: &out)
        if !doc.also.isEmpty {
            out.key("also")
            out.beginArray()
            for s in doc.also {
                out.item()
                out.beginObject()
                writeStatement(s, into: &out)
                out.endObject()
            }
            out.endArray()
        }
        if doc.hasMessages {
            out.key("messages")
            out.beginObject()
            let messages: [(JSONKey, Availability.Message?)] = [("maintenance", doc.maintenanceMessage), ("prelaunch", doc.prelaunchMessage)]
            for (key, message) in messages {
                switch message {
                case .text(let s)?: out.field(key, s)
                case .inherit?: out.nullField(key)
                case nil: break
                }
            }
            out.endObject()
        }
        if !doc.meta.isEmpty {
            out.key("meta")
            out.value(doc.meta.node)
        }
        out.endObject()
    }

    /// One statement's fields, in documented order.
    private static func writeStatement(_ doc: Availability, into out: inout JSONOutput) {
        if let state = doc.state { out.field("state", state.rawValue) }
        if let reason = doc.reason { out.field("reason", reason.rawValue) }
        if let code = doc.providerCode { out.field("provider_code", code) }
        if let text = doc.reasonText { out.field("reason_text", text) }
        if let by = doc.pausedBy { out.field("by", by.rawValue) }
        if let note = doc.note { out.field("note", note) }
        if let since = doc.since { out.field("since", since.rfc3339) }
        if let from = doc.from { out.field("from", from.rfc3339) }
        if let until = doc.until { out.field("until", until.rfc3339) }
        if let channels = doc.channels {
            out.key("channels")
            out.beginArray()
            for channel in channels {
                out.item()
                out.string(channel)
            }
            out.endArray()
        }
        if let delay = doc.delay { out.field("delay", int: Int64(delay)) }
        if let types = doc.orderTypes {
            out.key("order_types")
            out.beginArray()
            for type in types {
                out.item()
                out.string(type.rawValue)
            }
            out.endArray()
        }
    }

    /// The canonical JSON text of a document.
    public static func bytes(for doc: Availability, style: JSONWriter.Style = .pretty) -> [UInt8] {
        var out = JSONOutput(style: style)
        write(doc, into: &out)
        return out.bytes
    }
}
