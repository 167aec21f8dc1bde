import Foundation

/// The convert pipeline, stage by stage: bytes → tape (``JSONDocument``) →
/// canonical → target bytes (``JSONOutput``), with the findings and losses of each stage.
public struct Converter: Sendable {
    /// How a conversion runs: encoder inputs, whether losses are accepted, the output style and rule settings.
    public struct Options: Sendable {
        /// What the encoder may use beyond the source (`--reason`, `--timezone`, `--now`, `--set`).
        public var values: ConversionOptions
        /// Accept dropped and approximated values (they are still reported).
        public var allowLossy: Bool
        /// Accept applying a channel-scoped change to a whole store.
        public var widenScope: Bool
        /// Losses accepted one by one (a kind, a field, or both) while the rest are refused.
        public var acceptedLosses: [LossAcceptance] = []
        /// Finds each document's store (by the store id it carries) and the
        /// values that come with it: a store config's time zone and target
        /// ids, and the endpoint the target format is sent to. Nil: every
        /// document is encoded with ``values``.
        public var resolveStore: (@Sendable (Availability) -> Result<StoreTarget, StoreNotFound>)? = nil
        /// Pretty (the default) or compact output.
        public var style: JSONWriter.Style
        /// Rules turned off or re-graded for the source document.
        public var settings: RuleSettings
        /// Whether each output is read back with the target's decoder and its
        /// meaning compared with the source's (``MeaningCheck``): a change no
        /// reported loss accounts for is refused like a loss.
        public var checksMeaning = true
        /// Says how to accept the refused losses, in the caller's words (a
        /// command line names its flags): appended to a refusal's message
        /// after "; ". Nil: the refusal says what was refused only.
        public var refusalHint: (@Sendable ([Loss]) -> String)? = nil

        /// Options with the defaults of `avail convert`: no extra values, losses refused, scope not widened, pretty
        /// output.
        public init(
            values: ConversionOptions = ConversionOptions(), allowLossy: Bool = false, widenScope: Bool = false,
            style: JSONWriter.Style = .pretty, settings: RuleSettings = RuleSettings()
        ) {
            self.settings = settings
            self.values = values
            self.allowLossy = allowLossy
            self.widenScope = widenScope
            self.style = style
        }

        /// Whether `loss` is accepted: a kind that never refuses, every lossy
        /// loss with ``allowLossy``, a widened scope with ``widenScope``, a loss
        /// whose rule is turned off or set below error in ``settings``, or one
        /// that an entry of ``acceptedLosses`` names.
        public func accepts(_ loss: Loss) -> Bool { accepts(loss.kind, loss.field) }

        /// ``accepts(_:)`` for a loss of `kind` and `field`.
        func accepts(_ kind: Loss.Kind, _ field: @autoclosure () -> String) -> Bool {
            guard kind.refuses else { return true }
            if kind.isLossy ? allowLossy : widenScope { return true }
            if settings.accepts(kind.ruleID) { return true }
            let field = field()
            return acceptedLosses.contains { $0.accepts(kind, field) }
        }

        /// Whether an output whose meaning changed with no loss saying why is written anyway.
        var acceptsMeaningChange: Bool { allowLossy || settings.accepts("meaning_changed") }
    }

    /// A document's store, as ``Options/resolveStore`` finds it.
    public struct StoreTarget: Sendable {
        /// The store's id (a store config's `id`).
        public var store: String
        /// The values to encode its documents with.
        public var values: ConversionOptions
        /// Where the target format's body goes for this store, when the target is a request.
        public var endpoint: Endpoint?

        /// A store and its values.
        public init(store: String, values: ConversionOptions, endpoint: Endpoint?) {
            self.store = store
            self.values = values
            self.endpoint = endpoint
        }
    }

    /// Why a document's store was not found; the message says what to do.
    public struct StoreNotFound: Error, Sendable {
        /// What is wrong.
        public var message: String
        /// A failure saying `message`.
        public init(_ message: String) { self.message = message }
    }

