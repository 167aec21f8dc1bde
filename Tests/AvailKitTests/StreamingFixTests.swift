import Foundation
import Testing

@testable import AvailKit

extension ReliabilityTests {
    /// `fix --ndjson` streams: the same bytes however the reads cut the input,
    /// and `--diff` hunks as `diff -u` writes them, produced as the lines go by.
    @Suite struct StreamingFixTests {
        let validator = Validator(format: GettFormat(kind: .request), now: Timestamp(unixSeconds: 1_767_225_600) ?? Timestamp.epoch)

        /// A seeded NDJSON text: records (some fixable, some not), blank lines,
        /// CR LF endings, maybe no final break.
        static func stream(_ random: inout SeededRandom, lines: Int) -> String {
            var text = ""
            for i in 0..<lines {
                switch Int.random(in: 0..<6, using: &random) {
                case 0: text += #"{"status": "Paused", "reason": "too_busy", "n": \#(i)}"#
                case 1: text += ""
                case 2: text += "  \t"
                case 3: text += #"{"status": 1, "n": \#(i)}"#
                default: text += #"{"status": "online", "n": \#(i)}"#
                }
                if i < lines - 1 || Bool.random(using: &random) { text += Bool.random(using: &random) ? "\r\n" : "\n" }
            }
            return text
        }

        @Test func theChunkSizeChangesNothing() {
            var random = SeededRandom(state: 7)
            for _ in 0..<30 {
                let text = Array(Self.stream(&random, lines: Int.random(in: 1...40, using: &random)).utf8)
                let whole = validator.fixLines(text, unsafe: false)
                var fixer = NDJSONFixer(validator: validator, unsafe: false)
                fixer.chunkBytes = Int.random(in: 1...17, using: &random)
                var out: [UInt8] = []
                var remaining: [Finding] = []
                _ = fixer.run(text, line: { $0.write(into: &out); return true }, record: { left, _ in remaining += left })
                #expect(out == whole.bytes)
                #expect(remaining == whole.remaining)
                // Only 'Paused' changes, and nothing else does.
                #expect(String(decoding: whole.bytes, as: UTF8.self) == String(decoding: text, as: UTF8.self).replacingOccurrences(of: "Paused", with: "paused"))
            }
        }

        /// A line longer than the record limit is passed through unchanged, with a `record_too_large` finding.
        @Test func aLineOverTheLimitPassesThrough() {
            var v = validator
            v.limits.maxRecordBytes = 40
            let long = #"{"status": "Paused", "reason": "too_busy", "padding": "xxxxxxxx"}"#
            let text = #"{"status": "Paused"}"# + "\n" + long + "\n" + #"{"status": "Paused", "reason": "other"}"#
            for chunk in [1, 3, 8, 64, 1 << 20] {
                var fixer = NDJSONFixer(validator: v, unsafe: false)
                fixer.chunkBytes = chunk
                var out: [UInt8] = []
                var remaining: [Finding] = []
                _ = fixer.run(Array(text.utf8), line: { $0.write(into: &out); return true }, record: { left, _ in remaining += left })
                #expect(String(decoding: out, as: UTF8.self) == #"{"status": "paused"}"# + "\n" + long + "\n" + #"{"status": "paused", "reason": "other"}"#, "chunk \(chunk)")
                #expect(remaining.map { "\($0.ruleID)@\($0.record ?? 0):\($0.location.line)" } == ["paused_requires_reason@1:1", "record_too_large@2:2"])
            }
        }

