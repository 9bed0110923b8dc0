/// Where a record came from: the file (inside a folder or a `.zip` export) and
/// its position, so that every finding can point back at the raw data.
public struct RecordSource: Hashable, Codable, Sendable, CustomStringConvertible {
    /// The path given to the importer, then `!/path/inside` for an archive entry.
    public var file: String
    /// Zero-based index of the record in its file (array element, CSV row, JSONL line).
    public var index: Int
    /// One-based line where the record starts, when known.
    public var line: Int?

    public init(file: String, index: Int, line: Int? = nil) {
        self.file = file
        self.index = index
        self.line = line
    }

    public var description: String {
        if let line { return "\(file):\(line) (record \(index + 1))" }
        return "\(file) (record \(index + 1))"
    }
}
