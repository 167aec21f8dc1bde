/// How a document with several statements (``Availability/also``) reaches a
/// format that holds one.
public enum Statements {
    /// The one statement a single-statement format writes, and what became of
    /// the others:
    ///
    /// - for a platform's own API, statements about other channels do not
    ///   apply to it: they are left out with a note;
    /// - statements that all stop orders for the same scope, one window running
    ///   into the next, are one window: sent as one, with an approximation
    ///   when they gave different reasons;
    /// - otherwise the first is sent and each other is dropped (a loss).
    public static func projected(_ source: Decoded, for target: FormatDeclaration) -> (Decoded, [Loss]) {
        let doc = source.availability
        var candidates = Array(doc.statements.enumerated())
        var losses: [Loss] = []
        if let platform = target.platform {
            let applying = candidates.filter { $0.element.applies(to: platform) }
            // When none applies, the encoder says why (its scope check names the channels).
            if !applying.isEmpty {
                for (i, s) in candidates where !applying.contains(where: { $0.offset == i }) {
                    losses.append(loss(
                        .notApplicable, i, source, "statement \(i + 1) (\(summary(s))) is not sent; it does not apply to '\(platform)'"))
                }
                candidates = applying
            }
        }
        var chosen = candidates[0]
        if candidates.count > 1 {
            if let merged = merged(candidates.map(\.element)) {
                chosen.element = merged
                let reasons = Set(candidates.compactMap { Timeline.Detail($0.element) }.map { [$0.reason?.rawValue, $0.providerCode, $0.reasonText, $0.note, $0.by?.rawValue] })
                if reasons.count > 1 {
                    losses.append(loss(
                        .approximated, candidates[1].offset, source,
                        "\(candidates.count) statements are sent as one window; \(target.id) holds one, so only the first one's reason, note and actor are kept"))
                }
            } else {
                for (i, s) in candidates.dropFirst() {
                    losses.append(loss(.dropped, i, source, "statement \(i + 1) (\(summary(s))) is dropped; \(target.id) holds one state"))
                }
            }
        }
        var one = source
        var availability = chosen.element
        availability.store = doc.store
        availability.maintenanceMessage = doc.maintenanceMessage
        availability.prelaunchMessage = doc.prelaunchMessage
        availability.meta = doc.meta
        availability.also = []
        one.availability = availability
        one.alsoOrigins = []
        if chosen.offset > 0 {
            // The statement's fields all came from where the statement was.
            var origins = Origins()
            if let origin = source.alsoOrigins.indices.contains(chosen.offset - 1) ? source.alsoOrigins[chosen.offset - 1] : nil {
                for field in CanonicalField.allCases { origins[field] = origin }
            }
            origins[.store] = source.origins[.store]
            one.origins = origins
        }
        return (one, losses)
    }

    /// Statements that all stop orders for the same scope, with windows that
    /// run into each other, as one; nil when they are not.
    static func merged(_ list: [Availability]) -> Availability? {
        guard let first = list.first, list.allSatisfy({ $0.state != nil && $0.state != .open }),
            list.allSatisfy({ $0.channels == first.channels && $0.orderTypes == first.orderTypes })
        else { return nil }
        // Sorted by start (none: in force now), each must start before the ones before it end.
        let sorted = list.sorted { a, b in
            guard let x = a.from else { return b.from != nil }
            guard let y = b.from else { return false }
            return x < y
        }
        var result = first
        result.from = sorted[0].from
        var end = sorted[0].until
        for s in sorted.dropFirst() {
            guard let e = end else { continue }  // the running window never ends
            if let start = s.from, e < start { return nil }
            end = s.until.map { e < $0 ? $0 : e }
        }
        result.until = end
        result.state = list.allSatisfy { $0.state == .closed } ? .closed : .paused
        if result.state == .closed && (result.from == nil || result.until == nil) { result.state = .paused }
        return result
    }

    /// A statement in a few words: `paused on 'ubereats' until 2026-01-15T14:00:00Z`.
    static func summary(_ s: Availability) -> String {
        var text = s.state?.rawValue ?? "messages"
        if let delay = s.delay { text += " with a \(delay) min delay" }
        if let channels = s.channels { text += " on " + channels.map { "'\(shown($0))'" }.joined(separator: ", ") }
        if let types = s.orderTypes { text += " for " + types.map { "'\($0.rawValue)'" }.joined(separator: ", ") }
        if let from = s.from { text += " from \(from.rfc3339)" }
        if let until = s.until { text += " until \(until.rfc3339)" }
        return text
    }

