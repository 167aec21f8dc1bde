import ArgumentParser
import AvailConfig
import AvailKit
import Foundation

struct FixCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fix",
        abstract: "Repair the mechanical defects that validate and lint find, in place.",
        discussion: """
            Payloads need --format; without it the files are read as YAML store configs, as 'lint'
            reads them. Safe fixes change only the spelling (milliseconds that are whole seconds
            written as seconds, a BOM removed, a YAML 1.1 ambiguous scalar quoted); unsafe ones are
            guesses and apply only with --unsafe-fixes ('avail rules' says which rule fixes how).
            Each file is rewritten atomically (a temporary file renamed over it; a symlink's target
            is replaced, the link stays). --diff prints a unified diff and writes nothing; - reads
            stdin and writes the fixed text to stdout. What is left is reported as validate and
            lint report it: exit 0 when no error-severity finding remains (--strict: no warning),
            1 otherwise, 2 on usage or I/O errors.
            """
    )

    @Option(help: "The payloads' format id; without it the files are YAML store configs.") var format: FormatID?
    @Argument(help: "Files, directories (configs: *.yaml, *.yml; with --format: *.json, or *.ndjson and *.jsonl with --ndjson) or globs to fix; - reads stdin and writes stdout.") var files: [String]
    @Flag(help: "Also apply fixes that are guesses (a did-you-mean, removing a read-only field).") var unsafeFixes = false
    @Flag(help: "Print a unified diff of the fixes to stdout and write nothing.") var diff = false
    @Flag(help: "With --format: fix each line as its own payload (NDJSON).") var ndjson = false
    @Flag(help: "Fail (exit 1) on warnings that remain too.") var strict = false
    @Option(help: "Output format of the remaining findings: text, json, sarif or github.") var reporter: ReporterKind = .text
    @Option(help: "The current time (RFC 3339) for time-relative rules; default: the clock.") var now: String?
    @Option(help: "The store's IANA time zone.") var timezone: String?
    @OptionGroup var rules: RuleFlags
    @OptionGroup var output: OutputFlags

    func validate() throws {
        if ndjson && format == nil { throw ValidationError("--ndjson needs --format: NDJSON holds payloads, not configs") }
    }

    func run() throws {
        let clock = try Clock.now(now)
        let zone = try timezone.map { name throws(CLIFailure) in
            guard let zone = TimeZones.zone(named: name) else { throw CLIFailure(message: TimeZones.unknownMessage(name)) }
            return zone
        }
        let settings = try rules.settings()
        let validator = format.map { Validator(format: $0.format, now: clock, timeZone: zone, settings: settings) }
        let linter = ConfigLinter(now: clock, settings: settings)
        var remaining: [Finding] = []
        var ioFailed = false
        var fixedCount = 0
        let extensions = format == nil ? InputFiles.configs : InputFiles.payloads(ndjson: ndjson)
        for path in try InputFiles.expand(files, extensions: extensions) {
            let name = FileIO.displayName(path)
            do {
                let bytes = try FileIO.readAll(path)
                let outcome: Fixer.Outcome
                if let validator {
                    outcome = ndjson ? validator.fixLines(bytes, unsafe: unsafeFixes) : validator.fix(bytes, unsafe: unsafeFixes)
                } else {
                    outcome = linter.fix(bytes, unsafe: unsafeFixes)
                }
                fixedCount += outcome.applied.count
                if diff {
                    Terminal.write(UnifiedDiff.render(old: bytes, new: outcome.bytes, oldName: "a/\(name)", newName: "b/\(name)"))
                } else if path == "-" {
                    Terminal.write(String(decoding: outcome.bytes, as: UTF8.self))
                } else if outcome.changed {
                    try FileIO.replaceAtomically(outcome.bytes, at: path)
                }
                remaining += outcome.remaining.map { f in
                    var f = f
                    f.file = name
                    return f
                }
            } catch {
                Terminal.writeError("avail: error: \(error.message)\n")
                ioFailed = true
            }
        }
        // Findings go where the fixed text does not: stderr when stdout carries the text or the diff.
        let report = reporter.render(remaining, style: output.style(for: reporter))
        if diff || files.contains("-") { Terminal.writeError(report) } else { Terminal.write(report) }
        if ioFailed { throw ExitCode(2) }
        if remaining.contains(where: { $0.severity == .error || (strict && $0.severity == .warning) }) { throw ExitCode(1) }
    }
}
