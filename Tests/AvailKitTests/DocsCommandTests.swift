import Foundation
import Testing

@testable import AvailKit

/// Every command the README and the docs show in a `console` block runs
/// here, and its output must be what the page shows under it: the pages
/// cannot go stale. A block's `$ ` lines are commands, run by `sh` in a
/// scratch copy of `examples/` (so a command may write files) with the built
/// `avail` first on `PATH`; the lines up to the next command are its stdout
/// and stderr as a terminal shows them (`2>&1`). `AVAIL_UPDATE_GOLDEN=1`
/// rewrites the pages' outputs, to be reviewed like any golden.
@Suite(.serialized) struct DocsCommandTests {
    /// The pages whose console blocks are run.
    static var pages: [String] {
        var pages = ["README.md"]
        for dir in ["docs", "docs/reference", "Sources/AvailKit/AvailKit.docc", "bench"] {
            let url = Paths.packageRoot.appendingPathComponent(dir)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
            pages += names.filter { $0.hasSuffix(".md") }.sorted().map { "\(dir)/\($0)" }
        }
        return pages
    }

    @Test(arguments: pages)
    func consoleBlocksShowWhatTheCommandsPrint(_ page: String) throws {
        let url = Paths.packageRoot.appendingPathComponent(page)
        let text = try String(contentsOf: url, encoding: .utf8)
        let blocks = ConsoleBlock.all(in: text)
        guard !blocks.isEmpty else { return }
        let scratch = try Self.scratchCopy()
        defer { try? FileManager.default.removeItem(at: scratch) }
        var updated = text
        // From the last block back, so earlier ranges stay valid while rewriting.
        for block in blocks.reversed() {
            var fresh: [String] = []
            for command in block.commands {
                let output = try Self.run(command.line, in: scratch)
                fresh.append("$ " + command.line + "\n" + output)
                if output != command.expected {
                    if !Golden.updating {
                        Issue.record("\(page): '$ \(command.line)' printed:\n\(Golden.unifiedDiff(command.expected, output))")
                    }
                }
            }
            let body = fresh.joined()
            if Golden.updating && body != String(text[block.body]) {
                updated.replaceSubrange(block.body, with: body)
            }
        }
        if Golden.updating && updated != text {
            try updated.write(to: url, atomically: true, encoding: .utf8)
            Issue.record("recorded the outputs in \(page); review the diff")
        }
    }

    /// A scratch directory as a fresh clone has it: a copy of `examples/` and
    /// `schemas/` committed to git (so the clock rules judge the files at
    /// their commit, at a fixed time here, and the outputs never rot), and
    /// `golden/` linked for the pages that show a golden input.
    static func scratchCopy() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("avail-docs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        for name in ["examples", "schemas"] {
            try FileManager.default.copyItem(at: Paths.packageRoot.appendingPathComponent(name), to: dir.appendingPathComponent(name))
        }
        try FileManager.default.createSymbolicLink(
            at: dir.appendingPathComponent("golden"), withDestinationURL: Paths.packageRoot.appendingPathComponent("golden"))
        try Data("golden\n".utf8).write(to: dir.appendingPathComponent(".gitignore"))
        let commit = "git init -q && git add -A && git -c user.name=docs -c user.email=docs@example.com commit -q -m examples"
        let output = try run(commit, in: dir, environment: ["GIT_AUTHOR_DATE": Self.commitDate, "GIT_COMMITTER_DATE": Self.commitDate])
        guard output.isEmpty else { throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: "git: \(output)"]) }
        return dir
    }

    /// When the scratch copy is committed: the "now" of the clock rules on the pages.
    static let commitDate = "2026-12-07T12:00:00Z"

    /// `line` run by `sh -c` in `dir`, stdout and stderr together.
    static func run(_ line: String, in dir: URL, environment extra: [String: String] = [:]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        // In braces, so a trailing `# comment` on the line does not swallow the redirection.
        process.arguments = ["-c", "{ " + line + "\n} 2>&1"]
        process.currentDirectoryURL = dir
        var environment = ProcessInfo.processInfo.environment
        environment["PATH"] = Paths.avail.deletingLastPathComponent().path + ":" + (environment["PATH"] ?? "/usr/bin:/bin")
        environment["NO_COLOR"] = "1"
        environment.merge(extra) { $1 }
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    @Test func blocksAreReadAsCommandsAndOutputs() {
        let page = "x\n```console\n$ avail formats | head -1\ncanonical  a\n$ echo hi\nhi\n```\n"
        let blocks = ConsoleBlock.all(in: page)
        #expect(blocks.count == 1)
        #expect(blocks.first?.commands.map(\.line) == ["avail formats | head -1", "echo hi"])
        #expect(blocks.first?.commands.map(\.expected) == ["canonical  a\n", "hi\n"])
    }
}

/// One ```` ```console ```` block of a page: its commands and what each printed.
struct ConsoleBlock {
    struct Command {
        var line: String
        var expected: String
    }

    /// The text between the fence lines.
    var body: Range<String.Index>
    var commands: [Command]

    static func all(in text: String) -> [ConsoleBlock] {
        var blocks: [ConsoleBlock] = []
        var searchFrom = text.startIndex
        while let open = text.range(of: "```console\n", range: searchFrom..<text.endIndex),
            let close = text.range(of: "\n```", range: open.upperBound..<text.endIndex)
        {
            let body = open.upperBound..<text.index(after: close.lowerBound)
            var commands: [Command] = []
            for line in text[body].split(separator: "\n", omittingEmptySubsequences: false).dropLast() {
                if line.hasPrefix("$ ") {
                    commands.append(Command(line: String(line.dropFirst(2)), expected: ""))
                } else if !commands.isEmpty {
                    commands[commands.count - 1].expected += line + "\n"
                }
            }
            blocks.append(ConsoleBlock(body: body, commands: commands))
            searchFrom = close.upperBound
        }
        return blocks
    }
}
