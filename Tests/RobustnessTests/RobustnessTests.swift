import Foundation
import Testing
import VigieFuzz
import VigieImport
import VigieModel
import VigieTestSupport

/// The short run of the robustness suite: a fixed seed, every damage five
/// times over every importer (and layouts: folder, single file, `.zip`).
/// The long run is `make fuzz` (`vigie-fuzz`), with any seed and length.
///
/// Each case: no crash, no hang, counts that add up per file and per source,
/// no planted personal data in any message, and what the damage must give
/// (the bad record skipped and the others imported, the bomb refused…).
/// One case in six also goes through the built binary: no trap, no hang,
/// bounded memory, the right exit status, nothing planted in its output.
@Suite struct RobustnessTests {
    static let seed: UInt64 = 20_260_301
    static let cases = FuzzCase.Damage.allCases.count * 5

    @Test(arguments: 0..<cases)
    func malformedInputKeepsTheInvariants(_ index: Int) throws {
        let fuzzCase = FuzzCase.generate(seed: Self.seed, index: index)
        let scratch = try Scratch()
        defer { scratch.cleanup() }
        let path = try fuzzCase.materialise(in: scratch)
        let run = CaseRunner.runInProcess(path)
        let failures = CaseRunner.violations(run, of: fuzzCase)
        #expect(failures.isEmpty, "\(fuzzCase): \(failures.joined(separator: "\n"))")
        if index % 6 == 0 {
            let binary = CaseRunner.binaryViolations(VigieBinary.url.path, path: path, expected: run)
            #expect(binary.isEmpty, "\(fuzzCase) (binary): \(binary.joined(separator: "\n"))")
        }
    }

    /// The generator is deterministic: the same seed gives the same cases.
    @Test func casesAreReproducible() throws {
        for index in [0, 7, 23] {
            let a = FuzzCase.generate(seed: Self.seed, index: index)
            let b = FuzzCase.generate(seed: Self.seed, index: index)
            #expect(a.description == b.description)
            let s1 = try Scratch(), s2 = try Scratch()
            defer {
                s1.cleanup()
                s2.cleanup()
            }
            let p1 = try a.materialise(in: s1), p2 = try b.materialise(in: s2)
            if p1.hasPrefix(s1.url.path) {
                let one = FileManager.default.subpaths(atPath: p1) ?? []
                let two = FileManager.default.subpaths(atPath: p2) ?? []
                #expect(one == two)
            }
        }
    }

    /// The short run covers every damage.
    @Test func everyDamageIsCovered() {
        let damages = Set((0..<Self.cases).map { FuzzCase.generate(seed: Self.seed, index: $0).damage })
        #expect(damages == Set(FuzzCase.Damage.allCases))
    }
}
