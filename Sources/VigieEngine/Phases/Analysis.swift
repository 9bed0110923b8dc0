import LuaHost
import VigieModel
import VigiePolicy

/// One threat of the register, evaluated against the profile.
public struct ThreatAssessment: Hashable, Codable, Sendable, Identifiable {
    public var id: String
    public var title: String?
    public var location: SourceLocation
    /// Whether the threat concerns this organisation (`applies(org)`).
    public var applies: Bool
    /// The reason `applies` gave, if any.
    public var reason: String?
    public var likelihood: Int
    public var impact: Int
    public var score: Int { likelihood * impact }
    /// The level on Vigie's one risk scale (`RiskLevel`), as reports and charters show it.
    public var level: RiskLevel { RiskLevel(score: score) }
    public var mitigatedBy: [String]
    public var answeredBy: [String]
    /// An error met while evaluating the threat's functions (with file:line).
    public var error: String?

    enum CodingKeys: String, CodingKey {
        case id, title, location, applies, reason, likelihood, impact, mitigatedBy, answeredBy, error
        // Written, not read: they follow from likelihood and impact.
        case score, level
    }

    public init(
        id: String, title: String?, location: SourceLocation, applies: Bool, reason: String?, likelihood: Int,
        impact: Int, mitigatedBy: [String], answeredBy: [String], error: String?
    ) {
        self.id = id
        self.title = title
        self.location = location
        self.applies = applies
        self.reason = reason
        self.likelihood = likelihood
        self.impact = impact
        self.mitigatedBy = mitigatedBy
        self.answeredBy = answeredBy
        self.error = error
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            id: try c.decode(String.self, forKey: .id), title: try c.decodeIfPresent(String.self, forKey: .title),
            location: try c.decode(SourceLocation.self, forKey: .location), applies: try c.decode(Bool.self, forKey: .applies),
            reason: try c.decodeIfPresent(String.self, forKey: .reason), likelihood: try c.decode(Int.self, forKey: .likelihood),
            impact: try c.decode(Int.self, forKey: .impact), mitigatedBy: try c.decode([String].self, forKey: .mitigatedBy),
            answeredBy: try c.decode([String].self, forKey: .answeredBy), error: try c.decodeIfPresent(String.self, forKey: .error))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encodeIfPresent(title, forKey: .title)
        try c.encode(location, forKey: .location)
        try c.encode(applies, forKey: .applies)
        try c.encodeIfPresent(reason, forKey: .reason)
        try c.encode(likelihood, forKey: .likelihood)
        try c.encode(impact, forKey: .impact)
        try c.encode(score, forKey: .score)
        try c.encode(level, forKey: .level)
        try c.encode(mitigatedBy, forKey: .mitigatedBy)
        try c.encode(answeredBy, forKey: .answeredBy)
        try c.encodeIfPresent(error, forKey: .error)
    }
}

/// The result of `analyse`: the threats that apply, by decreasing score,
/// and the gaps of the policy.
public struct ThreatRegister: Hashable, Codable, Sendable {
    /// Every threat, those that apply first, by decreasing score, then in
    /// declaration order.
    public var assessments: [ThreatAssessment]
    public var applicable: [ThreatAssessment] { assessments.filter(\.applies) }
    /// Applicable threats that no rule mitigates / no reaction answers.
    public var unmitigated: [String] { applicable.filter { $0.mitigatedBy.isEmpty }.map(\.id) }
    public var unanswered: [String] { applicable.filter { $0.answeredBy.isEmpty }.map(\.id) }
}

extension PolicyEngine {
    /// The threat register: each threat's `applies`, likelihood and impact
    /// evaluated against `profile` (or the current one), with its links.
    public func analyse(_ profile: OrganisationProfile? = nil) throws(PolicyError) -> ThreatRegister {
        if let profile { try setProfile(profile) }
        let results: [LuaValue]
        do {
            results = try callAnalyse()
        } catch {
            throw PolicyError(loading: error)
        }
        let coverage = self.coverage
        var assessments: [ThreatAssessment] = []
        for (i, threat) in declarations.threats.enumerated() {
            let r = i < results.count ? results[i] : .nil
            let entry = coverage.entry(threat.id)
            assessments.append(ThreatAssessment(
                id: threat.id, title: threat.texts.title, location: threat.location,
                applies: r["applies"].boolValue ?? true, reason: r["why"].stringValue,
                likelihood: r["likelihood"].intValue ?? threat.likelihood ?? 3,
                impact: r["impact"].intValue ?? threat.impact ?? 3,
                mitigatedBy: entry?.rules ?? [], answeredBy: entry?.reactions ?? [],
                error: r["err"].stringValue))
        }
        let order = Dictionary(uniqueKeysWithValues: declarations.threats.enumerated().map { ($1.id, $0) })
        assessments.sort { a, b in
            if a.applies != b.applies { return a.applies }
            if a.score != b.score { return a.score > b.score }
            return order[a.id]! < order[b.id]!
        }
        return ThreatRegister(assessments: assessments)
    }
}
