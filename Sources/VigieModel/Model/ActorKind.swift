/// The relation of an actor to the client organisation.
public enum ActorKind: String, Codable, Sendable, CaseIterable {
    case employee
    case client
    case formerClient = "former-client"
    case competitor
    case stranger
    case publicFigure = "public-figure"
    /// The organisation itself (its page, its official accounts).
    case organisation
}
