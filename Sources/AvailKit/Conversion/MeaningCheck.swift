import Foundation

/// Checks that a conversion's output means what its input meant: the output
/// is read back with the target's own decoder, and the two ``Timeline``s are
/// compared at every scope and instant from now on. A difference that no
/// reported loss accounts for is a `meaning_changed` finding, refused like a
/// loss: either the encoder has a defect, or it forgot to say what it changed.
public enum MeaningCheck {
    /// Which part of the meaning differs.
    public enum Aspect: String, Sendable {
        /// Whether orders are taken (or the scope or window where they are).
        case state
        /// A busy delay.
        case delay
        /// The reason or the provider's code.
        case reason
        /// The provider's words for the reason.
        case reasonText = "reason_text"
        /// The operator's note.
        case note
        /// Who made the change.
        case by

        /// The loss fields that account for a difference in this aspect.
        var accountedBy: Set<String> {
            switch self {
            case .state: ["state", "from", "until", "channels", "order_types", "also", "delay"]
            case .delay: ["delay", "state", "also"]
            case .reason: ["reason", "provider_code", "reason_text", "state", "also"]
            case .reasonText: ["reason_text", "reason", "note", "also"]
            case .note: ["note", "reason_text", "also"]
            case .by: ["by", "also"]
            }
        }
    }

    /// Where and how two readings differ.
    public struct Difference: Sendable, CustomStringConvertible {
        /// When the difference starts.
        public var from: Timestamp
        /// When it ends; nil for "from then on".
        public var until: Timestamp?
        /// The scope, in words ("every channel", "channel 'ubereats', order type 'catering'").
        public var scope: String
        /// What the source says there (empty: nothing, regular hours stand).
        public var source: [Timeline.Detail]
        /// What the output says there.
        public var output: [Timeline.Detail]
        /// The part of the meaning that differs.
        public var aspect: Aspect

        public var description: String {
            func reading(_ details: [Timeline.Detail]) -> String {
                details.isEmpty ? "nothing (regular hours stand)" : details.map(\.description).joined(separator: " and ")
            }
            let when = until.map { "from \(from.rfc3339) to \($0.rfc3339)" } ?? "from \(from.rfc3339) on"
            return "\(when), on \(scope), the source says \(reading(source)) and the output says \(reading(output))"
        }
    }

    /// Every stretch where `output` means something else than `source`, from
    /// `now` on; `platform` is the target's own channel when it is a
    /// platform's API (both are read as that channel sees them).
    public static func differences(source: Availability, output: Availability, now: Timestamp, platform: String? = nil) -> [Difference] {
        let a = Timeline.statements(of: source, platform: platform)
        let b = Timeline.statements(of: output, platform: platform)
        let times = Timeline.breakpoints(a, b, now: now)
        var found: [Difference] = []
        for cell in Timeline.cells(a, b) {
            var open: Difference?
            for (i, t) in times.enumerated() {
                let x = Timeline.value(a, cell, at: t)
                let y = Timeline.value(b, cell, at: t)
                let end = i + 1 < times.count ? times[i + 1] : nil
                guard x != y else {
                    if let d = open { found.append(d) }
                    open = nil
                    continue
                }
                if var d = open, d.source == x, d.output == y {
                    d.until = end
                    open = d
                } else {
                    if let d = open { found.append(d) }
                    open = Difference(from: t, until: end, scope: cell.description, source: x, output: y, aspect: aspect(x, y))
                }
            }
            if let d = open { found.append(d) }
        }
        return found
    }

    /// The part of the meaning two different readings differ in first.
    static func aspect(_ x: [Timeline.Detail], _ y: [Timeline.Detail]) -> Aspect {
        func same<T: Equatable>(_ key: (Timeline.Detail) -> T) -> Bool { x.map(key) == y.map(key) }
        if !same(\.kind) { return .state }
        if !same(\.delay) { return .delay }
        if !same(\.reason) || !same(\.providerCode) { return .reason }
        if !same(\.reasonText) { return .reasonText }
        if !same(\.note) { return .note }
        return .by
    }

    /// The differences no reported loss (dropped, approximated or widened) accounts for.
    public static func unaccounted(_ differences: [Difference], losses: [Loss]) -> [Difference] {
        let reported = Set(losses.filter { $0.isLossy || $0.kind == .widened }.map(\.field))
        return differences.filter { reported.isDisjoint(with: $0.aspect.accountedBy) }
    }

    /// What `bytes` mean as a document of `format`, or the findings that keep them from meaning anything.
    static func reading(_ bytes: [UInt8], as format: any AvailabilityFormat, options: ConversionOptions) -> Result<Availability, Unreadable> {
        bytes.withUnsafeBufferPointer { buffer in
            JSONReader().withDocument(buffer) { document, readFindings in
                guard let document else { return .failure(Unreadable(findings: readFindings)) }
                let (read, findings) = format.decode(document.root, options: options)
                guard let decoded = read, !findings.hasErrors else { return .failure(Unreadable(findings: findings)) }
                return .success(decoded.availability)
            }
        }
    }

    /// Why a document could not be read.
    struct Unreadable: Error {
        var findings: [Finding]
    }

    /// The `meaning_changed` finding when `output`, a document of `target`,
    /// does not mean what `source` means and no loss in `losses` says why; nil when it does.
    public static func check(
        _ output: [UInt8], of target: any AvailabilityFormat, against source: Availability, losses: [Loss], options: ConversionOptions,
        at location: SourceLocation, platformPayload: String? = nil
    ) -> Finding? {
        let now = options.now ?? Timestamp.current
        switch reading(output, as: target, options: options) {
        case .failure(let unreadable):
            return unreadableFinding(unreadable.findings, target: target.id, at: location)
        case .success(let read):
            let platform = target.declaration.platform
            // A platform's own payload is read on another platform as the same of the store there.
            let retarget = source.isRetargeted(payload: platformPayload, to: platform)
            let source = retarget ? source.retargeted() : source
            let differences = differences(source: source, output: read, now: now, platform: platform)
            // A reason a flag supplied (--reason, --set reason) is the user's, not a change.
            let supplied = options.reason != nil || options.set["reason"] != nil
            let unexplained = unaccounted(differences, losses: losses).filter { !(supplied && $0.aspect == .reason) }
            return unexplained.isEmpty ? nil : finding(unexplained, target: target.id, at: location, pointer: "")
        }
    }

    /// The finding for a conversion to `target` whose output changed the meaning.
    static func finding(_ differences: [Difference], target: String, at location: SourceLocation, pointer: String) -> Finding {
        var message = "the \(target) output means something else than the source: \(differences[0])"
        if differences.count > 1 { message += " (and \(differences.count - 1) more)" }
        message += "; no reported loss accounts for it"
        return Finding(ruleID: "meaning_changed", severity: .error, message: message, location: location, pointer: pointer)
    }

    /// The finding for an output its own format cannot read back.
    static func unreadableFinding(_ findings: [Finding], target: String, at location: SourceLocation) -> Finding {
        let first = findings.first { $0.severity == .error }?.message ?? "it is not a \(target) document"
        return Finding(
            ruleID: "meaning_changed", severity: .error, message: "the \(target) output does not read back as \(target): \(first)",
            location: location, pointer: "")
    }
}
