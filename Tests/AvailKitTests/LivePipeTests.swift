import Foundation
import Testing

/// A producer that writes one record and waits gets that record's answer
/// before it writes the next: a stream flushes before every read that could
/// block on a pipe.
@Suite(.serialized) struct LivePipeTests {
    /// Seconds from the start of `command` (fed by a producer that writes a
    /// record, waits 4 s, writes another) to its first output line.
    func firstAnswer(_ command: String, record: String) throws -> (seconds: Double, lines: [String]) {
        let lines = try answers(command, producer: "printf '%s\\n' '\(record)'; sleep 4; printf '%s\\n' '\(record)'")
        return (lines.first?.seconds ?? .infinity, lines.map { String(format: "%.3f", $0.seconds) + " " + $0.text })
    }

    /// The output lines of `command` (stdout and stderr), fed by the shell
    /// commands `producer`, each with the seconds from the start to its arrival.
    func answers(_ command: String, producer: String) throws -> [(seconds: Double, text: String)] {
        let script = """
            date +%s.%N
            (\(producer)) | \(command) 2>&1 | while IFS= read -r line; do
              printf '%s %s\\n' "$(date +%s.%N)" "$line"
            done
            """
        let run = try runShell(script, shell: "/bin/bash")
        var lines = run.stdout.split(separator: "\n").map(String.init)
        let start = lines.isEmpty ? 0 : Double(lines.removeFirst()) ?? 0
        return lines.map { line in
            let parts = line.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: false)
            return ((Double(parts[0]) ?? .infinity) - start, parts.count > 1 ? String(parts[1]) : "")
        }
    }

    @Test(arguments: [
        "$AVAIL validate --ndjson --format gett.status --now 2026-01-01T00:00:00Z -",
        "$AVAIL validate --ndjson --format gett.status --now 2026-01-01T00:00:00Z --jobs 2 -",
        "$AVAIL convert --ndjson --from gett.status --to lula --now 2026-01-01T00:00:00Z -",
        "$AVAIL convert --ndjson --from gett.status --to lula --now 2026-01-01T00:00:00Z --jobs 2 -",
        "$AVAIL fix --ndjson --format gett.status --now 2026-01-01T00:00:00Z -",
    ])
    func answersBeforeTheProducerWritesAgain(_ command: String) throws {
        // A record with a finding (a validate line) that also converts and fixes.
        let (seconds, lines) = try firstAnswer(command, record: #"{"status": "Paused", "reason": "too_busy"}"#)
        #expect(lines.count >= 2, "\(lines)")
        #expect(seconds < 2.5, "the first answer came after \(seconds) s: \(lines)")
    }

    /// `fix --diff` writes a hunk as soon as it is closed (its context and the
    /// gap to the next change read), not when the stream ends: a record to fix
    /// and ten clean ones give the first hunk while the producer waits.
    @Test func fixDiffAnswersBeforeTheProducerWritesAgain() throws {
        let bad = #"{"status": "Paused", "reason": "too_busy"}"#
        let clean = #"{"status": "online"}"#
        let producer = "printf '%s\\n' '\(bad)'; for i in 1 2 3 4 5 6 7 8 9 10; do printf '%s\\n' '\(clean)'; done; sleep 4; printf '%s\\n' '\(bad)'"
        let lines = try answers("$AVAIL fix --ndjson --format gett.status --diff --now 2026-01-01T00:00:00Z -", producer: producer)
        // The diff's lines, in order (the findings go to stderr, interleaved).
        let diff = lines.filter { !$0.text.contains("would fix") }
        #expect(
            Array(diff.prefix(5).map(\.text))
                == ["--- a/<stdin>", "+++ b/<stdin>", "@@ -1,4 +1,4 @@", "-" + bad, #"+{"status": "paused", "reason": "too_busy"}"#],
            "\(lines)")
        let first = diff.first?.seconds ?? .infinity
        #expect(first < 2.5, "the first hunk came after \(first) s: \(lines)")
    }
}
