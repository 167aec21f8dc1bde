import Foundation
import Testing

@testable import AvailCLI
@testable import AvailKit

/// Paths in the package.
enum Paths {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    /// The vendored conformance suites (JSONTestSuite, yaml-test-suite).
    static let conformance = packageRoot.appendingPathComponent("Tests/Conformance")
    static let golden = packageRoot.appendingPathComponent("golden")
    static let schemas = packageRoot.appendingPathComponent("schemas")

    /// The built `avail` executable (SwiftPM builds it beside the test bundle).
    static var avail: URL {
        var dir = Bundle.main.bundleURL
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("avail")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return packageRoot.appendingPathComponent(".build/debug/avail")
    }

}

func read(_ text: String) -> JSONReader.Result { JSONReader().read(Array(text.utf8)) }
func read(_ bytes: [UInt8]) -> JSONReader.Result { JSONReader().read(bytes) }

func ts(_ text: String) throws -> Timestamp { try Timestamp.parse(text).get() }

/// The result of running the `avail` executable.
struct RunResult: Equatable {
    var exit: Int32
    var stdout: String
    var stderr: String
}

func runAvail(_ arguments: [String], stdin: String? = nil, in directory: URL? = nil) throws -> RunResult {
    let process = Process()
    process.executableURL = Paths.avail
    process.arguments = arguments
    // Always named: an in-process run may have moved this process's directory meanwhile.
    process.currentDirectoryURL = directory ?? InProcess.startDirectory
    let out = Pipe()
    let err = Pipe()
    let input = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = input
    try process.run()
    if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
    try input.fileHandleForWriting.close()
    // Read both pipes concurrently so a full stderr pipe cannot block the child.
    nonisolated(unsafe) var errData = Data()
    let group = DispatchGroup()
    group.enter()
    DispatchQueue.global().async {
        errData = err.fileHandleForReading.readDataToEndOfFile()
        group.leave()
    }
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    process.waitUntilExit()
    return RunResult(
        exit: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
        stderr: String(decoding: errData, as: UTF8.self))
}

/// A small seeded generator (SplitMix64), so property tests are repeatable.
struct SeededRandom: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension JSONNode {
    /// The value with every object's members sorted by key: two documents
    /// are the same JSON value when their sorted forms are equal.
    var sortedMembers: JSONNode {
        switch kind {
        case .object(let members):
            JSONNode(.object(members.map { JSONMember(key: $0.key, value: $0.value.sortedMembers) }.sorted { $0.key < $1.key }))
        case .array(let items): JSONNode(.array(items.map(\.sortedMembers)))
        default: self
        }
    }
}

/// The JSON value of `bytes` with sorted members, for comparing documents as values.
func jsonValue(_ bytes: [UInt8]?) -> JSONNode? {
    bytes.flatMap { JSONReader().read($0).root }?.sortedMembers
}

/// Starts `avail ARGUMENTS` in `directory` with stdin a pipe the caller
/// writes (and closes), stdout and stderr discarded: a run to interrupt.
func startAvail(_ arguments: [String], in directory: URL) throws -> (process: Process, stdin: FileHandle) {
    let p = Process()
    p.executableURL = Paths.avail
    p.arguments = arguments
    p.currentDirectoryURL = directory
    let input = Pipe()
    p.standardInput = input
    p.standardError = FileHandle.nullDevice
    p.standardOutput = FileHandle.nullDevice
    try p.run()
    return (p, input.fileHandleForWriting)
}

/// Runs `script` with `sh -c`, `$AVAIL` naming the built binary; the exit
/// code, or 128 + the signal for a process a signal ended (as a shell says).
func runShell(_ script: String, in directory: URL? = nil, shell: String = "/bin/sh") throws -> RunResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: shell)
    process.arguments = ["-c", script]
    var environment = ProcessInfo.processInfo.environment
    environment["AVAIL"] = Paths.avail.path
    process.environment = environment
    // Not the test process's own directory: an in-process run moves it into a
    // temporary one for a moment, which may be gone by the time the child starts.
    process.currentDirectoryURL = directory ?? InProcess.startDirectory
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = FileHandle.nullDevice
    try process.run()
    nonisolated(unsafe) var errData = Data()
    let group = DispatchGroup()
    group.enter()
    DispatchQueue.global().async {
        errData = err.fileHandleForReading.readDataToEndOfFile()
        group.leave()
    }
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    process.waitUntilExit()
    let status = process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
    return RunResult(exit: status, stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self))
}

