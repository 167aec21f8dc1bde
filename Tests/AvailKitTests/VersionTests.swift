import Testing
@testable import AvailKit
@Test func version() { #expect(AvailKitVersion.current == "0.1.0") }
