import ArgumentParser
import AvailKit
import Foundation

/// A format id, checked by the parser against the registry; an unknown one
/// is a usage error with a did-you-mean, not the list of every id.
struct FormatID: ExpressibleByArgument {
    let format: any AvailabilityFormat

    init?(argument: String) {
        guard let format = Formats.named(argument) else { return nil }
        self.format = format
    }

    /// The parser's transform: the format, or why `text` names none.
    static func parse(_ text: String) throws -> FormatID {
        if let id = FormatID(argument: text) { return id }
        var message = "unknown format '\(text)'"
        let provider = text.prefix { $0.isLetter || $0.isNumber }.lowercased()
        let family = Formats.ids.filter { $0 == provider || $0.hasPrefix(provider + ".") }
        if let guess = Suggest.closest(to: text, in: Formats.ids) {
            message += "; did you mean '\(guess)'?"
        } else if !provider.isEmpty, !family.isEmpty {
            message += "; did you mean one of \(family.map { "'\($0)'" }.joined(separator: ", "))?"
        }
        throw ValidationError(message + " ('avail formats' lists them)")
    }

    static var allValueStrings: [String] { Formats.ids }
}

extension Availability.Reason: ExpressibleByArgument {}

/// The values an encoder may need that the source cannot carry.
struct ValueFlags: ParsableArguments {
    @Option(name: .customLong("reason"), help: "Pause reason for targets that need one when the source has none.")
    var reason: Availability.Reason?

    @Option(help: "The store's IANA time zone (e.g. America/Denver) for rendering instants.")
    var timezone: String?

    @Option(help: "The current time (RFC 3339) for time-relative choices; default: the clock.")
    var now: String?

    @Option(
        name: .customLong("set"),
        help: ArgumentHelp(
            "A target field the source cannot carry: \(ConversionOptions.settableFields.map(\.display).joined(separator: ", ")); docs/cli.md says what each is.",
            valueName: "FIELD=VALUE"))
    var sets: [String] = []

    /// The values, with the settings file's time zone when `--timezone` is not given.
    func options(run: Run) throws(CLIFailure) -> ConversionOptions {
        var options = ConversionOptions(reason: reason)
        options.timeZone = try run.timeZone(timezone)
        options.now = run.givenNow ?? run.wallClock
        for item in sets {
            guard let eq = item.firstIndex(of: "="), eq != item.startIndex else {
                throw CLIFailure(message: "--set expects FIELD=VALUE, got '\(item)'")
            }
            let field = String(item[..<eq])
            // An unknown field would be ignored by every encoder: say so instead.
            guard let settable = ConversionOptions.settableField(field) else {
                let names = ConversionOptions.settableFields.map(\.display)
                var message = "--set: no target reads a field '\(field)'; the fields are \(names.joined(separator: ", "))"
                message += Suggest.hint(for: field, in: names)
                throw CLIFailure(message: message)
            }
            let value = String(item[item.index(after: eq)...])
            // A value the field cannot take is a usage error now, not a finding (or a wrong payload) later.
            if let problem = settable.problem(with: value) { throw CLIFailure(message: "--set \(field)='\(shown(value))' \(problem)") }
            options.set[field] = value
        }
        return options
    }
}

enum Clock {
    /// `--now` parsed, or the system clock in UTC.
    static func now(_ text: String?) throws(CLIFailure) -> Timestamp {
        if let text {
            switch Timestamp.parse(text) {
            case .success(let t): return t
            case .failure(let e): throw CLIFailure(message: "--now '\(text)' is not a valid timestamp: \(e.message)")
            }
        }
        let seconds = Int64(Date().timeIntervalSince1970.rounded(.down))
        guard let t = Timestamp(unixSeconds: seconds) else { throw CLIFailure(message: "the system clock is out of range") }
        return t
    }
}

/// The cores `--jobs` uses by default: every one the process may run on.
enum Cores {
    static var count: Int { max(1, min(256, ProcessInfo.processInfo.activeProcessorCount)) }
}
