extension DecodingError {
    /// A short description naming the field, without quoting the data.
    var vigieDescription: (ImportIssue.Reason, String) {
        func path(_ context: Context) -> String {
            let parts = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }
            return parts.isEmpty ? "the record" : parts.joined(separator: ".").replacingOccurrences(of: ".[", with: "[")
        }
        switch self {
        case .keyNotFound(let key, let context):
            let owner = context.codingPath.isEmpty ? "" : " in " + path(context)
            return (.missingField, "missing field \"\(key.stringValue)\"\(owner)")
        case .valueNotFound(let type, let context):
            return (.missingField, "\(path(context)): expected \(type), found null")
        case .typeMismatch(let type, let context):
            return (.invalidValue, "\(path(context)): expected \(type)")
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty { return (.invalidJSON, "invalid JSON") }
            // Vigie's own decoders describe the value by its shape; a
            // library's text may quote the value, so it is not shown.
            let own = ["not a time", "not an ISO 8601"].contains { context.debugDescription.hasPrefix($0) }
            if context.debugDescription.hasPrefix("not a time"), context.codingPath.last?.stringValue == "timestamp" {
                return (.implausibleTime, "\(path(context)): \(context.debugDescription)")
            }
            return (.invalidValue, "\(path(context)): " + (own ? context.debugDescription : "not a valid value"))
        @unknown default:
            return (.invalidJSON, "invalid record")
        }
    }
}
