import Foundation

extension Timestamp {
    /// The instant of a `Date`, written with `offset` (UTC by default), to the
    /// nanosecond a `Date` holds (trailing zeros of the fraction dropped).
    /// Dates outside years 0001-9999 are clamped to that range's ends; a
    /// date that is not a number (NaN) is the epoch.
    public init(_ date: Date, offset: Offset = .utc) {
        let raw = date.timeIntervalSince1970
        let t = raw.isNaN ? 0 : raw
        let bounded = min(max(t, Double(Self.minUnixSeconds)), Double(Self.maxUnixSeconds))
        var seconds = Int64(bounded.rounded(.down))
        var nanos = Int64(((bounded - Double(seconds)) * 1e9).rounded())
        if nanos >= 1_000_000_000 {
            seconds += 1
            nanos -= 1_000_000_000
        }
        let base = Timestamp(unixSeconds: seconds, offset: offset) ?? Timestamp(unixSeconds: seconds) ?? .epoch
        guard nanos > 0 else {
            self = base
            return
        }
        var digits = String(nanos).leftPadded(to: 9)
        while digits.hasSuffix("0") { digits.removeLast() }
        // Rendered and read back: one parser sets the fraction's digits and value.
        let text = String(base.rfc3339.prefix(19)) + "." + digits + String(base.rfc3339.dropFirst(19))
        self = (try? Timestamp.parse(text).get()) ?? base
    }

    /// The same instant as a Foundation `Date` (whose `Double` holds about a microsecond).
    public var date: Date {
        Date(timeIntervalSince1970: TimeInterval(unixSeconds) + TimeInterval(nanoseconds) / 1e9)
    }
}

extension Timestamp: Codable {
    /// Encoded as its RFC 3339 text, byte for byte as written (offset and fraction kept).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rfc3339)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        switch Timestamp.parse(text) {
        case .success(let t): self = t
        case .failure(let e):
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "'\(text)' is not a valid timestamp: \(e.message)")
        }
    }
}

extension Availability: Codable {
    /// The canonical JSON's keys, in its documented order.
    enum CodingKeys: String, CodingKey {
        case store, state, reason
        case reasonText = "reason_text"
        case pausedBy = "by"
        case note, since, from, until, channels, delay
        case orderTypes = "order_types"
        case messages
    }

    enum MessageKeys: String, CodingKey {
        case maintenance, prelaunch
    }

    /// Encodes the canonical document: present fields only, in documented
    /// order, storefront messages under `messages` (`null` = inherit).
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(store, forKey: .store)
        try c.encodeIfPresent(state?.rawValue, forKey: .state)
        try c.encodeIfPresent(reason?.rawValue, forKey: .reason)
        try c.encodeIfPresent(reasonText, forKey: .reasonText)
        try c.encodeIfPresent(pausedBy?.rawValue, forKey: .pausedBy)
        try c.encodeIfPresent(note, forKey: .note)
        try c.encodeIfPresent(since, forKey: .since)
        try c.encodeIfPresent(from, forKey: .from)
        try c.encodeIfPresent(until, forKey: .until)
        try c.encodeIfPresent(channels, forKey: .channels)
        try c.encodeIfPresent(delay, forKey: .delay)
        try c.encodeIfPresent(orderTypes?.map(\.rawValue), forKey: .orderTypes)
        guard hasMessages else { return }
        var m = c.nestedContainer(keyedBy: MessageKeys.self, forKey: .messages)
        for (key, message) in [(MessageKeys.maintenance, maintenanceMessage), (.prelaunch, prelaunchMessage)] {
            switch message {
            case .text(let s)?: try m.encode(s, forKey: key)
            case .inherit?: try m.encodeNil(forKey: key)
            case nil: break
            }
        }
    }

    /// Decodes the canonical document's fields and values. The canonical
    /// rules (a pause needs a reason, ...) are the validator's: use
    /// ``Avail/decode(_:format:values:)`` to get findings with locations.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        func value<E: RawRepresentable>(_ type: E.Type, _ key: CodingKeys) throws -> E? where E.RawValue == String {
            guard let raw = try c.decodeIfPresent(String.self, forKey: key) else { return nil }
            guard let v = E(rawValue: raw) else {
                throw DecodingError.dataCorruptedError(forKey: key, in: c, debugDescription: "'\(raw)' is not an allowed \(key.stringValue)")
            }
            return v
        }
        self.init()
        store = try c.decodeIfPresent(String.self, forKey: .store)
        state = try value(State.self, .state)
        reason = try value(Reason.self, .reason)
        reasonText = try c.decodeIfPresent(String.self, forKey: .reasonText)
        pausedBy = try value(Actor.self, .pausedBy)
        note = try c.decodeIfPresent(String.self, forKey: .note)
        since = try c.decodeIfPresent(Timestamp.self, forKey: .since)
        from = try c.decodeIfPresent(Timestamp.self, forKey: .from)
        until = try c.decodeIfPresent(Timestamp.self, forKey: .until)
        channels = try c.decodeIfPresent([String].self, forKey: .channels)
        delay = try c.decodeIfPresent(Int.self, forKey: .delay)
        if let names = try c.decodeIfPresent([String].self, forKey: .orderTypes) {
            orderTypes = try names.map { name in
                guard let t = OrderType(rawValue: name) else {
                    throw DecodingError.dataCorruptedError(forKey: .orderTypes, in: c, debugDescription: "'\(name)' is not an order type")
                }
                return t
            }
        }
        if c.contains(.messages) {
            let m = try c.nestedContainer(keyedBy: MessageKeys.self, forKey: .messages)
            for key in [MessageKeys.maintenance, .prelaunch] where m.contains(key) {
                let message: Message = try m.decodeNil(forKey: key) ? .inherit : .text(try m.decode(String.self, forKey: key))
                if key == .maintenance { maintenanceMessage = message } else { prelaunchMessage = message }
            }
        }
    }
}

