/// The one risk scale of Vigie: a threat's score (likelihood × impact, 1 to
/// 25) falls in one of four levels. `vigie analyze`, every report format
/// and the charter read the level, its bounds and its name from here, so a
/// threat has the same level everywhere.
///
/// | level | scores | English | French |
/// |---|---|---|---|
/// | `low` | 1–4 | Low | Faible |
/// | `moderate` | 5–9 | Moderate | Modéré |
/// | `high` | 10–14 | High | Élevé |
/// | `critical` | 15–25 | Critical | Critique |
public enum RiskLevel: String, Hashable, Codable, Sendable, CaseIterable, Comparable {
    case low, moderate, high, critical

    /// The level of a score; scores below 1 are low, above 25 critical.
    public init(score: Int) {
        self = Self.allCases.last { score >= $0.scores.lowerBound } ?? .low
    }

    /// The scores of the level.
    public var scores: ClosedRange<Int> {
        switch self {
        case .low: 1...4
        case .moderate: 5...9
        case .high: 10...14
        case .critical: 15...25
        }
    }

    /// The level's name in a language (`fr`, `fr-CA`, `en`…); English for
    /// any language but French.
    public func name(language: String) -> String {
        let french = language.lowercased().hasPrefix("fr")
        switch self {
        case .low: return french ? "Faible" : "Low"
        case .moderate: return french ? "Modéré" : "Moderate"
        case .high: return french ? "Élevé" : "High"
        case .critical: return french ? "Critique" : "Critical"
        }
    }

    /// `1–4`, `15–25`.
    public var rangeText: String { "\(scores.lowerBound)–\(scores.upperBound)" }

    public static func < (a: RiskLevel, b: RiskLevel) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}
