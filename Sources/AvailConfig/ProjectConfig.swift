import AvailKit
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The settings file `avail` finds the way ruff and SwiftLint find theirs:
/// `.avail.yaml` (or `.avail.yml`) in the working directory or the nearest
/// directory above it. It holds what would otherwise be repeated on every
/// command line, in the pre-commit hook, the CI job and the pipeline:
///
/// ```yaml
/// version: 1
/// select: [all]                    # rules to run: ids or groups ('avail rules')
/// ignore: [closure_in_past]        # rules to turn off
/// severity: { resume_in_future: note }
/// accept_losses: [note, "loss_dropped:reason"]
/// timezone: America/Denver         # for formats with local times
/// clock: commit                    # time rules judge a file kept in git at its last commit
/// formats:                         # so 'avail validate payloads/' needs no --format
///   "payloads/gett/**/*.json": gett
///   "queue/*.ndjson": doordash.deactivation
/// exclude: ["fixtures/broken/**"]
/// ```
///
/// Command-line flags win over the file; a store config's own `rules:` wins
/// over the file for that store config.
public struct ProjectConfig: Sendable {
    /// The directory the file is in: patterns are relative to it.
    public var directory: String
    /// The file's path, for messages.
    public var path: String
    /// Rules (ids or groups) to run; nil runs every rule.
    public var select: [String]?
    /// Rules turned off.
    public var ignore: [String] = []
    /// Severity overrides.
    public var severities: [String: Severity] = [:]
    /// Losses accepted by name.
    public var acceptedLosses: [LossAcceptance] = []
    /// The time zone for formats with local times, by IANA name.
    public var timeZoneName: String?
    /// How the clock rules read a file's time.
    public var clock: Clock = .commit
    /// Format ids by path pattern, in the file's order: the first match wins.
    public var formats: [(pattern: PathPattern, format: String)] = []
    /// Paths left out when a directory or glob is expanded.
    public var exclude: [PathPattern] = []

    /// How rules that read the clock (`resume_in_future`, `closure_in_past`)
    /// get their "now" when no `--now` is given.
    public enum Clock: String, Sendable, CaseIterable {
        /// A file that git tracks and that has no uncommitted change is judged
        /// at the time of the last commit that changed it, so its result does
        /// not change as days pass; any other input at the wall clock.
        case commit
        /// Every input at the wall clock.
        case now
    }

    /// The names a settings file may have, in the order they are looked for.
    public static let fileNames = [".avail.yaml", ".avail.yml"]

    /// The settings file in `directory` or the nearest directory above it, if any.
    public static func find(from directory: String) -> String? {
        // Only an absolute path has directories above it that end at '/'. A
        // current directory that was deleted reads as "", a relative path whose
        // parents are "..", "../.." and so on without end: `avail` hung there.
        guard directory.hasPrefix("/") else { return nil }
        var dir = URL(fileURLWithPath: directory).standardizedFileURL
        while true {
            for name in fileNames {
                let candidate = dir.appendingPathComponent(name).path
                if FileManager.default.isReadableFile(atPath: candidate) { return candidate }
            }
            let parent = dir.deletingLastPathComponent()
            if parent.path == dir.path { return nil }
            dir = parent
        }
    }

