/// A unified diff (`diff -u` format, three lines of context) of two texts, for
/// `avail fix --diff`.
public enum UnifiedDiff {
    enum Op: Equatable {
        case same(Int, Int)
        case removed(Int)
        case added(Int)
    }

    /// Above this many cells the middle is shown as removed and added whole
    /// instead of aligned line by line (fixes touch few lines, so it is rare).
    static let maxCells = 4_000_000

    /// The diff, or "" when the texts are equal.
    public static func render(old: [UInt8], new: [UInt8], oldName: String, newName: String) -> String {
        guard old != new else { return "" }
        let a = lines(old)
        let b = lines(new)
        let ops = script(a.map { $0.text + ($0.newline ? "\n" : "") }, b.map { $0.text + ($0.newline ? "\n" : "") })
        var out = "--- \(oldName)\n+++ \(newName)\n"
        var i = 0
        while i < ops.count {
            // The next change, with up to three lines of context on each side.
            guard let first = ops[i...].firstIndex(where: { if case .same = $0 { return false } else { return true } }) else { break }
            var start = first
            var context = 0
            while start > i, context < 3, case .same = ops[start - 1] {
                start -= 1
                context += 1
            }
            var end = first
            var trailing = 0
            while end < ops.count {
                if case .same = ops[end] {
                    trailing += 1
                    // Two changes closer than seven lines share a hunk.
                    if trailing > 6 { break }
                } else {
                    trailing = 0
                }
                end += 1
            }
            end -= max(0, trailing - 3)
            let hunk = ops[start..<end]
            let oldLines = hunk.filter { if case .added = $0 { return false } else { return true } }.count
            let newLines = hunk.filter { if case .removed = $0 { return false } else { return true } }.count
            let oldStart = hunk.lazy.compactMap { op -> Int? in
                switch op {
                case .same(let x, _), .removed(let x): x
                case .added: nil
                }
            }.first
            let newStart = hunk.lazy.compactMap { op -> Int? in
                switch op {
                case .same(_, let y), .added(let y): y
                case .removed: nil
                }
            }.first
            out += "@@ -\(range(oldStart, oldLines, fallback: position(before: start, in: ops, old: true))) "
            out += "+\(range(newStart, newLines, fallback: position(before: start, in: ops, old: false))) @@\n"
            for op in hunk {
                switch op {
                case .same(let x, _): out += line(" ", a[x])
                case .removed(let x): out += line("-", a[x])
                case .added(let y): out += line("+", b[y])
                }
            }
            i = end
        }
        return out
    }

    private static func line(_ mark: String, _ l: (text: String, newline: Bool)) -> String {
        mark + l.text + "\n" + (l.newline ? "" : "\\ No newline at end of file\n")
    }

    /// `start,count` with 1-based lines; an empty side names the line before it.
    private static func range(_ start: Int?, _ count: Int, fallback: Int) -> String {
        let first = start.map { $0 + 1 } ?? fallback
        return count == 1 ? "\(first)" : "\(first),\(count)"
    }

    /// The number of old (or new) lines before op `index`, for an empty side's position.
    private static func position(before index: Int, in ops: [Op], old: Bool) -> Int {
        ops[..<index].filter { op in
            switch op {
            case .same: true
            case .removed: old
            case .added: !old
            }
        }.count
    }

    static func lines(_ bytes: [UInt8]) -> [(text: String, newline: Bool)] {
        var out: [(String, Bool)] = []
        var start = 0
        for (i, b) in bytes.enumerated() where b == 0x0A {
            out.append((String(decoding: bytes[start..<i], as: UTF8.self), true))
            start = i + 1
        }
        if start < bytes.count { out.append((String(decoding: bytes[start...], as: UTF8.self), false)) }
        return out
    }

