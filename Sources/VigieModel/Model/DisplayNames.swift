import Foundation

/// The words people read for the identifiers of the model — platforms,
/// visibilities, kinds of activity, classification levels, channel uses —
/// in French and English. Reports, charters and the command line show
/// these instead of the identifiers.
public enum DisplayNames {
    static func french(_ language: String) -> Bool { language.lowercased().hasPrefix("fr") }

    /// `Facebook`, `X (Twitter)`, `site Web` / `website`; any other platform
    /// with its first letter in capitals.
    public static func platform(_ platform: Platform, language: String) -> String {
        let fr = french(language)
        switch platform.rawValue {
        case "facebook": return "Facebook"
        case "twitter", "x": return "X (Twitter)"
        case "instagram": return "Instagram"
        case "linkedin": return "LinkedIn"
        case "mastodon": return "Mastodon"
        case "website", "web", "site": return fr ? "site Web" : "website"
        case "email", "e-mail": return fr ? "courriel" : "e-mail"
        case "tiktok": return "TikTok"
        case "youtube": return "YouTube"
        case "jsonl": return fr ? "flux JSONL" : "JSONL stream"
        default: return humanised(platform.rawValue)
        }
    }

    /// Who sees an activity: `publication publique`, `abonnés seulement`…
    public static func visibility(_ visibility: Visibility, language: String) -> String {
        let fr = french(language)
        switch visibility {
        case .public: return fr ? "publications publiques" : "public posts"
        case .unlisted: return fr ? "publications non répertoriées" : "unlisted posts"
        case .followers: return fr ? "abonnés seulement" : "followers only"
        case .connections: return fr ? "relations seulement" : "connections only"
        case .direct: return fr ? "messages privés" : "direct messages"
        case .unknown: return fr ? "visibilité inconnue" : "unknown visibility"
        }
    }

    /// `publication`, `commentaire`, `message privé`…
    public static func kind(_ kind: ActivityKind, language: String) -> String {
        let fr = french(language)
        switch kind {
        case .post: return fr ? "publication" : "post"
        case .comment: return fr ? "commentaire" : "comment"
        case .reply: return fr ? "réponse" : "reply"
        case .share: return fr ? "partage" : "share"
        case .directMessage: return fr ? "message privé" : "direct message"
        }
    }

    /// A classification level: `Public`, `Interne`, `Confidentiel`, `Secret`;
    /// a level of the policy's own, humanised (`diffusion-restreinte` → `Diffusion restreinte`).
    public static func level(_ level: String, language: String) -> String {
        let fr = french(language)
        switch level.lowercased() {
        case "public": return "Public"
        case "internal", "interne": return fr ? "Interne" : "Internal"
        case "confidential", "confidentiel": return fr ? "Confidentiel" : "Confidential"
        case "secret": return "Secret"
        case "restricted", "restreint": return fr ? "Restreint" : "Restricted"
        default: return humanised(level)
        }
    }

    /// What a classification's channel key names: a platform, a
    /// visibility, a kind of activity, or `*` (every other channel).
    public static func channel(_ key: String, language: String) -> String {
        if key == "*" { return french(language) ? "tout autre canal" : "any other channel" }
        let fr = french(language)
        if let seen = Visibility(rawValue: key) { return visibility(seen, language: language) }
        if let kind = ActivityKind(rawValue: key) {
            switch kind {
            case .post: return fr ? "publications" : "posts"
            case .comment: return fr ? "commentaires" : "comments"
            case .reply: return fr ? "réponses" : "replies"
            case .share: return fr ? "partages" : "shares"
            case .directMessage: return fr ? "messages privés" : "direct messages"
            }
        }
        return platform(Platform(key), language: language)
    }

    /// An account the profile does not know, as people can read it: its
    /// handle or name, with the platform (`Marc-André Lebel (Instagram)`);
    /// an account known only by a platform's number by the end of it
    /// (`compte X (Twitter) …0099`).
    public static func account(_ name: String, platform: Platform, language: String) -> String {
        let where_ = self.platform(platform, language: language)
        let digits = name.allSatisfy(\.isNumber)
        guard digits, name.count > 6 else { return "\(name) (\(where_))" }
        let tail = "…" + name.suffix(4)
        return french(language) ? "compte \(where_) \(tail)" : "\(where_) account \(tail)"
    }

    /// A use of the approved channels (`service-client` → `Service client`).
    public static func use(_ use: String) -> String { humanised(use) }

    /// An identifier as words: dashes and underscores become spaces, the
    /// first letter a capital (`veille-technique` → `Veille technique`).
    public static func humanised(_ id: String) -> String {
        let words = id.replacingOccurrences(of: "_", with: " ").replacingOccurrences(of: "-", with: " ")
        guard let first = words.first else { return id }
        return first.uppercased() + words.dropFirst()
    }
}
