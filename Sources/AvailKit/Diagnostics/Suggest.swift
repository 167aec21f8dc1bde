/// Did-you-mean suggestions by edit distance.
public enum Suggest {
    /// `; did you mean 'X'?` for the candidate closest to `word`, or empty:
    /// the ending every message with a suggestion has.
    public static func hint(for word: String, in candidates: [String]) -> String {
        closest(to: word, in: candidates).map { "; did you mean '\($0)'?" } ?? ""
    }

    /// The candidate closest to `word` (case-insensitive edit distance), when it
    /// is close enough to be a plausible typo.
    public static func closest(to word: String, in candidates: [String]) -> String? {
        // Counted before anything is copied: a 50 MB value gets no suggestion and no copy.
        guard scalarCount(word) <= 64 else { return nil }
        var w: [UInt32] = []
        lowered(word, into: &w)
        // Again after lower-casing, which can add scalars ('İ' becomes two).
        guard !w.isEmpty, w.count <= 64 else { return nil }
        let limit = max(1, min(3, w.count / 3))
        // Candidates longer than this are skipped, so the rows below fit every one compared.
        let widest = w.count + limit + 1
        var best: (String, Int)? = nil
        // One candidate's lower-cased scalars and three rows of the distance
        // table, reused for every candidate.
        var c: [UInt32] = []
        c.reserveCapacity(widest)
        withUnsafeTemporaryAllocation(of: Int.self, capacity: 3 * widest) { rows in
            for candidate in candidates {
                // A length difference above the limit is already too many edits.
                guard abs(scalarCount(candidate) - w.count) <= limit else { continue }
                lowered(candidate, into: &c)
                guard c.count < widest else { continue }
                if c == w {
                    best = (candidate, 0)
                    return
                }
                let d = distance(w, c, rows: rows)
                if d < (best?.1 ?? Int.max) { best = (candidate, d) }
            }
        }
        guard let (match, d) = best else { return nil }
        return d <= limit ? match : nil
    }

    /// `s` lower-cased, as Unicode scalar values, in `out` (emptied first).
    /// ASCII text, nearly every word compared, is lower-cased byte by byte;
    /// anything else goes through `lowercased()` ('Straße' and 'STRASSE').
    /// (`lowercased()` and a scalar view cost an `enum_value` finding with a
    /// did-you-mean about 360 instructions more.)
    static func lowered(_ s: String, into out: inout [UInt32]) {
        out.removeAll(keepingCapacity: true)
        var s = s
        let ascii = s.withUTF8 { bytes -> Bool in
            for b in bytes where b >= 0x80 { return false }
            for b in bytes { out.append(UInt32(b >= 0x41 && b <= 0x5A ? b | 0x20 : b)) }
            return true
        }
        if !ascii {
            for scalar in s.lowercased().unicodeScalars { out.append(scalar.value) }
        }
    }

    /// The number of Unicode scalars in `s`, counted over its UTF-8 bytes
    /// (every byte that does not continue a scalar starts one).
    private static func scalarCount(_ s: String) -> Int {
        var s = s
        return s.withUTF8 { bytes in
            var n = 0
            for b in bytes where b & 0xC0 != 0x80 { n += 1 }
            return n
        }
    }

    /// Optimal string alignment distance: insertions, deletions, substitutions
    /// and transpositions of neighbours ('nmae' → 'name') each cost 1.
    /// The words are Unicode scalar values.
    static func distance(_ a: [UInt32], _ b: [UInt32]) -> Int {
        withUnsafeTemporaryAllocation(of: Int.self, capacity: 3 * (b.count + 1)) { distance(a, b, rows: $0) }
    }

    /// ``distance(_:_:)`` in three rows of `rows` (at least `3 * (b.count + 1)`
    /// long): the table's current row and the two above it, which a
    /// transposition reads.
    private static func distance(_ a: [UInt32], _ b: [UInt32], rows: UnsafeMutableBufferPointer<Int>) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        let width = b.count + 1
        precondition(rows.count >= 3 * width, "three rows of the distance table")
        // Row i of the table is at (i % 3) * width.
        for j in 0...b.count { rows[j] = j }
        for i in 1...a.count {
            let above = ((i - 1) % 3) * width
            let current = (i % 3) * width
            let twoAbove = ((i + 1) % 3) * width
            rows[current] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var v = min(rows[above + j] + 1, rows[current + j - 1] + 1, rows[above + j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    v = min(v, rows[twoAbove + j - 2] + 1)
                }
                rows[current + j] = v
            }
        }
        return rows[(a.count % 3) * width + b.count]
    }
}