    /// Reads a settings file's text; the findings say what is wrong, each at
    /// its line and column. A file with error findings gives no config.
    public static func read(_ bytes: [UInt8], path: String) -> (ProjectConfig?, [Finding]) {
        let reader = YAMLReader()
        let read = reader.read(bytes)
        guard let root = read.root else { return (nil, read.findings.isEmpty ? [emptyFinding] : read.findings) }
        var bridge = YAMLToJSON()
        let tree = bridge.convert(root)
        var findings = read.findings + bridge.findings
        let directory = URL(fileURLWithPath: path).standardizedFileURL.deletingLastPathComponent().path
        var config = ProjectConfig(directory: directory, path: path)
        JSONDocument.withDocument(for: tree) { document in
            var found: [Finding] = []
            guard var top = ObjectDecoder(document.root, shape: declaration.root, findings: &found) else {
                findings += found
                return
            }
            if let (v, node) = top.int64("version"), v != 1 {
                top.report("enum_value", "'version' \(v) is not supported; this avail reads version 1", at: node)
            }
            config.select = top.member("select").map { ruleList($0, key: "select", into: &top) }
            config.ignore = top.member("ignore").map { ruleList($0, key: "ignore", into: &top) } ?? []
            if let map = top.member("severity") {
                if map.isObject {
                    for m in map.members {
                        if let problem = RuleSettings.problem(withRuleID: m.key) {
                            top.report("unknown_rule", FindingMessage(problem), at: m.value)
                        } else if let text = m.value.stringValue, let level = Severity(rawValue: text) {
                            if let problem = RuleSettings.problem(setting: m.key, to: level) {
                                top.report("rule_cannot_be_disabled", FindingMessage(problem), at: m.value)
                            } else {
                                config.severities[m.key] = level
                            }
                        } else {
                            top.report("enum_value", "severity of '\(m.key)' must be 'error', 'warning' or 'note', found '\(m.value.summary)'", at: m.value)
                        }
                    }
                } else {
                    top.wrongType(map, key: "severity")
                }
            }
            if let list = top.member("accept_losses") {
                for item in strings(list, key: "accept_losses", into: &top) {
                    do throws(LossAcceptance.ParseError) {
                        config.acceptedLosses.append(try LossAcceptance(parsing: item.0))
                    } catch {
                        top.report("enum_value", FindingMessage(error.message), at: item.1)
                    }
                }
            }
            if let (name, node) = top.string("timezone") {
                if TimeZones.zone(named: name) != nil {
                    config.timeZoneName = name
                } else {
                    top.report("unknown_timezone", FindingMessage(TimeZones.unknownMessage(name)), at: node)
                }
            }
            if let (text, node) = top.string("clock") {
                if let clock = Clock(rawValue: text) {
                    config.clock = clock
                } else {
                    top.report("enum_value", "'clock' must be 'commit' or 'now', found '\(text)'", at: node)
                }
            }
            if let map = top.member("formats") {
                if map.isObject {
                    for m in map.members {
                        guard let id = m.value.stringValue else {
                            top.report("type_mismatch", "the format of '\(m.key)' must be a format id string, found \(m.value.typeName)", at: m.value)
                            continue
                        }
                        guard Formats.named(id) != nil else {
                            var message = "unknown format '\(id)'"
                            message += Suggest.hint(for: id, in: Formats.ids)
                            top.report("enum_value", FindingMessage(message + " ('avail formats' lists them)"), at: m.value)
                            continue
                        }
                        config.formats.append((PathPattern(m.key), id))
                    }
                } else {
                    top.wrongType(map, key: "formats")
                }
            }
            if let list = top.member("exclude") {
                config.exclude = strings(list, key: "exclude", into: &top).map { PathPattern($0.0) }
            }
            _ = top.unknownMembers()
            findings += top.findings.map { f in
                guard f.ruleID == StructureRuleID.unknownField else { return f }
                var f = f
                // An error, as ruff's unknown settings are: a misspelt key ('ignor') would otherwise turn nothing off, silently.
                f.ruleID = "unknown_key"
                f.severity = .error
                f.message = f.message.replacingOccurrences(of: "unknown field", with: "unknown key")
                return f
            }
        }
        return (findings.hasErrors ? nil : config, findings)
    }

    /// Reads the settings file at `path`.
    public static func load(_ path: String) -> (ProjectConfig?, [Finding]) {
        guard let data = FileManager.default.contents(atPath: path) else {
            return (nil, [Finding(ruleID: "io_error", severity: .error, message: "cannot read the settings file '\(path)'", location: .none, pointer: nil)])
        }
        return read([UInt8](data), path: path)
    }

    static let emptyFinding = Finding(
        ruleID: "required_field", severity: .error, message: "the settings file is empty; it starts with 'version: 1'",
        location: SourceLocation(line: 1, column: 1), pointer: "")

    private static func strings(_ list: JSONValue, key: String, into top: inout ObjectDecoder) -> [(String, JSONValue)] {
        guard list.isArray else {
            top.wrongType(list, key: key)
            return []
        }
        var out: [(String, JSONValue)] = []
        for item in list.items {
            guard let text = item.stringValue else {
                top.report("type_mismatch", "'\(key)' holds strings, found \(item.typeName)", at: item)
                continue
            }
            out.append((text, item))
        }
        return out
    }

    private static func ruleList(_ list: JSONValue, key: String, into top: inout ObjectDecoder) -> [String] {
        var ids: [String] = []
        for (id, node) in strings(list, key: key, into: &top) {
            if let problem = RuleSettings.problem(withSelector: id) {
                top.report("unknown_rule", FindingMessage(problem), at: node)
            } else if key == "ignore", let problem = RuleSettings.problem(disabling: id) {
                top.report("rule_cannot_be_disabled", FindingMessage(problem), at: node)
            } else {
                ids.append(id)
            }
        }
        return ids
    }

