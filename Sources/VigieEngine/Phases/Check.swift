import Foundation
import LuaHost
import VigieModel
import VigiePolicy
import VigieToolkit

/// A rule or indicator that failed on one activity: an error in its code or
/// a limit it hit. The other rules and activities are still evaluated.
public struct RuleFailure: Error, Hashable, Codable, Sendable, CustomStringConvertible {
    public var ruleID: String
    /// Where the rule is declared.
    public var ruleLocation: SourceLocation
    /// Where the error happened (the line in the rule's code), when known.
    public var location: SourceLocation?
    public var message: String
    /// The limit that stopped it (`instruction limit`…), if a limit did.
    public var limit: String?
    public var activity: ActivityReference

    public var description: String {
        let at = (location ?? ruleLocation).description
        let what = limit.map { "stopped by the \($0)" } ?? "failed"
        var text = "\(at): error: rule \"\(ruleID)\" \(what) on activity \(activity.id)"
        if let source = activity.source { text += " (\(source))" }
        text += ": \(message)"
        return text
    }
}

/// The outcome of checking one activity.
public struct ActivityCheck: Hashable, Codable, Sendable {
    public var activity: ActivityReference
    public var actorID: String?
    /// In the order of the rules, then of the indicators; each rule's flags
    /// in the order it raised them.
    public var findings: [Finding]
    public var failures: [RuleFailure]
    /// The `note` a rule or indicator gave with a finding, by fingerprint.
    public var notes: [String: String] = [:]
    /// Where the toolkit's detectors find personal data in the activity's
    /// text (Unicode scalar offsets), when the engine `findsPersonalData`
    /// and the activity has findings.
    public var personalData: [Range<Int>]? = nil
}

/// Totals of a run of `check` over a stream.
public struct CheckSummary: Hashable, Codable, Sendable {
    public var activities = 0
    public var findings = 0
    public var failures = 0
    public var skipped = 0
    public var findingsByRule: [String: Int] = [:]
}

extension PolicyEngine {
    /// Checks one activity with every active rule and indicator; updates
    /// the indicators' per-actor history. (Incidents move in `Escalation`,
    /// from the findings' events in time order.)
    @discardableResult
    public func check(_ activity: Activity) -> ActivityCheck {
        check(activity, look: false)
    }

    /// With `look`, a check that changes nothing: the indicators see a
    /// copy of the history (the REPL's `:check`).
    func check(_ activity: Activity, look: Bool) -> ActivityCheck {
        var activity = activity
        let actor = resolveActor(&activity)
        let reference = ActivityReference(activity)
        var findings: [Finding] = []
        var failures: [RuleFailure] = []
        var notes: [String: String] = [:]
        evaluate(activity, actor: actor, reference: reference, only: nil, look: look, findings: &findings,
                 failures: &failures, notes: &notes)
        var result = ActivityCheck(
            activity: reference, actorID: activity.actorID, findings: findings, failures: failures, notes: notes)
        if findsPersonalData && !findings.isEmpty {
            result.personalData = Detectors.all(in: bindings.preparedText(for: activity.text)).map { $0.start..<$0.end }
        }
        return result
    }

    /// Checks activities in order, one at a time (nothing is kept but the
    /// indicators' bounded history).
    public func check<S: Sequence>(_ activities: S, _ body: (ActivityCheck) throws -> Void) rethrows
    where S.Element == Activity {
        for activity in activities { try body(check(activity)) }
    }

    /// Checks a JSONL stream; bad lines are counted in `skipped` and given
    /// to `onSkipped`.
    @discardableResult
    public func check(
        stream reader: ActivityStreamReader, onSkipped: (ImportIssue) -> Void = { _ in },
        _ body: (ActivityCheck) throws -> Void
    ) rethrows -> CheckSummary {
        var summary = CheckSummary()
        for record in reader {
            switch record {
            case .activity(let activity, _):
                let result = check(activity)
                summary.activities += 1
                summary.findings += result.findings.count
                summary.failures += result.failures.count
                for f in result.findings { summary.findingsByRule[f.ruleID, default: 0] += 1 }
                try body(result)
            case .skipped(let issue):
                summary.skipped += 1
                onSkipped(issue)
            }
        }
        return summary
    }