        /// The streamed diff of a stream fixed line for line is GNU `diff -u`'s.
        /// (``UnifiedDiff/render``, the whole-document diff, keeps two lines of
        /// context after a change that seven unchanged lines follow, not three;
        /// golden files pin its output, so it is compared here only where the
        /// last change is that close to the end.)
        @Test func theStreamedDiffIsDiffU() throws {
            guard FileManager.default.isExecutableFile(atPath: "/usr/bin/diff") else { return }
            var random = SeededRandom(state: 11)
            try withTemporaryDirectory { dir in
                for round in 0..<100 {
                    // Distinct lines, so that the aligned diff is the only one.
                    var old: [String] = []
                    var new: [String] = []
                    for i in 0..<Int.random(in: 1...60, using: &random) {
                        old.append("line \(i)")
                        new.append(Int.random(in: 0..<(round % 2 == 0 ? 5 : 20), using: &random) == 0 ? "LINE \(i)" : "line \(i)")
                    }
                    let newline = Bool.random(using: &random)
                    let a = Array((old.joined(separator: "\n") + (newline ? "\n" : "")).utf8)
                    let b = Array((new.joined(separator: "\n") + (newline ? "\n" : "")).utf8)
                    var stream = UnifiedDiff.LineStream(oldName: "a/x", newName: "b/x")
                    var out: [UInt8] = []
                    for i in old.indices {
                        let ended = i < old.count - 1 || newline
                        let o = Array(old[i].utf8)
                        let n = Array(new[i].utf8)
                        o.withUnsafeBufferPointer { o in
                            if o.elementsEqual(n) {
                                stream.line(old: o, new: nil, newline: ended, into: &out)
                            } else {
                                n.withUnsafeBufferPointer { stream.line(old: o, new: $0, newline: ended, into: &out) }
                            }
                        }
                    }
                    stream.finish(into: &out)
                    try Data(a).write(to: dir.appendingPathComponent("a"))
                    try Data(b).write(to: dir.appendingPathComponent("b"))
                    let expected = try runShell("diff -u --label a/x --label b/x a b", in: dir).stdout
                    #expect(String(decoding: out, as: UTF8.self) == expected, "round \(round)")
                    let tail = new.count - 1 - (new.indices.last { new[$0] != old[$0] } ?? -100)
                    if tail < 7 && expected.components(separatedBy: "\n@@ ").count <= 2 {
                        #expect(String(decoding: out, as: UTF8.self) == UnifiedDiff.render(old: a, new: b, oldName: "a/x", newName: "b/x"), "round \(round)")
                    }
                }
            }
        }

        /// Cut hunks (past the size bound, or at a line too long to show) have
        /// as much context before as after, and `patch` applies the diff.
        @Test func cutHunksStillApply() throws {
            guard FileManager.default.isExecutableFile(atPath: "/usr/bin/patch") else { return }
            var random = SeededRandom(state: 5)
            try withTemporaryDirectory { dir in
                for round in 0..<20 {
                    var old: [String] = []
                    var new: [String] = []
                    var opaque = Set<Int>()
                    for i in 0..<Int.random(in: 20...200, using: &random) {
                        old.append("line \(i)")
                        let changed = Int.random(in: 0..<3, using: &random) == 0
                        new.append(changed ? "LINE \(i)" : "line \(i)")
                        if !changed && Int.random(in: 0..<15, using: &random) == 0 { opaque.insert(i) }
                    }
                    var stream = UnifiedDiff.LineStream(oldName: "a/x", newName: "b/x", maxHunkBytes: Int.random(in: 20...300, using: &random))
                    var out: [UInt8] = []
                    for i in old.indices {
                        if opaque.contains(i) {
                            stream.opaqueLine(into: &out)
                            continue
                        }
                        let o = Array(old[i].utf8)
                        let n = Array(new[i].utf8)
                        o.withUnsafeBufferPointer { o in
                            if o.elementsEqual(n) {
                                stream.line(old: o, new: nil, newline: true, into: &out)
                            } else {
                                n.withUnsafeBufferPointer { stream.line(old: o, new: $0, newline: true, into: &out) }
                            }
                        }
                    }
                    stream.finish(into: &out)
                    let x = dir.appendingPathComponent("x")
                    try (old.joined(separator: "\n") + "\n").write(to: x, atomically: true, encoding: .utf8)
                    try Data(out).write(to: dir.appendingPathComponent("x.diff"))
                    let r = try runShell("patch --quiet --fuzz=0 x < x.diff", in: dir)
                    #expect(r.exit == 0, "round \(round): \(r.stdout)\(r.stderr)")
                    #expect(try String(contentsOf: x, encoding: .utf8) == new.joined(separator: "\n") + "\n", "round \(round)")
                }
            }
        }
    }
}
