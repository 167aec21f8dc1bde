import Foundation
import Testing

@testable import AvailKit

extension ReliabilityTests {
    /// Every write is checked, and `-o` and `fix` replace only regular files,
    /// keeping what the replaced file was (issue 25, "output lost or put in the
    /// wrong place").
    @Suite struct WriteSafetyTests {
        static let fullDisk = "avail: error: cannot write to standard output: No space left on device\n"

        /// Each command that writes stdout, with stdout on a full disk: one message, exit 2.
        @Test(arguments: [
            "convert --from gett --to canonical examples/gett-pause.json",
            "convert --from gett --to canonical --ndjson golden/validate/ndjson/input.ndjson --allow-lossy",
            "plan examples/stores.yaml --to lula --now 2026-11-01T00:00:00Z",
            "schema gett",
            "formats",
            "rules",
            "explain invalid_json",
            "validate --format gett golden/validate/rule-enum_value/input.json",
            "validate --format gett --ndjson golden/validate/ndjson/input.ndjson --now 2026-01-01T00:00:00Z",
            "lint golden/lint/rule-unknown_key/input.yaml",
            "fix --format gett - < golden/validate/rule-enum_value/input.json",
            "fix --format gett --diff golden/validate/rule-enum_value/input.json",
            "fix --format gett.status --ndjson --diff golden/validate/ndjson/input.ndjson --now 2026-01-01T00:00:00Z",
            "--help",
        ])
        func aFullDiskOnStdoutIsReportedOnce(_ command: String) throws {
            let r = try runShell("exec \"$AVAIL\" \(command) > /dev/full", in: Paths.packageRoot)
            #expect(r.exit == 2, "\(command)")
            #expect(r.stderr.hasSuffix(Self.fullDisk), "\(command): \(r.stderr)")
            #expect(r.stderr.components(separatedBy: "cannot write").count == 2, "reported once: \(r.stderr)")
        }

        @Test func aClosedStdoutIsReportedAndAFileOpenedLaterDoesNotTakeItsPlace() throws {
            let r = try runShell("exec \"$AVAIL\" formats >&-")
            #expect(r == RunResult(exit: 2, stdout: "", stderr: "avail: error: cannot write to standard output: Bad file descriptor\n"))
            try withTemporaryDirectory { dir in
                let path = Paths.packageRoot.appendingPathComponent("examples/gett-pause.json").path
                let out = try runShell("exec \"$AVAIL\" convert --from gett --to canonical --compact '\(path)' -o out.json >&-", in: dir)
                #expect(out == RunResult(exit: 0, stdout: "", stderr: ""))
                #expect(try String(contentsOf: dir.appendingPathComponent("out.json"), encoding: .utf8) == #"{"state":"paused","reason":"too_busy","until":"2027-01-15T14:00:00Z"}"# + "\n")
            }
        }

        /// Losses go to stderr: a full stderr is an I/O error too (nothing can say so, the exit code does).
        @Test func aFullStderrIsExitTwo() throws {
            let r = try runShell(
                "exec \"$AVAIL\" convert --from canonical --to gett --allow-lossy examples/downtown.canonical.json > /dev/null 2> /dev/full",
                in: Paths.packageRoot)
            #expect(r.exit == 2)
        }

        /// A reader that goes away keeps the quiet end of SIGPIPE (status 141,
        /// nothing on stderr), also when the parent ignores SIGPIPE and the write
        /// fails with EPIPE instead.
        @Test func aClosedPipeEndsQuietly() throws {
            try withTemporaryDirectory { dir in
                let line = #"{"status": "Paused"}"# + "\n"
                try String(repeating: line, count: 200_000).write(to: dir.appendingPathComponent("s.ndjson"), atomically: true, encoding: .utf8)
                for trap in ["", "trap '' PIPE; "] {
                    let r = try runShell(
                        "\(trap)\"$AVAIL\" validate --format gett --ndjson s.ndjson 2> err | head -c 10 > /dev/null; echo ${PIPESTATUS[0]} $(wc -c < err)",
                        in: dir, shell: "/bin/bash")
                    #expect(r.stdout == "141 0\n", "\(trap.isEmpty ? "default" : "ignored"): \(r.stdout)")
                }
            }
        }

        /// A missing folder is named as the problem (the message was the
        /// temporary file's "No such file or directory" about the output's name).
        @Test func aMissingOutputFolderIsNamed() throws {
            try withTemporaryDirectory { dir in
                let input = Paths.packageRoot.appendingPathComponent("examples/gett-pause.json").path
                let output = try runAvail(["convert", "--from", "gett", "--to", "canonical", input, "-o", "nodir/x.json"], in: dir)
                #expect(output == RunResult(exit: 2, stdout: "", stderr: "avail: error: cannot write 'nodir/x.json': the folder 'nodir' does not exist\n"))
                let folder = try runAvail(["convert", "--from", "gett", "--to", "canonical", input, "--out-dir", "out"], in: dir)
                #expect(folder == RunResult(exit: 2, stdout: "", stderr: "avail: error: cannot write 'out/gett-pause.json': the folder 'out' does not exist\n"))
                #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == [])
            }
        }

