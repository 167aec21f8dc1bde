#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A buffered writer to a file descriptor.
struct Sink {
    var fd: Int32
    var buffer: [UInt8] = []
    static let flushThreshold = 1 << 16

    init(fd: Int32) {
        self.fd = fd
        buffer.reserveCapacity(Self.flushThreshold * 2)
    }

    mutating func write(_ bytes: some Sequence<UInt8>) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= Self.flushThreshold { flush() }
    }

    /// Writes everything buffered; false when the descriptor refused it.
    @discardableResult
    mutating func flush() -> Bool {
        defer { buffer.removeAll(keepingCapacity: true) }
        return buffer.withUnsafeBufferPointer { Self.writeAll($0, fd: fd) }
    }

    static func writeAll(_ bytes: UnsafeBufferPointer<UInt8>, fd: Int32) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        var done = 0
        while done < bytes.count {
            let n = Glibc.write(fd, base + done, bytes.count - done)
            if n < 0 {
                if errno == EINTR { continue }
                return false
            }
            done += n
        }
        return true
    }
}

/// Buffered stdout and stderr for the command (used from the main thread only).
/// Output goes to `out`, which `--output` points at a temporary file.
enum Terminal {
    nonisolated(unsafe) static var out = Sink(fd: 1)
    nonisolated(unsafe) static var err = Sink(fd: 2)

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

    static func flush() {
        out.flush()
        err.flush()
    }
}