    /// Everything one conversion produced.
    public struct Outcome: Sendable {
        /// The target document; nil when the conversion failed or was refused.
        public var output: [UInt8]?
        /// Reader and decoder findings, then encoder failures, in that order.
        public var findings: [Finding]
        /// Everything the target could not carry exactly.
        public var losses: [Loss]
        /// Why a conversion that could be written was not, when it was refused;
        /// the losses that refused it are marked ``Loss/isRefused``.
        public var refusal: String?
        /// Where the document went in the output buffer, when it was written.
        public var written: Range<Int>? = nil
        /// Whether the source could not be read (its findings say why), as
        /// opposed to a target that cannot hold it.
        public var decodeFailed = false
        /// The document's store and endpoint, when ``Options/resolveStore`` found them.
        public var target: StoreTarget? = nil

        /// 0 when the target was written, 1 otherwise.
        public var exitCode: Int32 { written == nil ? 1 : 0 }
    }

    /// The format the input is read as.
    public let source: any AvailabilityFormat
    /// The format the output is written in.
    public let target: any AvailabilityFormat
    /// How the conversion runs.
    public let options: Options

    /// The source's rules, except those that read the clock: an old payload still converts.
    private let plan: RulePlan

    /// A converter from `source` to `target`; it holds no per-document state and may be shared between threads.
    public init(from source: any AvailabilityFormat, to target: any AvailabilityFormat, options: Options = Options()) {
        self.source = source
        self.target = target
        self.options = options
        self.plan = RulePlan(format: source.id, skip: options.settings.disabled, clock: false)
    }

    /// Reads and decodes a document; nil when it has error findings.
    public func decode(_ bytes: [UInt8]) -> (Decoded?, [Finding]) {
        bytes.withUnsafeBufferPointer { decode($0) }
    }

    /// Reads and decodes a document; the result's origins are resolved, so it outlives the bytes.
    public func decode(_ bytes: UnsafeBufferPointer<UInt8>) -> (Decoded?, [Finding]) {
        JSONReader().withDocument(bytes) { document, readFindings in
            guard let document else { return (nil, readFindings) }
            var decoded = Decoded()
            let (read, findings) = decode(document, readFindings: readFindings, into: &decoded)
            return (read ? decoded.resolved(in: document) : nil, findings)
        }
    }

    /// Decodes a read document into `decoded` and runs the source's rules;
    /// false when there are error findings. Origins stay on the tape (valid
    /// while `document` is).
    private func decode(_ document: JSONDocument, readFindings: [Finding], into decoded: inout Decoded) -> (Bool, [Finding]) {
        let root = document.root
        var (read, findings) = source.decode(root, options: options.values, into: &decoded)
        if read { plan.check(root: root, decoded: &decoded, now: nil, timeZone: options.values.timeZone, into: &findings) }
        // Read findings first, then the decoder's and the rules' in reading order.
        if !findings.isEmpty { findings.sortByLocation() }
        if !readFindings.isEmpty { findings.insert(contentsOf: readFindings, at: 0) }
        options.settings.settle(&findings)
        return (read && !findings.hasErrors, findings)
    }

    /// Converts one document given as bytes; see ``Outcome`` for what comes back.
    public func convert(_ bytes: [UInt8]) -> Outcome {
        bytes.withUnsafeBufferPointer { convert($0) }
    }

    /// Converts one document in `bytes` (borrowed only for the call); see ``Outcome`` for what comes back.
    public func convert(_ bytes: UnsafeBufferPointer<UInt8>) -> Outcome {
        var out = JSONOutput(style: options.style)
        var outcome = convert(bytes, into: &out)
        if outcome.written != nil { outcome.output = out.bytes }
        return outcome
    }

    /// Converts one document and appends it, with a final line break, to `out`
    /// (a buffer reused across documents); `written` is where it went. A
    /// document that fails or is refused leaves `out` as it was.
    public func convert(_ bytes: UnsafeBufferPointer<UInt8>, into out: inout JSONOutput) -> Outcome {
        var decoded = Decoded()
        return convert(bytes, into: &out, reusing: &decoded) { outcome, document in
            var outcome = outcome
            if let document { outcome.losses = outcome.losses.map { $0.resolved(in: document) } }
            return outcome
        }
    }