        @Test func outputRefusesDevicesAndFIFOs() throws {
            try withTemporaryDirectory { dir in
                let input = Paths.packageRoot.appendingPathComponent("examples/gett-pause.json").path
                #expect(mkfifo(dir.appendingPathComponent("fifo").path, 0o644) == 0)
                let fifo = try runShell("exec \"$AVAIL\" convert --from gett --to canonical '\(input)' -o fifo", in: dir)
                #expect(fifo == RunResult(exit: 2, stdout: "", stderr: "avail: error: cannot write 'fifo': it is a FIFO, not a regular file; avail writes only regular files\n"))
                #expect(isFIFO(dir.appendingPathComponent("fifo").path), "the FIFO stays a FIFO")
                // A character device (the null device's numbers) where root may make one.
                if mknod(dir.appendingPathComponent("null").path, S_IFCHR | 0o666, dev_t(1 << 8 | 3)) == 0 {
                    let device = try runShell("exec \"$AVAIL\" convert --from gett --to canonical '\(input)' --output null", in: dir)
                    #expect(device == RunResult(exit: 2, stdout: "", stderr: "avail: error: cannot write 'null': it is a character device, not a regular file; avail writes only regular files\n"))
                    var info = stat()
                    #expect(stat(dir.appendingPathComponent("null").path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFCHR)
                    let fix = try runShell("exec \"$AVAIL\" fix --format gett null", in: dir)
                    #expect(fix == RunResult(exit: 2, stdout: "", stderr: "avail: error: cannot fix 'null': it is a character device, not a regular file; avail writes only regular files\n"))
                }
                #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.contains("avail-tmp") } == [])
            }
        }

        func isFIFO(_ path: String) -> Bool {
            var info = stat()
            return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFIFO
        }

        /// `-o` through a symlink writes its target; the mode, owner and group of the replaced file stay.
        @Test func outputKeepsTheLinkTheModeAndTheOwner() throws {
            try withTemporaryDirectory { dir in
                let input = Paths.packageRoot.appendingPathComponent("examples/gett-pause.json").path
                let target = dir.appendingPathComponent("target.json").path
                try "old\n".write(toFile: target, atomically: true, encoding: .utf8)
                #expect(chmod(target, 0o600) == 0)
                let owned = geteuid() == 0 && chown(target, 1234, 1234) == 0
                try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("link.json").path, withDestinationPath: "target.json")
                let r = try runShell("exec \"$AVAIL\" convert --from gett --to canonical --compact '\(input)' -o link.json", in: dir)
                #expect(r == RunResult(exit: 0, stdout: "", stderr: ""))
                let link = try FileManager.default.attributesOfItem(atPath: dir.appendingPathComponent("link.json").path)
                #expect(link[.type] as? FileAttributeType == .typeSymbolicLink, "the link stays a link")
                #expect(try String(contentsOfFile: target, encoding: .utf8).hasPrefix(#"{"state":"paused""#))
                var info = stat()
                #expect(stat(target, &info) == 0)
                #expect(info.st_mode & 0o7777 == 0o600, "mode \(String(info.st_mode & 0o7777, radix: 8))")
                if owned { #expect(info.st_uid == 1234 && info.st_gid == 1234, "owner \(info.st_uid):\(info.st_gid)") }
            }
        }

        /// `fix` run by root on another user's file leaves it theirs, with its mode.
        @Test func fixKeepsTheOwnerAndTheMode() throws {
            try withTemporaryDirectory { dir in
                let path = dir.appendingPathComponent("p.json").path
                try #"{"status": "Paused", "reason": "too_busy"}"#.write(toFile: path, atomically: true, encoding: .utf8)
                #expect(chmod(path, 0o640) == 0)
                let owned = geteuid() == 0 && chown(path, 1234, 1234) == 0
                let r = try runShell("exec \"$AVAIL\" fix --format gett p.json", in: dir)
                #expect(
                    r == RunResult(
                        exit: 0, stdout: "All checks passed.\n", stderr: "p.json:1:12: fixed: write 'paused' [enum_value]\nFixed 1 finding in 1 file.\n"))
                #expect(try String(contentsOfFile: path, encoding: .utf8) == #"{"status": "paused", "reason": "too_busy"}"#)
                var info = stat()
                #expect(stat(path, &info) == 0)
                #expect(info.st_mode & 0o7777 == 0o640)
                if owned { #expect(info.st_uid == 1234 && info.st_gid == 1234, "owner \(info.st_uid):\(info.st_gid)") }
            }
        }

        /// An NDJSON stream to fix: `records` records, every tenth with a fixable
        /// defect, each padded so that fixing takes a while but few records.
        static func stream(records: Int) -> String {
            var text = ""
            for i in 0..<records {
                text += i % 10 == 0 ? #"{"status": "Paused", "reason": "too_busy"}"# : #"{"status": "online"}"#
                text += "\n"
            }
            return text
        }

