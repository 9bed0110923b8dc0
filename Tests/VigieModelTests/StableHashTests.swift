import Testing

@testable import VigieModel

/// Fingerprints must not change from one version to the next: combining a
/// number hashes its decimal digits exactly as combining its text does.
@Suite("Stable hash of numbers")
struct StableHashNumberTests {
    @Test func aNumberHashesAsItsDecimalText() {
        var random = SplitMix64(seed: 17)
        var numbers = [0, 1, -1, 9, 10, -10, 99, 100, 12345, Int.max, Int.min, Int.min + 1]
        for _ in 0..<500 { numbers.append(Int(bitPattern: UInt(random.next())) >> Int(random.next() % 60)) }
        for n in numbers {
            var byNumber = StableHash()
            byNumber.combine("prefix")
            byNumber.combine(n)
            var byText = StableHash()
            byText.combine("prefix")
            byText.combine(String(n))
            #expect(byNumber.value == byText.value, "\(n)")
        }
    }
}

/// The text and hexadecimal forms stay those of plain FNV-1a over the UTF-8
/// bytes, written as sixteen lowercase digits with leading zeros.
@Suite("Stable hash of texts")
struct StableHashTextTests {
    /// FNV-1a 64 of the bytes, then the separator byte 0xff: the definition.
    private func reference(_ text: String) -> UInt64 {
        var v: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in Array(text.utf8) + [0xff] {
            v ^= UInt64(b)
            v = v &* 0x0000_0100_0000_01b3
        }
        return v
    }

    @Test func textsHashTheirBytesAndPrintSixteenDigits() {
        var random = SplitMix64(seed: 23)
        let alphabet = Array("aé0 ’😀#\n-Z")
        var texts = ["", "a", "été", "corpus-7-12", String(repeating: "x", count: 300)]
        for _ in 0..<600 {
            texts.append(String((0..<Int(random.next() % 40)).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }))
        }
        var leadingZeros = 0
        for text in texts {
            var hash = StableHash()
            hash.combine(text)
            #expect(hash.value == reference(text), "\(text)")
            let digits = String(hash.value, radix: 16)
            #expect(hash.hex == String(repeating: "0", count: 16 - digits.count) + digits)
            #expect(hash.hex.utf8.count == 16)
            if hash.hex.hasPrefix("0") { leadingZeros += 1 }
            // A substring's text hashes as the same text.
            var fromSubstring = StableHash()
            fromSubstring.combine(String(("<" + text + ">").dropFirst().dropLast()))
            #expect(fromSubstring.value == hash.value)
        }
        #expect(leadingZeros > 0)  // the padding was exercised
    }
}
