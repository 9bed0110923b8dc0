/// The EXIF metadata that an export kept for a photo or video.
public struct Exif: Hashable, Codable, Sendable {
    /// Where the picture was taken, when the export has it.
    public var location: GeoPoint?
    /// When the picture was taken.
    public var takenAt: Timestamp?
    /// Camera or phone model, when present.
    public var device: String?

    public init(location: GeoPoint? = nil, takenAt: Timestamp? = nil, device: String? = nil) {
        self.location = location
        self.takenAt = takenAt
        self.device = device
    }

    public var isEmpty: Bool { location == nil && takenAt == nil && device == nil }
}
