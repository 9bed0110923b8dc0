import LuaHost

/// A data file given with `--data`, already parsed (the front end parses
/// JSON and JSONL the same way as `vigie run`).
public struct ReplDataSet: Sendable {
    public let path: String
    public let value: LuaValue

    public init(path: String, value: LuaValue) {
        self.path = path
        self.value = value
    }

    /// The records: a JSONL file's lines or a JSON array's elements; any
    /// other JSON value is one record.
    public var records: [LuaValue] {
        if case .array(let items) = value { return items }
        if case .table(let t) = value, t.isEmpty { return [] }
        return [value]
    }

    /// The value of the global `data`: one file's value as `vigie run` gives
    /// it, or, for several files, all their records in one array.
    static func globalValue(of sets: [ReplDataSet]) -> LuaValue? {
        switch sets.count {
        case 0: return nil
        case 1: return sets[0].value
        default: return .array(sets.flatMap(\.records))
        }
    }

    /// `:data`'s summary: records per file and, for activity streams
    /// (`vigie.activity/1`), counts per platform and kind. Never any text.
    func summary() -> [String] {
        let records = self.records
        var lines = ["\(path): \(records.count) record\(records.count == 1 ? "" : "s")"]
        var byPlatform: [String: Int] = [:]
        var byKind: [String: Int] = [:]
        var dates: [String] = []
        for record in records {
            if let platform = record["platform"].stringValue { byPlatform[platform, default: 0] += 1 }
            if let kind = record["kind"].stringValue { byKind[kind, default: 0] += 1 }
            if let timestamp = record["timestamp"].stringValue { dates.append(String(timestamp.prefix(10))) }
        }
        func counts(_ table: [String: Int]) -> String {
            table.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
                .map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        }
        if !byPlatform.isEmpty { lines.append("  by platform: \(counts(byPlatform))") }
        if !byKind.isEmpty { lines.append("  by kind: \(counts(byKind))") }
        if let first = dates.min(), let last = dates.max() { lines.append("  from \(first) to \(last)") }
        return lines
    }
}
