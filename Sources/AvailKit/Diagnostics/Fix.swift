#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A repair a finding carries: byte edits to the input it was found in.
///
/// `safe` fixes keep the meaning and change only the spelling (milliseconds
/// that are whole seconds written as seconds, a BOM removed, a YAML 1.1
/// ambiguous scalar quoted); `unsafe` fixes are a guess (a did-you-mean, a
/// read-only field removed) and apply only with `--unsafe-fixes`.
public struct Fix: Hashable, Sendable {
    /// Whether a fix may be applied without review.
    public enum Safety: String, Sendable, Hashable, CaseIterable {
        /// Keeps the document's meaning (quoting a YAML `NO`, re-writing a timestamp); `avail fix` applies it.
        case safe
        /// Changes what the document says (drops a field, picks a did-you-mean); applied only with `--unsafe-fixes`.
        case unsafe
    }

    /// Whether the fix may be applied without review.
    public var safety: Safety
    /// What the fix does, for reports ("write 1571097600 (seconds)").
    public var title: String
    /// Non-overlapping edits, in the input's byte offsets.
    public var edits: [Edit]

    /// A fix made of `edits`, described by `title` ("quote 'NO'").
    public init(_ safety: Safety, _ title: String, edits: [Edit]) {
        self.safety = safety
        self.title = title
        self.edits = edits
    }

    /// One replacement of a byte range.
    public struct Edit: Hashable, Sendable {
        /// The input bytes replaced.
        public var range: Range<Int>
        /// The bytes written in their place (empty to delete).
        public var replacement: [UInt8]

        /// Replaces the bytes in `range` with the UTF-8 of `replacement`.
        public init(_ range: Range<Int>, _ replacement: String) {
            self.range = range
            self.replacement = Array(replacement.utf8)
        }
    }

    /// The same fix for an input that starts `offset` bytes further on (an NDJSON record in its stream).
    public func shifted(by offset: Int) -> Fix {
        var f = self
        f.edits = edits.map { Edit(($0.range.lowerBound + offset)..<($0.range.upperBound + offset), $0.replacement) }
        return f
    }
}

extension Fix.Edit {
    init(_ range: Range<Int>, _ replacement: [UInt8]) {
        self.range = range
        self.replacement = replacement
    }
}

extension Finding {
    /// The finding with a fix attached.
    public func fixing(_ fix: Fix?) -> Finding {
        var f = self
        f.fix = fix
        return f
    }
}

/// Applies fixes to bytes: each fix's edits all or none, a fix that overlaps
/// one already taken waits for the next pass.
public enum FixApplier {
    /// The bytes with every applicable fix of `findings` applied, and the fixes applied.
    public static func apply(_ findings: [Finding], to bytes: [UInt8], unsafe: Bool) -> (bytes: [UInt8], applied: [Finding]) {
        // Candidates in the order of their first byte, so one pass with the
        // furthest end taken so far finds every overlap: O(n log n) however
        // many fixes a document has.
        var candidates: [(start: Int, end: Int, finding: Finding)] = []
        for f in findings {
            guard let fix = f.fix, fix.safety == .safe || unsafe, !fix.edits.isEmpty,
                fix.edits.allSatisfy({ $0.range.lowerBound >= 0 && $0.range.upperBound <= bytes.count })
            else { continue }
            let start = fix.edits.map(\.range.lowerBound).min() ?? 0
            let end = fix.edits.map(\.range.upperBound).max() ?? 0
            candidates.append((start, end, f))
        }
        candidates.sort { $0.start < $1.start }
        var taken: [Finding] = []
        var reach = -1
        for c in candidates {
            // Touching ranges conflict too: two insertions at one offset have no order.
            guard c.start > reach else { continue }
            taken.append(c.finding)
            reach = c.end
        }
        guard !taken.isEmpty else { return (bytes, []) }
        var edits = taken.flatMap { $0.fix?.edits ?? [] }
        edits.sort { $0.range.lowerBound < $1.range.lowerBound }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var cursor = 0
        for e in edits {
            out += bytes[cursor..<e.range.lowerBound]
            out += e.replacement
            cursor = e.range.upperBound
        }
        out += bytes[cursor...]
        return (out, taken)
    }
}

