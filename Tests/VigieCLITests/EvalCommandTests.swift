import Foundation
import Testing
import VigieTestSupport

/// `vigie eval` on the bundled corpus of entretien-menager: the gates of
/// `make test`, a gate that fails, JSON output, and a bad file's line.
@Suite("vigie eval")
struct EvalCommandTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let policy = root.appendingPathComponent("Policies/entretien-menager").path
    static let plugins = root.appendingPathComponent("Plugins").path
    static let corpus = root.appendingPathComponent("Policies/entretien-menager/eval/corpus.jsonl").path
    static let ordinary = root.appendingPathComponent("Policies/entretien-menager/eval/public.jsonl").path

    func eval(_ more: [String]) throws -> VigieBinary.Result {
        try VigieBinary.run(["eval"] + more + ["--policy", Self.policy, "--plugins", Self.plugins])
    }

    @Test func theCorpusMeetsItsGates() throws {
        let r = try eval([Self.corpus, "--summary", "--min-precision", "0.9", "--min-recall", "0.85",
                          "--max-false-alarm-rate", "0.05"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("558 items (364 labeled, 194 that should raise nothing)"))
        #expect(r.stdout.contains("category "))
        #expect(!r.stdout.contains("Misses ("), "--summary lists nothing")
        let ordinary = try eval([Self.ordinary, "--summary", "--max-false-alarm-rate", "0.05"])
        #expect(ordinary.status == 0, "\(ordinary.stderr)")
    }

    @Test func aGateNotMetExitsOne() throws {
        let r = try eval([Self.corpus, "--summary", "--min-precision", "1", "--min-recall", "1"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("gate not met: \(Self.corpus): category "))
    }

    @Test func jsonOutput() throws {
        let r = try eval([Self.corpus, "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(object["items"] as? Int == 558)
        let categories = try #require(object["categories"] as? [[String: Any]])
        #expect(categories.count == 11)
        #expect(categories.allSatisfy { (($0["counts"] as? [String: Any])?["recall"] as? Double ?? 0) >= 0.85 })
    }

    @Test func aBadLineIsNamed() throws {
        let folder = try TemporaryFolder()
        let bad = try folder.write("bad.jsonl", #"{"schema":"vigie.activity/1","id":"a","kind":"post","platform":"x","author":{"platform":"x"},"timestamp":"2026-01-05T10:00:00Z","text":"t"}"# + "\n")
        let r = try eval([bad.path])
        #expect(r.status == 2)
        #expect(r.stderr.contains("bad.jsonl:1: no \"labels\""))
    }
}
