import Foundation
import Testing

@testable import VigieModel
@testable import VigieImport

/// The path of a fixture under `Fixtures/`.
func fixture(_ relative: String) -> String {
    let root = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!
    return root.appendingPathComponent(relative).path
}

/// What an import produced.
struct ImportResult {
    var summary: ImportSummary
    var activities: [Activity]
    var issues: [ImportIssue]

    func activity(_ id: String) -> Activity? { activities.first { $0.id == id } }
}

func runImport(_ path: String, format: ExportFormat? = nil, options: ImportOptions = ImportOptions()) throws
    -> ImportResult
{
    var activities: [Activity] = []
    var issues: [ImportIssue] = []
    let summary = try Importer(options: options).importSource(
        at: path, format: format, onIssue: { issues.append($0) }, onActivity: { activities.append($0) })
    return ImportResult(summary: summary, activities: activities, issues: issues)
}

/// A fresh temporary folder, removed by `cleanup()`.
struct TemporaryFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("vigie-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    func write(_ name: String, _ text: String) throws -> String {
        let file = url.appendingPathComponent(name)
        try FileManager.default.createDirectory(
            at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: file)
        return file.path
    }

    func cleanup() { try? FileManager.default.removeItem(at: url) }
}

/// The process's peak resident set size so far, in bytes.
func peakResidentBytes() -> Int {
    var usage = rusage()
    getrusage(Int32(RUSAGE_SELF.rawValue), &usage)
    return Int(usage.ru_maxrss) * 1024  // kilobytes on Linux
}

/// The size of a file, in bytes (0 when it cannot be read).
func fileSize(at path: String) -> Int64 {
    ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.int64Value ?? 0
}