    /// Reads, decodes and encodes a document into `out`, and hands the outcome
    /// to `body` while the document (nil when the bytes are not JSON) is alive:
    /// the outcome's losses may still have their origins on its tape.
    ///
    /// Every loss gets its message unless `lazily`: then the document is
    /// encoded without messages, and encoded again, with them, when it is
    /// refused (its losses are shown) or when `shown` says one of its losses
    /// is; the bytes written are the same either way.
    private func convert<T>(
        _ bytes: UnsafeBufferPointer<UInt8>, into out: inout JSONOutput, reusing decoded: inout Decoded, lazily: Bool = false,
        shown: ([Loss]) -> Bool = { _ in true }, _ body: (Outcome, JSONDocument?) -> T
    ) -> T {
        JSONReader().withDocument(
            bytes, failed: { body(Outcome(output: nil, findings: $0, losses: [], refusal: nil, decodeFailed: true), nil) }
        ) { document, readFindings in
            var outcome = encode(document, readFindings: readFindings, into: &out, reusing: &decoded, lazily: lazily, shown: shown)
            let result = body(outcome, document)
            // The losses' array goes back for the thread's next conversion, exchanged, not copied.
            ThreadSpares.withThisThread { $0.keep(losses: &outcome.losses) }
            return result
        }
    }

    /// Decodes a read document into `decoded` and encodes it into `out`. The losses' origins
    /// are left on the tape (valid only while `document` is): a stream shows
    /// one loss of each kind, so resolving every loss's pointer, line and
    /// value was most of a conversion's cost; callers resolve the ones they show.
    private func encode(
        _ document: JSONDocument, readFindings: [Finding], into out: inout JSONOutput, reusing decoded: inout Decoded, lazily: Bool,
        shown: ([Loss]) -> Bool
    ) -> Outcome {
        let (read, findings) = decode(document, readFindings: readFindings, into: &decoded)
        guard read else { return Outcome(output: nil, findings: findings, losses: [], refusal: nil, decodeFailed: true) }
        // The worker's value outlives this document: it points at it only while encoding.
        decoded.document = document
        defer { decoded.document = nil }
        decoded.describesLosses = !lazily
        if !decoded.root.isKnown { decoded.root = document.location(of: 0) }
        guard let resolve = options.resolveStore else {
            // The converter's own values, borrowed: a copy was two retains and releases of each of their strings per record.
            return encode(decoded: &decoded, findings: findings, values: options.values, store: nil, into: &out, lazily: lazily, shown: shown)
        }
        switch resolve(decoded.availability) {
        case .success(let found):
            var values = found.values
            // The store's own id fills the endpoint's path: the encoder's note that the document's
            // store id is not the target's (or moves to the path) would be moot.
            values.storeFillsPath = found.endpoint != nil
            return encode(decoded: &decoded, findings: findings, values: values, store: found, into: &out, lazily: lazily, shown: shown)
        case .failure(let failure):
            let at = decoded.origins[.store].map { decoded.resolved($0) }
            let finding = Finding(
                ruleID: "store_not_in_config", severity: .error, message: failure.message, location: at?.location ?? decoded.root,
                pointer: at?.pointer ?? "")
            return Outcome(output: nil, findings: findings + [finding], losses: [], refusal: nil)
        }
    }

    /// Encodes a decoded document with `values` (the store's, when the
    /// converter resolves stores) and decides whether it is written.
    private func encode(
        decoded: inout Decoded, findings: [Finding], values: ConversionOptions, store: StoreTarget?, into out: inout JSONOutput,
        lazily: Bool, shown: ([Loss]) -> Bool
    ) -> Outcome {
        let start = out.count
        switch target.encode(decoded, options: values, into: &out) {
        case .failure(let failures):
            out.truncate(to: start)
            return Outcome(output: nil, findings: findings + failures, losses: [], refusal: nil)
        case .success(let encoded):
            // The encoder's array itself when the decoder lost nothing: moved, not shared
            // (a shared array was retained and released on its way to the outcome).
            var losses = decoded.losses.isEmpty ? consume encoded : decoded.losses + encoded
            let (lossy, widened) = refuse(&losses)
            var reasons: [String] = []
            var checked: [Finding] = []
            if options.checksMeaning, let finding = meaningChange(of: decoded, written: start..<out.count, in: out, losses: losses, values: values) {
                var f = finding
                if options.acceptsMeaningChange {
                    f.severity = .warning
                } else {
                    reasons.append("changes what the payload means")
                }
                checked.append(f)
            }
            if lossy > 0 { reasons.append("is lossy (\(lossy) \(lossy == 1 ? "loss" : "losses"))") }
            if widened { reasons.append("widens a channel-scoped change to the whole store") }
            var shownLosses: [Loss]? = nil
            // Asked about every loss of the record, the decoder's too: asked about the
            // encoder's alone, a stream whose encoder losses were all known (or none) never
            // counted or showed a decoder's ('channelLink' is read as 'channelLinks').
            if lazily, !reasons.isEmpty || shown(losses) {
                // Shown (a refusal lists its losses): the same encode again, describing, into a scratch buffer.
                decoded.describesLosses = true
                var scratch = JSONOutput(style: options.style)
                if case .success(let described) = target.encode(decoded, options: values, into: &scratch) {
                    var all = decoded.losses.isEmpty ? described : decoded.losses + described
                    _ = refuse(&all)
                    shownLosses = all
                }
            }
            var written: Range<Int>? = nil
            var refusal: String? = nil
            if reasons.isEmpty {
                out.endLine()
                written = start..<out.count
            } else {
                out.truncate(to: start)
                let hint = options.refusalHint.map { "; " + $0(losses) } ?? ""
                refusal = "refusing a conversion to \(target.id) that \(reasons.joined(separator: " and "))" + hint
            }
            if let shownLosses { losses = shownLosses }
            // Made once, at the end: an outcome made early and changed on the way was copied on return.
            return Outcome(
                output: nil, findings: checked.isEmpty ? findings : findings + checked, losses: consume losses, refusal: refusal, written: written,
                target: store)
        }
    }
}

