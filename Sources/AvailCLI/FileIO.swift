import AvailKit

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reading inputs and writing outputs, with plain-words errors (exit code 2).
enum FileIO {
    /// The largest single document `avail` reads: 256 MiB (``Validator/Limits``).
    static let maxDocumentBytes = Validator.Limits().maxDocumentBytes

    /// Display name for messages: the path, or `<stdin>` for `-`.
    static func displayName(_ path: String) -> String { path == "-" ? "<stdin>" : path }

    /// What was read of one input.
    struct Input {
        /// The bytes: all of them, or the first `limit + 1` of an input over the limit.
        var bytes: [UInt8]
        /// The file's state when the read ended (nil for a pipe or stdin): ``OutputFile`` replaces
        /// it only while it is still in that state.
        var snapshot: Snapshot?
    }

    /// What tells a file apart from itself after a change: device and inode,
    /// size and modification time (nanoseconds).
    struct Snapshot: Equatable {
        var device: UInt64
        var inode: UInt64
        var size: Int64
        var seconds: Int
        var nanoseconds: Int

        init(_ info: stat) {
            device = UInt64(info.st_dev)
            inode = UInt64(info.st_ino)
            size = Int64(info.st_size)
            seconds = info.st_mtim.tv_sec
            nanoseconds = info.st_mtim.tv_nsec
        }

        /// The state of the file at `path` (through symlinks), or nil when it cannot be read.
        static func of(_ path: String) -> Snapshot? {
            var info = stat()
            return stat(path, &info) == 0 ? Snapshot(info) : nil
        }
    }

    /// Reads a file, or stdin for `-`, stopping after `limit + 1` bytes: an
    /// input longer than `limit` is reported by the caller as a finding (so
    /// `/dev/zero` costs `limit` bytes, not memory without end).
    static func read(_ path: String, limit: Int = maxDocumentBytes) throws(CLIFailure) -> Input {
        let fd = try openInput(path)
        defer { if fd != 0 { close(fd) } }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while bytes.count <= limit {
            let want = min(chunk.count, limit + 1 - bytes.count)
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, want) }
            if n < 0 {
                if errno == EINTR { continue }
                throw CLIFailure(message: "cannot read '\(displayName(path))': \(errorText())")
            }
            if n == 0 { break }
            bytes.append(contentsOf: chunk[0..<n])
        }
        var info = stat()
        var snapshot = path != "-" && fstat(fd, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG ? Snapshot(info) : nil
        // The size is what was read: a line appended after the read ended makes the file differ from it.
        snapshot?.size = Int64(bytes.count)
        return Input(bytes: bytes, snapshot: snapshot)
    }

    /// ``read(_:limit:)``'s bytes.
    static func readAll(_ path: String, limit: Int = maxDocumentBytes) throws(CLIFailure) -> [UInt8] {
        try read(path, limit: limit).bytes
    }

    /// Opens a file for reading, or stdin for `-`.
    static func openInput(_ path: String) throws(CLIFailure) -> Int32 {
        if path == "-" {
            guard !Terminal.stdinClosed else { throw CLIFailure(message: "cannot read '<stdin>': \(String(cString: strerror(EBADF)))") }
            return 0
        }
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw CLIFailure(message: "cannot read '\(path)': \(errorText())") }
        return fd
    }

    /// Writes `bytes` to `path` atomically (see ``OutputFile``); refuses to overwrite any of `inputs`.
    static func writeAtomically(_ bytes: [UInt8], to path: String, inputs: [String]) throws(CLIFailure) {
        let output = try OutputFile(path: path, inputs: inputs)
        output.sink.write(bytes)
        try output.commit()
    }

    /// Replaces a file's contents atomically (see ``OutputFile``), only while
    /// it is still as `snapshot` saw it.
    static func replaceAtomically(_ bytes: [UInt8], at path: String, unchangedSince snapshot: Snapshot?) throws(CLIFailure) {
        let output = try OutputFile(path: path, inputs: [], unchangedSince: snapshot)
        output.sink.write(bytes)
        try output.commit()
    }

    static func sameFile(_ a: String, _ b: String) -> Bool {
        var sa = stat()
        var sb = stat()
        guard stat(a, &sa) == 0, stat(b, &sb) == 0 else { return false }
        return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino
    }

    static func errorText() -> String { errorText(errno) }

    static func errorText(_ code: Int32) -> String {
        guard let s = strerror(code) else { return "error \(code)" }
        return String(cString: s)
    }

    /// The path a write to `path` really replaces: symlinks followed to their
    /// final target (which may not exist yet), so the link stays a link.
    static func resolvingLinks(_ path: String) throws(CLIFailure) -> String {
        var current = path
        for _ in 0..<40 {
            var info = stat()
            guard lstat(current, &info) == 0, (info.st_mode & S_IFMT) == S_IFLNK else { return current }
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let n = readlink(current, &buffer, buffer.count - 1)
            guard n > 0 else { throw CLIFailure(message: "cannot write '\(path)': \(errorText())") }
            let target = String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            if target.hasPrefix("/") {
                current = target
            } else if let slash = current.lastIndex(of: "/") {
                current = String(current[...slash]) + target
            } else {
                current = target
            }
        }
        throw CLIFailure(message: "cannot write '\(path)': \(errorText(ELOOP))")
    }

    /// What a file type is called in a refusal.
    static func kind(_ mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFCHR: "a character device"
        case S_IFBLK: "a block device"
        case S_IFIFO: "a FIFO"
        case S_IFSOCK: "a socket"
        case S_IFDIR: "a directory"
        default: "not a regular file"
        }
    }

    /// Why `path` (through symlinks) cannot be replaced by a regular file, or nil when it can (or does not exist).
    static func notRegular(_ path: String) -> String? {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) != S_IFREG else { return nil }
        return "it is \(kind(info.st_mode)), not a regular file; avail writes only regular files"
    }
}

