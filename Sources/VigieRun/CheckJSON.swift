import Foundation
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

    public func writeJSON(to write: (String) -> Void, onFinding: (CheckedFinding) -> Void = { _ in }) throws {
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
        let manifest = engine.declarations.manifest
        var newCount = 0
        // The keys in the order `.sortedKeys` gives.
        write("{\n")
        write(key("activities") + (try nested(activities, depth: 1)) + ",\n")
        write(key("decisions") + (try nested(decisions, depth: 1)) + ",\n")
        write(key("failures") + (try nested(failures, depth: 1)) + ",\n")
        if findingCount == 0 {
            write(key("findings") + (try nested([CheckedFinding](), depth: 1)) + ",\n")
        } else {
            write(key("findings") + "[\n")
            var first = true
            try forEachFinding { line in
                onFinding(line)
                if line.isNew { newCount += 1 }
                if !first { write(",\n") }
                first = false
                var writer = PrettyJSONWriter(level: 2)
                line.writeJSON(into: &writer)
                write("    " + String(decoding: writer.bytes, as: UTF8.self))
            }
            write("\n  ],\n")
        }
        write(key("incidents") + (try nested(openIncidents, depth: 1)) + ",\n")
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
