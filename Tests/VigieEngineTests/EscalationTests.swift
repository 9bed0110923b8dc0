import Foundation
import Testing
@testable import VigieEngine
import VigieModel

/// The escalation of incidents: a pure function of the findings in time
/// order and of the consultants' decisions at their time.
@Suite("Escalation")
struct EscalationTests {
    /// A policy whose rules flag on a word, with a reaction of four steps:
    /// dialogue on opening, warning on two posts with threats, exclusion on
    /// one more threat (reasons recorded), closing after 30 quiet days.
    static let policy = header + """

        rule "colere" { severity = "medium", check = function(post, ctx)
          if post.text:find("furieux") then ctx:flag() end end }
        rule "menace" { severity = "high", check = function(post, ctx)
          if post.text:find("regretter") then ctx:flag() end end }
        rule "insulte" { severity = "high", check = function(post, ctx)
          if post.text:find("regretter") then ctx:flag() end end }
        rule "telephone" { severity = "high", check = function(post, ctx)
          if post.text:find("514") then ctx:flag() end end }
        incident "client-fache" { opened_by = { "colere" } }
        reaction "echelle" { on = "client-fache", steps = {
          { id = "dialogue", title = "Dialogue" },
          { id = "avertissement", title = "Avertissement", when = { any = { "menace", "insulte" }, count = 2 } },
          { id = "exclusion", title = "Exclusion", when = "menace", record_reasons = true },
          { id = "fermeture", title = "Fermeture", when = { quiet_days = 30 }, close = true },
        } }
        """

    func at(_ day: Int, _ hour: Int = 10) -> String {
        String(format: "2026-03-%02dT%02d:00:00Z", day, hour)
    }

    func events(_ e: PolicyEngine, _ posts: [Activity]) -> [FindingEvent] {
        posts.flatMap { e.events(of: $0, e.check($0)) }
    }

    @Test func countCountsPostsNotFindingsAndReasonsAreTheMatchingFindings() throws {
        let e = try engine(Self.policy)
        let posts = [
            post("Je suis furieux", id: "p1", handle: "x", at: at(1)),
            // One post flagged by two rules counts once.
            post("Vous allez le regretter", id: "p2", handle: "x", at: at(2)),
            // A phone number: not a condition of any step.
            post("Mon 514 555 0142", id: "p3", handle: "x", at: at(3)),
            post("Vous allez le regretter encore", id: "p4", handle: "x", at: at(4)),
            post("Je vais vous le faire regretter", id: "p5", handle: "x", at: at(5)),
        ]
        let escalation = Escalation.replay(engine: e, events: events(e, posts))
        #expect(escalation.outcomes.map(\.stepID) == ["dialogue", "avertissement", "exclusion"])
        // Two posts were needed (p2 alone has two findings): the warning is at p4.
        #expect(escalation.outcomes[1].at == posts[3].timestamp)
        // Each decision is dated at the finding that caused it.
        #expect(escalation.outcomes.map(\.at) == [posts[0].timestamp, posts[3].timestamp, posts[4].timestamp])
        // The exclusion records exactly the findings that met its condition:
        // the threat of p5, not its insult, not the phone number.
        let exclusion = escalation.outcomes[2]
        #expect(exclusion.recordedReasons.count == 1)
        #expect(exclusion.recordedReasons[0].hasPrefix("menace ("))
        #expect(!exclusion.reason.contains("telephone"))
    }

    @Test func theSameFindingsTwiceOrInAnyOrderMoveNothingTwice() throws {
        let e = try engine(Self.policy)
        let posts = [
            post("Je suis furieux", id: "p1", handle: "x", at: at(1)),
            post("Vous allez le regretter", id: "p2", handle: "x", at: at(2)),
            post("Vous allez le regretter encore", id: "p3", handle: "x", at: at(3)),
        ]
        let all = events(e, posts)
        let once = Escalation.replay(engine: e, events: all)
        let twice = Escalation.replay(engine: e, events: all + all.reversed())
        #expect(once.outcomes == twice.outcomes)
        #expect(once.incidents == twice.incidents)
        let keys = once.incidents.flatMap(\.incident.history).compactMap(\.key)
        #expect(Set(keys).count == keys.count)
    }

