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
