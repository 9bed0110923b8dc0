import Foundation
import Testing
import ZIPFoundation

@testable import VigieModel

@Suite struct ZipImportTests {
    /// Zips a fixture folder the way exports arrive.
    func zip(_ fixtureFolder: String, into folder: TemporaryFolder, name: String) throws -> String {
        let source = URL(fileURLWithPath: fixture(fixtureFolder))
        let path = folder.path(name)
        let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .create)
        let files = FileManager.default.enumerator(atPath: source.path)!
        while let relative = files.nextObject() as? String {
            var isDirectory: ObjCBool = false
            FileManager.default.fileExists(atPath: source.appendingPathComponent(relative).path, isDirectory: &isDirectory)
            if isDirectory.boolValue { continue }
            try archive.addEntry(with: relative, relativeTo: source, compressionMethod: .deflate)
        }
        return path
    }

    @Test(arguments: ["twitter", "instagram", "facebook", "mastodon", "linkedin"])
    func aZipImportsLikeItsFolder(_ format: String) throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanup() }
        let path = try zip(format, into: folder, name: "export-\(format).zip")
        let zipped = try runImport(path)
        let plain = try runImport(fixture(format))
        #expect(zipped.summary.recordsRead == plain.summary.recordsRead)
        #expect(zipped.activities.map(\.id) == plain.activities.map(\.id))
        #expect(zipped.activities.map(\.text) == plain.activities.map(\.text))
        #expect(zipped.activities.allSatisfy { $0.source.file.hasPrefix(path + "!/") })
    }

    @Test func aJSONLStreamInsideAZipIsStreamed() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanup() }
        let path = try zip("jsonl", into: folder, name: "stream.zip")
        let result = try runImport(path)
        #expect(result.summary.formats == [.jsonl])
        #expect(result.summary.imported == 3)
        #expect(result.issues.first?.file == path + "!/activities.jsonl")
    }

    @Test func aDamagedZipIsUnreadable() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanup() }
        let path = try folder.write("broken.zip", "PK\u{3}\u{4}pas vraiment une archive")
        #expect(throws: ImportError.self) { try runImport(path) }
    }
}