    /// The edit script: common prefix and suffix, and a longest common
    /// subsequence of the middle.
    static func script(_ a: [String], _ b: [String]) -> [Op] {
        var prefix = 0
        while prefix < a.count, prefix < b.count, a[prefix] == b[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < a.count - prefix, suffix < b.count - prefix, a[a.count - 1 - suffix] == b[b.count - 1 - suffix] { suffix += 1 }
        var ops: [Op] = (0..<prefix).map { .same($0, $0) }
        let am = Array(a[prefix..<(a.count - suffix)])
        let bm = Array(b[prefix..<(b.count - suffix)])
        let cells = am.count.multipliedReportingOverflow(by: bm.count)
        if cells.overflow || cells.partialValue > maxCells || am.isEmpty || bm.isEmpty {
            ops += am.indices.map { .removed(prefix + $0) }
            ops += bm.indices.map { .added(prefix + $0) }
        } else {
            // lcs[i][j]: the common subsequence length of am[i...] and bm[j...].
            let n = am.count
            let m = bm.count
            var lcs = [Int](repeating: 0, count: (n + 1) * (m + 1))
            for i in stride(from: n - 1, through: 0, by: -1) {
                for j in stride(from: m - 1, through: 0, by: -1) {
                    lcs[i * (m + 1) + j] = am[i] == bm[j] ? lcs[(i + 1) * (m + 1) + j + 1] + 1 : max(lcs[(i + 1) * (m + 1) + j], lcs[i * (m + 1) + j + 1])
                }
            }
            var i = 0
            var j = 0
            while i < n || j < m {
                if i < n, j < m, am[i] == bm[j] {
                    ops.append(.same(prefix + i, prefix + j))
                    i += 1
                    j += 1
                } else if j == m || (i < n && lcs[(i + 1) * (m + 1) + j] >= lcs[i * (m + 1) + j + 1]) {
                    ops.append(.removed(prefix + i))
                    i += 1
                } else {
                    ops.append(.added(prefix + j))
                    j += 1
                }
            }
        }
        ops += (0..<suffix).map { .same(a.count - suffix + $0, b.count - suffix + $0) }
        return ops
    }
}

extension UnifiedDiff {
    /// A unified diff of a text changed line for line (each line replaced by
    /// at most one line, as `avail fix --ndjson` changes a stream), written
    /// hunk by hunk as the lines go by, in bounded memory: three lines of
    /// context on each side, as `diff -u` keeps them, and hunks closer than
    /// seven lines merged.
    ///
    /// Two things end a hunk early. A hunk whose text passes `maxHunkBytes`
    /// is closed after its last change (a run of changed lines becomes
    /// several hunks), and a line too long to hold (``opaqueLine(into:)``)
    /// cannot be context. A hunk cut short that way gets the same number of
    /// context lines on both sides (none, for a split run), so `patch`,
    /// which reads fewer lines of context at one end as the start or end of
    /// the file, applies it where it belongs.
    public struct LineStream {
        private struct Held {
            var text: [UInt8]
            var newline: Bool
        }

        private let oldName: String
        private let newName: String
        private let context = 3
        private let maxHunkBytes: Int
        /// Lines seen so far.
        private var line = 0
        private var wroteHeader = false
        /// Unchanged lines just before the next change, at most `context`.
        private var ring: [Held] = []
        /// Unchanged lines since a cut, while fewer than `context`: the ring is short because of the cut.
        private var sinceCut: Int? = nil
        // The open hunk.
        private var open = false
        private var start = 0
        private var body: [UInt8] = []
        private var bodyLines = 0
        /// Where each leading context line ends in `body`.
        private var leadingEnds: [Int] = []
        private var cutAtStart = false
        private var removed: [UInt8] = []
        private var added: [UInt8] = []
        private var groupLines = 0
        /// Unchanged lines after the hunk's last change.
        private var trailing: [Held] = []

        /// A diff between files named `oldName` and `newName`; a hunk is cut after `maxHunkBytes`.
        public init(oldName: String, newName: String, maxHunkBytes: Int = 1 << 20) {
            self.oldName = oldName
            self.newName = newName
            self.maxHunkBytes = max(1, maxHunkBytes)
        }

