/// Did-you-mean suggestions by edit distance.
public enum Suggest {
    /// The candidate closest to `word` (case-insensitive edit distance), when it
    /// is close enough to be a plausible typo.
    public static func closest(to word: String, in candidates: [String]) -> String? {
        let w = Array(word.lowercased().unicodeScalars)
        guard !w.isEmpty, w.count <= 64 else { return nil }
        var best: (String, Int)? = nil
        for c in candidates {
            let cs = Array(c.lowercased().unicodeScalars)
            if cs == w { return c }
            guard abs(cs.count - w.count) <= 3 else { continue }
            let d = distance(w, cs)
            if d < (best?.1 ?? Int.max) { best = (c, d) }
        }
        guard let (match, d) = best else { return nil }
        let limit = max(1, min(3, w.count / 3))
        return d <= limit ? match : nil
    }

    /// Optimal string alignment distance: insertions, deletions, substitutions
    /// and transpositions of neighbours ('nmae' → 'name') each cost 1.
    static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var d = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
                }
            }
        }
        return d[a.count][b.count]
    }
}
