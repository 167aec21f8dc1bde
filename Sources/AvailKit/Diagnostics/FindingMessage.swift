/// A finding's message, written as a string interpolation and put together in
/// one buffer.
///
/// A stream with a finding in every tenth record makes a message per finding,
/// and `String`'s own interpolation appends each literal and value to a
/// growing `String` (a few hundred instructions per piece). This one copies
/// the pieces' UTF-8 bytes into a plain buffer and makes the `String` once.
/// Values are rendered as `String` interpolation renders them
/// (`String(describing:)`), so a message reads the same either way.
public struct FindingMessage: ExpressibleByStringInterpolation, Sendable {
    /// The message text.
    public let text: String

    /// A message that is already text (a message built up in steps).
    public init(_ text: String) { self.text = text }

    /// A message without interpolations.
    public init(stringLiteral text: String) { self.text = text }

    /// The interpolation's text.
    public init(stringInterpolation: Interpolation) {
        text = stringInterpolation.finish()
    }

    /// Collects an interpolation's pieces as UTF-8 bytes.
    public struct Interpolation: StringInterpolationProtocol {
        private var base: UnsafeMutablePointer<UInt8>
        private var count = 0
        private var capacity: Int

        /// Room for the literals and about 24 bytes per value.
        public init(literalCapacity: Int, interpolationCount: Int) {
            capacity = Swift.max(literalCapacity + 24 * interpolationCount, 16)
            base = .allocate(capacity: capacity)
        }

        /// Appends literal text.
        public mutating func appendLiteral(_ literal: String) { append(literal) }

        /// Appends a string as it is.
        public mutating func appendInterpolation(_ value: String) { append(value) }

        /// Appends a substring as it is.
        public mutating func appendInterpolation(_ value: Substring) { append(String(value)) }

        /// Appends an integer in decimal.
        public mutating func appendInterpolation(_ value: Int) { append(String(value)) }

        /// Appends any other value as `String` interpolation would render it.
        public mutating func appendInterpolation<T>(_ value: T) { append(String(describing: value)) }

        private mutating func append(_ piece: String) {
            var piece = piece
            piece.withUTF8 { bytes in
                guard let source = bytes.baseAddress else { return }
                let needed = count + bytes.count
                if needed > capacity {
                    let grown = Swift.max(capacity * 2, needed)
                    let moved = UnsafeMutablePointer<UInt8>.allocate(capacity: grown)
                    moved.initialize(from: base, count: count)
                    base.deallocate()
                    base = moved
                    capacity = grown
                }
                (base + count).initialize(from: source, count: bytes.count)
                count = needed
            }
        }

        /// The text; frees the buffer (an interpolation is finished exactly once).
        fileprivate func finish() -> String {
            defer { base.deallocate() }
            return String(decoding: UnsafeBufferPointer(start: base, count: count), as: UTF8.self)
        }
    }
}
