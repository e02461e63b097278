import Testing

@testable import CreditBankCore

@Suite("The network of a client address: the byte-by-byte IPv4 path agrees with the general one")
struct NetworkOfAddressTests {
    static let addresses = [
        "127.0.0.1", "203.0.113.45", "203.0.113.45:5000", "0.0.0.0", "255.255.255.255", "007.010.001.1", "10.1.2.3:", "1.2.3.4:80:90",
        "256.1.2.3", "1.2.3.256", "1.2.3.256:80", "1.2.3", "1.2.3.4.5", "1..2.3", ".1.2.3", "1.2.3.", "1.2.3.4x", "1.2.3.4x:80", "+1.2.3.4",
        "1.2.3.4:5.6", "1.2.3.4:8a", "::ffff:10.1.2.3", "[2001:db8::1]", "2001:db8:1:2::5", "local", "", "１.2.3.4",
    ]

    @Test("every address: where the fast path answers it answers as the general path", arguments: addresses)
    func agree(_ address: String) {
        if let fast = VerificationLookup.ipv4Network(of: address) {
            #expect(fast == VerificationLookup.parsedNetwork(of: address))
        }
        #expect(VerificationLookup.network(of: address) == VerificationLookup.parsedNetwork(of: address))
    }

    @Test("the fast path takes the addresses a server sees")
    func takesCommonAddresses() {
        #expect(VerificationLookup.ipv4Network(of: "127.0.0.1") == "127.0.0.x")
        #expect(VerificationLookup.ipv4Network(of: "203.0.113.45:5000") == "203.0.113.x")
        #expect(VerificationLookup.ipv4Network(of: "007.010.001.1") == "007.010.001.x")
        #expect(VerificationLookup.ipv4Network(of: "256.1.2.3") == nil)
        #expect(VerificationLookup.ipv4Network(of: "::ffff:10.1.2.3") == nil)
    }
}
