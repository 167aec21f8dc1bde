#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reading inputs and writing outputs, with plain-words errors (exit code 2).
enum FileIO {
    /// The largest single document `avail` reads: 256 MiB.
    static let maxDocumentBytes = 256 << 20

    /// Display name for messages: the path, or `<stdin>` for `-`.
    static func displayName(_ path: String) -> String { path == "-" ? "<stdin>" : path }

    /// Reads a whole file, or stdin for `-`.
    static func readAll(_ path: String) throws(CLIFailure) -> [UInt8] {
        let fd: Int32
        if path == "-" {
            fd = 0
        } else {
            fd = open(path, O_RDONLY)
            guard fd >= 0 else { throw CLIFailure(message: "cannot read '\(path)': \(errorText())") }
        }
        defer { if fd != 0 { close(fd) } }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw CLIFailure(message: "cannot read '\(displayName(path))': \(errorText())")
            }
            if n == 0 { break }
            bytes.append(contentsOf: chunk[0..<n])
            if bytes.count > maxDocumentBytes {
                throw CLIFailure(message: "'\(displayName(path))' is larger than \(maxDocumentBytes >> 20) MiB; split it or use --ndjson")
            }
        }
        return bytes
    }

    /// Opens a file for reading, or stdin for `-`.
    static func openInput(_ path: String) throws(CLIFailure) -> Int32 {
        if path == "-" { return 0 }
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw CLIFailure(message: "cannot read '\(path)': \(errorText())") }
        return fd
    }

    /// Writes `bytes` to `path` atomically (see ``AtomicOutput``); refuses to overwrite any of `inputs`.
    static func writeAtomically(_ bytes: [UInt8], to path: String, inputs: [String]) throws(CLIFailure) {
        let output = try AtomicOutput(path: path, inputs: inputs)
        guard bytes.withUnsafeBufferPointer({ Sink.writeAll($0, fd: output.fd) }) else {
            let reason = errorText()
            output.abandon()
            throw CLIFailure(message: "cannot write '\(path)': \(reason)")
        }
        try output.commit()
    }

    /// Replaces a file's contents atomically, keeping its permissions: a
    /// temporary file beside the real file (a symlink is resolved, so the link
    /// stays a link) is renamed over it; the temporary name is created
    /// exclusively, so no planted link there is followed.
    static func replaceAtomically(_ bytes: [UInt8], at path: String) throws(CLIFailure) {
        guard let resolved = realpath(path, nil) else { throw CLIFailure(message: "cannot write '\(path)': \(errorText())") }
        let target = String(cString: resolved)
        free(resolved)
        var info = stat()
        guard stat(target, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            throw CLIFailure(message: "cannot write '\(path)': not a regular file")
        }
        let output = try AtomicOutput(path: target, inputs: [])
        fchmod(output.fd, info.st_mode & 0o7777)
        guard bytes.withUnsafeBufferPointer({ Sink.writeAll($0, fd: output.fd) }) else {
            let reason = errorText()
            output.abandon()
            throw CLIFailure(message: "cannot write '\(path)': \(reason)")
        }
        try output.commit()
    }

    static func sameFile(_ a: String, _ b: String) -> Bool {
        var sa = stat()
        var sb = stat()
        guard stat(a, &sa) == 0, stat(b, &sb) == 0 else { return false }
        return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino
    }

    static func errorText() -> String {
        guard let s = strerror(errno) else { return "error \(errno)" }
        return String(cString: s)
    }
}

/// An output file written through a temporary file beside it and renamed into
/// place when complete; an interrupted run (SIGINT, SIGTERM) removes the
/// temporary file, so no partial output is ever left under the final name.
struct AtomicOutput {
    let path: String
    let temp: String
    let fd: Int32

    init(path: String, inputs: [String]) throws(CLIFailure) {
        if inputs.contains(where: { $0 != "-" && FileIO.sameFile($0, path) }) {
            throw CLIFailure(message: "refusing to overwrite the input '\(path)'; choose another --output")
        }
        self.path = path
        self.temp = path + ".avail-tmp-\(getpid())"
        let fd = open(temp, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard fd >= 0 else { throw CLIFailure(message: "cannot write '\(path)': \(FileIO.errorText())") }
        self.fd = fd
        AtomicOutput.installCleanup(temp)
    }

    /// fsync, close and rename into place.
    func commit() throws(CLIFailure) {
        var failure: String? = nil
        if fsync(fd) != 0 { failure = FileIO.errorText() }
        close(fd)
        if failure == nil && rename(temp, path) != 0 { failure = FileIO.errorText() }
        AtomicOutput.pendingTemp = nil
        if let failure {
            unlink(temp)
            throw CLIFailure(message: "cannot write '\(path)': \(failure)")
        }
    }

    func abandon() {
        close(fd)
        unlink(temp)
        AtomicOutput.pendingTemp = nil
    }

    nonisolated(unsafe) static var pendingTemp: UnsafeMutablePointer<CChar>? = nil

    static func installCleanup(_ temp: String) {
        pendingTemp = strdup(temp)
        let handler: @convention(c) (Int32) -> Void = { sig in
            if let p = AtomicOutput.pendingTemp { unlink(p) }
            signal(sig, SIG_DFL)
            raise(sig)
        }
        signal(SIGINT, handler)
        signal(SIGTERM, handler)
        signal(SIGPIPE, handler)
        // A parent may have started us with these blocked; the cleanup must still run.
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGINT)
        sigaddset(&set, SIGTERM)
        sigaddset(&set, SIGPIPE)
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
    }
}
