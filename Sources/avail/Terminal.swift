#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Buffered writes to stdout, unbuffered to stderr (stdout is flushed first,
/// so the two interleave in order). Used from the main thread only.
enum Terminal {
    nonisolated(unsafe) private static var buffer: [UInt8] = []
    private static let flushThreshold = 1 << 16

    static func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= flushThreshold { flushOutput() }
    }

    static func write(bytes: [UInt8]) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= flushThreshold { flushOutput() }
    }

    static func writeError(_ text: String) {
        flushOutput()
        var t = text
        t.withUTF8 { writeAll($0, fd: 2) }
    }

    static func flushOutput() {
        buffer.withUnsafeBufferPointer { writeAll($0, fd: 1) }
        buffer.removeAll(keepingCapacity: true)
    }

    static func flush() { flushOutput() }

    private static func writeAll(_ bytes: UnsafeBufferPointer<UInt8>, fd: Int32) {
        guard let base = bytes.baseAddress else { return }
        var done = 0
        while done < bytes.count {
            let n = Glibc.write(fd, base + done, bytes.count - done)
            if n < 0 {
                if errno == EINTR { continue }
                return
            }
            done += n
        }
    }
}
