import Foundation
import VigieModel

/// A `.zip` export, read in place with `ZipArchive`: entries are looked up
/// by path in a table built once (linear in the entries), read under the
/// archive limits, and never extracted to disk.
struct ZipContainer: ExportContainer {
    let location: String
    let entries: [ExportEntry]
    private let archive: ZipArchive
    private let byPath: [String: ZipArchive.Entry]
    let refusals: [(name: String, error: ImportError)]
    let notes: [String]

    static func looksLikeZip(path: String) -> Bool {
        guard let head = try? headOfFile(at: path, display: path, count: 4) else { return false }
        return head == [0x50, 0x4B, 0x03, 0x04] || head == [0x50, 0x4B, 0x05, 0x06]
    }

    init(path: String, options: ImportOptions) throws(ImportError) {
        location = path
        archive = try ZipArchive(path: path, options: options)
        var table: [String: ZipArchive.Entry] = [:]
        var refused = archive.refusals
        var list: [ExportEntry] = []
        for entry in archive.entries {
            guard table[entry.path] == nil else {
                // Two entries with one path: which is meant is not known.
                refused.append((archive.displayName(entry.path), .damagedArchive(
                    path: archive.displayName(entry.path), detail: "two entries have this path; the second is not read")))
                continue
            }
            table[entry.path] = entry
            let size = entry.uncompressedSize.map { Int64(clamping: $0) } ?? Int64(clamping: entry.compressedSize)
            list.append(ExportEntry(path: entry.path, size: size))
        }
        byPath = table
        entries = list.sorted { naturalOrder($0.path, $1.path) }
        refusals = refused
        notes = archive.notes
    }

    func displayName(of entry: ExportEntry) -> String { archive.displayName(entry.path) }

    private func zipEntry(_ entry: ExportEntry) throws(ImportError) -> ZipArchive.Entry {
        guard let found = byPath[entry.path] else {
            throw .unreadable(path: displayName(of: entry), reason: "entry not found")
        }
        return found
    }

    private func collect(_ entry: ExportEntry, limit: Int64, partial: Bool) throws(ImportError) -> [UInt8] {
        let found = try zipEntry(entry)
        var bytes: [UInt8] = []
        do {
            try archive.read(found, limit: limit, partial: partial) { bytes.append(contentsOf: $0) }
        } catch let error as ImportError {
            throw error
        } catch {
            throw .damagedArchive(path: displayName(of: entry), detail: "the entry cannot be read")
        }
        return bytes
    }

    func read(_ entry: ExportEntry, limit: Int64) throws(ImportError) -> [UInt8] {
        try collect(entry, limit: limit, partial: false)
    }

    func head(_ entry: ExportEntry, count: Int) throws(ImportError) -> [UInt8] {
        try collect(entry, limit: Int64(count), partial: true)
    }

    func stream(_ entry: ExportEntry, _ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        // A stream has no size limit of its own: the archive's limits apply.
        try archive.read(try zipEntry(entry), limit: .max, partial: false, body)
    }
}