extension Converter {
    /// Marks the losses that refuse the conversion (``Loss/isRefused``):
    /// how many lossy ones, and whether a widened scope is among them.
    /// Read by index: a loop over the values copied each loss (its origin
    /// and message) to look at its kind.
    func refuse(_ losses: inout [Loss]) -> (lossy: Int, widened: Bool) {
        // Looked at first without writing: the loop below makes the array
        // unique before it reads, a copy of the encoder's when it is shared.
        guard refusesAny(losses) else { return (0, false) }
        var lossy = 0
        var widened = false
        for i in losses.indices where !options.accepts(losses[i].kind, losses[i].field) {
            losses[i].isRefused = true
            if losses[i].kind == .widened { widened = true } else { lossy += 1 }
        }
        return (lossy, widened)
    }

    /// Whether a loss in `losses` refuses the conversion. Each loss is read in
    /// place, through a pointer: through the array's subscript (and into the
    /// autoclosure) each was copied whole, its strings retained and released.
    private func refusesAny(_ losses: [Loss]) -> Bool {
        losses.withUnsafeBufferPointer { losses in
            guard let base = losses.baseAddress else { return false }
            for i in losses.indices {
                let loss = base + i
                if !options.accepts(loss.pointee.kind, loss.pointee.field) { return true }
            }
            return false
        }
    }

    /// The `meaning_changed` finding when the output at `written` in `out`
    /// does not mean what `source` means and no loss in `losses` says why.
    func meaningChange(of source: Decoded, written: Range<Int>, in out: JSONOutput, losses: [Loss], values: ConversionOptions) -> Finding? {
        let location = source.origins[.state].map { source.resolved($0) }?.location ?? source.root
        let bytes = out.withBytes { Array($0[written]) }
        return MeaningCheck.check(
            bytes, of: target, against: source.availability, losses: losses, options: values, at: location,
            platformPayload: source.platformPayload)
    }
}

extension Converter {
    /// One NDJSON record converted: where its output line (compact, with its
    /// newline) went in the worker's buffer, or nil; the findings (refusal
    /// included) placed in the whole input; and the losses of a written record.
    public struct RecordResult: Sendable {
        /// The record's 1-based number in the stream.
        public var number: Int
        /// The record's 1-based line in the input.
        public var line: Int
        /// Where the converted line went in the output buffer; nil when the record was not converted.
        public var written: Range<Int>?
        /// Findings about the record, with locations in the whole input.
        public var findings: [Finding]
        /// Which entries of the worker's ``LossSummary`` the losses of a written record hit.
        public var marks: LossMarks
        /// The record's own bytes, for `--keep-invalid`.
        public var original: [UInt8]?
        /// Whether the record's bytes are one JSON value (a record refused or
        /// failed after it was read, as opposed to one that is not JSON).
        public var isJSON = false
        /// The record's store and endpoint, when ``Options/resolveStore`` found them.
        public var target: StoreTarget? = nil
    }

