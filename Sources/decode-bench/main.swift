// Benchmark of decoding `vigie.activity/1` lines (not a test): JSONDecoder
// alone against the fast line reader, within one run. Build in release mode:
//   swift build -c release --product decode-bench
//   .build/release/decode-bench [N]            # N generated corpus lines (default 200000)
//   .build/release/decode-bench FILE.jsonl     # the lines of a stream
//   .build/release/decode-bench N --fast-only  # the fast reader alone, 5 times (for perf)
// Only the decoding is timed (the lines are in memory before the loops).
import Foundation
@_spi(Benchmarks) import VigieModel

func corpusLines(_ count: Int) throws -> [[UInt8]] {
    var options = CorpusGenerator.Options(count: count)
    options.seed = 7
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("decode-bench-\(getpid()).jsonl").path
    defer { try? FileManager.default.removeItem(atPath: path) }
    let writer = try ActivityStreamWriter(path: path)
    for generated in CorpusGenerator(options: options) { try writer.write(generated.activity) }
    try writer.close()
    return try fileLines(path)
}

func fileLines(_ path: String) throws -> [[UInt8]] {
    let data = try Data(contentsOf: URL(fileURLWithPath: path))
    return data.split(separator: 0x0A).map { Array($0) }
}

let argument = CommandLine.arguments.dropFirst().first
// `--fast-only` as a second argument: only the fast reader (for a profiler).
if CommandLine.arguments.dropFirst(2).first == "--fast-only" {
    let lines = try argument.flatMap(Int.init).map(corpusLines) ?? fileLines(argument!)
    for _ in 1...5 { _ = ActivityLineDecoding.decode(lines, fastReader: true) }
    exit(0)
}
let lines = try argument.flatMap(Int.init).map(corpusLines) ?? (argument.map(fileLines) ?? corpusLines(200_000))
let bytes = lines.reduce(0) { $0 + $1.count }
print("\(lines.count) lines, \(bytes / 1_000_000) MB")

func seconds(_ body: () -> Void) -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

var best = (old: Double.infinity, new: Double.infinity)
var old: [Activity] = [], new: [Activity] = []
for round in 1...3 {
    let a = seconds { old = ActivityLineDecoding.decode(lines, fastReader: false) }
    let b = seconds { new = ActivityLineDecoding.decode(lines, fastReader: true) }
    best = (min(best.old, a), min(best.new, b))
    print(String(format: "round %d: JSONDecoder %.3f s, fast reader %.3f s", round, a, b))
}
print(old == new ? "same \(new.count) activities both ways" : "DIFFERENT RESULTS")
print(String(format: "best: JSONDecoder %.3f s (%.2f µs/line), fast reader %.3f s (%.2f µs/line), ratio %.1fx",
    best.old, best.old / Double(lines.count) * 1e6, best.new, best.new / Double(lines.count) * 1e6, best.old / best.new))
if old != new { exit(1) }