    @Test func aQuietPeriodClosesTheIncidentWhenTheEscalationIsBroughtToThatTime() throws {
        let e = try engine(Self.policy)
        let posts = [
            post("Je suis furieux", id: "p1", handle: "x", at: at(1)),
            post("Vous allez le regretter", id: "p2", handle: "x", at: at(2)),
            post("Vous allez le regretter encore", id: "p3", handle: "x", at: at(3)),
            post("Je vais vous le faire regretter", id: "p4", handle: "x", at: at(4)),
        ]
        let found = events(e, posts)
        // Until 30 days after the last finding: still open.
        let before = Escalation.replay(engine: e, events: found, until: Timestamp(iso8601: "2026-04-02T10:00:00Z"))
        #expect(before.incidents[0].isOpen)
        #expect(before.incidents[0].incident.currentStep == "exclusion")
        let after = Escalation.replay(engine: e, events: found, until: Timestamp(iso8601: "2026-04-10T00:00:00Z"))
        #expect(!after.incidents[0].isOpen)
        let closing = try #require(after.outcomes.last)
        #expect(closing.stepID == "fermeture")
        #expect(closing.at == Timestamp(iso8601: "2026-04-03T10:00:00Z"))
        #expect(closing.reason.contains("30"))
        // A new finding in the quiet period restarts the count.
        let late = post("Je vais vous le faire regretter", id: "p5", handle: "x", at: "2026-03-20T10:00:00Z")
        let restarted = Escalation.replay(
            engine: e, events: found + events(e, [late]), until: Timestamp(iso8601: "2026-04-10T00:00:00Z"))
        #expect(restarted.incidents[0].isOpen)
        // A new finding after the closing opens a new incident.
        let afterClosing = post("Je suis furieux", id: "p6", handle: "x", at: "2026-04-20T10:00:00Z")
        let reopened = Escalation.replay(engine: e, events: found + events(e, [afterClosing]))
        #expect(reopened.incidents.count == 2)
        #expect(reopened.incidents.map(\.isOpen) == [false, true])
    }

    @Test func afterDaysMovesOnTimeAloneAndAWrongTimeConditionIsALoadError() throws {
        let e = try engine(header + """

            rule "r" { check = function(post, ctx) ctx:flag() end }
            incident "i" { opened_by = { "r" } }
            reaction "re" { on = "i", steps = {
              { id = "avertir", title = "Avertir" },
              { id = "relancer", title = "Relancer", when = { after_days = 7 } },
            } }
            """)
        let a = post("a", handle: "x", at: at(1))
        let moved = Escalation.replay(engine: e, events: e.events(of: a, e.check(a)), until: Timestamp(iso8601: "2026-03-09T00:00:00Z"))
        #expect(moved.outcomes.map(\.stepID) == ["avertir", "relancer"])
        #expect(moved.outcomes[1].at == Timestamp(iso8601: "2026-03-08T10:00:00Z"))
        let error = loadError(header + """

            rule "r" { check = function(post, ctx) ctx:flag() end }
            incident "i" { opened_by = { "r" } }
            reaction "re" { on = "i", steps = { { id = "a" }, { id = "b", when = { quiet_days = 3, any = { "r" } } } } }
            """)
        #expect(error?.description.contains("quiet_days") == true)
    }

    @Test func aConsultantsDecisionsApplyAtTheirTime() throws {
        let e = try engine(Self.policy)
        let posts = [
            post("Je suis furieux", id: "p1", handle: "x", at: at(1)),
            post("Vous allez le regretter", id: "p2", handle: "x", at: at(5)),
            post("Vous allez le regretter encore", id: "p3", handle: "x", at: at(6)),
        ]
        let found = events(e, posts)
        let first = Escalation.replay(engine: e, events: found)
        let incident = try #require(first.incidents.first)
        #expect(incident.incident.currentStep == "avertissement")
        // Held on day 2, before the threats: no automatic step until resumed.
        let hold = ManualIncident(
            id: incident.id, kind: "client-fache", actorKey: incident.actorKey, actorID: nil,
            decisions: [Decision(action: .held, step: "dialogue", reason: "Appel prévu", at: Timestamp(iso8601: at(2))!, by: "Julie", key: "manual:1")])
        let held = Escalation.replay(engine: e, events: found, manual: [hold])
        #expect(held.incidents[0].incident.currentStep == "dialogue")
        #expect(held.incidents[0].held)
        // Resumed on day 7: the pending threats move it then.
        var resumed = hold
        resumed.decisions.append(Decision(action: .resumed, step: "dialogue", reason: "Pas de rappel", at: Timestamp(iso8601: at(7))!, by: "Julie", key: "manual:2"))
        let after = Escalation.replay(engine: e, events: found, manual: [resumed])
        #expect(after.incidents[0].incident.currentStep == "avertissement")
        #expect(after.outcomes.last?.at == Timestamp(iso8601: at(7)))
        // Closed by hand on day 3: the threats of days 5 and 6 open nothing
        // (they do not open this kind of incident) and move nothing.
        let close = ManualIncident(
            id: incident.id, kind: "client-fache", actorKey: incident.actorKey, actorID: nil,
            decisions: [Decision(action: .closed, step: "dialogue", reason: "Excuses reçues", at: Timestamp(iso8601: at(3))!, by: "Julie", key: "manual:3")])
        let closed = Escalation.replay(engine: e, events: found, manual: [close])
        #expect(closed.incidents.count == 1)
        #expect(!closed.incidents[0].isOpen)
        #expect(closed.incidents[0].incident.currentStep == "dialogue")
    }
}