    /// The rule settings the file asks for: `select` turns every other
    /// checking rule off (a conversion's loss rules only go off by name),
    /// `ignore` turns rules off, `severity` re-grades them.
    public var ruleSettings: RuleSettings {
        var settings = RuleSettings(disabled: [], severities: severities)
        if let select { settings.select(select) }
        for id in ignore { settings.disabled.formUnion(RuleCatalog.rules(selectedBy: id).map(\.id)) }
        return settings
    }

    /// The format the file gives `path` (relative to the working directory or absolute), if a pattern matches.
    public func format(for path: String) -> String? {
        guard let relative = relativePath(path) else { return nil }
        return formats.first { $0.pattern.matches(relative) }?.format
    }

    /// Whether an `exclude` pattern covers `path`.
    public func excludes(_ path: String) -> Bool {
        guard let relative = relativePath(path) else { return false }
        return exclude.contains { $0.matches(relative) }
    }

    /// `path` relative to the file's directory, or nil when it is outside it.
    func relativePath(_ path: String) -> String? {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        let base = directory.hasSuffix("/") ? directory : directory + "/"
        guard absolute.hasPrefix(base) else { return nil }
        return String(absolute.dropFirst(base.count))
    }

    init(directory: String, path: String) {
        self.directory = directory
        self.path = path
    }

    /// The file's declaration: its structure checks and `avail schema avail-settings`.
    public static let declaration = FormatDeclaration(
        id: "avail-settings", title: "avail settings file",
        summary: "The .avail.yaml settings file, version 1",
        description: "Settings for every avail command run in this directory and below: rules, accepted losses, formats by path, time zone, clock.",
        root: ObjectShape(
            name: "settings",
            fields: [
                Field("version", .constant(1), required: true),
                Field("select", .array(items: .string(pattern: "^[a-z_-]+$")), expected: "a list of rule ids or groups"),
                Field("ignore", .array(items: .string(pattern: "^[a-z_-]+$")), expected: "a list of rule ids or groups"),
                Field("severity", .map(.enumeration(["error", "warning", "note"])), expected: "a mapping of rule id to level"),
                Field("accept_losses", .array(items: .string()), expected: "a list of RULE, FIELD or RULE:FIELD"),
                Field("timezone", .string(), description: "IANA time zone name for formats with local times."),
                Field("clock", .enumeration(Clock.allCases.map(\.rawValue)), description: "commit (the default) or now."),
                Field("formats", .map(.string()), expected: "a mapping of path pattern to format id"),
                Field("exclude", .array(items: .string()), expected: "a list of path patterns"),
            ]))
}

/// A path pattern as `.gitignore` and ruff read them: `*` and `?` within a
/// path segment, `[...]` a class, `**` any number of whole segments. A
/// pattern without `/` matches a file name in any directory.
public struct PathPattern: Sendable, CustomStringConvertible {
    /// The pattern as written.
    public let text: String
    private let segments: [String]
    private let anywhere: Bool

    /// A pattern.
    public init(_ text: String) {
        self.text = text
        var trimmed = text
        while trimmed.hasPrefix("./") { trimmed.removeFirst(2) }
        anywhere = !trimmed.contains("/")
        segments = trimmed.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
    }

    public var description: String { text }

    /// Whether `path` (relative, `/`-separated) matches.
    public func matches(_ path: String) -> Bool {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        if anywhere, let name = parts.last, let only = segments.first { return Self.matches(segment: only, name) }
        return Self.match(segments[...], parts[...])
    }

    private static func match(_ pattern: ArraySlice<String>, _ parts: ArraySlice<String>) -> Bool {
        guard let first = pattern.first else { return parts.isEmpty }
        if first == "**" {
            let rest = pattern.dropFirst()
            // `**` takes none, one, or more whole segments.
            var tail = parts
            while true {
                if match(rest, tail) { return true }
                guard !tail.isEmpty else { return false }
                tail = tail.dropFirst()
            }
        }
        guard let part = parts.first, matches(segment: first, part) else { return false }
        return match(pattern.dropFirst(), parts.dropFirst())
    }

    /// One segment against one name, with fnmatch(3)'s `*`, `?` and `[...]`.
    static func matches(segment: String, _ name: String) -> Bool {
        fnmatch(segment, name, 0) == 0
    }
}
