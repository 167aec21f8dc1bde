import Foundation

/// The delivery channels AvailKit names in canonical `channels`.
public enum DeliveryChannel: String, CaseIterable, Sendable {
    /// Uber Eats.
    case ubereats
    /// DoorDash.
    case doordash
    /// Grubhub.
    case grubhub
    /// Wolt.
    case wolt
    /// Just Eat Takeaway.com (Just Eat, Takeaway.com, Lieferando, Menulog, Skip).
    case justeat
    /// Delivery Hero's platforms (foodpanda, talabat, foodora, Yemeksepeti, ...); one of
    /// them is the channel id `deliveryhero:KEY` (its `platformKey`).
    case deliveryhero
    /// iFood.
    case ifood
    /// GrabFood.
    case grab
}

/// A canonical channel is a delivery platform's name (`ubereats`), a name a
/// store config gives (`web`), or a provider's own channel id written with
/// its provider, `provider:ID` (`bigcommerce:1`, `deliverect:606d…`): an id
/// belongs to the provider that issued it, so a BigCommerce channel never
/// becomes a Deliverect channel link by accident.
public enum ChannelID {
    /// `provider:ID` for a provider's own channel id.
    public static func make(_ id: String, of provider: String) -> String { provider + ":" + id }

    /// The platform a channel belongs to: its provider (`deliveryhero` for
    /// `deliveryhero:TB`), or the channel itself when it is a name (`ubereats`).
    public static func platform(of channel: String) -> String { provider(of: channel) ?? channel }

    /// The provider a channel id belongs to (`bigcommerce` for `bigcommerce:1`), or nil for a name:
    /// the text before the first `:`, when it is ASCII lower-case letters and digits.
    public static func provider(of channel: String) -> String? {
        // Read as bytes: the same test on `Character`s (a grapheme search for the colon,
        // Unicode properties for each letter) was about 15,000 instructions for a
        // Tokopedia store id, on every record whose store goes in a request's path.
        var text = channel
        let found: (colon: Int, beforeNonASCII: Bool)? = text.withUTF8 { bytes in
            guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")), colon > 0,
                bytes[..<colon].allSatisfy({ (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) })
            else { return nil }
            return (colon, colon + 1 < bytes.count && bytes[colon + 1] >= 0x80)
        }
        guard let (colon, beforeNonASCII) = found else { return nil }
        // The colon must be a character of its own: with a combining mark after it, it
        // is not ':', and any later colon has it in its prefix. Before an ASCII byte it is.
        if beforeNonASCII, channel[channel.utf8.index(channel.utf8.startIndex, offsetBy: colon)...].first != ":" { return nil }
        return String(decoding: channel.utf8.prefix(colon), as: UTF8.self)
    }

    /// The id of `channel` when it is one of `provider`'s (`1` for `bigcommerce:1`).
    public static func id(_ channel: String, of provider: String) -> String? {
        guard self.provider(of: channel) == provider else { return nil }
        return id(channel, after: provider)
    }

    /// The text after `provider:` in a channel id of that provider: counted in
    /// bytes (a provider and its colon are ASCII), not walked by `Character`s.
    static func id(_ channel: String, after provider: some StringProtocol) -> String {
        String(decoding: channel.utf8.dropFirst(provider.utf8.count + 1), as: UTF8.self)
    }
}

extension Encoding {
    /// Writes an instant for an RFC 3339 target: in the store's zone when one
    /// is given (a re-encoding when that changes the text), else as written.
    mutating func rfc3339(_ t: Timestamp, field: CanonicalField, zone: TimeZone?) -> String {
        guard let zone, let local = t.rendered(in: zone), local != t else { return t.rfc3339 }
        reencode(field, value: t.rfc3339, as: local.rfc3339)
        return local.rfc3339
    }

    /// Writes an instant as UNIX seconds: a re-encoding, or an approximation when a fraction is cut.
    mutating func unixSeconds(_ t: Timestamp, field: CanonicalField) -> Int64 {
        let target = target
        if t.hasSubsecondPrecision {
            approximate(field, value: t.rfc3339, because: "\(target) holds whole UNIX seconds, so it becomes \(t.unixSeconds)")
        } else if let text = numberText(of: field), text == String(t.unixSeconds) {
            // Written as the same number: nothing to report.
        } else {
            reencode(field, value: t.rfc3339, as: String(t.unixSeconds))
        }
        return t.unixSeconds
    }
}
