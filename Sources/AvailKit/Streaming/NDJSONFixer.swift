#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Fixes an NDJSON stream line by line in bounded memory, as `convert`
/// streams: each non-blank line is fixed as its own payload and handed on at
/// once with the findings left in it; blank lines, CR LF endings and a last
/// line without a break stay as they are. A line longer than
/// ``Validator/Limits/maxRecordBytes`` is handed on unchanged, in pieces,
/// with a `record_too_large` finding. Memory holds one line (at most the
/// limit and a chunk), whatever the stream's length.
public struct NDJSONFixer {
    /// One line of the stream, as fixing left it.
    public enum Line {
        /// A line read whole: its text without the LF (a CR before it stays),
        /// the fixed text when a fix changed it, and whether an LF ended it.
        case line(old: UnsafeBufferPointer<UInt8>, new: [UInt8]?, newline: Bool)
        /// A piece of a line too long to fix, unchanged; `ends` for its last
        /// piece (then `newline` says whether an LF ended it).
        case piece(UnsafeBufferPointer<UInt8>, ends: Bool, newline: Bool)
    }

    /// What a run did.
    public struct Summary: Sendable {
        /// Fixes applied over the stream.
        public var applied = 0
        /// Lines whose text a fix changed.
        public var changedLines = 0
        /// Bytes read.
        public var bytesRead = 0
    }

    /// The validator each line is checked and fixed with (its limits bound the lines).
    public let validator: Validator
    /// Whether unsafe fixes apply (`--unsafe-fixes`).
    public let unsafe: Bool
    /// Bytes read at a time.
    public var chunkBytes = 1 << 20

    /// A fixer for `validator`'s format.
    public init(validator: Validator, unsafe: Bool) {
        self.validator = validator
        self.unsafe = unsafe
    }

    /// Fixes the stream read from `fd` (to its end, or until `line` returns
    /// false); each line goes to `line` in order, and for each record the
    /// findings left in it (placed in the whole stream, without fixes) and
    /// the fixes applied to it go to `record`.
    /// Before each read of a live pipe, `idle` runs (the caller writes out
    /// what it holds), so a producer that waits gets the lines so far.
    public func run(
        fd: Int32, line: (Line) -> Bool, record: (_ remaining: [Finding], _ applied: [Finding]) -> Void, idle: () -> Void = {}
    ) throws(NDJSONPipeline.ReadError) -> Summary {
        let live = !NDJSONPipeline.isRegularFile(fd)
        return try run(read: { Glibc.read(fd, $0.baseAddress, $0.count) }, line: line, remaining: record, idle: live ? idle : {})
    }

    /// ``run(fd:line:record:idle:)`` over bytes in memory.
    public func run(_ bytes: [UInt8], line: (Line) -> Bool, record: (_ remaining: [Finding], _ applied: [Finding]) -> Void) -> Summary {
        let remaining = record
        var position = 0
        let summary = try? run(
            read: { buffer in
                let n = min(buffer.count, bytes.count - position)
                if n > 0, let base = buffer.baseAddress {
                    bytes.withUnsafeBytes { source in
                        if let from = source.baseAddress { base.copyMemory(from: from + position, byteCount: n) }
                    }
                }
                position += n
                return n
            }, line: line, remaining: remaining)
        return summary ?? Summary()
    }

    func run(
        read: (UnsafeMutableRawBufferPointer) -> Int, line: (Line) -> Bool, remaining: ([Finding], [Finding]) -> Void,
        idle: () -> Void = {}
    ) throws(NDJSONPipeline.ReadError) -> Summary {
        let limit = validator.limits.maxRecordBytes
        var reader = LineReader(chunkBytes: chunkBytes, maxLineBytes: limit)
        var summary = Summary()
        var lineNumber = 0
        var recordNumber = 0
        func tooLong(at line: Int) {
            recordNumber += 1
            let f = Finding(
                ruleID: "record_too_large", severity: .error,
                message: "the record is longer than \(ByteSize.text(limit)); it is not read", location: SourceLocation(line: line, column: 1),
                pointer: "", record: recordNumber)
            remaining(validator.settings.apply([f]), [])
        }
        try reader.run(read: read, idle: idle) { event in
            switch event {
            case .piece(let bytes, let first, let ends, let newline):
                if first {
                    lineNumber += 1
                    tooLong(at: lineNumber)
                }
                return line(.piece(bytes, ends: ends, newline: newline))
            case .line(let text, let newline):
                lineNumber += 1
                var content = text.count
                if content > 0 && text[content - 1] == 0x0D { content -= 1 }
                let record = UnsafeBufferPointer(rebasing: text[0..<content])
                if record.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return line(.line(old: text, new: nil, newline: newline)) }
                // Read whole past the limit (the chunk that brought its end): not fixed, as any too long record.
                if record.count > limit {
                    tooLong(at: lineNumber)
                    return line(.line(old: text, new: nil, newline: newline))
                }
                recordNumber += 1
                let outcome = validator.fix(Array(record), unsafe: unsafe)
                summary.applied += outcome.applied.count
                var fixed: [UInt8]? = nil
                if outcome.changed {
                    summary.changedLines += 1
                    fixed = outcome.bytes + (content < text.count ? [0x0D] : [])
                }
                if !outcome.remaining.isEmpty || outcome.changed {
                    let number = recordNumber
                    let at = lineNumber
                    // Both placed in the whole stream: the record's number, and its line in the file.
                    func placed(_ f: Finding) -> Finding {
                        var f = f
                        f.place(record: number, line: at)
                        return f
                    }
                    remaining(outcome.remaining.map { f in
                        var f = placed(f)
                        f.fix = nil
                        return f
                    }, outcome.applied.map(placed))
                }
                return line(.line(old: text, new: fixed, newline: newline))
            }
        }
        summary.bytesRead = reader.bytesRead
        return summary
    }
}

extension NDJSONFixer.Line {
    /// The line as written to the fixed stream: its text (fixed or not) and its LF.
    public func write(into out: inout [UInt8]) {
        switch self {
        case .line(let old, let new, let newline):
            if let new { out += new } else { out.append(contentsOf: old) }
            if newline { out.append(0x0A) }
        case .piece(let bytes, let ends, let newline):
            out.append(contentsOf: bytes)
            if ends && newline { out.append(0x0A) }
        }
    }
}