    /// Converts one NDJSON record, appending its compact output line to `out`
    /// and tallying its losses in `losses` (the worker's summary, which keeps
    /// the first loss of each kind with its origin resolved); `keepOriginal`
    /// keeps the bytes of a record that is not converted. The record is
    /// decoded into `decoded`, the worker's own.
    public func convert(
        record r: NDJSONPipeline.Record, file: String?, keepOriginal: Bool, into out: inout JSONOutput, losses summary: inout LossSummary,
        reusing decoded: inout Decoded
    ) -> RecordResult {
        guard !r.isOversized else {
            return RecordResult(
                number: r.number, line: r.line, written: nil, findings: [NDJSONPipeline.oversizedFinding(r).placed(in: r, file: file)],
                marks: LossMarks(), original: nil)
        }
        // Encoded without loss messages unless the summary shows one of its losses.
        // The entries a record's losses hit, found while deciding: nil when one is new (and shown).
        var known: LossMarks?
        return convert(r.bytes, into: &out, reusing: &decoded, lazily: true, shown: { losses in
            known = summary.marks(of: losses)
            return known == nil
        }) { outcome, document in
            var findings = outcome.findings
            findings.place(in: r, file: file)
            if let refusal = outcome.refusal, let document {
                // The refused losses in reading order, then the refusal they caused (as for a document).
                findings += outcome.losses.filter(\.isRefused).map {
                    $0.resolved(in: document).finding.placed(in: r, file: file)
                }.sortedByLocation()
                findings.append(Finding(ruleID: "conversion_refused", severity: .error, message: refusal, location: .none, pointer: "").placed(in: r, file: file))
            }
            var marks = LossMarks()
            // `document != nil`, not `let document`: binding it retained it for every record.
            if outcome.written != nil, document != nil {
                if let known {
                    // Every loss already has its entry: counted without searching again.
                    summary.count(known)
                    marks = known
                } else if let document {
                    marks = summary.tally(outcome.losses, record: r.number, line: r.line, file: file, resolvingIn: document)
                }
            }
            let original = outcome.written == nil && keepOriginal ? Array(r.bytes) + [0x0A] : nil
            return RecordResult(
                number: r.number, line: r.line, written: outcome.written, findings: findings, marks: marks, original: original,
                isJSON: document != nil, target: outcome.target)
        }
    }
}

/// Counts a stream's accepted losses by kind and field, for one summary line each.
///
/// Entries are found by hashing (a stream whose records each drop a
/// different unknown key was quadratic with a search of the entries), and
/// there are at most ``maxEntries``: losses of further kinds and fields are
/// counted in one entry per kind, so the summary's memory and its output do
/// not grow with the stream.
public struct LossSummary: Sendable {
    struct Key: Hashable {
        var kind: Loss.Kind
        var field: String
        /// The entry of every field past ``maxEntries`` (`field` is then empty).
        var isOverflow = false
    }
    /// The most kinds and fields summarized one by one.
    public static let maxEntries = 1_000
    private var order: [Key] = []
    private var counts: [Int] = []
    private var firsts: [Finding] = []
    private var index: [Key: Int] = [:]

    /// An empty summary.
    public init() {}

    /// The entries `losses` hit when every one is of a kind and field already
    /// counted; nil when one is new (the first, shown with its message).
    /// Mutating though it changes nothing: a converter asks from a closure that
    /// holds the worker's summary `inout`, where a non-mutating call copied the
    /// summary (a retain and a release of each of its four arrays per record).
    mutating func marks(of losses: [Loss]) -> LossMarks? {
        var marks = LossMarks()
        for index in losses.indices {
            // Two fields read in place: the array's subscript copied the whole loss.
            let (kind, field) = losses.withUnsafeBufferPointer { ($0[index].kind, $0[index].field) }
            guard let i = entry(kind, field) else { return nil }
            marks.append(i)
        }
        return marks
    }

    /// Counts a record whose losses hit the entries `marks` (from ``marks(of:)``).
    mutating func count(_ marks: LossMarks) {
        marks.forEach { counts[$0] += 1 }
    }

    /// Up to this many entries, an entry is found by comparing kinds and
    /// fields in order; past them, by hashing. A stream meets a handful of
    /// kinds and fields, and hashing a field name for each loss of each record
    /// was 5% of a conversion's instructions.
    static let scannedEntries = 16

