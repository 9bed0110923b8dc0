/// A place an activity is tagged with (a Facebook check-in, a geotagged tweet).
public struct Place: Hashable, Codable, Sendable {
    public var name: String?
    public var address: String?
    public var location: GeoPoint?

    public init(name: String? = nil, address: String? = nil, location: GeoPoint? = nil) {
        self.name = name
        self.address = address
        self.location = location
    }
}