    private static func loss(_ kind: Loss.Kind, _ statement: Int, _ source: Decoded, _ message: String) -> Loss {
        let origin = statement == 0 ? source.origins[.state] : source.alsoOrigins.indices.contains(statement - 1) ? source.alsoOrigins[statement - 1] : nil
        return Loss(kind: kind, field: "also", origin: origin, message: source.describesLosses ? message : "")
    }
}

extension Availability {
    /// Whether this statement applies to `platform`'s own API: it names no
    /// channel, names the platform, or names one of the platform's own channel ids.
    public func applies(to platform: String) -> Bool {
        guard let channels else { return true }
        return channels.contains { $0 == platform || ChannelID.provider(of: $0) == platform }
    }

    /// The one delivery platform every statement is scoped to, when the
    /// document is a platform's own payload (an Uber Eats status is about the
    /// store on Uber Eats); nil otherwise.
    public var singlePlatform: String? {
        // A delivery platform (`ubereats`), or one platform of a platform group (`deliveryhero:TB`).
        guard let first = channels, first.count == 1, DeliveryChannel(rawValue: ChannelID.platform(of: first[0])) != nil else { return nil }
        for s in also where s.channels != first { return nil }
        return first[0]
    }

    /// Whether a platform's own payload, speaking for channel `payload`, is
    /// sent to another platform's API (`platform`) as the same of the store
    /// there: every statement is scoped to that one channel, and it is not
    /// the target's (a Delivery Hero PUT to Delivery Hero keeps its channel).
    func isRetargeted(payload: String?, to platform: String?) -> Bool {
        guard let payload, let platform, ChannelID.platform(of: payload) != platform else { return false }
        return singlePlatform == payload
    }

    /// The document with its statements' channels taken away: what a
    /// platform's own payload says of the store, said of the store on another
    /// single-store target.
    func retargeted() -> Availability {
        var doc = self
        doc.channels = nil
        for i in doc.also.indices { doc.also[i].channels = nil }
        return doc
    }
}

extension Decoded {
    /// A platform's own payload speaks for that platform only: every statement is scoped to it.
    mutating func scope(to platform: DeliveryChannel) {
        platformPayload = platform.rawValue
        if availability.channels == nil {
            availability.channels = [platform.rawValue]
            if origins[.channels] == nil { origins[.channels] = origins[.state] }
        }
        for i in availability.also.indices where availability.also[i].channels == nil { availability.also[i].channels = [platform.rawValue] }
    }

    /// For a single-store target on another platform (`platform`), the
    /// document re-targeted there, with the note that says so; nil when the
    /// document is not one platform's own, or is that platform's. A pause
    /// `by` the platform was the source platform's own doing: said to
    /// another platform it would name that one, so it is dropped (a loss).
    func retargeted(to platform: String?, target: String) -> (Decoded, [Loss])? {
        // Only a payload read from the platform's own format: a canonical document's channels are taken at their word.
        guard availability.isRetargeted(payload: platformPayload, to: platform), let platform, let from = platformPayload else { return nil }
        var copy = self
        copy.availability = availability.retargeted()
        var losses = [
            Loss(
                kind: .reencoded, field: "channels", origin: origins[.channels],
                message: describesLosses ? "the document speaks for '\(from)' only; sent to \(target), it says the same of the store there" : "")
        ]
        func platformsOwn(_ statement: Int) -> Loss {
            let origin = statement == 0 ? origins.placing(.by) : alsoOrigins.indices.contains(statement - 1) ? alsoOrigins[statement - 1] : nil
            return Loss(
                kind: .dropped, field: CanonicalField.by.rawValue, origin: origin,
                message: describesLosses
                    ? "by 'platform' is dropped: it was \(from)'s doing, and sent to \(target) 'the platform' would be \(platform)" : "")
        }
        if copy.availability.pausedBy == .platform {
            copy.availability.pausedBy = nil
            losses.append(platformsOwn(0))
        }
        for i in copy.availability.also.indices where copy.availability.also[i].pausedBy == .platform {
            copy.availability.also[i].pausedBy = nil
            losses.append(platformsOwn(i + 1))
        }
        return (copy, losses)
    }
}
