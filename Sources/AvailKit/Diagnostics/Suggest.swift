/// Did-you-mean suggestions by edit distance.
public enum Suggest {
    /// The candidate closest to `word` (case-insensitive edit distance), when it
    /// is close enough to be a plausible typo.
    public static func closest(to word: String, in candidates: [String]) -> String? {
        let w = Array(word.lowercased().unicodeScalars)
        guard !w.isEmpty, w.count <= 64 else { return nil }
        let limit = max(1, min(3, w.count / 3))
        var best: (String, Int)? = nil
        for c in candidates {
            // A length difference above the limit is already too many edits.
            guard abs(c.unicodeScalars.count - w.count) <= limit else { continue }
            let cs = Array(c.lowercased().unicodeScalars)
            if cs == w { return c }
            let d = distance(w, cs)
            if d < (best?.1 ?? Int.max) { best = (c, d) }
        }
        guard let (match, d) = best else { return nil }
        return d <= limit ? match : nil
    }

    /// Optimal string alignment distance: insertions, deletions, substitutions
    /// and transpositions of neighbours ('nmae' → 'name') each cost 1.
    static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        // One flat (a.count + 1) × (b.count + 1) table.
        let width = b.count + 1
        var d = [Int](repeating: 0, count: (a.count + 1) * width)
        for i in 0...a.count { d[i * width] = i }
        for j in 0...b.count { d[j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var v = min(d[(i - 1) * width + j] + 1, d[i * width + j - 1] + 1, d[(i - 1) * width + j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    v = min(v, d[(i - 2) * width + j - 2] + 1)
                }
                d[i * width + j] = v
            }
        }
        return d[a.count * width + b.count]
    }
}
