#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads a text's lines exactly as they are (every byte kept: blank lines,
/// CR LF, a last line without a break) in bounded memory: a line is handed
/// on whole when it is at most `maxLineBytes` long, and a longer one in
/// pieces of at most a chunk as they arrive. Each byte is searched for a
/// line break once. `avail fix --ndjson` reads its streams with it.
struct LineReader {
    /// What the reader hands on.
    enum Event {
        /// A whole line, without its LF (a CR before it stays); `newline` says whether an LF ended it.
        case line(UnsafeBufferPointer<UInt8>, newline: Bool)
        /// A piece of a line longer than the limit: `first` for its start,
        /// `ends` for its last piece (then `newline` says whether an LF ended it).
        case piece(UnsafeBufferPointer<UInt8>, first: Bool, ends: Bool, newline: Bool)
    }

    let chunkBytes: Int
    let maxLineBytes: Int
    /// Bytes read so far.
    private(set) var bytesRead = 0

    init(chunkBytes: Int = 1 << 20, maxLineBytes: Int = 16 << 20) {
        self.chunkBytes = max(1, chunkBytes)
        self.maxLineBytes = max(1, maxLineBytes)
    }

    /// Reads with `read` (which fills the buffer it is given and returns the
    /// count, 0 at the end, or -1 with `errno` set) until the end or until
    /// `body` returns false.
    mutating func run(
        read: (UnsafeMutableRawBufferPointer) -> Int, idle: () -> Void = {}, _ body: (Event) -> Bool
    ) throws(NDJSONPipeline.ReadError) {
        let pending = ByteBuffer(capacity: chunkBytes * 2)
        // Inside a line too long to hold: its bytes are handed on as they come.
        var long = false
        var eof = false
        var first = true
        while !eof {
            // Before a read that may wait: what the lines so far made goes out.
            if !first { idle() }
            first = false
            // Bytes already held were searched when they came: none is a line break.
            let scanned = pending.count
            let n = pending.fill(chunkBytes, with: read)
            if n < 0 {
                if errno == EINTR { continue }
                throw NDJSONPipeline.ReadError(errno: errno)
            }
            if n == 0 { eof = true }
            bytesRead += max(n, 0)
            let buf = pending.bytes
            var consumed = 0
            var from = scanned
            while let lf = pending.first(0x0A, from: from) {
                let text = UnsafeBufferPointer(rebasing: buf[consumed..<lf])
                let event: Event = long ? .piece(text, first: false, ends: true, newline: true) : .line(text, newline: true)
                long = false
                consumed = lf + 1
                from = consumed
                guard body(event) else { return }
            }
            let rest = UnsafeBufferPointer(rebasing: buf[consumed...])
            if long {
                // More of a long line: handed on at once, nothing held.
                if !rest.isEmpty || eof {
                    guard body(.piece(rest, first: false, ends: eof, newline: false)) else { return }
                }
                consumed = buf.count
            } else if eof {
                if !rest.isEmpty {
                    let event: Event = rest.count > maxLineBytes ? .piece(rest, first: true, ends: true, newline: false) : .line(rest, newline: false)
                    guard body(event) else { return }
                }
                consumed = buf.count
            } else if rest.count > maxLineBytes {
                long = true
                guard body(.piece(rest, first: true, ends: false, newline: false)) else { return }
                consumed = buf.count
            }
            pending.consume(consumed)
        }
    }
}
