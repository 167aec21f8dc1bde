/// What a canonical document means: for each scope (channel × order type)
/// and each instant from now on, whether the store takes orders there, and
/// why not.
///
/// Every statement of a document (its own fields, then ``Availability/also``)
/// says one thing for its scope during its window, and nothing outside them:
///
/// - scope: `channels` × `order_types`, each absent meaning all of them;
/// - window: from `from` (absent: already in force) until `until` (absent:
///   until changed). After `until` the statement is over and the store is
///   as its regular hours make it, whatever the state was: a pause resumes,
///   an "open until" reverts. A window that ended before now says nothing.
/// - state: `open` (taking orders, explicitly), `open` with `delay` (busy:
///   taking orders, slower), or not taking orders (`paused` and `closed`
///   mean the same here; `closed` says the window was planned).
/// - with the reason (`reason`, `provider_code`), `reason_text`, `note` and
///   `by` that came with it.
///
/// Where no statement applies, the document says nothing (the store's regular
/// hours and any earlier change stand). Statements may overlap when they agree
/// on whether orders are taken (two deactivations at once); then both reasons
/// hold there. A conversion means what its input meant when the two timelines
/// agree at every scope and instant both payloads speak about
/// (``MeaningCheck``).
public enum Timeline {
    /// What one statement says wherever it applies.
    public struct Detail: Hashable, Comparable, Sendable, CustomStringConvertible {
        /// Whether orders are taken.
        public enum Kind: Int, Sendable, Comparable {
            /// Taking orders.
            case open
            /// Taking orders with extra preparation time.
            case busy
            /// Not taking orders (`paused` or `closed`).
            case unavailable

            public static func < (a: Kind, b: Kind) -> Bool { a.rawValue < b.rawValue }
        }

        /// Whether orders are taken.
        public var kind: Kind
        /// The busy delay, in minutes.
        public var delay: Int?
        /// The canonical reason.
        public var reason: Availability.Reason?
        /// The provider's own code.
        public var providerCode: String?
        /// The provider's words for the reason.
        public var reasonText: String?
        /// The operator's note.
        public var note: String?
        /// Who made the change.
        public var by: Availability.Actor?

        /// What `statement` says, or nil when it has no state (storefront messages only).
        public init?(_ statement: Availability) {
            guard let state = statement.state else { return nil }
            switch state {
            case .open: kind = statement.delay == nil ? .open : .busy
            case .paused, .closed: kind = .unavailable
            }
            delay = kind == .busy ? statement.delay : nil
            // A provider's code says its reason (and, for some, who), even when the statement leaves them out.
            let implied = ProviderCodes.meaning(of: statement.providerCode)
            reason = statement.reason ?? implied?.reason
            providerCode = statement.providerCode
            // Empty text says nothing: DoorDash writes `"notes": ""` for no note.
            reasonText = statement.reasonText.flatMap { $0.isEmpty ? nil : $0 }
            note = statement.note.flatMap { $0.isEmpty ? nil : $0 }
            by = statement.pausedBy ?? implied?.actor
        }

        public static func < (a: Detail, b: Detail) -> Bool { a.sortKey.lexicographicallyPrecedes(b.sortKey) }

        private var sortKey: [String] {
            [
                String(kind.rawValue), delay.map(String.init) ?? "", reason?.rawValue ?? "", providerCode ?? "", reasonText ?? "", note ?? "",
                by?.rawValue ?? "",
            ]
        }

        /// As messages show it: `paused (reason too_busy, note 'x')`.
        public var description: String {
            var text: String
            switch kind {
            case .open: text = "open"
            case .busy: text = "busy (\(delay ?? 0) min delay)"
            case .unavailable: text = "not taking orders"
            }
            var parts: [String] = []
            if let reason { parts.append("reason \(reason.rawValue)") }
            if let providerCode { parts.append("code '\(providerCode)'") }
            if let reasonText { parts.append("reason text '\(shown(reasonText))'") }
            if let note { parts.append("note '\(shown(note))'") }
            if let by { parts.append("by \(by.rawValue)") }
            if !parts.isEmpty { text += " (" + parts.joined(separator: ", ") + ")" }
            return text
        }
    }

    /// One statement placed on the timeline.
    struct Statement {
        var channels: Set<String>?
        var orderTypes: Set<Availability.OrderType>?
        var from: Timestamp?
        var until: Timestamp?
        var detail: Detail

