/// How sensitive a piece of information is, from the least to the most.
public enum Classification: String, Codable, Sendable, CaseIterable, Comparable {
    /// May be published.
    case `public`
    /// Staff only; harmless if it leaks, but not to be posted.
    case `internal`
    /// Named people only; a leak harms the organisation or its clients.
    case confidential
    /// A leak is a crisis.
    case secret

    public static func < (lhs: Classification, rhs: Classification) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
