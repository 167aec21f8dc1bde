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
    private var document: JSONDocument?
    private var losses: [Loss] = []

    /// The spare document, if this thread has one; the caller owns it until it gives it back with ``keep(_:)``.
    func takeDocument() -> JSONDocument? {
        defer { document = nil }
        return document
    }

    /// Keeps `document` for the next read on this thread.
    func keep(_ document: JSONDocument) {
        if document.capacity <= Self.maxKeptEntries { self.document = document }
    }

    /// An empty array with the capacity of the last one kept (none at first).
    func takeLosses() -> [Loss] {
        var spare: [Loss] = []
        swap(&spare, &losses)
        if !spare.isEmpty { spare.removeAll(keepingCapacity: true) }
        return spare
    }

    /// Keeps `losses`' storage for the next conversion on this thread. The
    /// caller may still hold the array: the storage is reused only once it is
    /// the last holder (emptying a shared array would allocate a new one).
    func keep(losses kept: [Loss]) {
        // An array with no storage (a conversion that lost nothing) leaves the spare as it is.
        if kept.capacity > 0 && kept.capacity <= Self.maxKeptLosses { losses = kept }
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

    /// This thread's spares, made on first use.
    static var forThisThread: ThreadSpares {
        if let raw = pthread_getspecific(key) { return Unmanaged<ThreadSpares>.fromOpaque(raw).takeUnretainedValue() }
        let spares = ThreadSpares()
        pthread_setspecific(key, Unmanaged.passRetained(spares).toOpaque())
        return spares
    }
}