        func covers(channel: String?, orderType: Availability.OrderType?, at t: Timestamp) -> Bool {
            if let channels { guard let channel, channels.contains(channel) else { return false } }
            if let orderTypes { guard let orderType, orderTypes.contains(orderType) else { return false } }
            if let from, t < from { return false }
            if let until, !(t < until) { return false }
            return true
        }
    }

    /// The statements of `document`, as seen from `platform`'s own API when
    /// one is given: only those that apply to that channel, over every channel
    /// of the endpoint.
    static func statements(of document: Availability, platform: String? = nil) -> [Statement] {
        document.statements.compactMap { s in
            guard let detail = Detail(s) else { return nil }
            var channels = s.channels.map(Set.init)
            if let platform {
                guard s.applies(to: platform) else { return nil }
                channels = nil
            }
            return Statement(
                channels: channels, orderTypes: s.orderTypes.map(Set.init), from: s.from, until: s.until, detail: detail)
        }
    }

    /// One scope the statements tell apart: a channel (nil: every channel no
    /// statement names) and an order type (nil: the others).
    struct Cell: Hashable {
        var channel: String?
        var orderType: Availability.OrderType?

        var description: String {
            let channelText = channel.map { "channel '\(shown($0))'" } ?? "every channel"
            guard let orderType else { return channelText }
            return "\(channelText), order type '\(orderType.rawValue)'"
        }
    }

    /// The scopes two lists of statements tell apart: one channel for each
    /// set of statements that name the same channels (so a list of 80,000
    /// channels is one cell, not 80,000), and every order type.
    static func cells(_ lists: [Statement]...) -> [Cell] {
        let all = lists.flatMap { $0 }
        var signatures: [String: [Int]] = [:]
        var order: [String] = []
        for (i, s) in all.enumerated() {
            for c in s.channels ?? [] {
                if signatures[c] == nil { order.append(c) }
                signatures[c, default: []].append(i)
            }
        }
        var seen = Set<[Int]>()
        var channels: [String?] = [nil]
        for c in order.sorted() where seen.insert(signatures[c] ?? []).inserted { channels.append(c) }
        let named = all.contains { $0.orderTypes != nil }
        let types: [Availability.OrderType?] = named ? [nil] + Availability.OrderType.allCases.map { $0 } : [nil]
        return channels.flatMap { c in types.map { Cell(channel: c, orderType: $0) } }
    }

    /// The instants where either list may change, from `now` on.
    static func breakpoints(_ lists: [Statement]..., now: Timestamp) -> [Timestamp] {
        var times = [now]
        for s in lists.flatMap({ $0 }) {
            for t in [s.from, s.until].compactMap({ $0 }) where now < t { times.append(t) }
        }
        times.sort(by: <)
        var unique: [Timestamp] = []
        for t in times where unique.last.map({ !$0.isSameInstant(as: t) }) ?? true { unique.append(t) }
        return unique
    }

    /// What `statements` say at `cell` and `t`, in a fixed order.
    static func value(_ statements: [Statement], _ cell: Cell, at t: Timestamp) -> [Detail] {
        // Two statements that say the same thing there say it once.
        Array(Set(statements.filter { $0.covers(channel: cell.channel, orderType: cell.orderType, at: t) }.map(\.detail))).sorted()
    }

    /// Where statements that overlap disagree on whether orders are taken:
    /// a document that says two things at once.
    static func conflicts(in document: Availability, now: Timestamp) -> (cell: Cell, at: Timestamp, details: [Detail])? {
        let list = statements(of: document)
        guard list.count > 1 else { return nil }
        // Every instant either list starts or ends matters, past ones too: a conflict is a conflict whenever it is.
        let times = breakpoints(list, now: list.compactMap(\.from).min(by: <) ?? now)
        for cell in cells(list) {
            for t in times {
                let details = value(list, cell, at: t)
                if Set(details.map(\.kind)).count > 1 { return (cell, t, details) }
            }
        }
        return nil
    }
}

extension Availability {
    /// The document's statements: its own fields (without `store`, messages,
    /// `meta` and `also`), then each of ``also``.
    public var statements: [Availability] {
        var own = self
        own.store = nil
        own.maintenanceMessage = nil
        own.prelaunchMessage = nil
        own.meta = Meta()
        own.also = []
        return [own] + also
    }
}
