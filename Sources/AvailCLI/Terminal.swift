import AvailKit

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A buffered writer to a file descriptor that remembers its first failure.
///
/// Every byte `avail` writes (stdout, stderr, output and temporary files)
/// goes through one of these: a failed or short write (a full disk, a closed
/// descriptor, an I/O error) is recorded once, later writes are dropped, and
/// the command's end reports it (``Terminal/finish(_:)``, exit code 2).
struct Sink {
    var fd: Int32
    private var buffer: [UInt8] = []
    /// The `errno` of the first write that failed, if one did.
    private(set) var failure: Int32?
    /// The descriptor was closed when `avail` started (its slot now holds
    /// /dev/null, so no file opened later lands there): the first byte
    /// written fails with `EBADF`.
    var closedAtStart = false
    static let flushThreshold = 1 << 16

    init(fd: Int32) {
        self.fd = fd
        buffer.reserveCapacity(Self.flushThreshold * 2)
    }

    /// Whether a write has failed: the rest of the run's output is lost, so streams stop early.
    var failed: Bool { failure != nil }

    mutating func write(_ bytes: some Sequence<UInt8>) {
        guard failure == nil else { return }
        buffer.append(contentsOf: bytes)
        if buffer.count >= Self.flushThreshold { flush() }
    }

    /// Writes `bytes`; a large piece goes straight to the descriptor instead of through the buffer.
    mutating func write(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard failure == nil else { return }
        if bytes.count >= Self.flushThreshold {
            guard flush() else { return }
            put(bytes)
            return
        }
        buffer.append(contentsOf: bytes)
        if buffer.count >= Self.flushThreshold { flush() }
    }

    /// Writes everything buffered; false when this or an earlier write failed.
    @discardableResult
    mutating func flush() -> Bool {
        guard failure == nil else {
            buffer.removeAll(keepingCapacity: true)
            return false
        }
        if !buffer.isEmpty {
            buffer.withUnsafeBufferPointer { put($0) }
            buffer.removeAll(keepingCapacity: true)
        }
        return failure == nil
    }

    private mutating func put(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard !bytes.isEmpty else { return }
        if closedAtStart {
            failure = EBADF
            return
        }
        if let error = Self.writeAll(bytes, fd: fd) { failure = error }
    }

    /// Writes all of `bytes` to `fd`, retrying interrupted and short writes;
    /// the `errno` of a failure, or nil.
    static func writeAll(_ bytes: UnsafeBufferPointer<UInt8>, fd: Int32) -> Int32? {
        guard let base = bytes.baseAddress else { return nil }
        var done = 0
        while done < bytes.count {
            let n = Glibc.write(fd, base + done, bytes.count - done)
            if n < 0 {
                if errno == EINTR { continue }
                return errno
            }
            // write(2) returns 0 for a non-empty buffer only when nothing more can be written.
            if n == 0 { return EIO }
            done += n
        }
        return nil
    }
}

/// Buffered stdout and stderr for the command (used from the main thread only).
/// Output goes to `out`, which `--output` points at a temporary file.
enum Terminal {
    nonisolated(unsafe) static var out = Sink(fd: 1)
    nonisolated(unsafe) static var err = Sink(fd: 2)
    /// Standard input was closed when `avail` started.
    nonisolated(unsafe) static var stdinClosed = false

    /// Fills a closed standard descriptor with /dev/null, so a file `avail`
    /// opens cannot take its number (and receive what was meant for stdout);
    /// the writer for a closed stdout or stderr then fails at its first byte.
    static func start() {
        for fd in Int32(0)...2 where fcntl(fd, F_GETFD) == -1 && errno == EBADF {
            let null = open("/dev/null", fd == 0 ? O_RDONLY : O_WRONLY)
            if null >= 0 && null != fd {
                dup2(null, fd)
                close(null)
            }
            switch fd {
            case 0: stdinClosed = true
            case 1: out.closedAtStart = true
            default: err.closedAtStart = true
            }
        }
    }

    static func write(_ text: String) { out.write(text.utf8) }
    static func write(bytes: [UInt8]) { out.write(bytes) }

    /// Buffered stderr, flushed at the threshold and at exit.
    static func bufferError(_ text: String) { err.write(text.utf8) }

    /// Unbuffered stderr (after flushing stdout, so the two stay in order).
    static func writeError(_ text: String) {
        out.flush()
        err.write(text.utf8)
        err.flush()
    }

    /// A usage or I/O error on stderr: `avail: error: MESSAGE`, its control characters escaped.
    static func reportError(_ message: String) {
        writeError("avail: error: \(TerminalText.escaped(message))\n")
    }

    /// Writes what stdout and stderr buffered (a stream does it before waiting on a live pipe).
    static func flushBoth() {
        out.flush()
        err.flush()
    }

    static func flush() {
        out.flush()
        err.flush()
    }

    /// Flushes both streams and gives the run's exit code: `code`, or 2 when
    /// a write failed (said once on stderr). A closed pipe on stdout or
    /// stderr (`EPIPE`) is remembered for ``exit(_:)``.
    static func finish(_ code: Int32) -> Int32 {
        out.flush()
        err.flush()
        if out.failure == EPIPE || err.failure == EPIPE { return 2 }
        if let failure = out.failure {
            err.write("avail: error: cannot write to standard output: \(String(cString: strerror(failure)))\n".utf8)
            err.flush()
            return 2
        }
        if err.failure != nil { return 2 }
        return code
    }

    /// Ends the process with `code`. A closed pipe on stdout or stderr ends
    /// it as SIGPIPE does by default: quietly, by that signal.
    static func exit(_ code: Int32) -> Never {
        if out.failure == EPIPE || err.failure == EPIPE {
            signal(SIGPIPE, SIG_DFL)
            var set = sigset_t()
            sigemptyset(&set)
            sigaddset(&set, SIGPIPE)
            pthread_sigmask(SIG_UNBLOCK, &set, nil)
            raise(SIGPIPE)
        }
        Glibc.exit(code)
    }

    /// Points stdout and stderr at `out` and `err` (descriptors the caller
    /// owns) for one in-process run, and back to 1 and 2 after it.
    static func capturing<T>(out outFD: Int32, err errFD: Int32, _ body: () -> T) -> T {
        let saved = (out, err)
        out = Sink(fd: outFD)
        err = Sink(fd: errFD)
        defer { (out, err) = saved }
        return body()
    }
}