    /// Runs the dispatcher; after a limit, records the failure and goes on
    /// with the next rule in a new call (limits are per call).
    func evaluate(
        _ activity: Activity, actor: Actor?, reference: ActivityReference, only: Int?, look: Bool,
        findings: inout [Finding], failures: inout [RuleFailure], notes: inout [String: String]
    ) {
        var from = only ?? 1
        let key = hasIndicators ? Self.actorKey(activity, actorID: activity.actorID) : nil
        while true {
            do {
                try callCheck(activity, actor: actor, key: key, from: from, only: only, look: look) { t, n in
                    collect(t, count: n, before: nil, activity: activity, reference: reference, findings: &findings,
                            notes: &notes)
                }
                return
            } catch {
                var partial: [Finding] = []
                var partialNotes: [String: String] = [:]
                let cursor = interruptedCheck { t, n, running in
                    collect(t, count: n, before: running, activity: activity, reference: reference,
                            findings: &partial, notes: &partialNotes)
                }
                guard let running = cursor, running >= 1, running <= active.count else {
                    // Not inside a rule: handing the activity over failed.
                    failures.append(RuleFailure(
                        ruleID: "*", ruleLocation: SourceLocation(file: policyFile, line: 0),
                        location: Self.policyLocation(of: error), message: error.message,
                        limit: error.limit?.rawValue, activity: reference))
                    return
                }
                findings += partial
                notes.merge(partialNotes) { _, new in new }
                let rule = active[running - 1]
                failures.append(RuleFailure(
                    ruleID: rule.id, ruleLocation: rule.location,
                    location: Self.policyLocation(of: error),
                    message: error.message, limit: error.limit?.rawValue, activity: reference))
                if only != nil { return }
                from = running + 1
                if from > active.count { return }
            }
        }
    }

    /// Where in policy code an error happened: its own location unless that
    /// is one of the engine's Lua files (a limit can fire there), else the
    /// first frame of the traceback outside them.
    static func policyLocation(of error: LuaError) -> SourceLocation? {
        if let chunk = error.chunk, !EngineScripts.isEngineChunk(chunk) {
            return SourceLocation(file: chunk, line: error.line ?? 0)
        }
        for line in (error.traceback ?? "").split(separator: "\n") {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            let (location, _) = splitLuaMessage(trimmed)
            if let location, !EngineScripts.isEngineChunk(location.file), !location.file.hasPrefix("[") {
                return location
            }
        }
        return nil
    }

    /// Turns the dispatcher's flat array of flags (`t[1...n]`, see
    /// vigie/check.lua) into findings, in order; with `before`, only the
    /// flags of the rules before that one.
    private func collect(
        _ t: LuaRawTable, count n: Int, before: Int?, activity: Activity, reference: ActivityReference,
        findings: inout [Finding], notes: inout [String: String]
    ) {
        var at = 1
        while at + 1 <= n {
            guard let i = t.integer(at), let spans = t.integer(at + 1) else { return }
            at += 2
            var evidence: [EvidenceSpan] = []
            if spans > 0 {
                evidence.reserveCapacity(spans)
                for _ in 0..<spans {
                    if let s = t.integer(at), let e = t.integer(at + 1) {
                        evidence.append(EvidenceSpan(start: s, end: e, label: t.string(at + 2)))
                    }
                    at += 3
                }
            }
            let advice = t.string(at)
            let severity = t.string(at + 1)
            let note = t.string(at + 2)
            at += 3
            guard i >= 1, i <= active.count, before.map({ i < $0 }) ?? true else { continue }
            let rule = active[i - 1]
            let finding = Finding(
                ruleID: rule.id, severity: severity.flatMap(Severity.init(rawValue:)) ?? rule.severity,
                evidence: evidence, actorID: activity.actorID, activity: reference, advice: advice ?? rule.advice,
                mitigates: rule.mitigates)
            if let note { notes[finding.fingerprint] = note }
            findings.append(finding)
        }
    }
}
