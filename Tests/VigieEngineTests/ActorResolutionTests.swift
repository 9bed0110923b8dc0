import Testing
import VigieModel

@testable import VigieEngine

/// An actor id that names a kind of actor stands for someone of that kind;
/// any other id not in the profile is a stranger.
@Suite struct ActorResolutionTests {
    /// The shortcut that skips ids which cannot name a kind (by their last
    /// byte) still finds every kind there is.
    @Test func everyKindOfActorIsFoundByItsName() {
        for kind in ActorKind.allCases {
            #expect(PolicyEngine.actorKind(named: kind.rawValue) == kind)
        }
        #expect(PolicyEngine.actorKind(named: "nadia7") == nil)
        #expect(PolicyEngine.actorKind(named: "clients") == nil)
        #expect(PolicyEngine.actorKind(named: "") == nil)
    }

    /// A rule sees the kind an actor id names, and a stranger for an id
    /// that is neither a person of the profile nor a kind.
    @Test func aRuleSeesTheKindAnActorIDNames() throws {
        let e = try engine(header + """

            rule "client" {
              check = function(post, ctx)
                if post.actor and post.actor.kind == "client" then ctx:flag() end
              end,
            }
            rule "inconnu" {
              check = function(post, ctx)
                if post.actor and post.actor.kind == "stranger" then ctx:flag() end
              end,
            }
            """)
        #expect(e.check(post("a", actor: "client")).findings.map(\.ruleID) == ["client"])
        #expect(e.check(post("b", actor: "former-client")).findings.isEmpty)
        #expect(e.check(post("c", actor: "nadia7")).findings.map(\.ruleID) == ["inconnu"])
    }
}
