extension Converter {
    /// Converts one record of a stream: the outcome of ``convert(_:)-([UInt8])``
    /// for its bytes, with its findings and the origins of its losses placed
    /// in the whole input (the record's line added, ``Finding/record`` set,
    /// `file` naming the input). An oversized record is not converted: its
    /// outcome has one `record_too_large` finding.
    public func convert(_ record: NDJSONRecord, file: String? = nil) -> Outcome {
        record.withRecord { r in
            guard !r.isOversized else {
                return Outcome(
                    output: nil, findings: [NDJSONPipeline.oversizedFinding(r).placed(in: r, file: file)], losses: [], refusal: nil,
                    decodeFailed: true)
            }
            var outcome = convert(r.bytes)
            outcome.findings.place(in: r, file: file)
            for i in outcome.losses.indices {
                guard var origin = outcome.losses[i].origin, origin.location.isKnown else { continue }
                origin.location.line += r.line - 1
                origin.location.offset += r.offset
                outcome.losses[i].origin = origin
            }
            return outcome
        }
    }
}
