/// Sizes in messages: whole mebibytes as `64 MiB`, anything else in bytes.
public enum ByteSize {
    /// `count` bytes as a message says it: `256 MiB`, `32 bytes`.
    public static func text(_ count: Int) -> String {
        count > 0 && count % (1 << 20) == 0 ? "\(count >> 20) MiB" : "\(count) \(count == 1 ? "byte" : "bytes")"
    }
}
