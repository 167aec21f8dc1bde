import ArgumentParser
import AvailConfig
import AvailKit
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension Severity: ExpressibleByArgument {}

extension ReporterKind: ExpressibleByArgument {
    public init?(argument: String) {
        // `jsonl` and `json_lines` are how other tools spell it.
        switch argument {
        case "jsonl", "json_lines", "ndjson": self = .jsonLines
        default: self.init(rawValue: argument)
        }
    }
}

/// `--color`: auto (a terminal, unless `NO_COLOR` is set, https://no-color.org), always or never.
enum ColorChoice: String, ExpressibleByArgument, CaseIterable {
    case auto, always, never
}

/// The flags every command that reports findings shares, spelled as ruff spells them.
struct CheckOptions: ParsableArguments {
    @Option(
        name: [.customLong("output-format"), .customLong("reporter")],
        help: ArgumentHelp("How findings are written: text, json, json-lines, sarif or github (--reporter is the same flag).", valueName: "format"))
    var outputFormat: ReporterKind?

    @Option(
        help: ArgumentHelp("Run only these rules: ids, groups or 'all', comma-separated (repeatable); 'avail rules' lists them.", valueName: "rules"),
        completion: .list(RuleWords.all))
    var select: [String] = []

    @Option(
        name: [.customLong("ignore"), .customLong("disable")],
        help: ArgumentHelp("Turn rules off: ids or groups, comma-separated (repeatable); --disable is the same flag.", valueName: "rules"),
        completion: .list(RuleWords.all))
    var ignore: [String] = []

    @Option(
        name: .customLong("severity"),
        help: ArgumentHelp("Change a rule's severity: error, warning or note (repeatable); below error a loss is accepted.", valueName: "rule=level"),
        completion: .list(RuleWords.ids.map { $0 + "=" }))
    var severities: [String] = []

    @Flag(help: "Fail (exit 1) on warnings too.") var strict = false
    @Flag(help: "Exit 0 even when findings fail the run (usage and I/O errors still exit 2).") var exitZero = false
    @Flag(help: "Print how many findings each rule gave instead of the findings.") var statistics = false
    @Flag(name: .shortAndLong, help: "Print the findings and nothing else (no summary line).") var quiet = false
    @Flag(help: "Print nothing; the exit code says how the run went.") var silent = false
    @Flag(help: "Show only error-severity findings (every finding still counts for the exit code and the summary).") var errorsOnly = false
    @Option(help: "Colour the text output: auto (a terminal without NO_COLOR), always or never.") var color: ColorChoice = .auto
    @Option(help: ArgumentHelp("Use this settings file instead of the nearest .avail.yaml.", valueName: "file")) var config: String?
    @Flag(help: "Ignore every settings file.") var isolated = false

    /// `--select a,b --select c` as `[a, b, c]`.
    static func words(_ values: [String]) -> [String] {
        values.flatMap { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }.filter { !$0.isEmpty }
    }
}

/// Rule ids and group names, for completion and did-you-mean.
enum RuleWords {
    static let ids = RuleCatalog.all.map(\.id)
    static let all = ["all"] + RuleCatalog.groups.map(\.name) + ids
}

/// One run's settings: the settings file's (found from the working
/// directory upwards, or `--config`) under the command line's.
struct Run {
    let options: CheckOptions
    /// The settings file, when one is used.
    let project: ProjectConfig?
    /// Rules off and re-graded: the settings file's, then the flags'.
    let rules: RuleSettings
    /// Losses accepted by name: the settings file's and `--accept-loss`.
    let acceptedLosses: [LossAcceptance]
    let reporter: ReporterKind
    /// `--now`, when given: every input is judged at it.
    let givenNow: Timestamp?
    let wallClock: Timestamp
    /// The last commit of each input git tracks unchanged (`clock: commit`).
    private var commitTimes: [String: Timestamp] = [:]

    init(_ options: CheckOptions, now: String?, acceptLosses: [String] = []) throws(CLIFailure) {
        self.options = options
        var project: ProjectConfig?
        if !options.isolated, let path = options.config ?? ProjectConfig.find(from: FileManager.default.currentDirectoryPath) {
            // Read as every input is (a missing or unreadable file says why), then parsed.
            // Shown as the user would write it: a file found above the working directory by its path from there.
            let cwd = FileManager.default.currentDirectoryPath
            let name = path.hasPrefix(cwd + "/") ? String(path.dropFirst(cwd.count + 1)) : FileIO.displayName(path)
            let bytes = try FileIO.readAll(path)
            guard bytes.count <= FileIO.maxDocumentBytes else {
                throw CLIFailure(message: "the settings file '\(name)' is larger than \(FileIO.maxDocumentBytes) bytes")
            }
            let (found, findings) = ProjectConfig.read(bytes, path: path)
            if found == nil || findings.contains(where: { $0.severity == .error }) {
                // Its errors as lint shows a config's, then what they stop.
                Terminal.writeError(TextReporter(file: name).render(findings.filter { $0.severity == .error }.sortedByLocation()))
                throw CLIFailure(message: "the settings file '\(name)' is not valid; fix the errors above (or run with --isolated)")
            }
            project = found
        } else if options.isolated, options.config != nil {
            throw CLIFailure(message: "--config and --isolated cannot be used together")
        }
        self.project = project
        var rules = project?.ruleSettings ?? RuleSettings()
        rules = rules.merged(with: try Self.flagSettings(options))
        self.rules = rules
        var accepted = project?.acceptedLosses ?? []
        for text in CheckOptions.words(acceptLosses) {
            do throws(LossAcceptance.ParseError) {
                accepted.append(try LossAcceptance(parsing: text))
            } catch {
                throw CLIFailure(message: "--accept-loss: \(error.message)")
            }
        }
        self.acceptedLosses = accepted
        self.reporter = options.outputFormat ?? .text
        self.givenNow = try now.map { text throws(CLIFailure) in try Clock.now(text) }
        self.wallClock = try Clock.now(nil)
    }

