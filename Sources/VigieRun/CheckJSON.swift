import Foundation
import VigieModel
import VigieReport

extension CheckRun {
    /// What `check --format json` prints: an object with the keys
    /// activities, decisions, failures, findings, incidents (the open ones,
    /// moved or not), newFindings (with the case file), policy, schema,
    /// skipped and version, pretty with sorted keys as
    /// `JSONEncoder` writes them; the findings are read back and encoded one
    /// at a time, so memory stays flat. `write` receives the text in pieces;
    /// `onFinding` sees each finding as it is written.
    public static let jsonSchema = "vigie.check/1"

    public func writeJSON(to write: (String) -> Void, onFinding: (CheckedFinding) -> Void) throws {
        try writeJSON(to: write) { (view: SpillRecordView, isNew: Bool) throws in
            let record: FindingSpill.Record
            do {
                record = try FindingSpill.Record(decoding: view.raw)
            } catch {
                throw RunError(.spill, "a spilled finding cannot be read back")
            }
            onFinding(record.line(isNew: isNew))
        }
    }

    /// The same, without building a `CheckedFinding` per finding (written
    /// straight from the spill's bytes): `counting` sees each finding's
    /// severity and whether it is new.
    public func writeJSON(to write: (String) -> Void, counting: (Severity, Bool) -> Void = { _, _ in }) throws {
        try writeJSON(toBytes: { write(String(decoding: $0, as: UTF8.self)) }, counting: counting)
    }

    /// The same as bytes (UTF-8), in pieces valid only during each call of
    /// `write`: no string is made of the findings.
    public func writeJSON(
        toBytes write: (UnsafeRawBufferPointer) -> Void, counting: (Severity, Bool) -> Void = { _, _ in }
    ) throws {
        try writeJSON(toBytes: write) { (view: SpillRecordView, isNew: Bool) in
            counting(view.severityValue, isNew)
        }
    }

    private func writeJSON(to write: (String) -> Void, each: (SpillRecordView, Bool) throws -> Void) throws {
        try writeJSON(toBytes: { write(String(decoding: $0, as: UTF8.self)) }, each: each)
    }

    private func writeJSON(toBytes writeBytes: (UnsafeRawBufferPointer) -> Void, each: (SpillRecordView, Bool) throws -> Void)
        throws
    {
        func write(_ text: String) {
            var text = text
            text.withUTF8 { writeBytes(UnsafeRawBufferPointer($0)) }
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        /// A value as the encoder prints it nested `depth` levels deep: its
        /// lines after the first indented (empty lines stay empty, as the
        /// encoder leaves them in empty arrays).
        func nested(_ value: some Encodable, depth: Int) throws -> String {
            let encoded = try encoder.encode(value)
            var out: [UInt8] = []
            out.reserveCapacity(encoded.count + encoded.count / 4)
            var lineStart = false
            for byte in encoded {
                // Each line after the first gets the indent unless it is empty.
                if lineStart && byte != 0x0A { out.append(contentsOf: repeatElement(0x20, count: 2 * depth)) }
                out.append(byte)
                lineStart = byte == 0x0A
            }
            return String(decoding: out, as: UTF8.self)
        }
        func key(_ name: String) -> String { "  \"\(name)\" : " }
        /// A list, element by element (what the encoder writes for the whole
        /// list, without holding it whole: the decisions of a long run).
        func list<T: Encodable>(_ name: String, _ items: [T]) throws {
            guard !items.isEmpty else {
                write(key(name) + (try nested(items, depth: 1)) + ",\n")
                return
            }
            write(key(name) + "[\n")
            for (i, item) in items.enumerated() {
                write((i > 0 ? ",\n    " : "    ") + (try nested(item, depth: 2)))
            }
            write("\n  ],\n")
        }
        let manifest = engine.declarations.manifest
        var newCount = 0
        // The keys in the order `.sortedKeys` gives.
        write("{\n")
        write(key("activities") + (try nested(activities, depth: 1)) + ",\n")
        try list("decisions", decisions)
        try list("failures", failures)
        if !failuresNotListed.isEmpty {
            // Only when a rule failed more than `failuresListedPerRule` times.
            write(key("failuresNotListed") + (try nested(failuresNotListed, depth: 1)) + ",\n")
        }
        if findingCount == 0 {
            write(key("findings") + (try nested([CheckedFinding](), depth: 1)) + ",\n")
        } else {
            // Written in chunks of about 64 KiB, each finding straight from
            // the spill's bytes.
            let chunk = ByteSink(capacity: 1 << 17)
            chunk.append(key("findings"))
            chunk.append([0x5B, 0x0A])
            var first = true
            try forEachFindingView { view, isNew in
                try each(view, isNew)
                if isNew { newCount += 1 }
                chunk.append(first ? [0x20, 0x20, 0x20, 0x20] : [0x2C, 0x0A, 0x20, 0x20, 0x20, 0x20])
                first = false
                FindingJSON.write(view, isNew: isNew, into: chunk)
                if chunk.count >= 1 << 16 {
                    writeBytes(chunk.bytes)
                    chunk.removeAll()
                }
            }
            chunk.append("\n  ],\n")
            writeBytes(chunk.bytes)
        }
        try list("incidents", openIncidents)
        if comparison != nil {
            write(key("newFindings") + (try nested(newCount, depth: 1)) + ",\n")
        }
        write(key("policy") + (try nested(manifest.name, depth: 1)) + ",\n")
        write(key("schema") + (try nested(Self.jsonSchema, depth: 1)) + ",\n")
        write(key("skipped") + (try nested(skipped.count, depth: 1)) + ",\n")
        write(key("version") + (try nested(manifest.version, depth: 1)) + "\n")
        write("}\n")
    }
}

extension CheckRun {
    /// The findings in the order they came, read in place from the spill
    /// (`SpillRecordView`, valid only during `body`) with whether each is
    /// new; with a case file, asked 256 findings at a time, their bytes
    /// kept meanwhile.
    func forEachFindingView(_ body: (SpillRecordView, Bool) throws -> Void) throws {
        guard let spill else { return }
        do {
            guard let caseFile, let comparison else {
                try spill.forEachView { try body($0, true) }
                return
            }
            var batch: [UInt8] = []
            var ends: [Int] = []
            var fingerprints: [String] = []
            func deliver() throws {
                let added: Set<String>
                do {
                    // New: not reported by the previous run, and not accepted
                    // (accepted findings are never new, even on a first run).
                    added = try caseFile.addedFingerprints(among: fingerprints, baseline: comparison.baseline)
                } catch {
                    throw RunError(.caseFile, "the case file cannot be read: \(error)")
                }
                try batch.withUnsafeBytes { raw in
                    var start = 0
                    for (i, end) in ends.enumerated() {
                        let view = try SpillRecordView(UnsafeRawBufferPointer(rebasing: raw[start..<end]))
                        try body(view, added.contains(fingerprints[i]))
                        start = end
                    }
                }
                batch.removeAll(keepingCapacity: true)
                ends.removeAll(keepingCapacity: true)
                fingerprints.removeAll(keepingCapacity: true)
            }
            try spill.forEachView { view in
                batch.append(contentsOf: view.raw)
                ends.append(batch.count)
                fingerprints.append(view.string(view.fingerprint))
                if ends.count == 256 { try deliver() }
            }
            try deliver()
        } catch let error as FindingSpill.SpillError {
            throw RunError(.spill, error.description)
        } catch is SpillCursor.Truncated {
            throw RunError(.spill, "a spilled finding cannot be read back")
        }
    }
}
