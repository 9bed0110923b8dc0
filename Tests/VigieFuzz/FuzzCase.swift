import Foundation

/// One generated malformed input: an export of some format, damaged one way,
/// laid out as a folder, a single file or a `.zip`.
public struct FuzzCase: CustomStringConvertible, Sendable {
    public enum Damage: String, CaseIterable, Sendable {
        case none
        case truncate
        case byteFlips
        case hugeNumber
        case negativeNumber
        case wrongType
        case plantedTime
        case millisecondsInSeconds
        case duplicateKey
        case duplicateRecord
        case deepNesting
        case brokenQuote
        case unclosedCSVQuote
        case backslashQuotes
        case longLine
        case emptyFile
        case zipBomb
        case newlineBomb
        case damagedDirectory
        case truncatedZip
        case overlappingEntries
        case fifo
        case device
        case unsafeZipPath
    }

    public enum Layout: String, Sendable { case folder, file, zip }

    public var seed: UInt64
    public var index: Int
    public var format: SampleFormat
    public var damage: Damage
    public var layout: Layout
    public var records: Int

    public var description: String {
        "case \(index) (seed \(seed)): \(format.rawValue), \(damage.rawValue), as a \(layout.rawValue), \(records) records"
    }

    /// The case `index` of the run `seed`: every damage comes back in turn
    /// (so that a short run covers them all), the rest is drawn at random.
    public static func generate(seed: UInt64, index: Int) -> FuzzCase {
        var random = SplitMix64(seed: seed &+ UInt64(index) &* 0x9E37_79B9)
        let damages = Damage.allCases
        let damage = damages[index % damages.count]
        var format = random.pick(SampleFormat.allCases)
        var layout: FuzzCase.Layout = random.pick([.folder, .file, .zip])
        switch damage {
        case .zipBomb, .newlineBomb, .damagedDirectory, .truncatedZip, .overlappingEntries, .unsafeZipPath:
            layout = .zip
        case .fifo:
            layout = random.pick([.folder, .file])
        case .device:
            layout = .file
        case .unclosedCSVQuote, .backslashQuotes:
            format = random.pick([.linkedinShares, .linkedinComments])
        case .hugeNumber, .negativeNumber, .millisecondsInSeconds:
            format = random.pick(SampleFormat.allCases.filter(\.numericTime))
        case .brokenQuote:
            format = random.pick(SampleFormat.allCases.filter { !$0.isCSV && $0 != .jsonl })
        case .longLine, .newlineBomb:
            format = .jsonl
        default:
            break
        }
        // A thread is Messenger's only beside Facebook files: a folder.
        if format == .messenger && layout == .file && damage != .device { layout = .folder }
        return FuzzCase(seed: seed, index: index, format: format, damage: damage, layout: layout, records: 3 + random.below(40))
    }

