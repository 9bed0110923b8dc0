import Foundation
import Testing
import ZIPFoundation

@testable import VigieModel
@testable import VigieImport

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

@Suite struct LargeZipEntryTests {
    /// Detection reads only the head of an entry; a large entry must still be
    /// recognised and then read whole.
    @Test func entriesLargerThanTheSniffedHead() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanup() }
        let stream = folder.path("big.jsonl")
        let writer = try ActivityStreamWriter(path: stream)
        for i in 0..<3_000 {
            try writer.write(Activity(
                id: "x:\(i)", kind: .post, platform: "x", author: Account(platform: "x"),
                timestamp: Timestamp(secondsSince1970: 1_700_000_000 + Double(i)), text: "Publication numéro \(i) de l’équipe",
                source: RecordSource(file: "", index: i)))
        }
        try writer.close()
        #expect(fileSize(at: stream) > Int64(FileKind.sniffBytes))
        let zipPath = folder.path("big.zip")
        let archive = try Archive(url: URL(fileURLWithPath: zipPath), accessMode: .create)
        try archive.addEntry(with: "big.jsonl", relativeTo: folder.url, compressionMethod: .deflate)
        let result = try runImport(zipPath)
        #expect(result.summary.imported == 3_000)
        #expect(result.summary.failedFiles.isEmpty)
        #expect(result.activities.last?.source.line == 3_000)
    }
}
