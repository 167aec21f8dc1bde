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

    /// Writes `bytes` to `path` atomically: a temporary file beside it, then rename.
    /// Refuses to overwrite any of `inputs`.
    static func writeAtomically(_ bytes: [UInt8], to path: String, inputs: [String]) throws(CLIFailure) {
        if inputs.contains(where: { $0 != "-" && sameFile($0, path) }) {
            throw CLIFailure(message: "refusing to overwrite the input '\(path)'; choose another --output")
        }
        let temp = path + ".avail-tmp-\(getpid())"
        let fd = open(temp, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard fd >= 0 else { throw CLIFailure(message: "cannot write '\(path)': \(errorText())") }
        var written = 0
        var failure: String? = nil
        bytes.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return }
            while written < raw.count {
                let n = write(fd, base + written, raw.count - written)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = errorText()
                    return
                }
                written += n
            }
        }
        if failure == nil && fsync(fd) != 0 { failure = errorText() }
        close(fd)
        if failure == nil && rename(temp, path) != 0 { failure = errorText() }
        if let failure {
            unlink(temp)
            throw CLIFailure(message: "cannot write '\(path)': \(failure)")
        }
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
