import Foundation
import VigieFuzz

// The long run of the robustness suite (`make fuzz`): generates malformed
// inputs for every importer, imports each one in this process and checks
// the invariants (no crash, bounded time, counts that add up, no planted
// personal data in any message), and runs the built `vigie` binary on a
// sample of them (no trap, no hang, bounded memory, the right exit status).
//
//   vigie-fuzz [--cases N] [--seed S] [--binary PATH] [--binary-every K]
//
// It prints one line per failing case and a report at the end; it exits 1
// when a case failed.

var cases = 2_000
var seed: UInt64 = UInt64(Date().timeIntervalSince1970)
var binary: String?
var binaryEvery = 10
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
    switch argument {
    case "--cases": cases = Int(arguments.popFirst() ?? "") ?? cases
    case "--seed": seed = UInt64(arguments.popFirst() ?? "") ?? seed
    case "--binary": binary = arguments.popFirst()
    case "--binary-every": binaryEvery = Swift.max(1, Int(arguments.popFirst() ?? "") ?? binaryEvery)
    default:
        FileHandle.standardError.write(Data("usage: vigie-fuzz [--cases N] [--seed S] [--binary PATH] [--binary-every K]\n".utf8))
        exit(2)
    }
}

print("vigie-fuzz: \(cases) cases, seed \(seed)\(binary.map { ", binary \($0) every \(binaryEvery) cases" } ?? "")")
var failed = 0
var byDamage: [String: (run: Int, failed: Int)] = [:]
var slowest = (seconds: 0.0, description: "")
var binaryRuns = 0
let start = Date()
for index in 0..<cases {
    let fuzzCase = FuzzCase.generate(seed: seed, index: index)
    guard let scratch = try? Scratch() else { continue }
    defer { scratch.cleanup() }
    let path: String
    do {
        path = try fuzzCase.materialise(in: scratch)
    } catch {
        print("FAIL \(fuzzCase): cannot write the case: \(error)")
        failed += 1
        continue
    }
    let run = CaseRunner.runInProcess(path)
    var failures = CaseRunner.violations(run, of: fuzzCase)
    if let binary, index % binaryEvery == 0 {
        binaryRuns += 1
        failures += CaseRunner.binaryViolations(binary, path: path, expected: run)
    }
    if run.seconds > slowest.seconds { slowest = (run.seconds, fuzzCase.description) }
    var tally = byDamage[fuzzCase.damage.rawValue] ?? (0, 0)
    tally.run += 1
    if !failures.isEmpty {
        tally.failed += 1
        failed += 1
        print("FAIL \(fuzzCase)")
        for failure in failures { print("  \(failure)") }
    }
    byDamage[fuzzCase.damage.rawValue] = tally
    if (index + 1) % 500 == 0 { print("… \(index + 1) cases, \(failed) failed") }
}
print("vigie-fuzz report: \(cases) cases (\(binaryRuns) also through the binary), \(failed) failed, in \(Int(Date().timeIntervalSince(start))) s; seed \(seed)")
for (damage, tally) in byDamage.sorted(by: { $0.key < $1.key }) {
    print("  \(damage.padding(toLength: 22, withPad: " ", startingAt: 0)) \(tally.run) cases, \(tally.failed) failed")
}
print("  slowest case: \(String(format: "%.2f", slowest.seconds)) s, \(slowest.description)")
exit(failed == 0 ? 0 : 1)
