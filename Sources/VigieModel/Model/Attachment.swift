/// A media file or link attached to an activity.
public struct Attachment: Hashable, Codable, Sendable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        case image, video, audio, link, document, other
    }

    public var kind: Kind
    /// Where the file is: a URL, or a path inside the export.
    public var uri: String?
    /// MIME type when known (`image/jpeg`).
    public var mediaType: String?
    /// Alternative text (description) written by the author.
    public var altText: String?
    public var exif: Exif?

    public init(
        kind: Kind, uri: String? = nil, mediaType: String? = nil,
        altText: String? = nil, exif: Exif? = nil
    ) {
        self.kind = kind
        self.uri = uri
        self.mediaType = mediaType
        self.altText = altText
        self.exif = exif
    }

    /// The kind that a MIME type (`image/png`) or a file name suggests.
    public static func kind(mediaType: String?, uri: String?) -> Kind {
        if let type = mediaType?.lowercased() {
            if type.hasPrefix("image/") { return .image }
            if type.hasPrefix("video/") { return .video }
            if type.hasPrefix("audio/") { return .audio }
            if type.hasPrefix("application/") || type.hasPrefix("text/") { return .document }
        }
        let path = (uri ?? "").lowercased().split(separator: "?").first.map(String.init) ?? ""
        for (ext, kind) in [
            (".jpg", Kind.image), (".jpeg", .image), (".png", .image), (".gif", .image),
            (".webp", .image), (".heic", .image), (".mp4", .video), (".mov", .video),
            (".webm", .video), (".mp3", .audio), (".m4a", .audio), (".ogg", .audio),
            (".pdf", .document),
        ] where path.hasSuffix(ext) {
            return kind
        }
        return .other
    }
}
