import Foundation
import Testing
@testable import VigieServe

/// The keyed hash of the decision log, checked against published vectors.
@Suite struct SHA256Tests {
    static func bytes(_ hex: String) -> [UInt8] { DraftHasher.bytes(hex: hex)! }
    static func ascii(_ text: String) -> String { Array(text.utf8).hex }

    /// FIPS 180-2, appendix B (SHA-256 examples), and the "empty message"
    /// value of NIST's example set.
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
    ])
    func fipsExamples(message: String, digest: String) {
        #expect(SHA256.hash(Array(message.utf8)).hex == digest)
    }

    /// FIPS 180-2 B.3: one million times "a", given in uneven pieces (the
    /// pending block is topped up across calls).
    @Test func millionA() {
        var hasher = SHA256()
        var given = 0
        var piece = 1
        while given < 1_000_000 {
            let n = min(piece, 1_000_000 - given)
            hasher.update([UInt8](repeating: 0x61, count: n))
            given += n
            piece = piece * 3 % 997 + 1
        }
        #expect(hasher.finalize().hex == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    /// RFC 4231, section 4 (test cases 1 to 7; case 5's output truncated to 128 bits).
    @Test(arguments: [
        ("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b", SHA256Tests.ascii("Hi There"),
         "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"),
        ("4a656665", SHA256Tests.ascii("what do ya want for nothing?"),
         "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"),
        ("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", String(repeating: "dd", count: 50),
         "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"),
        ("0102030405060708090a0b0c0d0e0f10111213141516171819", String(repeating: "cd", count: 50),
         "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"),
        ("0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c", SHA256Tests.ascii("Test With Truncation"),
         "a3b6167473100ee06e0c796c2955552b"),
        (String(repeating: "aa", count: 131), SHA256Tests.ascii("Test Using Larger Than Block-Size Key - Hash Key First"),
         "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"),
        (String(repeating: "aa", count: 131),
         SHA256Tests.ascii("This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm."),
         "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"),
    ])
    func rfc4231(key: String, data: String, mac: String) {
        let code = HMACSHA256.authenticationCode(for: Self.bytes(data), key: Self.bytes(key)).hex
        #expect(code.hasPrefix(mac))
        #expect(code.count == 64)
    }

    @Test func draftHasherIsKeyed() {
        let a = DraftHasher(key: Array(repeating: 1, count: 32))
        let b = DraftHasher(key: Array(repeating: 2, count: 32))
        let text = "Appelez-moi au 514 555-1234"
        #expect(a.hash(text) == a.hash(text))
        #expect(a.hash(text) != b.hash(text))
        #expect(a.hash(text) != a.hash(text + " "))
        #expect(a.hash(text).count == 64)
        #expect(a.hash(text) != SHA256.hash(Array(text.utf8)).hex)
    }
}
