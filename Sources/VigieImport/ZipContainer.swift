import VigieModel
import Foundation
import ZIPFoundation

/// A `.zip` export, read in place with ZIPFoundation.
struct ZipContainer: ExportContainer {
    let location: String
    let entries: [ExportEntry]
    private let archive: Archive

    static func looksLikeZip(path: String) -> Bool {
        guard let head = try? headOfFile(at: path, display: path, count: 4) else { return false }
        return head == [0x50, 0x4B, 0x03, 0x04] || head == [0x50, 0x4B, 0x05, 0x06]
    }

    init(path: String) throws(ImportError) {
        location = path
        do {
            archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        } catch {
            throw .unreadable(path: path, reason: "not a readable .zip archive")
        }
        entries = archive.compactMap { entry -> ExportEntry? in
            guard entry.type == .file else { return nil }
            return ExportEntry(path: entry.path, size: Int64(clamping: entry.uncompressedSize))
        }
        .sorted { $0.path.localizedStandardCompare($1.path) == .orderedAscending }
    }

    func displayName(of entry: ExportEntry) -> String { location + "!/" + entry.path }

    private struct Enough: Error {}

    private func extract(_ entry: ExportEntry, limit: Int64, stopAtLimit: Bool) throws(ImportError) -> [UInt8] {
        let name = displayName(of: entry)
        guard let zipEntry = archive[entry.path] else { throw .unreadable(path: name, reason: "entry not found") }
        var bytes: [UInt8] = []
        do {
            _ = try archive.extract(zipEntry, skipCRC32: stopAtLimit) { chunk in
                bytes.append(contentsOf: chunk)
                if Int64(bytes.count) > limit {
                    if stopAtLimit { throw Enough() }
                    throw ImportError.tooLarge(path: name, size: Int64(bytes.count), limit: limit)
                }
            }
        } catch is Enough {
            bytes.removeSubrange(Int(limit)...)
        } catch let error as ImportError {
            throw error
        } catch {
            throw .unreadable(path: name, reason: "damaged archive entry")
        }
        return bytes
    }

    func read(_ entry: ExportEntry, limit: Int64) throws(ImportError) -> [UInt8] {
        guard entry.size <= limit else { throw .tooLarge(path: displayName(of: entry), size: entry.size, limit: limit) }
        return try extract(entry, limit: limit, stopAtLimit: false)
    }

    func head(_ entry: ExportEntry, count: Int) throws(ImportError) -> [UInt8] {
        try extract(entry, limit: Int64(count), stopAtLimit: true)
    }

    func withLocalFile<T>(_ entry: ExportEntry, _ body: (String) throws -> T) throws -> T {
        guard let zipEntry = archive[entry.path] else {
            throw ImportError.unreadable(path: displayName(of: entry), reason: "entry not found")
        }
        let temporary = FileManager.default.temporaryDirectory
            .appendingPathComponent("vigie-\(UUID().uuidString)-\(entry.name)")
        defer { try? FileManager.default.removeItem(at: temporary) }
        do {
            _ = try archive.extract(zipEntry, to: temporary)
        } catch {
            throw ImportError.unreadable(path: displayName(of: entry), reason: "cannot extract the entry")
        }
        return try body(temporary.path)
    }
}