    /// `--select`, `--ignore` and `--severity` as settings, each word checked against the catalog.
    static func flagSettings(_ options: CheckOptions) throws(CLIFailure) -> RuleSettings {
        var settings = RuleSettings()
        let selected = CheckOptions.words(options.select)
        for word in selected {
            if let problem = RuleSettings.problem(withSelector: word) { throw CLIFailure(message: "--select: \(problem)") }
        }
        if !selected.isEmpty { settings.select(selected) }
        for word in CheckOptions.words(options.ignore) {
            if let problem = RuleSettings.problem(withSelector: word) { throw CLIFailure(message: "--ignore (or --disable): \(problem)") }
            for rule in RuleCatalog.rules(selectedBy: word) {
                if let problem = RuleSettings.problem(disabling: rule.id) {
                    // A group that holds a required rule turns the rest off; a required rule named alone is an error.
                    if rule.id == word { throw CLIFailure(message: "--ignore (or --disable): \(problem)") }
                    continue
                }
                settings.disabled.insert(rule.id)
            }
        }
        for item in options.severities {
            let parts = item.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, let level = Severity(rawValue: parts[1]) else {
                throw CLIFailure(message: "--severity expects RULE=LEVEL with LEVEL one of error, warning, note; got '\(item)'")
            }
            if let problem = RuleSettings.problem(withRuleID: parts[0]) ?? RuleSettings.problem(setting: parts[0], to: level) {
                throw CLIFailure(message: "--severity: \(problem)")
            }
            settings.severities[parts[0]] = level
        }
        return settings
    }

    /// How findings are shown.
    func style(summary: Bool) -> ReportStyle {
        let noColor = ProcessInfo.processInfo.environment["NO_COLOR"].map { !$0.isEmpty } ?? false
        let color =
            switch options.color {
            case .always: true
            case .never: false
            case .auto: !noColor && isatty(Terminal.out.fd) == 1
            }
        return ReportStyle(
            errorsOnly: options.errorsOnly, color: reporter == .text && color, summary: summary && !options.quiet && !options.statistics)
    }

    /// Reads each input's commit time, when the clock rules use them (no `--now`, `clock: commit`).
    mutating func readClock(for paths: [String]) {
        guard givenNow == nil, (project?.clock ?? .commit) == .commit else { return }
        commitTimes = GitClock.commitTimes(for: paths)
    }

    /// The time an input is judged at: `--now`, its last commit, or the wall clock.
    func now(for path: String) -> Timestamp {
        givenNow ?? commitTimes[path] ?? wallClock
    }

    /// The store's time zone: `--timezone`, else the settings file's.
    func timeZone(_ flag: String?) throws(CLIFailure) -> TimeZone? {
        guard let name = flag ?? project?.timeZoneName else { return nil }
        guard let zone = TimeZones.zone(named: name) else { throw CLIFailure(message: TimeZones.unknownMessage(name)) }
        return zone
    }

    /// The usage error for a payload file whose format neither `--format` nor a settings file pattern names.
    func noFormat(for path: String) -> CLIFailure {
        let hint = project.map { "; no pattern in '\($0.path)' matches it" } ?? " (or a settings file with 'formats' patterns)"
        return CLIFailure(message: "no format for '\(FileIO.displayName(path))': pass --format FORMAT\(hint)")
    }

    /// The inputs the arguments name, with the settings file's `exclude` left
    /// out of expanded directories and globs; none is an error that says so.
    func inputs(_ arguments: [String], extensions: [String]) throws(CLIFailure) -> [String] {
        // The second read of stdin would find it empty and report a valid payload as "empty input".
        if arguments.filter({ $0 == "-" }).count > 1 { throw CLIFailure(message: "'-' (stdin) is given more than once; it can be read only once") }
        let paths = try InputFiles.expand(arguments, extensions: extensions) { path in project?.excludes(path) == true }
        guard !paths.isEmpty else {
            let kinds = extensions.map { "*.\($0)" }.joined(separator: ", ")
            throw CLIFailure(message: "no input files: \(arguments.map { "'\($0)'" }.joined(separator: ", ")) \(arguments.count == 1 ? "holds" : "hold") no \(kinds)")
        }
        return paths
    }
}
