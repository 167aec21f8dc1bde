extension Validator {
    /// What validating one record of a stream found.
    public struct RecordResult: Hashable, Sendable {
        /// The record's 1-based number in the stream.
        public var number: Int
        /// The record's 1-based line in the input.
        public var line: Int
        /// The record's findings, with locations in the whole input (the
        /// record's line added) and ``Finding/record`` set; empty when it is valid.
        public var findings: [Finding]

        /// A result for record `number` on `line`.
        public init(number: Int, line: Int, findings: [Finding]) {
            self.number = number
            self.line = line
            self.findings = findings
        }

        /// Whether the record has no error finding.
        public var isValid: Bool { !findings.hasErrors }
    }

    /// Validates one record: an oversized record is one `record_too_large`
    /// finding; `file` names the input in the findings.
    public func validate(_ record: NDJSONRecord, file: String? = nil) -> RecordResult {
        var decoded = Decoded()
        return validate(record, file: file, reusing: &decoded)
    }

    /// ``validate(_:file:)``, decoding into `decoded` (reused from record to record).
    func validate(_ record: NDJSONRecord, file: String?, reusing decoded: inout Decoded) -> RecordResult {
        record.withRecord { r in
            RecordResult(number: r.number, line: r.line, findings: validate(record: r, file: file, reusing: &decoded))
        }
    }

    /// The result of each record of `records`, in order, validated as they are read.
    ///
    /// ```swift
    /// for result in validator.results(of: NDJSONRecords(bytes: stream)) where !result.isValid { … }
    /// ```
    public func results<Records: Sequence>(of records: Records, file: String? = nil) -> RecordResults<Records> {
        RecordResults(validator: self, records: records, file: file)
    }

    /// The result of each record of `records`, in order, validated as they arrive.
    ///
    /// ```swift
    /// for try await result in validator.results(of: AsyncNDJSONRecords(chunks)) { … }
    /// ```
    public func results<Records: AsyncSequence>(of records: Records, file: String? = nil) -> AsyncRecordResults<Records> {
        AsyncRecordResults(validator: self, records: records, file: file)
    }

    /// The result of each record of a sequence of records, validated as the sequence is read.
    public struct RecordResults<Records: Sequence>: Sequence where Records.Element == NDJSONRecord {
        let validator: Validator
        let records: Records
        let file: String?

        /// Makes an iterator over the results.
        public func makeIterator() -> Iterator { Iterator(validator: validator, records: records.makeIterator(), file: file) }

        /// Validates one record each time it is asked.
        public struct Iterator: IteratorProtocol {
            let validator: Validator
            var records: Records.Iterator
            let file: String?
            var decoded = Decoded()

            /// The next record's result, or nil after the last record.
            public mutating func next() -> RecordResult? {
                guard let record = records.next() else { return nil }
                return validator.validate(record, file: file, reusing: &decoded)
            }
        }
    }

    /// The result of each record of an asynchronous sequence of records, validated as they arrive.
    public struct AsyncRecordResults<Records: AsyncSequence>: AsyncSequence where Records.Element == NDJSONRecord {
        /// Each element is one record's result.
        public typealias Element = RecordResult

        let validator: Validator
        let records: Records
        let file: String?

        /// Makes an iterator over the results.
        public func makeAsyncIterator() -> AsyncIterator {
            AsyncIterator(validator: validator, records: records.makeAsyncIterator(), file: file)
        }

        /// Validates one record each time it is asked.
        public struct AsyncIterator: AsyncIteratorProtocol {
            let validator: Validator
            var records: Records.AsyncIterator
            let file: String?
            var decoded = Decoded()

            /// The next record's result, or nil after the last record; throws what the records throw.
            public mutating func next() async throws -> RecordResult? {
                guard let record = try await records.next() else { return nil }
                return validator.validate(record, file: file, reusing: &decoded)
            }
        }
    }
}