        /// Waits (up to 20 s) for a file whose name contains `part` to appear in `dir`.
        static func waitFor(_ part: String, in dir: URL) -> Bool {
            for _ in 0..<2000 {
                if (try? FileManager.default.contentsOfDirectory(atPath: dir.path))?.contains(where: { $0.contains(part) }) == true { return true }
                Thread.sleep(forTimeInterval: 0.01)
            }
            return false
        }

        /// A line appended while `fix --ndjson` works is not lost: the file is left as it is, and the run fails.
        @Test func aFileThatChangedWhileItWasFixedIsLeftAlone() throws {
            try withTemporaryDirectory { dir in
                let path = dir.appendingPathComponent("s.ndjson")
                let original = Self.stream(records: 15_000)
                try original.write(to: path, atomically: true, encoding: .utf8)
                let p = Process()
                p.executableURL = Paths.avail
                p.arguments = ["fix", "--format", "gett", "--ndjson", "--now", "2026-01-01T00:00:00Z", "--quiet", "s.ndjson"]
                p.currentDirectoryURL = dir
                let err = Pipe()
                p.standardError = err
                p.standardOutput = FileHandle.nullDevice
                try p.run()
                #expect(Self.waitFor("avail-tmp", in: dir), "the fix writes as it reads")
                let appended = #"{"status": "online"}"# + "\n"
                let handle = try FileHandle(forWritingTo: path)
                try handle.seekToEnd()
                try handle.write(contentsOf: Data(appended.utf8))
                try handle.close()
                let stderr = err.fileHandleForReading.readDataToEndOfFile()
                p.waitUntilExit()
                #expect(p.terminationStatus == 2)
                #expect(String(decoding: stderr, as: UTF8.self).hasSuffix("avail: error: 's.ndjson' changed while it was being fixed (its size or modification time is not what was read); it was left as it is, run again\n"))
                #expect(try String(contentsOf: path, encoding: .utf8) == original + appended)
                #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["s.ndjson"])
            }
        }

        /// Two outputs at once (`-o` and `--rejects`): a signal removes both
        /// temporary files (the handler knew only the last one made). The
        /// same file for both is refused before either is made.
        @Test func aSignalRemovesEveryTemporaryFile() throws {
            try withTemporaryDirectory { dir in
                let (p, input) = try startAvail(
                    ["convert", "--ndjson", "--from", "gett", "--to", "canonical", "-o", "out.ndjson", "--rejects", "rejects.ndjson", "-"], in: dir)
                input.write(Data((#"{"status": "online"}"# + "\n").utf8))
                #expect(Self.waitFor("out.ndjson.avail-tmp", in: dir) && Self.waitFor("rejects.ndjson.avail-tmp", in: dir))
                kill(p.processIdentifier, SIGTERM)
                p.waitUntilExit()
                try? input.close()
                #expect(p.terminationReason == .uncaughtSignal && p.terminationStatus == SIGTERM)
                #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == [], "no temporary file is left")
                let same = try runAvail(["convert", "--ndjson", "--from", "gett", "--to", "canonical", "-o", "x.ndjson", "--rejects", "x.ndjson", "-"], stdin: "", in: dir)
                #expect(same.exit == 2 && same.stderr.hasPrefix("avail: error: --rejects and --output name the same file 'x.ndjson'; the rejected records go to a file of their own\n"))
                #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == [])
            }
        }

        /// Every catchable signal that ends the process removes the temporary file first.
        @Test(arguments: [SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGUSR1, SIGUSR2, SIGPIPE, SIGALRM, SIGXCPU, SIGVTALRM])
        func aSignalRemovesTheTemporaryFile(_ signal: Int32) throws {
            var noCore = rlimit(rlim_cur: 0, rlim_max: 0)
            getrlimit(Int32(RLIMIT_CORE.rawValue), &noCore)
            noCore.rlim_cur = 0
            setrlimit(Int32(RLIMIT_CORE.rawValue), &noCore)
            try withTemporaryDirectory { dir in
                let path = dir.appendingPathComponent("s.ndjson")
                let original = Self.stream(records: 30_000)
                try original.write(to: path, atomically: true, encoding: .utf8)
                let p = Process()
                p.executableURL = Paths.avail
                p.arguments = ["fix", "--format", "gett", "--ndjson", "--now", "2026-01-01T00:00:00Z", "--quiet", "s.ndjson"]
                p.currentDirectoryURL = dir
                p.standardError = FileHandle.nullDevice
                p.standardOutput = FileHandle.nullDevice
                try p.run()
                #expect(Self.waitFor("avail-tmp", in: dir))
                kill(p.processIdentifier, signal)
                p.waitUntilExit()
                #expect(p.terminationReason == .uncaughtSignal && p.terminationStatus == signal, "ended by the same signal")
                #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["s.ndjson"], "no temporary file is left")
                #expect(try String(contentsOf: path, encoding: .utf8) == original)
            }
        }
    }
}
