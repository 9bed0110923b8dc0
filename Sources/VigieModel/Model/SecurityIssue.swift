/// A security issue the client names for its work (question 4 of the needs
/// analysis: thefts, clients' secrets, clients' habits, competitors…).
public struct SecurityIssue: Hashable, Codable, Sendable, Identifiable {
    public var id: String
    public var title: String
    public var description: String?

    public init(id: String, title: String, description: String? = nil) {
        self.id = id
        self.title = title
        self.description = description
    }
}
