import AvailConfig
import AvailKit
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// File arguments as users give them: a directory stands for the files below
/// it with the given extensions (recursively, sorted), a pattern with `*`, `?`
/// or `[` that names no file is expanded as a glob; `-` is stdin.
enum InputFiles {
    /// What a directory holds for each kind of input.
    static let configs = ["yaml", "yml"]
    static let documents = ["json"]
    static let streams = ["ndjson", "jsonl"]

    /// The payload files of a directory: documents and streams, or only streams with `--ndjson`.
    static func payloads(ndjson: Bool) -> [String] { ndjson ? streams : documents + streams }

    /// Whether a payload file is read as a stream: with `--ndjson`, or by its extension.
    static func isStream(_ path: String, ndjson: Bool) -> Bool {
        ndjson || streams.contains { path.hasSuffix("." + $0) }
    }

    /// Each argument's files; `excluded` leaves out files found under a directory or by a glob (a file named on its own is kept).
    static func expand(_ arguments: [String], extensions: [String], excluded: (String) -> Bool = { _ in false }) throws(CLIFailure) -> [String] {
        var out: [String] = []
        for argument in arguments {
            if argument == "-" {
                out.append(argument)
                continue
            }
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: argument, isDirectory: &isDirectory) {
                out += isDirectory.boolValue ? files(under: argument, extensions: extensions).filter { !excluded($0) } : [argument]
                continue
            }
            guard argument.contains(where: { "*?[".contains($0) }) else {
                out.append(argument)  // reported as unreadable where it is read
                continue
            }
            let found = argument.split(separator: "/").contains("**") ? deepMatches(argument, extensions: extensions) : shallowMatches(argument)
            guard !found.isEmpty else { throw CLIFailure(message: "no file matches '\(argument)'") }
            // A directory and a file under it can both match (`dir/**`): each file once.
            var matched: [String] = []
            for path in found {
                var dir: ObjCBool = false
                if FileManager.default.fileExists(atPath: path, isDirectory: &dir), dir.boolValue {
                    matched += files(under: path, extensions: extensions).filter { !excluded($0) }
                } else if !excluded(path) {
                    matched.append(path)
                }
            }
            out += matched
        }
        // A file named twice (or by a folder and a glob) is read once, as ruff reads it; stdin twice is refused elsewhere.
        var seen = Set<String>()
        return out.filter { $0 == "-" || seen.insert(URL(fileURLWithPath: $0).standardized.path).inserted }
    }

    /// glob(3)'s matches of a pattern without `**` (one segment per `/`).
    private static func shallowMatches(_ pattern: String) -> [String] {
        var matches = glob_t()
        defer { globfree(&matches) }
        guard glob(pattern, 0, nil, &matches) == 0 else { return [] }
        return (0..<Int(matches.gl_pathc)).compactMap { i in matches.gl_pathv[i].map { String(cString: $0) } }
    }

    /// The paths a pattern with `**` matches, `**` standing for any number of
    /// whole directories (as in a settings file's patterns, and in shells with
    /// globstar): the tree under the pattern's literal leading directories,
    /// walked once, sorted; hidden names are skipped, as `*` skips them. Files
    /// only (the walk is already recursive); a pattern ending in `**` names
    /// every file, so only those with `extensions` are taken, as from a directory.
    private static func deepMatches(_ pattern: String, extensions: [String]) -> [String] {
        let absolute = pattern.hasPrefix("/")
        var segments = pattern.split(separator: "/").map(String.init)
        var base: [String] = []
        while let first = segments.first, !first.contains(where: { "*?[".contains($0) }) {
            base.append(first)
            segments.removeFirst()
        }
        let root = (absolute ? "/" : "") + base.joined(separator: "/")
        let rest = PathPattern(segments.joined(separator: "/"))
        guard let walker = FileManager.default.enumerator(atPath: root.isEmpty ? "." : root) else { return [] }
        var found: [String] = []
        while let relative = walker.nextObject() as? String {
            if isHidden(relative) { continue }
            if walker.fileAttributes?[.type] as? FileAttributeType == .typeDirectory { continue }
            if segments.last == "**", !extensions.contains(where: { relative.hasSuffix("." + $0) }) { continue }
            // A pattern of one segment (`**`) matches a name at any depth; otherwise the whole relative path.
            if rest.matches(relative) { found.append(root.isEmpty ? relative : root.hasSuffix("/") ? root + relative : root + "/" + relative) }
        }
        return found.sorted()
    }

    /// Whether a path under a folder is in or is a dot-folder or dot-file (.git, editor files): never an input.
    private static func isHidden(_ relative: String) -> Bool {
        relative.split(separator: "/").contains { $0.hasPrefix(".") }
    }

    private static func files(under directory: String, extensions: [String]) -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: directory) else { return [] }
        var found: [String] = []
        while let relative = walker.nextObject() as? String {
            if isHidden(relative) { continue }
            if extensions.contains(where: { relative.hasSuffix("." + $0) }) {
                found.append(directory.hasSuffix("/") ? directory + relative : directory + "/" + relative)
            }
        }
        return found.sorted()
    }
}
