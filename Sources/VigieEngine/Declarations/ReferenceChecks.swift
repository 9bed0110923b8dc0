import Foundation
import VigiePolicy

/// The links between declarations, and between them and the profile,
/// checked once the policy is loaded: errors for links that cannot work
/// (a rule that mitigates an undeclared threat, an incident opened by an
/// unknown rule, a reaction to an unknown incident), warnings for the rest
/// (a threat's issues and assets the profile does not declare, a threat
/// that nothing mitigates or answers). Every problem is reported, each at
/// the line of the faulty field, with the closest declared identifier.
extension PolicyEngine {
    func referenceProblems() -> (errors: [PolicyError], warnings: [PolicyWarning]) {
        let d = declarations
        var errors: [PolicyError] = []
        var warnings: [PolicyWarning] = []
        let threatIDs = d.threats.map(\.id)
        let ruleIDs = (d.rules + d.indicators).map(\.id)
        let incidentIDs = d.incidents.map(\.id)

        for incident in d.incidents {
            for id in incident.openedBy where !ruleIDs.contains(id) {
                errors.append(PolicyError(
                    .declaration, at: at(incident.location, "opened_by", id),
                    "incident \"\(incident.id)\": opened_by names \"\(id)\", which is neither a rule nor an indicator",
                    hint: Suggestion.hint(id, among: ruleIDs, kind: "rules and indicators")))
            }
        }
        for reaction in d.reactions {
            if !incidentIDs.contains(reaction.on) {
                errors.append(PolicyError(
                    .declaration, at: at(reaction.location, "on", reaction.on),
                    "reaction \"\(reaction.id)\": on names \"\(reaction.on)\", which is not a declared incident",
                    hint: Suggestion.hint(reaction.on, among: incidentIDs, kind: "incidents")))
            }
            for step in reaction.steps {
                for id in step.whenIDs where !ruleIDs.contains(id) {
                    errors.append(PolicyError(
                        .declaration, at: at(reaction.location, "steps", step.id),
                        "reaction \"\(reaction.id)\", step \"\(step.id)\": when names \"\(id)\", which is neither a rule nor an indicator",
                        hint: Suggestion.hint(id, among: ruleIDs, kind: "rules and indicators")))
                }
            }
            for id in reaction.answers where !threatIDs.contains(id) {
                errors.append(PolicyError(
                    .declaration, at: at(reaction.location, "answers", id),
                    "reaction \"\(reaction.id)\" answers \"\(id)\", which is not a declared threat",
                    hint: Suggestion.hint(id, among: threatIDs, kind: "threats")))
            }
        }
        for rule in d.rules + d.indicators {
            for id in rule.mitigates where !threatIDs.contains(id) {
                let field = at(rule.location, "mitigates", id, extendedAt: rule.extendedAt, also: "add_mitigates")
                errors.append(PolicyError(
                    .declaration, at: field,
                    "\(rule.isIndicator ? "indicator" : "rule") \"\(rule.id)\" mitigates \"\(id)\", which is not a declared threat",
                    hint: Suggestion.hint(id, among: threatIDs, kind: "threats")))
            }
        }
        if let profile {
            let issues = profile.securityIssues.map(\.id)
            let assets = profile.assets.map(\.id)
            for threat in d.threats {
                for id in threat.issues where !issues.contains(id) {
                    warnings.append(PolicyWarning(
                        at: at(threat.location, "issues", id),
                        "threat \"\(threat.id)\": issues names \"\(id)\", which the profile's securityIssues do not declare"
                            + Suggestion.sentence(id, among: issues, kind: "securityIssues")))
                }
                for id in threat.assets where !assets.contains(id) {
                    warnings.append(PolicyWarning(
                        at: at(threat.location, "assets", id),
                        "threat \"\(threat.id)\": assets names \"\(id)\", which the profile's assets do not declare"
                            + Suggestion.sentence(id, among: assets, kind: "assets")))
                }
            }
        }
        for plugin in d.plugins {
            let declared: [String: [String]] = [
                "rules": d.rules.filter { $0.owner == .plugin(plugin.name) }.map(\.id),
                "indicators": d.indicators.filter { $0.owner == .plugin(plugin.name) }.map(\.id),
                "threats": d.threats.filter { $0.owner == .plugin(plugin.name) }.map(\.id),
                "incidents": d.incidents.filter { $0.owner == .plugin(plugin.name) }.map(\.id),
                "reactions": d.reactions.filter { $0.owner == .plugin(plugin.name) }.map(\.id),
                "scenarios": d.scenarios.filter { $0.location?.file.hasPrefix(plugin.directory) == true }.map(\.id),
            ]
            for (kind, ids) in plugin.provides.sorted(by: { $0.key < $1.key }) {
                for id in ids where !(declared[kind] ?? []).contains(id) {
                    warnings.append(PolicyWarning(
                        at: at(plugin.location, "provides", id),
                        "plugin \"\(plugin.name)\" says it provides \(kind) \"\(id)\" but does not declare it"))
                }
            }
        }
        let coverage = self.coverage
        for id in coverage.unmitigated {
            warnings.append(PolicyWarning(at: d.threat(id)?.location, "no rule mitigates threat \"\(id)\""))
        }
        for id in coverage.unanswered {
            warnings.append(PolicyWarning(at: d.threat(id)?.location, "no reaction answers threat \"\(id)\""))
        }
        return (errors, warnings)
    }

