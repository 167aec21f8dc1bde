import Testing

@testable import AvailKit

/// `ChannelID` reads a channel or store id's provider from its bytes; the
/// answers must be the ones the reading by `Character`s gave (the text before
/// the first `:` character, when it is ASCII lower-case letters and digits).
@Suite struct ChannelIDTests {
    /// The reading by `Character`s, as it was: the reference.
    static func providerByCharacters(_ channel: String) -> String? {
        guard let colon = channel.firstIndex(of: ":"), colon > channel.startIndex,
            channel[..<colon].allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber) })
        else { return nil }
        return String(channel[..<colon])
    }

    @Test func providerOfAnId() {
        #expect(ChannelID.provider(of: "bigcommerce:1") == "bigcommerce")
        #expect(ChannelID.provider(of: "tokopedia:1707045") == "tokopedia")
        #expect(ChannelID.provider(of: "deliveryhero:TB") == "deliveryhero")
        #expect(ChannelID.provider(of: "ubereats") == nil)
        #expect(ChannelID.provider(of: ":1") == nil)
        #expect(ChannelID.provider(of: "Big:1") == nil)
        #expect(ChannelID.provider(of: "é:1") == nil)
        // A colon with a combining mark is one character, not ':'.
        #expect(ChannelID.provider(of: "ab:\u{301}x") == nil)
        #expect(ChannelID.id("tokopedia:1707045", of: "tokopedia") == "1707045")
        #expect(ChannelID.id("deliverect:üx", of: "deliverect") == "üx")
        #expect(ChannelID.id("deliverect:1", of: "tokopedia") == nil)
    }

    /// Every string of up to four pieces from letters, digits, colons, a
    /// combining mark, a precomposed letter and a CR LF: the bytes give the
    /// characters' answer, and the id after the provider is the rest of the text.
    @Test func providerByBytesIsProviderByCharacters() {
        let pieces = ["a", "z", "Q", "7", ":", "\u{301}", "é", "-", "\r\n", "\n"]
        var strings = [""]
        var checked = 0
        for _ in 0..<4 {
            strings = strings.flatMap { s in pieces.map { s + $0 } }
            for s in strings {
                let expected = Self.providerByCharacters(s)
                #expect(ChannelID.provider(of: s) == expected, "\(s.unicodeScalars.map { String($0.value, radix: 16) })")
                if let provider = expected {
                    #expect(ChannelID.id(s, of: provider) == String(s.dropFirst(provider.count + 1)))
                }
                checked += 1
            }
        }
        #expect(checked == 10 + 100 + 1_000 + 10_000)
    }
}