        /// The next line: its old text, its new text (nil when unchanged) and
        /// whether an LF ends it; a finished hunk is appended to `out`.
        public mutating func line(old: UnsafeBufferPointer<UInt8>, new: UnsafeBufferPointer<UInt8>?, newline: Bool, into out: inout [UInt8]) {
            line += 1
            guard let new else {
                let held = Held(text: Array(old), newline: newline)
                if open {
                    flushGroup()
                    trailing.append(held)
                    if trailing.count > 2 * context {
                        let next = Array(trailing.suffix(context))
                        close(keeping: context, cutAtEnd: false, into: &out)
                        ring = next
                    }
                } else {
                    ring.append(held)
                    if ring.count > context { ring.removeFirst() }
                }
                if let n = sinceCut { sinceCut = n + 1 >= context ? nil : n + 1 }
                return
            }
            if !open {
                open = true
                start = line - ring.count
                cutAtStart = sinceCut != nil
                sinceCut = nil
                body.removeAll(keepingCapacity: true)
                leadingEnds.removeAll(keepingCapacity: true)
                for held in ring {
                    Self.append(UInt8(ascii: " "), held.text, held.newline, into: &body)
                    leadingEnds.append(body.count)
                }
                bodyLines = ring.count
                ring.removeAll()
            } else {
                for held in trailing { Self.append(UInt8(ascii: " "), held.text, held.newline, into: &body) }
                bodyLines += trailing.count
                trailing.removeAll()
            }
            Self.append(UInt8(ascii: "-"), Array(old), newline, into: &removed)
            Self.append(UInt8(ascii: "+"), Array(new), newline, into: &added)
            groupLines += 1
            if body.count + removed.count + added.count > maxHunkBytes {
                flushGroup()
                close(keeping: 0, cutAtEnd: true, into: &out)
                sinceCut = 0
            }
        }

        /// The next line, unchanged and too long to hold: it cannot be shown as
        /// context, so the hunk before it ends and the one after it starts without it.
        public mutating func opaqueLine(into out: inout [UInt8]) {
            line += 1
            if open {
                flushGroup()
                close(keeping: min(trailing.count, context), cutAtEnd: trailing.count < context, into: &out)
            }
            ring.removeAll()
            sinceCut = 0
        }

        /// Ends the diff: the open hunk, if any, is appended to `out`.
        public mutating func finish(into out: inout [UInt8]) {
            guard open else { return }
            flushGroup()
            close(keeping: min(trailing.count, context), cutAtEnd: false, into: &out)
        }

        private mutating func flushGroup() {
            guard groupLines > 0 else { return }
            body += removed
            body += added
            bodyLines += groupLines
            removed.removeAll(keepingCapacity: true)
            added.removeAll(keepingCapacity: true)
            groupLines = 0
        }

        private mutating func close(keeping kept: Int, cutAtEnd: Bool, into out: inout [UInt8]) {
            var leading = leadingEnds.count
            var kept = min(kept, trailing.count)
            if cutAtStart || cutAtEnd {
                let both = min(leading, kept)
                leading = both
                kept = both
            }
            let dropped = leadingEnds.count - leading
            let droppedBytes = dropped > 0 ? leadingEnds[dropped - 1] : 0
            if !wroteHeader {
                out += Array("--- \(oldName)\n+++ \(newName)\n".utf8)
                wroteHeader = true
            }
            let first = start + dropped
            let count = bodyLines - dropped + kept
            let range = count == 1 ? "\(first)" : "\(first),\(count)"
            out += Array("@@ -\(range) +\(range) @@\n".utf8)
            out += body[droppedBytes...]
            for held in trailing.prefix(kept) { Self.append(UInt8(ascii: " "), held.text, held.newline, into: &out) }
            open = false
            body.removeAll(keepingCapacity: true)
            leadingEnds.removeAll(keepingCapacity: true)
            bodyLines = 0
            trailing.removeAll()
            ring.removeAll()
        }

        private static func append(_ mark: UInt8, _ text: [UInt8], _ newline: Bool, into out: inout [UInt8]) {
            out.append(mark)
            out += text
            out.append(0x0A)
            if !newline { out += Array("\\ No newline at end of file\n".utf8) }
        }
    }
}
