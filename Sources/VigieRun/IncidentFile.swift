import Foundation
import VigieEngine

/// Where the escalation state of the incidents is kept between runs:
/// `<policy>/.vigie/incidents.json`.
enum IncidentFile {
    static func url(_ policyFolder: String) -> URL {
        URL(fileURLWithPath: policyFolder).appendingPathComponent(".vigie/incidents.json")
    }

    /// The saved incidents, nil when there are none yet.
    static func load(_ policyFolder: String) throws(RunError) -> IncidentBook? {
        let url = url(policyFolder)
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        do {
            return try JSONDecoder().decode(IncidentBook.self, from: Data(contentsOf: url))
        } catch {
            throw RunError(
                .incidents, "\(url.path): the saved incidents cannot be read (\(error)); move the file away to start afresh")
        }
    }

    static func save(_ book: IncidentBook, _ policyFolder: String) throws(RunError) {
        let url = url(policyFolder)
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            // A regular file of Vigie's own: written whole, then renamed.
            try encoder.encode(book).write(to: url, options: .atomic)
        } catch {
            throw RunError(.output, "\(url.path): the incidents cannot be saved (\(error.localizedDescription))")
        }
    }
}
