import AvailKit
import Foundation

/// The time of the last commit that changed each of a set of files, for the
/// files git tracks and that have no uncommitted change (`clock: commit`):
/// judged at that time, a payload kept in git gives the same result every
/// day until someone changes it. One `git status` and one walk of `git log`
/// per repository, stopped once every file is found; without git, or outside
/// a repository, nothing is found and the wall clock applies.
enum GitClock {
    static func commitTimes(for paths: [String]) -> [String: Timestamp] {
        var byRoot: [String: [(path: String, relative: String)]] = [:]
        var rootOfDirectory: [String: String?] = [:]
        for path in paths where path != "-" {
            let absolute = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
            let directory = (absolute as NSString).deletingLastPathComponent
            let root: String?
            if let known = rootOfDirectory[directory] {
                root = known
            } else {
                root = run(["-C", directory, "rev-parse", "--show-toplevel"]).flatMap { out in
                    String(decoding: out, as: UTF8.self).split(separator: "\n").first.map { URL(fileURLWithPath: String($0)).resolvingSymlinksInPath().path }
                }
                rootOfDirectory[directory] = root
            }
            guard let root, absolute.hasPrefix(root + "/") else { continue }
            byRoot[root, default: []].append((path, String(absolute.dropFirst(root.count + 1))))
        }
        var times: [String: Timestamp] = [:]
        for (root, files) in byRoot {
            let dirty = changedFiles(in: root)
            var wanted: [String: [String]] = [:]
            for file in files where !dirty.contains(file.relative) { wanted[file.relative, default: []].append(file.path) }
            for (relative, seconds) in lastCommits(in: root, of: Set(wanted.keys)) {
                guard let t = Timestamp(unixSeconds: seconds) else { continue }
                for path in wanted[relative] ?? [] { times[path] = t }
            }
        }
        return times
    }

    /// Files with uncommitted changes, staged or not, and untracked files, relative to `root`.
    private static func changedFiles(in root: String) -> Set<String> {
        guard let out = run(["-C", root, "status", "--porcelain=v1", "-z", "--untracked-files=all"]) else { return [] }
        var changed = Set<String>()
        var renameSource = false
        for entry in out.split(separator: 0, omittingEmptySubsequences: true) {
            if renameSource {
                // A rename's second path is its source: changed too.
                changed.insert(String(decoding: entry, as: UTF8.self))
                renameSource = false
                continue
            }
            guard entry.count > 3 else { continue }
            let status = entry.prefix(2)
            changed.insert(String(decoding: entry.dropFirst(3), as: UTF8.self))
            if status.contains(UInt8(ascii: "R")) || status.contains(UInt8(ascii: "C")) { renameSource = true }
        }
        return changed
    }

    /// The committer time of the newest commit that changed each of `files`, walking `git log` until all are found.
    private static func lastCommits(in root: String, of files: Set<String>) -> [String: Int64] {
        guard !files.isEmpty else { return [:] }
        var found: [String: Int64] = [:]
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", root, "log", "--format=%x01%ct", "--name-only", "-z", "--no-renames"]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return [:] }
        let reader = pipe.fileHandleForReading
        var pending: [UInt8] = []
        var current: Int64?
        reading: while true {
            let chunk = reader.availableData
            if chunk.isEmpty { break }
            pending += chunk
            var start = 0
            while let end = pending[start...].firstIndex(of: 0) {
                var token = pending[start..<end]
                start = end + 1
                if token.first == 0x01 {
                    current = Int64(String(decoding: token.dropFirst(), as: UTF8.self))
                    continue
                }
                if token.first == 0x0A { token = token.dropFirst() }
                guard let time = current, !token.isEmpty else { continue }
                let name = String(decoding: token, as: UTF8.self)
                if files.contains(name), found[name] == nil {
                    found[name] = time
                    if found.count == files.count { break reading }
                }
            }
            pending.removeFirst(start)
        }
        // git may still be writing the rest of the history: stop it for sure. SIGTERM
        // is not enough (a parent that blocks it passes the mask on to git, which
        // then waits forever on the pipe no one reads); SIGKILL cannot be blocked.
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        try? reader.close()
        process.waitUntilExit()
        return found
    }

    /// `git ARGS`' standard output, or nil when git is missing or fails.
    private static func run(_ arguments: [String]) -> [UInt8]? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return [UInt8](data)
    }
}
