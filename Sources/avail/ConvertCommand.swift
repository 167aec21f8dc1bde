import ArgumentParser
import AvailKit

struct ConvertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Convert a payload from one format to another through canonical.",
        discussion: """
            Losses (what the target cannot carry) are reported on stderr. A lossy conversion is
            refused (exit 1) unless --allow-lossy; a channel-scoped change sent to a whole-store
            format is refused unless --widen-scope. Re-encodings (the same instant written
            another way) are reported as notes and never refused.
            """
    )

    @Option(help: "Source format id.") var from: FormatID
    @Option(help: "Target format id.") var to: FormatID
    @Argument(help: "Input file, or - for stdin.") var file: String = "-"
    @Flag(help: "Pretty output, two-space indent (default).") var pretty = false
    @Flag(help: "Compact output on one line.") var compact = false
    @Flag(help: "Write even when values are dropped or approximated.") var allowLossy = false
    @Flag(help: "Apply a channel-scoped change to a whole-store target.") var widenScope = false
    @Option(help: "Loss report on stderr: text or json.") var lossReport: ReportStyle = .text
    @Option(name: .shortAndLong, help: "Write the output here (atomically) instead of stdout.") var output: String?
    @OptionGroup var values: ValueFlags
    @Option(help: "A store config whose store (--store) gives the time zone and provider ids.") var stores: String?
    @Option(help: "The store's id in --stores.") var store: String?
    @OptionGroup var rules: RuleFlags

    enum ReportStyle: String, ExpressibleByArgument {
        case text, json
    }

    func validate() throws {
        if pretty && compact { throw ValidationError("--pretty and --compact cannot be used together") }
        if (stores == nil) != (store == nil) { throw ValidationError("--stores and --store go together") }
    }

    func run() throws {
        let bytes = try FileIO.readAll(file)
        var valueOptions = try values.options()
        if let stores, let store {
            try StoreLookup.apply(configPath: stores, store: store, to: &valueOptions, explicitZone: values.timezone != nil)
        }
        let options = Converter.Options(
            values: valueOptions, allowLossy: allowLossy, widenScope: widenScope,
            style: compact ? .compact : .pretty, settings: try rules.settings())
        let outcome = Converter(from: from.format, to: to.format, options: options).convert(bytes)
        let name = FileIO.displayName(file)
        var report: String
        switch lossReport {
        case .text:
            report = TextReporter(file: name).render(outcome.findings)
            report += TextReporter(file: name).render(outcome.losses.map(\.finding).sortedByLocation())
            if let refusal = outcome.refusal { report += "avail: error: \(refusal)\n" }
        case .json:
            report = LossReport.json(outcome.losses, findings: outcome.findings, file: name, refusal: outcome.refusal)
        }
        if let out = outcome.output {
            if let output {
                try FileIO.writeAtomically(out, to: output, inputs: [file])
            } else {
                Terminal.write(bytes: out)
            }
        }
        Terminal.writeError(report)
        if outcome.exitCode != 0 { throw ExitCode(outcome.exitCode) }
    }
}
