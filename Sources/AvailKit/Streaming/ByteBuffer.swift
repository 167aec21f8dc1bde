#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Bytes read from an input and not yet consumed, in one allocation that
/// grows to the longest run held: reads go straight into it, searches are
/// `memchr`, consuming moves the rest to the front with one `memmove`. The
/// stream readers hold their partial lines here, so a read costs the bytes
/// it brings, however long the line they are part of.
@usableFromInline
final class ByteBuffer {
    private var storage: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    /// The bytes held.
    private(set) var count = 0

    init(capacity: Int) {
        self.capacity = max(16, capacity)
        storage = .allocate(capacity: self.capacity)
    }

    deinit { storage.deallocate() }

    /// The bytes held, valid until the buffer next changes.
    var bytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: storage, count: count) }

    /// Reads at most `limit` more bytes with `read` (a `read(2)`-like call
    /// that fills the buffer it is given): the count read, 0 at the end, -1 on an error.
    func fill(_ limit: Int, with read: (UnsafeMutableRawBufferPointer) -> Int) -> Int {
        if count + limit > capacity {
            let grown = max(capacity * 2, count + limit)
            let moved = UnsafeMutablePointer<UInt8>.allocate(capacity: grown)
            moved.update(from: storage, count: count)
            storage.deallocate()
            storage = moved
            capacity = grown
        }
        let n = read(UnsafeMutableRawBufferPointer(start: storage + count, count: limit))
        if n > 0 { count += n }
        return n
    }

    /// The offset of the first `byte` in `from..<count`, or nil.
    func first(_ byte: UInt8, from: Int) -> Int? {
        guard from < count else { return nil }
        return memchr(storage + from, Int32(byte), count - from).map { storage.distance(to: $0.assumingMemoryBound(to: UInt8.self)) }
    }

    /// The offset of the last `byte` in `from..<count`, or nil.
    func last(_ byte: UInt8, from: Int) -> Int? {
        var found: Int? = nil
        var at = from
        while let i = first(byte, from: at) {
            found = i
            at = i + 1
        }
        return found
    }

    /// A copy of the bytes in `range`.
    func copy(_ range: Range<Int>) -> [UInt8] {
        var out: [UInt8] = []
        copy(range, into: &out)
        return out
    }

    /// Puts the bytes in `range` in place of what `out` holds, in its storage when that is large enough.
    func copy(_ range: Range<Int>, into out: inout [UInt8]) {
        out.removeAll(keepingCapacity: true)
        out.append(contentsOf: UnsafeBufferPointer(start: storage + range.lowerBound, count: range.count))
    }

    /// Drops the first `n` bytes.
    func consume(_ n: Int) {
        let n = min(n, count)
        if n > 0 && n < count { memmove(storage, storage + n, count - n) }
        count -= n
    }

    /// Drops every byte.
    func removeAll() { count = 0 }
}
