/// Traceability: for each threat, the rules (and indicators) that mitigate
/// it and the reactions that answer it.
public struct Coverage: Hashable, Codable, Sendable {
    public struct Entry: Hashable, Codable, Sendable {
        public var threatID: String
        public var rules: [String]
        public var reactions: [String]
    }

    /// In declaration order of the threats.
    public var entries: [Entry]

    /// Threats no active rule or indicator mitigates.
    public var unmitigated: [String] { entries.filter { $0.rules.isEmpty }.map(\.threatID) }
    /// Threats no reaction answers.
    public var unanswered: [String] { entries.filter { $0.reactions.isEmpty }.map(\.threatID) }

    public func entry(_ threatID: String) -> Entry? { entries.first { $0.threatID == threatID } }
}