/// Byte offsets of a text's line:column positions (columns count Unicode
/// scalars, as ``SourceLocation`` does), for fixes found by position (YAML).
///
/// Lines end where libyaml ends them, so its marks and these offsets agree:
/// at LF, CR LF or a lone CR (old Mac files, mixed endings), and at NEL
/// (U+0085), LINE SEPARATOR (U+2028) and PARAGRAPH SEPARATOR (U+2029).
public struct LineOffsets: Sendable {
    private let bytes: [UInt8]
    /// Where each line starts, and where its text ends (before its break).
    private var starts: [Int] = [0]
    private var ends: [Int] = []

    /// Indexes the line starts of `bytes`.
    public init(_ bytes: [UInt8]) {
        self.bytes = bytes
        bytes.withUnsafeBufferPointer { buf in
            guard let base = buf.baseAddress else {
                ends.append(0)
                return
            }
            let n = buf.count
            // Text without CR and without the lead bytes of NEL, LS and PS (nearly
            // every file) breaks only at LF: found with memchr, not byte by byte.
            if memchr(base, 0x0D, n) == nil && memchr(base, 0xC2, n) == nil && memchr(base, 0xE2, n) == nil {
                var from = 0
                while from < n, let hit = memchr(base + from, 0x0A, n - from) {
                    let i = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                    ends.append(i)
                    starts.append(i + 1)
                    from = i + 1
                }
                ends.append(n)
                return
            }
            var i = 0
            while i < n {
                let b = buf[i]
                // Every break starts with one of these three bytes; anything else moves on at once.
                guard b == 0x0A || b == 0x0D || b == 0xC2 || b == 0xE2 else {
                    i += 1
                    continue
                }
                var length = 0
                if b == 0x0A {
                    length = 1
                } else if b == 0x0D {
                    length = i + 1 < n && buf[i + 1] == 0x0A ? 2 : 1
                } else if b == 0xC2 {
                    if i + 1 < n && buf[i + 1] == 0x85 { length = 2 }
                } else if i + 2 < n && buf[i + 1] == 0x80 && (buf[i + 2] == 0xA8 || buf[i + 2] == 0xA9) {
                    length = 3
                }
                if length == 0 {
                    i += 1
                    continue
                }
                ends.append(i)
                starts.append(i + length)
                i += length
            }
            ends.append(n)
        }
    }

    /// The number of lines (a text ending in a line break has an empty last line).
    public var lineCount: Int { starts.count }

    /// The byte offset where 0-based line `index` starts.
    public func start(ofLine index: Int) -> Int { starts[index] }

    /// The byte offset where the text of 0-based line `index` ends (before its line break).
    public func end(ofLine index: Int) -> Int { ends[index] }

    /// The 0-based line holding byte `offset` (the last line for an offset past the end).
    public func line(containing offset: Int) -> Int {
        var lo = 0
        var hi = starts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if starts[mid] <= offset { lo = mid } else { hi = mid - 1 }
        }
        return lo
    }

    /// The 1-based line and column of byte `offset` (columns count Unicode scalars).
    public func location(atOffset offset: Int) -> SourceLocation {
        let offset = max(0, min(offset, bytes.count))
        let line = line(containing: offset)
        var column = 1
        var i = starts[line]
        while i < offset {
            if bytes[i] & 0xC0 != 0x80 { column += 1 }
            i += 1
        }
        return SourceLocation(line: line + 1, column: column, offset: offset)
    }

    /// The byte offset of a 1-based line and column, if the text has it.
    public func offset(of location: SourceLocation) -> Int? {
        guard location.line >= 1, location.line <= starts.count, location.column >= 1 else { return nil }
        var i = starts[location.line - 1]
        let end = ends[location.line - 1]
        var column = 1
        while column < location.column {
            guard i < end else { return nil }
            i += 1
            while i < end, bytes[i] & 0xC0 == 0x80 { i += 1 }
            column += 1
        }
        return i
    }

    /// The range of `text` at `location` when the input has exactly those bytes there.
    public func range(of text: String, at location: SourceLocation) -> Range<Int>? {
        guard let start = offset(of: location) else { return nil }
        let t = Array(text.utf8)
        guard start + t.count <= bytes.count, Array(bytes[start..<(start + t.count)]) == t else { return nil }
        return start..<(start + t.count)
    }
}