/// An output file written through a temporary file beside it and renamed
/// into place when complete: no partial output is ever left under the final
/// name, and the temporary file is removed on every catchable terminating
/// signal (``TemporaryFiles``).
///
/// Only a regular file is replaced (a device, FIFO or socket is refused); a
/// symlink is written through to its target and stays a link; an existing
/// file keeps its mode, and its owner and group where the process may set
/// them; with `unchangedSince`, a file that changed after it was read (a line
/// appended meanwhile) is left alone and the run fails.
final class OutputFile {
    /// The path as given (for messages).
    let path: String
    /// The file replaced: `path` with its symlinks followed.
    let target: String
    let temp: String
    /// Its slot among the files removed on a signal.
    private var tracked: Int?
    /// Buffered writes to the temporary file; a failed write is reported at ``commit()``.
    var sink: Sink
    private let existing: stat?
    /// The state the replaced file must still be in at the rename (what was read of it), if any.
    var unchangedSince: FileIO.Snapshot?

    init(path: String, inputs: [String], unchangedSince: FileIO.Snapshot? = nil, flag: String = "--output") throws(CLIFailure) {
        if inputs.contains(where: { $0 != "-" && FileIO.sameFile($0, path) }) {
            throw CLIFailure(message: "refusing to overwrite the input '\(path)'; choose another \(flag)")
        }
        self.path = path
        target = try FileIO.resolvingLinks(path)
        var info = stat()
        if stat(target, &info) == 0 {
            guard (info.st_mode & S_IFMT) == S_IFREG else {
                throw CLIFailure(message: "cannot write '\(path)': it is \(FileIO.kind(info.st_mode)), not a regular file; avail writes only regular files")
            }
            existing = info
        } else {
            existing = nil
        }
        self.unchangedSince = unchangedSince
        temp = target + ".avail-tmp-\(getpid())"
        tracked = TemporaryFiles.track(temp)
        // Owner-only until complete: the contents of a 0600 file are never readable under the temporary name.
        let fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            let code = errno
            TemporaryFiles.untrack(tracked)
            throw CLIFailure(message: "cannot write '\(path)': \(Self.creationProblem(code, target: target))")
        }
        sink = Sink(fd: fd)
    }

    var fd: Int32 { sink.fd }

    /// Why the temporary file beside `target` could not be made, in words
    /// about the folder when the folder is the problem: the file is written
    /// beside its destination and renamed, so a writable file in a read-only
    /// folder cannot be replaced, and a missing folder is not created.
    private static func creationProblem(_ code: Int32, target: String) -> String {
        let folder = target.lastIndex(of: "/").map { $0 == target.startIndex ? "/" : String(target[..<$0]) } ?? "."
        var info = stat()
        let isFolder = stat(folder, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
        switch code {
        case ENOENT where !isFolder, ENOTDIR where !isFolder:
            return "the folder '\(folder)' does not exist"
        case EACCES, EPERM, EROFS:
            return "the folder '\(folder)' is not writable (\(FileIO.errorText(code))); avail writes beside the file and renames it"
        default:
            return "cannot create a file in '\(folder)' (\(FileIO.errorText(code)))"
        }
    }

    /// Writes what is buffered, syncs, gives the file the replaced file's
    /// owner, group and mode, and renames it into place.
    func commit() throws(CLIFailure) {
        var failure: String? = nil
        if !sink.flush() { failure = FileIO.errorText(sink.failure ?? EIO) }
        if failure == nil {
            if let existing {
                // The owner first: chown clears set-user-ID bits, chmod puts them back.
                if existing.st_uid != geteuid() || existing.st_gid != getegid() {
                    if fchown(fd, existing.st_uid, existing.st_gid) != 0 { _ = fchown(fd, uid_t.max, existing.st_gid) }
                }
                fchmod(fd, existing.st_mode & 0o7777)
            } else {
                let mask = umask(0)
                umask(mask)
                fchmod(fd, 0o644 & ~mask)
            }
            if fsync(fd) != 0 { failure = FileIO.errorText() }
        }
        if close(fd) != 0 && failure == nil { failure = FileIO.errorText() }
        if failure == nil, let unchangedSince, FileIO.Snapshot.of(target) != unchangedSince {
            unlink(temp)
            TemporaryFiles.untrack(tracked)
            throw CLIFailure(message: "'\(path)' changed while it was being fixed (its size or modification time is not what was read); it was left as it is, run again")
        }
        if failure == nil && rename(temp, target) != 0 { failure = FileIO.errorText() }
        TemporaryFiles.untrack(tracked)
        if let failure {
            unlink(temp)
            throw CLIFailure(message: "cannot write '\(path)': \(failure)")
        }
    }

    /// Closes and removes the temporary file.
    func abandon() {
        close(fd)
        unlink(temp)
        TemporaryFiles.untrack(tracked)
    }
}

