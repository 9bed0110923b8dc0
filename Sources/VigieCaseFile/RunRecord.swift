import Foundation

/// Where a run stands.
public enum RunStatus: String, Codable, Sendable, CaseIterable {
    /// Started and not finished: in progress, or its process died. Ignored by
    /// every comparison until it finishes.
    case running
    /// Finished: its findings and incidents were written in one transaction.
    case complete
    /// Given up (`abandonRun`: it failed): ignored for good.
    case incomplete
    /// Stopped by a signal (SIGINT, SIGTERM, SIGHUP): ignored for good.
    case interrupted
    /// Its process died without a word (SIGKILL, a crash, the power):
    /// found `running` by a later run and ignored for good.
    case abandoned
}

/// What the engine knows when a run starts.
public struct RunStart: Hashable, Codable, Sendable {
    public var policyName: String
    public var policyVersion: String
    /// The exports or streams evaluated, as paths given on the command line.
    public var inputs: [String]
    public var startedAt: Date

    public init(policyName: String, policyVersion: String, inputs: [String], startedAt: Date = Date()) {
        self.policyName = policyName
        self.policyVersion = policyVersion
        self.inputs = inputs
        self.startedAt = startedAt
    }
}

/// The counts of a finished run that are not derived from what it saved.
public struct RunCounts: Hashable, Codable, Sendable {
    /// Activities evaluated.
    public var activities: Int
    /// Records or activities skipped (unreadable, out of scope).
    public var skipped: Int

    public init(activities: Int, skipped: Int = 0) {
        self.activities = activities
        self.skipped = skipped
    }
}

/// One run as the case file keeps it.
public struct RunRecord: Hashable, Codable, Sendable, Identifiable {
    public var id: RunID
    public var policyName: String
    public var policyVersion: String
    public var inputs: [String]
    public var startedAt: Date
    public var finishedAt: Date?
    public var status: RunStatus
    /// Why a run is incomplete.
    public var statusReason: String?
    /// Counts, known once the run is complete.
    public var activityCount: Int?
    public var skippedCount: Int?
    public var findingCount: Int?
    /// Findings seen for the first time, and not accepted, in this run.
    public var newFindingCount: Int?
    public var incidentCount: Int?

    public init(
        id: RunID, policyName: String, policyVersion: String, inputs: [String], startedAt: Date,
        finishedAt: Date? = nil, status: RunStatus, statusReason: String? = nil,
        activityCount: Int? = nil, skippedCount: Int? = nil, findingCount: Int? = nil,
        newFindingCount: Int? = nil, incidentCount: Int? = nil
    ) {
        self.id = id
        self.policyName = policyName
        self.policyVersion = policyVersion
        self.inputs = inputs
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.status = status
        self.statusReason = statusReason
        self.activityCount = activityCount
        self.skippedCount = skippedCount
        self.findingCount = findingCount
        self.newFindingCount = newFindingCount
        self.incidentCount = incidentCount
    }
}
