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
        // Built once, whole (assigning a field afterwards made a copy of
        // the result and destroyed the first, for every activity).
        let personalData: [Range<Int>]? =
            findsPersonalData && !findings.isEmpty
            ? Detectors.all(in: bindings.preparedText(for: activity.text)).map { $0.start..<$0.end } : nil
        return ActivityCheck(
            activity: reference, actorID: activity.actorID, findings: findings, failures: failures, notes: notes,
            personalData: personalData)
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
    ///
    /// Rules are kept from harming each other: a rule over its finding
    /// budget on one activity keeps its first flags and fails, naming it;
    /// a rule that keeps memory from one activity to the next is stopped
    /// before the others run short (`watchMemory`), and a rule that hit
    /// the memory limit because another one held it is run again.
    func evaluate(
        _ activity: Activity, actor: Actor?, reference: ActivityReference, only: Int?, look: Bool,
        findings: inout [Finding], failures: inout [RuleFailure], notes: inout [String: String]
    ) {
        var from = only ?? 1
        let key = hasIndicators ? Self.actorKey(activity, actorID: activity.actorID) : nil
        var retried: Set<Int> = []
        defer {
            if only == nil {
                watchMemory(activity, actor: actor, key: key, reference: reference, force: false, failures: &failures)
            }
        }
        while true {
            do {
                let overs = try callCheck(activity, actor: actor, key: key, from: from, only: only, look: look) { t, n in
                    collect(t, count: n, before: nil, activity: activity, reference: reference, findings: &findings,
                            notes: &notes)
                }
                for i in overs { failures.append(overBudget(i, activity: reference, location: nil)) }
                return
            } catch {
                var partial: [Finding] = []
                var partialNotes: [String: String] = [:]
                let interrupted = interruptedCheck { t, n, upTo in
                    collect(t, count: n, before: upTo, activity: activity, reference: reference,
                            findings: &partial, notes: &partialNotes)
                }
                guard let (running, overs) = interrupted, running >= 1, running <= active.count else {
                    // Not inside a rule: handing the activity over failed.
                    failures.append(RuleFailure(
                        ruleID: "*", ruleLocation: SourceLocation(file: policyFile, line: 0),
                        location: Self.policyLocation(of: error), message: error.message,
                        limit: error.limit?.rawValue, activity: reference))
                    return
                }
                findings += partial
                notes.merge(partialNotes) { _, new in new }
                for i in overs where i != running {
                    failures.append(overBudget(i, activity: reference, location: nil))
                }
                let rule = active[running - 1]
                if overs.contains(running) {
                    failures.append(overBudget(running, activity: reference, location: Self.policyLocation(of: error)))
                } else if error.limit == .memory, !retried.contains(running),
                    watchMemory(activity, actor: actor, key: key, reference: reference, force: true, failures: &failures),
                    !stoppedRules.contains(running)
                {
                    // Another rule held the memory and is stopped: this one runs again.
                    retried.insert(running)
                    from = running
                    continue
                } else {
                    failures.append(RuleFailure(
                        ruleID: rule.id, ruleLocation: rule.location,
                        location: Self.policyLocation(of: error),
                        message: error.message, limit: error.limit?.rawValue, activity: reference))
                }
                if only != nil { return }
                from = running + 1
                if from > active.count { return }
            }
        }
    }

    /// The failure of a rule that went over its finding budget on an activity.
    private func overBudget(_ index: Int, activity: ActivityReference, location: SourceLocation?) -> RuleFailure {
        let rule = active[index - 1]
        return RuleFailure(
            ruleID: rule.id, ruleLocation: rule.location, location: location,
            message: "flagged more than \(Self.flagBudget) times or with more than \(Self.spanBudget) evidence spans on "
                + "one activity (the finding budget of a rule); its first flags are kept, the rest is dropped",
            limit: "finding budget", activity: activity)
    }

    /// What a rule must keep from one call on an activity to the next to be
    /// stopped when memory runs short.
    static let keptBytesThreshold = 4096

    /// The finding budget of a rule on one activity (vigie/check.lua).
    public static let flagBudget = 100
    public static let spanBudget = 1000

    /// Keeps rules from starving each other of memory. After an activity
    /// (or, with `force`, when a rule hit the memory limit), when Lua's heap
    /// is still above the watch line after a full collection, each active
    /// rule is called twice more on the activity, alone and changing no
    /// history, the second call between two collections: what it keeps is
    /// what it holds on to from one call to the next. The rules that keep the most are
    /// stopped for the rest of the run (a failure names each one), until
    /// the heap is back under the line. Returns whether a rule was stopped.
    ///
    /// Costs nothing while the heap stays under three quarters of the
    /// limit; after a look that stops nothing, the line moves up a
    /// sixteenth of the limit, so legitimate state is looked at rarely.
    @discardableResult
    func watchMemory(
        _ activity: Activity, actor: Actor?, key: String?, reference: ActivityReference, force: Bool,
        failures: inout [RuleFailure]
    ) -> Bool {
        guard let limit = state.limits.memory, limit > 0 else { return false }
        let floor = memoryWatchFloor ?? limit / 4 * 3
        let line = force ? floor : max(floor, memoryWatchLine)
        guard state.memoryInUse >= line else { return false }
        state.collectGarbage()
        guard state.memoryInUse >= line else { return false }
        var kept: [(index: Int, bytes: Int)] = []
        for i in active.indices.map({ $0 + 1 }) where !stoppedRules.contains(i) {
            // A first call fills what a rule fills once per text (caches,
            // the flags' array); the second shows what it keeps each time.
            _ = try? callCheck(activity, actor: actor, key: key, from: i, only: i, look: true) { _, _ in }
            state.collectGarbage()
            let before = state.memoryInUse
            _ = try? callCheck(activity, actor: actor, key: key, from: i, only: i, look: true) { _, _ in }
            state.collectGarbage()
            let bytes = state.memoryInUse - before
            if bytes >= Self.keptBytesThreshold { kept.append((i, bytes)) }
        }
        var stopped = false
        for (i, bytes) in kept.sorted(by: { $0.bytes > $1.bytes }) {
            if state.memoryInUse < floor { break }
            let rule = active[i - 1]
            let inUse = state.memoryInUse
            stopRule(at: i)
            stoppedRules.insert(i)
            stopped = true
            failures.append(RuleFailure(
                ruleID: rule.id, ruleLocation: rule.location, location: nil,
                message: "keeps memory from one activity to the next (\(max(1, bytes >> 10)) KiB more after one "
                    + "call; \(inUse >> 20) MiB of the \(limit >> 20) MiB limit in use): stopped for the rest of "
                    + "the run, so that the other rules keep working; its findings up to here are kept",
                limit: LuaLimit.memory.rawValue, activity: reference))
        }
        memoryWatchLine = max(floor, state.memoryInUse + limit / 16)
        return stopped
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
