import Foundation
import Testing

@testable import VigieModel

@Suite struct ActivityStreamWriterPathTests {
    /// The writer opens its path in place: a symbolic link (or /dev/null, or a
    /// pipe) stays what it is and is written through, never replaced.
    @Test func writesThroughASymbolicLinkWithoutReplacingIt() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("writer-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let target = dir.appendingPathComponent("target.jsonl")
        try Data("old content\n".utf8).write(to: target)
        let link = dir.appendingPathComponent("link.jsonl")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: target)

        let writer = try ActivityStreamWriter(path: link.path)
        for generated in CorpusGenerator(options: .init(count: 2)) { try writer.write(generated.activity) }
        try writer.close()

        let attributes = try FileManager.default.attributesOfItem(atPath: link.path)
        #expect(attributes[.type] as? FileAttributeType == .typeSymbolicLink)
        let lines = try String(contentsOf: target, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines.allSatisfy { $0.hasPrefix("{\"schema\":\"vigie.activity/1\"") })
    }
}
