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
