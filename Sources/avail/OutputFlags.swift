import ArgumentParser
import AvailKit
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `--quiet`, and colour on a terminal (https://no-color.org: a non-empty `NO_COLOR` turns it off).
struct OutputFlags: ParsableArguments {
    @Flag(help: "Show only error-severity findings (the exit code still counts everything).") var quiet = false

    func style(for reporter: ReporterKind) -> ReportStyle {
        let noColor = ProcessInfo.processInfo.environment["NO_COLOR"].map { !$0.isEmpty } ?? false
        return ReportStyle(quiet: quiet, color: reporter == .text && !noColor && isatty(1) == 1)
    }
}

/// File arguments as users give them: a directory stands for the files below
/// it with the given extensions (recursively, sorted), a pattern with `*`, `?`
/// or `[` that names no file is expanded as a glob; `-` is stdin.
enum InputFiles {
    /// What a directory holds for each kind of input.
    static let configs = ["yaml", "yml"]
    static let documents = ["json"]
    static let streams = ["ndjson", "jsonl"]

    /// The payload files of a directory: documents, or NDJSON streams with `--ndjson`.
    static func payloads(ndjson: Bool) -> [String] { ndjson ? streams : documents }

    static func expand(_ arguments: [String], extensions: [String]) throws(CLIFailure) -> [String] {
        var out: [String] = []
        for argument in arguments {
            if argument == "-" {
                out.append(argument)
                continue
            }
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: argument, isDirectory: &isDirectory) {
                out += isDirectory.boolValue ? files(under: argument, extensions: extensions) : [argument]
                continue
            }
            guard argument.contains(where: { "*?[".contains($0) }) else {
                out.append(argument)  // reported as unreadable where it is read
                continue
            }
            var matches = glob_t()
            defer { globfree(&matches) }
            guard glob(argument, 0, nil, &matches) == 0 else { throw CLIFailure(message: "no file matches '\(argument)'") }
            for i in 0..<Int(matches.gl_pathc) {
                guard let p = matches.gl_pathv[i] else { continue }
                let path = String(cString: p)
                var dir: ObjCBool = false
                if FileManager.default.fileExists(atPath: path, isDirectory: &dir), dir.boolValue {
                    out += files(under: path, extensions: extensions)
                } else {
                    out.append(path)
                }
            }
        }
        return out
    }

    private static func files(under directory: String, extensions: [String]) -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: directory) else { return [] }
        var found: [String] = []
        while let relative = walker.nextObject() as? String {
            if relative.split(separator: "/").contains(where: { $0.hasPrefix(".") }) { continue }  // .git, editor files
            if extensions.contains(where: { relative.hasSuffix("." + $0) }) {
                found.append(directory.hasSuffix("/") ? directory + relative : directory + "/" + relative)
            }
        }
        return found.sorted()
    }
}
