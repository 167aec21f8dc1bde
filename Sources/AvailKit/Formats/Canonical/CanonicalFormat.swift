/// The canonical document itself (`canonical`); lossless both ways.
public struct CanonicalFormat: AvailabilityFormat {
    public var declaration: FormatDeclaration { Self.declaration }

    /// The canonical document's fields, also the shape of a store config's `availability` block.
    public static let document = ObjectShape(
        name: "canonical document",
        fields: [
            Field("store", .string(minLength: 1), description: "The store id."),
            Field(
                "state", .enumeration(Availability.State.self),
                description: "open: taking orders; paused: temporarily not; closed: a scheduled closure window."),
            Field("reason", .reason),
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
                description: "Sales channels affected; absent means every channel."),
            Field(
                "delay", .integer(minimum: 1, maximum: 1440),
                description: "Busy mode: the store still takes orders, with this many extra minutes (state open only)."),
            Field(
                "order_types", .array(items: .enumeration(Availability.OrderType.self), minItems: 1, unique: true),
                expected: "an array of order types",
                description: "Order types or fulfilment modes affected; absent means all of them."),
            Field(
                "messages",
                .object(ObjectShape(
                    name: "messages",
                    fields: [Field("maintenance", .nullable(.string())), Field("prelaunch", .nullable(.string()))],
                    minProperties: 1)),
                description: "Storefront messages; null inherits the global value."),
        ],
        requiresOneOf: [["state"], ["messages"]],
        conditions: [
            Condition(when: "state", is: "paused", requires: ["reason"], rule: "paused_requires_reason"),
            Condition(when: "state", is: "closed", requires: ["from", "until"], rule: "close_requires_dates", subject: "a closed store"),
        ])

    /// A channel list: at least one name, each once.
    public static let channels = Shape.array(items: .string(minLength: 1), minItems: 1, unique: true)

    static let declaration = FormatDeclaration(
        id: "canonical", title: "AvailKit canonical availability document",
        summary: "AvailKit canonical availability document",
        description: "Whether a store takes orders, and if not, why and until when. Format id: canonical.",
        root: document)

    /// The `canonical` format.
    public init() {}

    public func read(_ root: JSONValue, options: ConversionOptions, into decoded: inout Decoded) -> (Bool, [Finding]) {
        var findings: [Finding] = []
        guard var object = ObjectDecoder(root, shape: Self.document, findings: &findings) else {
            return (false, findings)
        }
        var origins: Origins = [:]
        func note<T>(_ field: CanonicalField, _ pair: (T, JSONValue)?) -> T? {
            guard let (v, node) = pair else { return nil }
            origins[field] = Origin(node)
            return v
        }
        let hasState = object.member("state") != nil
        let state = note(.state, object.enumeration("state", Availability.State.self))
        var doc = Availability(state: state)
        doc.store = note(.store, object.string("store"))
        doc.reason = note(.reason, object.enumeration("reason", Availability.Reason.self))
        doc.reasonText = note(.reasonText, object.string("reason_text"))
        doc.pausedBy = note(.by, object.enumeration("by", Availability.Actor.self))
        doc.note = note(.note, object.string("note"))
        doc.since = note(.since, object.timestamp("since"))
        doc.from = note(.from, object.timestamp("from"))
        doc.until = note(.until, object.timestamp("until"))
        if let value = object.present("channels") {
            doc.channels = decodeChannels(value, object: &object)
            if doc.channels != nil { origins[.channels] = Origin(value) }
        }
        if let (delay, node) = object.int64("delay") {
            if (1...1440).contains(delay) {
                doc.delay = Int(delay)
                origins[.delay] = Origin(node)
            } else {
                object.report(
                    StructureRuleID.integerRange, "'delay' \(delay) is out of range; a busy-mode delay is 1 to 1440 minutes", at: node)
            }
        }
        if let value = object.present("order_types") {
            doc.orderTypes = decodeOrderTypes(value, object: &object)
            if doc.orderTypes != nil { origins[.orderTypes] = Origin(value) }
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
        if !hasState && object.member("messages") == nil {
            object.missing("state", hint: "a document needs a 'state' (or only storefront 'messages')")
        }
        let leftovers = object.unknownMembers()
        findings += object.findings
        guard state != nil || (!hasState && doc.hasMessages) else { return (false, findings) }
        decoded.fill(doc, origins: origins, leftovers: leftovers)
        if doc.reason == nil, object.member("reason") != nil { decoded.rejected.insert(.reason) }
        return (true, findings)
    }

    private func decodeOrderTypes(_ value: JSONValue, object: inout ObjectDecoder) -> [Availability.OrderType]? {
        let allowed = Availability.OrderType.ordered.map(\.rawValue)
        let types = decodeList(value, key: "order_types", noun: "order type", all: "every order type", object: &object) {
            (name: String, item: JSONValue, object: inout ObjectDecoder) -> Availability.OrderType? in
            guard let type = Availability.OrderType(rawValue: name) else {
                var message = "order type '\(shown(name))' is not one of \(allowed.map { "'\($0)'" }.joined(separator: ", "))"
                if let guess = Suggest.closest(to: name, in: allowed) { message += "; did you mean '\(guess)'?" }
                object.report(StructureRuleID.enumValue, FindingMessage(message), at: item)
                return nil
            }
            return type
        }
        return types?.isEmpty == true ? nil : types
    }

    private func decodeChannels(_ value: JSONValue, object: inout ObjectDecoder) -> [String]? {
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
    private func decodeList<T: Equatable>(
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
        for item in items {
            guard let name = item.stringValue else {
                object.report(StructureRuleID.typeMismatch, "\(plural ?? noun + "s") must be strings, found \(item.typeName)", at: item)
                continue
            }
            guard let element = parse(name, item, &object) else { continue }
            if list.contains(element) {
                object.report(StructureRuleID.duplicateValue, "\(noun) '\(name)' is listed twice", at: item)
            } else {
                list.append(element)
            }
        }
        return list
    }

    public func encode(_ source: Decoded, options: ConversionOptions, into out: inout JSONOutput) -> EncodeResult {
        return Encoding.with(source, target: id, options: options) { encoding in
            var doc = source.availability
            if doc.state == .paused && doc.reason == nil {
                if let reason = options.reason {
                    doc.reason = reason
                } else {
                    encoding.require("a pause reason ('reason') for a paused store", flag: "--reason CODE")
                }
            }
            if doc.state == .closed {
                if doc.from == nil { encoding.require("the closure start ('from') for a closed store", flag: "a source with a start time") }
                if doc.until == nil { encoding.require("the closure end ('until') for a closed store", flag: "a source with an end time") }
            }
            encoding.dropLeftovers()
            encoding.carry(.reasonText, .by, .delay, .orderTypes)
            Self.write(doc, into: &out)
            return encoding.finish()
        }
    }

    /// The canonical JSON of a document, keys in documented order.
    public static func write(_ doc: Availability, into out: inout JSONOutput) {
        out.beginObject()
        if let store = doc.store { out.field("store", store) }
        if let state = doc.state { out.field("state", state.rawValue) }
        if let reason = doc.reason { out.field("reason", reason.rawValue) }
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
        out.endObject()
    }

    /// The canonical JSON text of a document.
    public static func bytes(for doc: Availability, style: JSONWriter.Style = .pretty) -> [UInt8] {
        var out = JSONOutput(style: style)
        write(doc, into: &out)
        return out.bytes
    }
}
