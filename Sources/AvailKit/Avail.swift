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
                text += Suggest.hint(for: id, in: Formats.ids)
                return text + " (Formats.ids lists them)"
            case .invalid(let findings), .cannotConvert(let findings):
                return findings.filter { $0.severity == .error }.map { Avail.inAPIWords($0.textLine(defaultFile: "input")) }.joined(separator: "\n")
            case .refused(let reason, let losses):
                let refused = losses.filter(\.isRefused).map { "\($0.ruleID):\($0.field)" }
                let named = refused.isEmpty ? "" : " (\(refused.joined(separator: ", ")))"
                return reason + named + "; to write it anyway pass allowLossy: true, widenScope: true for a scope, or accept each loss by name"
                    + " (accepting: [LossAcceptance(parsing: \"loss_dropped:note\")])"
            }
        }
    }

    /// A finding's message with the command line's options named as this
    /// API names them: findings are shared with `avail`, whose messages say
    /// `pass --timezone ZONE`; a caller of ``Avail`` sets `values.timeZone`.
    static func inAPIWords(_ message: String) -> String {
        var text = message
        for (flag, name) in apiNames { text = text.replacingOccurrences(of: flag, with: name) }
        // `--set FIELD=VALUE` (any field) is `values.set["FIELD"]`.
        while let range = text.range(of: "--set ") {
            let rest = text[range.upperBound...]
            let field = rest.prefix { $0 != "=" && $0 != " " && $0 != ";" && $0 != ")" }
            var end = field.endIndex
            if end < rest.endIndex, rest[end] == "=" {
                end = rest[end...].firstIndex { $0 == " " || $0 == ";" || $0 == ")" || $0 == "," } ?? rest.endIndex
            }
            text.replaceSubrange(range.lowerBound..<end, with: "values.set[\"\(field)\"]")
        }
        return text
    }

    /// Command-line words and what this API calls them, longest first.
    static let apiNames: [(String, String)] = [
        ("--stores CONFIG --store ID", "the store's time zone from its config (StoreConfig)"),
        ("--timezone ZONE", "values.timeZone"), ("--timezone", "values.timeZone"),
        ("--reason CODE", "values.reason"), ("--now TIME", "values.now"), ("--now", "values.now"),
        ("--allow-lossy", "allowLossy: true"), ("--widen-scope", "widenScope: true"),
        ("--unsafe-fixes", "unsafe: true"), ("--ndjson", "NDJSONPipeline"),
    ]

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
    ///   - accepting: losses accepted by kind, field or both, while the rest are refused.
    ///   - style: pretty (the default) or compact output.
    /// - Throws: ``Failure`` when a format id is unknown, the input is invalid,
    ///   the target cannot hold the document, or the conversion loses something
    ///   it was not allowed to.
    public static func convert(
        _ input: [UInt8], from source: String, to target: String, values: ConversionOptions = ConversionOptions(),
        allowLossy: Bool = false, widenScope: Bool = false, accepting: [LossAcceptance] = [], style: JSONWriter.Style = .pretty
    ) throws(Failure) -> Conversion {
        var options = Converter.Options(values: values, allowLossy: allowLossy, widenScope: widenScope, style: style)
        options.acceptedLosses = accepting
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
        widenScope: Bool = false, accepting: [LossAcceptance] = [], style: JSONWriter.Style = .pretty
    ) throws(Failure) -> Conversion {
        try convert(
            CanonicalFormat.bytes(for: availability), from: CanonicalFormat().id, to: target, values: values, allowLossy: allowLossy,
            widenScope: widenScope, accepting: accepting, style: style)
    }
}
