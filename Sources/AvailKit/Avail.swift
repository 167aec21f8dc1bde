import Foundation

/// The short way in for a service: convert, validate, decode and encode with
/// format ids, values in and values out, and errors that say what to do.
///
/// ```swift
/// let result = try Avail.convert(bytes, from: "gett", to: "lula", allowLossy: true)
/// for loss in result.losses { print(loss.message) }
/// ```
public enum Avail {
    /// Why a job could not be done, and what to do about it.
    public enum Failure: Error, Equatable, CustomStringConvertible, Sendable {
        /// No format has this id; `Formats.ids` lists them.
        case unknownFormat(String)
        /// The input has error findings (each with its line:column and JSON Pointer).
        case invalid([Finding])
        /// The target needs a value the source does not carry, or cannot hold the
        /// source at all; the findings name the option that supplies it.
        case cannotConvert([Finding])
        /// The conversion loses data (or widens a scope) and was not allowed to.
        case refused(String, losses: [Loss])

        public var description: String {
            switch self {
            case .unknownFormat(let id):
                var text = "unknown format '\(id)'"
                if let guess = Suggest.closest(to: id, in: Formats.ids) { text += "; did you mean '\(guess)'?" }
                return text + " (Formats.ids lists them)"
            case .invalid(let findings), .cannotConvert(let findings):
                return findings.filter { $0.severity == .error }.map { $0.textLine(defaultFile: "input") }.joined(separator: "\n")
            case .refused(let reason, _):
                return reason
            }
        }
    }

    /// A converted document and what it could not carry exactly.
    public struct Conversion: Sendable {
        /// The target document (pretty JSON unless the options ask for compact).
        public var output: [UInt8]
        /// Dropped, approximated, widened, re-encoded and omitted values, each with where it came from.
        public var losses: [Loss]
        /// Warnings and notes about the source (no errors: those throw).
        public var findings: [Finding]

        /// The output as text (every format writes UTF-8 JSON).
        public var text: String { String(decoding: output, as: UTF8.self) }
    }

    /// The format with this id.
    public static func format(_ id: String) throws(Failure) -> any AvailabilityFormat {
        guard let format = Formats.named(id) else { throw .unknownFormat(id) }
        return format
    }

    /// Converts a document between two formats through canonical.
    ///
    /// - Parameters:
    ///   - input: the source document's bytes.
    ///   - source: the source format's id (`gett.status`).
    ///   - target: the target format's id (`lula`).
    ///   - values: what the target needs that the source may lack (`reason`, `timeZone`, `set`).
    ///   - allowLossy: accept dropped and approximated values (they are still in `losses`).
    ///   - widenScope: accept a channel-scoped change applied to a whole store.
    ///   - style: pretty (the default) or compact output.
    /// - Throws: ``Failure`` when a format id is unknown, the input is invalid,
    ///   the target cannot hold the document, or the conversion loses something
    ///   it was not allowed to.
    public static func convert(
        _ input: [UInt8], from source: String, to target: String, values: ConversionOptions = ConversionOptions(),
        allowLossy: Bool = false, widenScope: Bool = false, style: JSONWriter.Style = .pretty
    ) throws(Failure) -> Conversion {
        let options = Converter.Options(values: values, allowLossy: allowLossy, widenScope: widenScope, style: style)
        let outcome = Converter(from: try format(source), to: try format(target), options: options).convert(input)
        if let refusal = outcome.refusal { throw .refused(refusal, losses: outcome.losses) }
        guard let output = outcome.output else {
            // Decoding problems are the input's; the rest are what the target needs.
            throw outcome.decodeFailed ? .invalid(outcome.findings) : .cannotConvert(outcome.findings)
        }
        return Conversion(output: output, losses: outcome.losses, findings: outcome.findings)
    }

    /// Every finding of the rule catalog on one document, in reading order.
    public static func validate(
        _ input: [UInt8], format id: String, now: Date = Date(), timeZone: TimeZone? = nil, settings: RuleSettings = RuleSettings()
    ) throws(Failure) -> [Finding] {
        Validator(format: try format(id), now: Timestamp(now), timeZone: timeZone, settings: settings).validate(input)
    }

    /// A document read into the canonical value; throws when it has error findings.
    public static func decode(_ input: [UInt8], format id: String, values: ConversionOptions = ConversionOptions()) throws(Failure) -> Availability {
        let (decoded, findings) = Converter(from: try format(id), to: CanonicalFormat(), options: Converter.Options(values: values)).decode(input)
        guard let decoded else { throw .invalid(findings) }
        return decoded.availability
    }

    /// A canonical value written in a format, with the losses: the same path
    /// as converting its canonical JSON.
    public static func encode(
        _ availability: Availability, to target: String, values: ConversionOptions = ConversionOptions(), allowLossy: Bool = false,
        widenScope: Bool = false, style: JSONWriter.Style = .pretty
    ) throws(Failure) -> Conversion {
        try convert(
            CanonicalFormat.bytes(for: availability), from: CanonicalFormat().id, to: target, values: values, allowLossy: allowLossy,
            widenScope: widenScope, style: style)
    }
}
