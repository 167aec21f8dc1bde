import ArgumentParser
import AvailConfig
import AvailKit

struct LintCommand: ParsableCommand, TakesFileOperands {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Lint YAML store configs.",
        discussion: """
            Findings go to stdout in the chosen output format, each with its line and column. Rules are set in the \
            settings file (.avail.yaml: select, ignore, severity), in the config itself ('rules: {disable: [...], \
            severity: {RULE: LEVEL}}', which wins over the settings file), per run (--select, --ignore, --severity; \
            these win over both), and per line ('# avail-disable-line RULE' at the end of a line, '# \
            avail-disable-next-line RULE' on the line before). A config git tracks unchanged is judged at its last \
            commit unless --now or 'clock: now'.

            Exit codes: 0 no error (with --strict: no warning), 1 otherwise, 2 usage or I/O error.
            """
    )

    @Argument(help: "Config files, directories (their *.yaml and *.yml) or globs; - reads stdin.") var files: [String]
    @Option(help: "The current time (RFC 3339) for time-relative rules; default: see above.") var now: String?
    @OptionGroup var check: CheckOptions

    func run() throws {
        var run = try Run(check, now: now)
        let paths = try run.inputs(files, extensions: InputFiles.configs)
        run.readClock(for: paths)
        var report = Report(run)
        var ioFailed = false
        for path in paths {
            var linter = ConfigLinter(now: run.now(for: path), settings: RuleSettings())
            linter.defaults = run.project?.ruleSettings ?? RuleSettings()
            linter.settings = try Run.flagSettings(check)
            let bytes: [UInt8]
            do throws(CLIFailure) {
                // A file over the linter's size limit is read one byte past it: a yaml_limits finding.
                bytes = try FileIO.readAll(path, limit: linter.limits.maxBytes)
            } catch {
                Terminal.reportError(error.message)
                ioFailed = true
                continue
            }
            let name = FileIO.displayName(path)
            var findings = linter.lint(bytes, keepingStores: false).findings
            for i in findings.indices { findings[i].file = name }
            report.add(findings)
            if Terminal.out.failed { break }
        }
        report.incomplete = ioFailed
        report.finish()
        try report.exit(ioFailed: ioFailed)
    }
}