    /// Writes the case in `scratch` and returns the path to import.
    public func materialise(in scratch: Scratch) throws -> String {
        var random = SplitMix64(seed: seed ^ UInt64(index) &* 0xD1B5_4A32_D192_ED03)
        let victim = random.below(records)
        var special: [Int: Special] = [:]
        switch damage {
        case .hugeNumber: special[victim] = .time(random.pick(["1e30", "9223372036854775807", "1.7976931348623157e308", "18446744073709551616000", "1e400"]))
        case .negativeNumber: special[victim] = .time(random.pick(["-1", "-9223372036854775808", "-1e30", "0", "1e-300"]))
        case .wrongType: special[victim] = .time(random.pick(["\"soon\"", "[]", "{}", "true", "null", "\"\""]))
        case .plantedTime:
            let value = random.pick(Planted.values)
            special[victim] = .time(format.isCSV ? value : "\"\(value)\"")
        case .millisecondsInSeconds:
            special[victim] = .time(random.pick(["1700000000000", "1700000000000000", "1700000000"]))
        case .duplicateKey: special[victim] = .duplicateKey
        case .deepNesting: special[victim] = .deepNesting(random.pick([600, 5_000, 100_000]))
        case .backslashQuotes:
            for i in 0..<records where random.below(3) == 0 { special[i] = .backslashQuote }
        default: break
        }
        var export = Samples.export(format, records: records, special: special)
        var bytes = export.recordsBytes
        switch damage {
        case .truncate:
            bytes = Array(bytes.prefix(random.below(bytes.count)))
        case .byteFlips:
            for _ in 0..<(1 + random.below(8)) where !bytes.isEmpty {
                let at = random.below(bytes.count)
                bytes[at] = random.pick([0x22, 0x7B, 0x7D, 0x5B, 0x5D, 0x2C, 0x0A, 0x5C, 0x00, 0xFF, UInt8(truncatingIfNeeded: random.next())])
            }
        case .brokenQuote:
            // Removes one closing quote of a text value.
            let text = Array("\"".utf8)[0]
            let positions = bytes.indices.filter {
                bytes[$0] == text && $0 + 1 < bytes.count && [0x0A, 0x2C, 0x7D, 0x5D].contains(bytes[$0 + 1])
            }
            if !positions.isEmpty { bytes.remove(at: random.pick(positions)) }
        case .unclosedCSVQuote:
            // A field opened with a quote that never closes, on one row.
            let lines = String(decoding: bytes, as: UTF8.self).components(separatedBy: "\r\n")
            var changed = lines
            let row = 1 + random.below(Swift.max(1, lines.count - 2))
            if row < changed.count { changed[row] = changed[row].replacingOccurrences(of: ",https", with: ",\"https") }
            bytes = Array(changed.joined(separator: "\r\n").utf8)
        case .duplicateRecord:
            if format == .jsonl {
                let lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n")
                bytes = Array((lines + [lines[victim]]).joined(separator: "\n").utf8 + [0x0A])
            }
        case .longLine:
            // Letters at random: a long line, not a zip bomb.
            var line = [UInt8](repeating: 0, count: 5 * 1024 * 1024)
            for k in line.indices { line[k] = 0x61 + UInt8(random.next() % 26) }
            bytes += line + [0x0A]
        case .emptyFile:
            bytes = []
        default:
            break
        }
        export.recordsBytes = bytes
        switch layout {
        case .folder:
            for file in export.files { try scratch.write("export/" + file.path, file.bytes) }
            if damage == .fifo { try scratch.fifo("export/" + export.recordsFile.replacingOccurrences(of: ".", with: "-pipe.")) }
            return scratch.path("export")
        case .file:
            if damage == .fifo { return try scratch.fifo("pipe.json") }
            if damage == .device { return "/dev/zero" }
            let name = (export.recordsFile as NSString).lastPathComponent
            return try scratch.write(name, export.recordsBytes)
        case .zip:
            var entries = export.files.map { ZipWriter.Entry($0.path, $0.bytes) }
            switch damage {
            case .zipBomb:
                // A posts file that a few kilobytes expand to 16 MiB of spaces.
                let head = Array("[{\"timestamp\": 1700000000, \"data\": [{\"post\": \"x\"}]}".utf8)
                entries.append(ZipWriter.Entry(
                    "posts/your_posts_9.json", head + Array(repeating: 0x20, count: 16 * 1024 * 1024) + Array("]".utf8)))
            case .newlineBomb:
                entries = [ZipWriter.Entry(
                    "stream.jsonl", Array("{\"schema\":\"vigie.activity/1\"}\n".utf8) + Array(repeating: 0x0A, count: 16 * 1024 * 1024))]
            case .unsafeZipPath:
                entries.append(ZipWriter.Entry("../../evil/activities.jsonl", Array("{}\n".utf8)))
            default:
                break
            }
            var layout = ZipWriter.archive(entries)
            switch damage {
            case .damagedDirectory:
                // Breaks one central directory record's signature.
                let record = layout.directoryRecordOffsets[random.below(layout.directoryRecordOffsets.count)]
                layout.bytes[record] = 0x00
            case .truncatedZip:
                layout.bytes = Array(layout.bytes.prefix(Swift.max(4, random.below(layout.bytes.count))))
            case .overlappingEntries:
                // A second directory record pointing at the first entry's data.
                layout = overlapping(entries)
            default:
                break
            }
            return try scratch.write("export.zip", layout.bytes)
        }
    }

    /// An archive whose directory names one entry's data twice.
    private func overlapping(_ entries: [ZipWriter.Entry]) -> ZipWriter.Layout {
        var layout = ZipWriter.archive(entries + [ZipWriter.Entry("copy.json", entries[0].data)])
        // Points the last record's local header offset at the first entry.
        let last = layout.directoryRecordOffsets.last!
        for k in 0..<4 { layout.bytes[last + 42 + k] = 0 }
        return layout
    }
}