    /// The line of `field` holding `id` in the declaration at `location`,
    /// or in its extend; the declaration's line when neither says.
    private func at(
        _ location: SourceLocation, _ field: String, _ id: String, extendedAt: SourceLocation? = nil, also: String? = nil
    ) -> SourceLocation {
        var places: [(SourceLocation, String)] = []
        if let extendedAt {
            places.append((extendedAt, field))
            if let also { places.append((extendedAt, also)) }
        }
        places.append((location, field))
        for (place, name) in places {
            if let hit = sourceFields.find(name, needle: id, in: place.file, declaredAt: place.line), hit.foundNeedle {
                return SourceLocation(file: place.file, line: hit.line)
            }
        }
        if let line = sourceFields.line(of: field, in: location.file, declaredAt: location.line) {
            return SourceLocation(file: location.file, line: line)
        }
        return location
    }
}

/// "Did you mean": the declared identifiers closest to a mistyped one.
public enum Suggestion {
    /// The edit distance (insertions, deletions, substitutions) of two texts.
    public static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a.unicodeScalars), b = Array(b.unicodeScalars)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }

    /// The known identifiers closest to `id`, when close enough to be what
    /// was meant: within a third of its length (at least 2 edits), or one
    /// that contains it or is contained in it. Only the closest (up to 3).
    public static func closest(_ id: String, among known: [String]) -> [String] {
        let limit = max(2, id.count / 3)
        let scored = Set(known).map { ($0, distance(id, $0)) }.filter { candidate, d in
            d <= limit || (id.count >= 4 && (candidate.contains(id) || id.contains(candidate)))
        }
        guard let best = scored.map(\.1).min() else { return [] }
        return scored.filter { $0.1 == best }.map(\.0).sorted().prefix(3).map { $0 }
    }

    /// `did you mean "x"?`, or the list of the declared ones.
    public static func hint(_ id: String, among known: [String], kind: String) -> String {
        let close = closest(id, among: known)
        if !close.isEmpty { return "did you mean \(close.map { "\"\($0)\"" }.joined(separator: " or "))?" }
        if known.isEmpty { return "no \(kind) are declared" }
        return "the declared \(kind) are: \(Set(known).sorted().joined(separator: ", "))"
    }

    /// The same, as the end of a sentence: `; did you mean "x"?`.
    public static func sentence(_ id: String, among known: [String], kind: String) -> String {
        "; " + hint(id, among: known, kind: kind)
    }
}
