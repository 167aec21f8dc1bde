import ArgumentParser
import AvailConfig
import AvailKit

struct LintCommand: ParsableCommand, TakesFileOperands {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Lint YAML store configs.",
        discussion: """
            Findings go to stdout in the chosen reporter's format, each with its line and column.
            Rules are set in the file ('rules: {disable: [...], severity: {RULE: LEVEL}}'), per run
            (--disable, --severity; these win), and per line ('# avail-disable-line RULE' at the end
            of a line, '# avail-disable-next-line RULE' on the line before).
            Exit codes: 0 no error (with --strict: no warning), 1 otherwise, 2 usage or I/O error.
            """
    )

    @Argument(help: "Config files, directories (their *.yaml and *.yml) or globs.") var files: [String]
    @Flag(help: "Fail (exit 1) on warnings too.") var strict = false
    @Option(help: "Output format: text, json, sarif or github.") var reporter: ReporterKind = .text
    @Option(help: "The current time (RFC 3339) for time-relative rules; default: the clock.") var now: String?
    @OptionGroup var rules: RuleFlags
    @OptionGroup var output: OutputFlags

    func run() throws {
        let linter = ConfigLinter(now: try Clock.now(now), settings: try rules.settings())
        var findings: [Finding] = []
        var ioFailed = false
        for path in try InputFiles.expand(files, extensions: InputFiles.configs) {
            let bytes: [UInt8]
            do {
                // A file over the linter's size limit is read one byte past it: a yaml_limits finding.
                bytes = try FileIO.readAll(path, limit: linter.limits.maxBytes)
            } catch {
                Terminal.reportError(error.message)
                ioFailed = true
                continue
            }
            let name = FileIO.displayName(path)
            findings += linter.lint(bytes, keepingStores: false).findings.map { f in
                var f = f
                f.file = name
                return f
            }
        }
        Terminal.write(reporter.render(findings, style: output.style(for: reporter)))
        if ioFailed { throw ExitCode(2) }
        if findings.contains(where: { $0.severity == .error || (strict && $0.severity == .warning) }) { throw ExitCode(1) }
    }
}
