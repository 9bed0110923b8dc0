/// A crisis-reaction process prepared in advance for one kind of incident:
/// ordered steps from the mildest to the firmest.
public struct ReactionPlan: Hashable, Codable, Sendable, Identifiable {
    public var id: String
    /// The incident kind the plan reacts to.
    public var on: String
    public var steps: [ReactionStep]

    public init(id: String, on: String, steps: [ReactionStep]) {
        self.id = id
        self.on = on
        self.steps = steps
    }

    /// The step after `stepID`, or the first step when `stepID` is nil; nil at the end.
    public func step(after stepID: String?) -> ReactionStep? {
        guard let stepID else { return steps.first }
        guard let index = steps.firstIndex(where: { $0.id == stepID }), index + 1 < steps.count else {
            return nil
        }
        return steps[index + 1]
    }
}