    /// The entry of `kind` and `field` (its kind's overflow entry once the summary is full).
    private func entry(_ kind: Loss.Kind, _ field: String) -> Int? {
        if order.count <= Self.scannedEntries {
            // Far from full: no overflow entry yet. Compared in place: `firstIndex`
            // copied each entry's key (two calls per entry and loss).
            return order.withUnsafeBufferPointer { keys in
                keys.indices.first { keys[$0].kind == kind && keys[$0].field == field }
            }
        }
        if let i = index[Key(kind: kind, field: field)] { return i }
        guard order.count >= Self.maxEntries else { return nil }
        return index[Key(kind: kind, field: "", isOverflow: true)]
    }

    /// The key a new entry for `key` is made under: the key itself, or its
    /// kind's overflow key once the summary is full.
    private func newKey(_ key: Key) -> Key {
        order.count >= Self.maxEntries && !key.isOverflow ? Key(kind: key.kind, field: "", isOverflow: true) : key
    }

    private mutating func insert(_ key: Key, first: Finding) -> Int {
        let i = order.count
        order.append(key)
        counts.append(1)
        firsts.append(first)
        index[key] = i
        return i
    }

    /// Counts one record's losses and returns which entries they hit, so a
    /// worker can tally where the losses are made and the stream's summary
    /// merge the marks in record order (``add(_:from:)``).
    public mutating func tally(_ losses: [Loss], record: Int, line: Int, file: String?) -> LossMarks {
        tally(losses, record: record, line: line, file: file, resolvingIn: nil)
    }

    /// ``tally(_:record:line:file:)`` for losses whose origins may still be on
    /// `document`'s tape: only the first of each kind, which the summary
    /// shows, is resolved.
    mutating func tally(_ losses: [Loss], record: Int, line: Int, file: String?, resolvingIn document: JSONDocument?) -> LossMarks {
        var marks = LossMarks()
        for index in losses.indices {
            if let i = entry(losses[index].kind, losses[index].field) {
                counts[i] += 1
                marks.append(i)
                continue
            }
            let loss = losses[index]
            var f = (document.map { loss.resolved(in: $0) } ?? loss).finding
            f.place(record: record, line: line)
            f.file = file
            marks.append(insert(newKey(Key(kind: loss.kind, field: loss.field)), first: f))
        }
        return marks
    }

    /// Counts a record that `worker` tallied. Records are merged in stream
    /// order, so an entry's first record here is also the first in `worker`.
    public mutating func add(_ marks: LossMarks, from worker: LossSummary) {
        marks.forEach { i in
            // One worker, or workers that met the kinds in the same order:
            // the entry has the worker's index here too (compared in place).
            if i < order.count && order[i].kind == worker.order[i].kind && order[i].field == worker.order[i].field
                && order[i].isOverflow == worker.order[i].isOverflow
            {
                counts[i] += 1
                return
            }
            let key = worker.order[i]
            if let j = index[key] ?? (order.count >= Self.maxEntries ? index[Key(kind: key.kind, field: "", isOverflow: true)] : nil) {
                counts[j] += 1
            } else {
                _ = insert(newKey(key), first: worker.firsts[i])
            }
        }
    }

    /// One finding per kind and field: the first occurrence's message, with the count.
    public var findings: [Finding] {
        zip(zip(firsts, counts), order).map { pair, key in
            var f = pair.0
            let count = pair.1
            if key.isOverflow {
                f.message += " (one of \(count) \(count == 1 ? "loss" : "losses") of fields past the \(Self.maxEntries) summarized one by one; the first is shown)"
            } else {
                f.message += " (in \(count) \(count == 1 ? "record" : "records"); the first is shown)"
            }
            return f
        }
    }
}

/// Which entries of a worker's ``LossSummary`` one record's losses hit: up to
/// eight inline, so marking a record allocates nothing.
public struct LossMarks: Sendable {
    /// In memory, not a `SIMD8`: a lane written at a variable index spills and reloads the vector.
    private var inline = InlineArray<8, UInt16>(repeating: 0)
    private var count = 0
    private var spill: [Int] = []

    /// No marks.
    public init() {}

    mutating func append(_ index: Int) {
        if count < 8 && index <= Int(UInt16.max) {
            inline[count] = UInt16(index)
            count += 1
        } else {
            spill.append(index)
        }
    }

    func forEach(_ body: (Int) -> Void) {
        for k in 0..<count { body(Int(inline[k])) }
        for i in spill { body(i) }
    }
}
