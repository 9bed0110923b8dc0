/// The export formats Vigie imports.
public enum ExportFormat: String, Codable, Sendable, CaseIterable {
    case mastodon, twitter, facebook, instagram, linkedin, jsonl

    public var displayName: String {
        switch self {
        case .mastodon: return "a Mastodon export"
        case .twitter: return "an X/Twitter archive"
        case .facebook: return "a Facebook export"
        case .instagram: return "an Instagram export"
        case .linkedin: return "a LinkedIn export"
        case .jsonl: return "a vigie.activity JSONL stream"
        }
    }
}
