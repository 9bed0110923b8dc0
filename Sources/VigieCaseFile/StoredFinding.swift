import Foundation
import VigieModel

/// A finding as a run saved it, with its history across runs.
public struct StoredFinding: Hashable, Codable, Sendable, Identifiable {
    public var finding: Finding
    /// The first complete run that reported this fingerprint.
    public var firstSeenRun: RunID
    /// The last complete run that reported it.
    public var lastSeenRun: RunID
    /// Set when a consultant accepted the finding into the baseline.
    public var acceptance: AcceptedFinding?

    public var id: String { finding.fingerprint }
    public var fingerprint: String { finding.fingerprint }
    public var isAccepted: Bool { acceptance != nil }

    public init(finding: Finding, firstSeenRun: RunID, lastSeenRun: RunID, acceptance: AcceptedFinding? = nil) {
        self.finding = finding
        self.firstSeenRun = firstSeenRun
        self.lastSeenRun = lastSeenRun
        self.acceptance = acceptance
    }
}

/// A finding a consultant accepted: known, judged, and not to be shown as new
/// again (the baseline that secret scanners keep).
public struct AcceptedFinding: Hashable, Codable, Sendable, Identifiable {
    public var fingerprint: String
    public var reason: String
    /// Who accepted it.
    public var acceptedBy: String
    public var acceptedAt: Date
    /// When the acceptance lapses (nil: never); after it the finding counts again.
    public var expiresAt: Date?

    public var id: String { fingerprint }

    public init(fingerprint: String, reason: String, acceptedBy: String, acceptedAt: Date, expiresAt: Date? = nil) {
        self.fingerprint = fingerprint
        self.reason = reason
        self.acceptedBy = acceptedBy
        self.acceptedAt = acceptedAt
        self.expiresAt = expiresAt
    }

    /// Whether it is in force at `date`.
    public func isActive(at date: Date = Date()) -> Bool { expiresAt.map { $0 > date } ?? true }
}

/// How a run's findings compare with those of a baseline run.
public struct FindingComparison: Hashable, Codable, Sendable {
    public var run: RunID
    /// The run compared with; nil when there is no earlier complete run.
    public var baseline: RunID?
    /// In `run`, not in `baseline`, not accepted.
    public var added: [StoredFinding]
    /// In both runs, not accepted.
    public var unchanged: [StoredFinding]
    /// In `baseline`, no longer in `run` (fixed, deleted, or out of the export).
    public var removed: [StoredFinding]
    /// In `run` and accepted: reported, but not as something to act on.
    public var accepted: [StoredFinding]

    public init(
        run: RunID, baseline: RunID?, added: [StoredFinding], unchanged: [StoredFinding],
        removed: [StoredFinding], accepted: [StoredFinding]
    ) {
        self.run = run
        self.baseline = baseline
        self.added = added
        self.unchanged = unchanged
        self.removed = removed
        self.accepted = accepted
    }

    /// The sizes of the four sets, for runs too large to load whole
    /// (`CaseFile.compareCounts`).
    public struct Counts: Hashable, Codable, Sendable {
        public var run: RunID
        public var baseline: RunID?
        public var added: Int
        public var unchanged: Int
        public var removed: Int
        public var accepted: Int

        public init(run: RunID, baseline: RunID?, added: Int, unchanged: Int, removed: Int, accepted: Int) {
            self.run = run
            self.baseline = baseline
            self.added = added
            self.unchanged = unchanged
            self.removed = removed
            self.accepted = accepted
        }
    }
}
