/// A piece of information the organisation protects, classified, with the
/// markers that betray it in a post: code names, client names, confidential terms.
public struct InformationAsset: Hashable, Codable, Sendable, Identifiable {
    public struct Markers: Hashable, Codable, Sendable {
        public var codeNames: [String]
        public var clientNames: [String]
        public var terms: [String]

        public init(codeNames: [String] = [], clientNames: [String] = [], terms: [String] = []) {
            self.codeNames = codeNames
            self.clientNames = clientNames
            self.terms = terms
        }

        /// Every marker, whatever its kind.
        public var all: [String] { codeNames + clientNames + terms }

        enum CodingKeys: String, CodingKey { case codeNames, clientNames, terms }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            self.init(
                codeNames: try c.decodeIfPresent([String].self, forKey: .codeNames) ?? [],
                clientNames: try c.decodeIfPresent([String].self, forKey: .clientNames) ?? [],
                terms: try c.decodeIfPresent([String].self, forKey: .terms) ?? [])
        }
    }

    public var id: String
    public var title: String
    public var classification: Classification
    public var markers: Markers

    public init(id: String, title: String, classification: Classification, markers: Markers = Markers()) {
        self.id = id
        self.title = title
        self.classification = classification
        self.markers = markers
    }

    enum CodingKeys: String, CodingKey { case id, title, classification, markers }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            id: try c.decode(String.self, forKey: .id),
            title: try c.decode(String.self, forKey: .title),
            classification: try c.decode(Classification.self, forKey: .classification),
            markers: try c.decodeIfPresent(Markers.self, forKey: .markers) ?? Markers())
    }
}