/// The temporary file of the output being written, removed when a signal
/// ends the process: every catchable signal whose default action terminates
/// it (SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGUSR1, SIGUSR2, SIGPIPE, SIGALRM,
/// the resource and profiling signals, the real-time ones, and the faults).
/// The handler removes the file and lets the signal end the process by its
/// default action (re-raised; a real fault goes back to the runtime's crash
/// handler and repeats). A signal the parent set to be ignored (`nohup`)
/// stays ignored.
enum TemporaryFiles {
    /// The temporary files being written (`-o` and `--rejects` at once: two),
    /// read by the signal handler; a slot is nil when free.
    private static let slotCount = 8
    nonisolated(unsafe) private static var pending: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?> = {
        let slots = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: slotCount)
        slots.initialize(repeating: nil, count: slotCount)
        return slots
    }()
    nonisolated(unsafe) private static var previous: UnsafeMutablePointer<sigaction>? = nil

    /// Signals that a fault raises: returning from the handler repeats the fault.
    private static let faults: [Int32] = [SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP]

    static var signals: [Int32] {
        [SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGUSR1, SIGUSR2, SIGPIPE, SIGALRM, SIGXCPU, SIGXFSZ, SIGVTALRM, SIGPROF, SIGPOLL, SIGPWR,
         SIGSTKFLT, SIGSYS, SIGABRT] + faults + Array(__libc_current_sigrtmin()...__libc_current_sigrtmax())
    }

    /// Adds `path` to the files removed on a signal; the slot it took, for
    /// ``untrack(_:)`` (nil when all are taken: not removed on a signal). The
    /// handler may be reading a name on another thread, so a name is never
    /// freed (a few bytes per output file).
    static func track(_ path: String) -> Int? {
        // The slots exist before the handler that reads them does.
        let slots = pending
        if previous == nil { install() }
        for slot in 0..<slotCount where slots[slot] == nil {
            slots[slot] = strdup(path)
            return slot
        }
        return nil
    }

    /// Removes a file from the files removed on a signal.
    static func untrack(_ slot: Int?) {
        if let slot { pending[slot] = nil }
    }

    private static func install() {
        let saved = UnsafeMutablePointer<sigaction>.allocate(capacity: 65)
        saved.initialize(repeating: sigaction(), count: 65)
        previous = saved
        var set = sigset_t()
        sigemptyset(&set)
        for sig in signals where sig > 0 && sig < 65 {
            var old = sigaction()
            guard sigaction(sig, nil, &old) == 0 else { continue }
            if unsafeBitCast(old.__sigaction_handler.sa_handler, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self) { continue }
            saved[Int(sig)] = old
            var action = sigaction()
            action.__sigaction_handler.sa_sigaction = { sig, info, _ in
                for slot in 0..<TemporaryFiles.slotCount { if let p = TemporaryFiles.pending[slot] { unlink(p) } }
                let isFault = sig == SIGSEGV || sig == SIGBUS || sig == SIGILL || sig == SIGFPE || sig == SIGTRAP
                if isFault && (info?.pointee.si_code ?? 0) > 0, let previous = TemporaryFiles.previous {
                    // A real fault repeats when the handler returns, to the handler
                    // before this one (the Swift runtime's backtrace of a crash).
                    sigaction(sig, previous + Int(sig), nil)
                    return
                }
                // Anything else ends the process as the signal does by default (the
                // runtime's own SIGQUIT handler prints a backtrace and exits 0).
                signal(sig, SIG_DFL)
                raise(sig)
            }
            action.sa_flags = SA_SIGINFO
            sigemptyset(&action.sa_mask)
            sigaction(sig, &action, nil)
            sigaddset(&set, sig)
        }
        // A parent may have started us with these blocked; the cleanup must still run.
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
    }
}
