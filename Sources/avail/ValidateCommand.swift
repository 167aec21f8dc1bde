import ArgumentParser
import AvailKit
import Foundation

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check payloads of one format against the rule catalog.",
        discussion: """
            Findings go to stdout in the chosen reporter's format. Exit codes: 0 no error-severity
            finding (with --strict: no warning either), 1 otherwise, 2 usage or I/O error.
            'avail rules' lists the rules; 'avail explain RULE' shows one with examples.
            """
    )

    @Option(help: "The payloads' format id.") var format: FormatID
    @Argument(help: "Files to check; - (the default) reads stdin.") var files: [String] = []
    @Flag(help: "Treat each input as newline-delimited JSON: one payload per line.") var ndjson = false
    @Flag(help: "Fail (exit 1) on warnings too.") var strict = false
    @Option(help: "Output format: text, json, sarif or github.") var reporter: ReporterKind = .text
    @Option(help: "The current time (RFC 3339) for time-relative rules; default: the clock.") var now: String?
    @Option(help: "The store's IANA time zone (Tokopedia dates default to Asia/Jakarta).") var timezone: String?
    @OptionGroup var rules: RuleFlags

    func run() throws {
        let zone = try timezone.map { name throws(CLIFailure) in
            guard let zone = TimeZones.zone(named: name) else { throw CLIFailure(message: unknownZoneMessage(name)) }
            return zone
        }
        let validator = Validator(format: format.format, now: try Clock.now(now), timeZone: zone, settings: try rules.settings())
        var findings: [Finding] = []
        var ioFailed = false
        for path in files.isEmpty ? ["-"] : files {
            let name = FileIO.displayName(path)
            let bytes: [UInt8]
            do {
                bytes = try FileIO.readAll(path)
            } catch {
                Terminal.writeError("avail: error: \(error.message)\n")
                ioFailed = true
                continue
            }
            if ndjson {
                findings += validator.validateNDJSON(bytes, file: name)
            } else {
                findings += validator.validate(bytes).map { f in
                    var f = f
                    f.file = name
                    return f
                }
            }
        }
        Terminal.write(reporter.render(findings))
        if ioFailed { throw ExitCode(2) }
        let failing = findings.contains { $0.severity == .error || (strict && $0.severity == .warning) }
        if failing { throw ExitCode(1) }
    }
}

func unknownZoneMessage(_ name: String) -> String {
    if let guess = TimeZones.suggestion(for: name) { return "unknown time zone '\(name)'; did you mean '\(guess)'?" }
    return "unknown time zone '\(name)'; use an IANA name such as 'America/Denver'"
}
