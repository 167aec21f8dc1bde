#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What a thread used for its last record, kept to use for the next: the
/// document (its object and its tape) a record is read into, and the array a
/// conversion's losses are collected in. A stream of records then allocates
/// neither per record. Each thread has its own (a POSIX thread-specific
/// value), so nothing is shared between workers. A document whose tape grew
/// past ``maxKeptEntries``, or an array past ``maxKeptLosses``, is not kept,
/// so one huge record does not pin its memory for the rest of the run.
final class ThreadSpares {
    static let maxKeptEntries = 4096
    static let maxKeptLosses = 64
    private var document: JSONDocument? {
        didSet { borrowed = document.map { .passUnretained($0) } }
    }
    /// ``document``, unretained, for the per-record path: binding `document`
    /// itself retains and releases it, two atomic operations per record.
    private var borrowed: Unmanaged<JSONDocument>?
    /// Whether a read's body is running with ``document``: a read inside it
    /// (a nested one) uses a document of its own.
    private var reading = false
    private var losses: [Loss] = []

    /// The tape storage of the document this thread read last (empty at
    /// first), for the next read to write into; give it back with
    /// ``keepTape(_:)`` or ``withDocument(bytes:adopting:count:bodyStart:_:)``.
    /// A document something else still holds (a caller kept it past its
    /// closure) is left to that holder, whole.
    func takeTape() -> UnsafeMutableBufferPointer<JSONDocument.Entry> {
        guard !reading, document != nil, isKnownUniquelyReferenced(&document), let kept = document else {
            if !reading { document = nil }
            return UnsafeMutableBufferPointer(start: nil, count: 0)
        }
        return kept.takeStorage()
    }

    /// Gives back a tape that no document was made of (the text was not JSON).
    func keepTape(_ storage: UnsafeMutableBufferPointer<JSONDocument.Entry>) {
        if !reading, let kept = document, storage.count <= Self.maxKeptEntries {
            kept.reset(bytes: UnsafeBufferPointer(start: nil, count: 0), adopting: storage, count: 0, bodyStart: 0)
        } else {
            storage.deallocate()
        }
    }

    /// Runs `body` with this thread's document made the one read into
    /// `storage` (after ``takeTape()``). The thread keeps the document, and
    /// `body` gets it without a reference count. A tape that grew past
    /// ``maxKeptEntries``, or a read inside another read's body, gets a
    /// document used once.
    func withDocument<R>(
        bytes: UnsafeBufferPointer<UInt8>, adopting storage: UnsafeMutableBufferPointer<JSONDocument.Entry>, count: Int, bodyStart: Int,
        _ body: (JSONDocument) -> R
    ) -> R {
        guard !reading, storage.count <= Self.maxKeptEntries else {
            if !reading { document = nil }
            return body(JSONDocument(bytes: bytes, adopting: storage, count: count, bodyStart: bodyStart))
        }
        let current: Unmanaged<JSONDocument>
        if let kept = borrowed {
            kept._withUnsafeGuaranteedRef { $0.reset(bytes: bytes, adopting: storage, count: count, bodyStart: bodyStart) }
            current = kept
        } else {
            let made = JSONDocument(bytes: bytes, adopting: storage, count: count, bodyStart: bodyStart)
            document = made
            current = .passUnretained(made)
        }
        reading = true
        defer { reading = false }
        return current._withUnsafeGuaranteedRef(body)
    }

    /// An empty array with the capacity of the last one kept (none at first).
    func takeLosses() -> [Loss] {
        var spare: [Loss] = []
        swap(&spare, &losses)
        if !spare.isEmpty { spare.removeAll(keepingCapacity: true) }
        return spare
    }

    /// Keeps `losses`' storage for the next conversion on this thread,
    /// exchanging it with the spare (no reference count is touched). Someone
    /// else may still hold the array: the storage is reused only once the
    /// spare is the last holder (emptying a shared array would allocate a new one).
    func keep(losses kept: inout [Loss]) {
        // An array with no storage (a conversion that lost nothing) leaves the spare as it is.
        if kept.capacity > 0 && kept.capacity <= Self.maxKeptLosses { swap(&losses, &kept) }
    }

    /// Runs `body` with this thread's spares, made on first use, without a
    /// reference count (they live as long as the thread).
    static func withThisThread<R>(_ body: (ThreadSpares) -> R) -> R {
        if let raw = pthread_getspecific(key) {
            return Unmanaged<ThreadSpares>.fromOpaque(raw)._withUnsafeGuaranteedRef(body)
        }
        let spares = ThreadSpares()
        pthread_setspecific(key, Unmanaged.passRetained(spares).toOpaque())
        return body(spares)
    }

    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        // The thread's spares go with the thread (the destructor's argument is optional on Glibc only).
        #if canImport(Glibc)
            pthread_key_create(&key) { raw in
                if let raw { Unmanaged<ThreadSpares>.fromOpaque(raw).release() }
            }
        #else
            pthread_key_create(&key) { raw in Unmanaged<ThreadSpares>.fromOpaque(raw).release() }
        #endif
        return key
    }()
}
