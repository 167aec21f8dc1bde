/// Did-you-mean suggestions by edit distance.
public enum Suggest {
    /// The candidate closest to `word` (case-insensitive Levenshtein), when it
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

    static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var prev = Array(0...b.count)
        var cur = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            cur[0] = i
            for j in 1...b.count {
                cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&prev, &cur)
        }
        return prev[b.count]
    }
}
