import Foundation

/// The delivery channels AvailKit names in canonical `channels`.
public enum DeliveryChannel: String, CaseIterable, Sendable {
    /// Uber Eats.
    case ubereats
    /// DoorDash.
    case doordash
    /// Grubhub.
    case grubhub
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