/// The fingerprints the escalation has seen, kept as numbers when they are
/// `Finding.fingerprint`'s sixteen hexadecimal digits.
@Suite("Seen fingerprints")
struct SeenFingerprintsTests {
    @Test func eachFingerprintIsNewOnceWhateverItsShape() {
        var seen = SeenFingerprints()
        let fingerprints = [
            "00000000000000ff", "ff00000000000000", "0123456789abcdef", "0000000000000000",
            // Not the sixteen lowercase digits: kept as text, never mistaken for a number.
            "0123456789ABCDEF", "123456789abcdef", "0123456789abcdef0", "fp-1", "", "ff",
        ]
        for f in fingerprints {
            let new = seen.insert(f)
            #expect(new, "\(f) is new")
        }
        for f in fingerprints {
            let again = seen.insert(f)
            #expect(!again, "\(f) was seen")
        }
        #expect(SeenFingerprints.number("00000000000000ff") == 255)
        #expect(SeenFingerprints.number("0123456789ABCDEF") == nil)
        #expect(SeenFingerprints.number("fp-1") == nil)
    }

    @Test func theNumbersAreTheDigitsOfFindingFingerprints() {
        for (i, id) in ["a", "b", "activité-é", ""].enumerated() {
            let fingerprint = Finding.fingerprint(
                ruleID: "r\(i)", activityID: id, evidence: [EvidenceSpan(start: i, end: i + 2, label: nil)])
            #expect(SeenFingerprints.number(fingerprint).map { String(format: "%016llx", $0) } == fingerprint)
        }
    }
}

/// A step's condition declared as data is decided by the host before any
/// call into Lua (`FindingCondition.holds`); the call is skipped only when
/// the condition does not hold, so both must agree on every list of
/// findings.
@Suite("Finding conditions")
struct FindingConditionTests {
    static let policy = header + """

        rule "r1" { severity = "info", check = function(post, ctx) end }
        rule "r2" { severity = "low", check = function(post, ctx) end }
        rule "r3" { severity = "medium", check = function(post, ctx) end }
        rule "r4" { severity = "high", check = function(post, ctx) end }
        incident "cas" { opened_by = { "r1" } }
        reaction "echelle" { on = "cas", steps = {
          { id = "s1" },
          { id = "s2", when = { any = { "r1", "r2" }, count = 2 } },
          { id = "s3", when = "r3" },
          { id = "s4", when = { all = { "r1", "r4" } } },
          { id = "s5", when = { count = 3, min_severity = "medium" } },
          { id = "s6", when = { any = { "r2" }, all = { "r3" } } },
          { id = "s7", when = { any = { "r4", "r3" }, min_severity = "high" } },
          { id = "s8", when = { all = { "r2" }, min_severity = "low", count = 5 } },
        } }
        """

    @Test func theHostAndTheEntryPointAgree() throws {
        let e = try engine(Self.policy)
        let reaction = try #require(e.declarations.reaction("echelle"))
        #expect(reaction.steps[0].findingCondition == nil)
        let conditions = reaction.steps.dropFirst().map(\.findingCondition)
        #expect(conditions.allSatisfy { $0 != nil })
        let start = Timestamp(iso8601: "2026-03-01T10:00:00Z")!
        let incident = EscalatedIncident(
            incident: Incident(id: "i", kind: "cas", actorID: "a", openedBy: ["f"]), actorKey: "a", openedAt: start,
            opening: nil, stepReachedAt: start, lastFindingAt: start)
        // The same cases on every run (a linear congruential generator).
        var x: UInt64 = 42
        func next() -> UInt64 {
            x = x &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return x >> 33
        }
        var holds = Array(repeating: 0, count: reaction.steps.count)
        for round in 0..<300 {
            let n = Int(next() % 9)
            let events = (0..<n).map { i in
                FindingEvent(
                    fingerprint: "f\(round)-\(i)", ruleID: "r\(1 + next() % 4)",
                    severity: Severity.allCases[Int(next() % 5)], activityID: "p\(next() % 4)", at: start,
                    actorKey: "a", actorID: "a", ordinal: i)
            }
            for (position, step) in reaction.steps.enumerated().dropFirst() {
                let host = try #require(step.findingCondition).holds(for: events)
                let lua = try e.callWhen(
                    reaction: "echelle", step: position + 1, incident: incident, events: events, title: { $0 }
                ).ok
                #expect(host == lua, "step \(step.id), findings \(events.map { ($0.ruleID, $0.severity, $0.activityID) })")
                if host { holds[position] += 1 }
            }
        }
        // Every condition held on some lists and not on others, but s6:
        // with both any and all, any picks the findings and all is never
        // met (the entry point's rule, which the host follows).
        for position in 1..<reaction.steps.count where position != 5 {
            #expect(holds[position] > 0 && holds[position] < 300, "step \(position + 1) held \(holds[position]) times")
        }
        #expect(holds[5] == 0)
    }
}

