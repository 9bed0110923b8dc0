import Foundation
import Testing

@testable import VigieModel

@Suite struct CorpusGeneratorTests {
    func lines(_ options: CorpusGenerator.Options) throws -> [String] {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("corpus-\(UUID().uuidString).jsonl")
        defer { try? FileManager.default.removeItem(at: url) }
        let writer = try ActivityStreamWriter(path: url.path)
        for generated in CorpusGenerator(options: options) { try writer.write(generated.activity) }
        try writer.close()
        return try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map(String.init)
    }

    @Test func theSameSeedGivesTheSameCorpus() throws {
        var options = CorpusGenerator.Options(count: 500)
        options.seed = 7
        let first = try lines(options)
        #expect(first.count == 500)
        #expect(try lines(options) == first)
        options.seed = 8
        #expect(try lines(options) != first)
    }

    @Test func theShareOfViolationsIsTheOneAskedFor() {
        var options = CorpusGenerator.Options(count: 20_000)
        options.violationRate = 0.2
        let planted = CorpusGenerator(options: options).filter { $0.violation != nil }.count
        #expect(abs(Double(planted) / 20_000 - 0.2) < 0.02)
        options.violationRate = 0
        #expect(CorpusGenerator(options: options).allSatisfy { $0.violation == nil })
    }

    @Test func nightPostsAreAtNightAndOthersInOfficeHours() {
        var options = CorpusGenerator.Options(count: 3000)
        options.violationRate = 0.5
        for generated in CorpusGenerator(options: options) {
            let local = generated.activity.timestamp.secondsSince1970 + Double(generated.activity.timestamp.utcOffset)
            let hour = Int(local.truncatingRemainder(dividingBy: 86_400) / 3600)
            if generated.violation == .nightPosting {
                #expect((2...4).contains(hour))
            } else {
                #expect((8...18).contains(hour))
            }
        }
    }

    @Test func languagesFollowTheAskedShare() {
        var options = CorpusGenerator.Options(count: 10_000)
        options.frenchShare = 0.7
        let french = CorpusGenerator(options: options).filter { $0.activity.language == "fr" }.count
        #expect(abs(Double(french) / 10_000 - 0.7) < 0.03)
    }

    @Test func plantedPersonalDataIsInTheText() {
        var options = CorpusGenerator.Options(count: 2000)
        options.violationRate = 1
        for generated in CorpusGenerator(options: options) where generated.violation == .phone {
            #expect(generated.activity.text.contains("555") || generated.activity.text.contains("06 ")
                || generated.activity.text.contains("+33"))
        }
    }
}