/// A fresh directory under the temporary directory, removed by `body`'s end.
func withTemporaryDirectory<T>(_ body: (URL) throws -> T) throws -> T {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("avail-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    return try body(dir)
}

/// Peak RSS in MB (GNU time's maximum resident set size) of `sh -c script`, its exit code and stdout.
func peakRSS(ofShell script: String, in directory: URL) throws -> (mb: Double, exit: Int32, stdout: String) {
    let timing = directory.appendingPathComponent(".time-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: timing) }
    let run = try runShell("/usr/bin/time -o '\(timing.path)' -f %M sh -c '\(script)'", in: directory)
    let kb = Double((try String(contentsOf: timing, encoding: .utf8)).split(separator: "\n").last.map(String.init) ?? "0") ?? 0
    return (kb / 1024, run.exit, run.stdout)
}

/// Seconds `body` takes.
func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = ContinuousClock.now
    try body()
    let took = ContinuousClock.now - start
    return Double(took.components.seconds) + Double(took.components.attoseconds) / 1e18
}

/// Runs `avail` in this process, with stdout and stderr captured and the
/// working directory set to `directory`: the goldens run thousands of
/// commands, and starting a process for each was most of the test suite's
/// time. One run at a time (the directory and the terminal streams are the
/// process's); a command that reads stdin, or a test of process behaviour
/// (signals, closed descriptors, memory), uses ``runAvail(_:stdin:in:)``.
func runAvailInProcess(_ arguments: [String], in directory: URL) -> RunResult {
    // Parsing is most of a short command's time in a debug build, and needs
    // neither the directory nor the streams: it runs outside the lock.
    runAvailInProcess(parsed: AvailCLI.parse(arguments), in: directory)
}

/// Runs a parsed command line in `directory`, with its output captured.
func runAvailInProcess(parsed: AvailCLI.Parsed, in directory: URL) -> RunResult {
    InProcess.lock.lock()
    defer { InProcess.lock.unlock() }
    let saved = FileManager.default.currentDirectoryPath
    guard chdir(directory.path) == 0 else { return RunResult(exit: -1, stdout: "", stderr: "cannot enter \(directory.path)") }
    defer { _ = chdir(saved) }
    var outName = Array("/tmp/avail-out-XXXXXX".utf8CString)
    var errName = Array("/tmp/avail-err-XXXXXX".utf8CString)
    let outFD = mkstemp(&outName)
    let errFD = mkstemp(&errName)
    defer {
        close(outFD)
        close(errFD)
        outName.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        errName.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
    }
    let code = Terminal.capturing(out: outFD, err: errFD) { AvailCLI.run(parsed) }
    func contents(_ fd: Int32) -> String {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        lseek(fd, 0, SEEK_SET)
        while true {
            let n = Glibc.read(fd, &buffer, buffer.count)
            if n <= 0 { break }
            bytes += buffer[0..<n]
        }
        return String(decoding: bytes, as: UTF8.self)
    }
    return RunResult(exit: code, stdout: contents(outFD), stderr: contents(errFD))
}

enum InProcess {
    static let lock = NSLock()
    /// The directory the tests started in.
    static let startDirectory = Paths.packageRoot
}

extension AvailCLI.Parsed {
    /// This `avail convert` command line with its target changed to
    /// `target` (and, with `accepting`, `--allow-lossy` and `--widen-scope`
    /// added), as if it had been parsed so; nil when it is not a parsed
    /// `convert`. Its checks (`validate()`) read none of the three. Parsing,
    /// with the argument parser's debug-build validation, is most of a short
    /// command's time in a test build: a golden's command is parsed once,
    /// not once for each of the formats it is converted to.
    func converting(to target: String, accepting: Bool = false) -> AvailCLI.Parsed? {
        guard case .success(let parsed)? = command, var convert = parsed as? ConvertCommand, let id = FormatID(argument: target)
        else { return nil }
        convert.to = id
        if accepting {
            // Given twice, a flag is an error: such a command line is parsed as written.
            guard !convert.allowLossy && !convert.widenScope else { return nil }
            convert.allowLossy = true
            convert.widenScope = true
        }
        return AvailCLI.Parsed(command: .success(convert))
    }
}
