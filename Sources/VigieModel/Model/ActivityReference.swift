/// Points at an activity without copying it: its id and where it was read.
public struct ActivityReference: Hashable, Codable, Sendable {
    public var id: String
    public var source: RecordSource?

    public init(id: String, source: RecordSource? = nil) {
        self.id = id
        self.source = source
    }

    public init(_ activity: Activity) {
        self.init(id: activity.id, source: activity.source)
    }
}
