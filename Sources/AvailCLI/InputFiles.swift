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
            var matches = glob_t()
            defer { globfree(&matches) }
            guard glob(argument, 0, nil, &matches) == 0 else { throw CLIFailure(message: "no file matches '\(argument)'") }
            for i in 0..<Int(matches.gl_pathc) {
                guard let p = matches.gl_pathv[i] else { continue }
                let path = String(cString: p)
                var dir: ObjCBool = false
                if FileManager.default.fileExists(atPath: path, isDirectory: &dir), dir.boolValue {
                    out += files(under: path, extensions: extensions).filter { !excluded($0) }
                } else if !excluded(path) {
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
