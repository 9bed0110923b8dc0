import VigieModel
/// A file inside an export: in a folder, in a `.zip`, or the file given itself.
public struct ExportEntry: Hashable, Sendable {
    /// The path inside the container (`data/tweets.js`), `/`-separated.
    public var path: String
    public var size: Int64

    public init(path: String, size: Int64) {
        self.path = path
        self.size = size
    }

    /// The last path component.
    public var name: String { String(path.split(separator: "/").last ?? Substring(path)) }
    public var lowercasedPath: String { path.lowercased() }
}
