import Foundation
import Testing

/// A producer that writes one record and waits gets that record's answer
/// before it writes the next: a stream flushes before every read that could
/// block on a pipe.
@Suite(.serialized) struct LivePipeTests {
    /// Seconds from the start of `command` (fed by a producer that writes a
    /// record, waits 4 s, writes another) to its first output line.
    func firstAnswer(_ command: String, record: String) throws -> (seconds: Double, lines: [String]) {
        let script = """
            date +%s.%N
            (printf '%s\\n' '\(record)'; sleep 4; printf '%s\\n' '\(record)') | \(command) 2>&1 | while IFS= read -r line; do
              printf '%s %s\\n' "$(date +%s.%N)" "$line"
            done
            """
        let run = try runShell(script, shell: "/bin/bash")
        var lines = run.stdout.split(separator: "\n").map(String.init)
        let start = lines.isEmpty ? 0 : Double(lines.removeFirst()) ?? 0
        let first = lines.first.flatMap { Double($0.split(separator: " ")[0]) } ?? .infinity
        return (first - start, lines)
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
}