/// Fixes a document until no applicable fix is left: check, apply the fixes
/// that do not overlap, check again. A pass that applies nothing, or the
/// eighth pass, ends it.
public enum Fixer {
    /// What a fixing run did: the fixed bytes, the fixes applied and what is left.
    public struct Outcome: Sendable {
        /// The fixed bytes (the input's when nothing applied).
        public var bytes: [UInt8]
        /// The findings whose fixes were applied, pass by pass.
        public var applied: [Finding]
        /// What a check of the fixed bytes still finds.
        public var remaining: [Finding]

        /// Whether any fix was applied.
        public var changed: Bool { !applied.isEmpty }
    }

    /// The most check-and-apply passes a run makes.
    public static let maxPasses = 8

    /// Fixes `bytes` with the fixes `check` finds (unsafe ones only when `unsafe`), pass after pass, and returns the
    /// result; the input array is not changed.
    public static func run(_ bytes: [UInt8], unsafe: Bool, check: ([UInt8]) -> [Finding]) -> Outcome {
        var current = bytes
        var applied: [Finding] = []
        var findings = check(current)
        for _ in 0..<maxPasses {
            let (next, taken) = FixApplier.apply(findings, to: current, unsafe: unsafe)
            guard !taken.isEmpty else { break }
            applied += taken
            current = next
            findings = check(current)
        }
        return Outcome(bytes: current, applied: applied, remaining: findings)
    }
}

extension Validator {
    /// The payload with its fixable findings fixed, and what is left. Fixes
    /// that would change what a readable payload means (``MeaningCheck``) are
    /// not applied: the payload is left as it was, with a `meaning_changed` finding.
    public func fix(_ bytes: [UInt8], unsafe: Bool) -> Fixer.Outcome {
        let outcome = Fixer.run(bytes, unsafe: unsafe) { validate($0) }
        guard outcome.changed, case .success(let before) = MeaningCheck.reading(bytes, as: format, options: decodingOptions) else { return outcome }
        let location = outcome.applied.first?.location ?? .none
        guard let change = MeaningCheck.check(outcome.bytes, of: format, against: before, losses: [], options: decodingOptions, at: location)
        else { return outcome }
        var refused = change
        refused.message = "the fixes were not applied: " + change.message.replacingOccurrences(of: "the \(format.id) output", with: "the fixed payload")
        return Fixer.Outcome(bytes: bytes, applied: [], remaining: validate(bytes) + [refused])
    }

    /// An NDJSON stream with each line fixed as its own payload; line breaks
    /// and empty lines stay as they are (``NDJSONFixer``, over bytes in memory).
    public func fixLines(_ bytes: [UInt8], unsafe: Bool) -> Fixer.Outcome {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var applied: [Finding] = []
        var remaining: [Finding] = []
        _ = NDJSONFixer(validator: self, unsafe: unsafe).run(
            bytes,
            line: { line in
                line.write(into: &out)
                return true
            },
            record: { left, fixed in
                remaining += left
                applied += fixed
            })
        return Fixer.Outcome(bytes: out, applied: applied, remaining: remaining)
    }
}
