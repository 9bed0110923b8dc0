import Foundation
import VigieCaseFile
import VigieEngine
import VigieModel

/// The consultant's own decisions on a client's case file, from the command
/// line or any front end: the open incidents with their step, person and
/// age; moving, holding, resuming, closing an incident or writing a note on
/// it; accepting findings (with a reason, an author and an optional expiry)
/// and sharing the accepted set with a team; erasing a person.
public struct CaseManagement {
    public let engine: PolicyEngine
    public let policyFolder: String
    let caseFile: CaseFile

    /// Where the case file is: its path, or its PostgreSQL URL (no password).
    public var caseFilePath: String { caseFile.path }

    /// The file a team shares its acceptances through, committed with the
    /// policy: `<policy>/acceptances.json`.
    public static func sharedAcceptancesPath(_ policyFolder: String) -> String {
        (policyFolder as NSString).appendingPathComponent("acceptances.json")
    }

    /// Opens the policy's case file: `caseFileLocation` (`--case-file`: a
    /// path or a `postgres://` URL), else `$VIGIE_CASE_FILE`, else
    /// `<policy>/.vigie/case.sqlite`.
    public init(engine: PolicyEngine, policyFolder: String, caseFileLocation: String? = nil) throws(RunError) {
        self.engine = engine
        self.policyFolder = policyFolder
        do {
            caseFile = try CaseFile.open(
                policyFolder: policyFolder, location: caseFileLocation, policyName: engine.declarations.manifest.name)
        } catch {
            throw RunError(caseFile: error)
        }
    }

    // MARK: - Incidents

    /// An incident as a consultant reads it: words, not identifiers.
    public struct IncidentSummary: Hashable, Codable, Sendable {
        public var id: String
        public var kind: String
        /// The incident declaration's title (its id when it has none).
        public var title: String
        public var actorKey: String
        /// The person's name in the profile, when known.
        public var person: String?
        public var step: String?
        public var stepTitle: String?
        public var status: Incident.Status
        public var held: Bool
        public var openedAt: Timestamp?
        /// Whole days from its opening to `asOf`.
        public var ageDays: Int?
        public var lastDecision: Decision?
    }

    /// The incidents (open ones unless `all`), as of `asOf` for their age.
    public func incidents(all: Bool = false, asOf: Date = Date()) throws(RunError) -> [IncidentSummary] {
        let stored: [StoredIncident]
        do {
            stored = try caseFile.storedIncidents(status: all ? nil : .open)
        } catch {
            throw RunError(caseFile: error)
        }
        return stored.map(summary(asOf: asOf))
    }

    func summary(asOf: Date) -> (StoredIncident) -> IncidentSummary {
        let d = engine.declarations
        let people = Dictionary((engine.profile?.people ?? []).map { ($0.id, $0.name) }) { a, _ in a }
        return { stored in
            let incident = stored.incident
            let reaction = d.reactions.first { $0.on == incident.kind }
            let step = reaction?.steps.first { $0.id == incident.currentStep }
            var held = false
            for decision in incident.history {
                if decision.action == .held { held = true }
                if decision.action == .resumed { held = false }
            }
            let age = stored.openedAt.map { Int((asOf.timeIntervalSince1970 - $0.secondsSince1970) / 86_400) }
            return IncidentSummary(
                id: incident.id, kind: incident.kind,
                title: d.incidents.first { $0.id == incident.kind }?.texts.title ?? incident.kind,
                actorKey: stored.actorKey, person: incident.actorID.flatMap { people[$0] }, step: incident.currentStep,
                stepTitle: step?.title, status: incident.status, held: held, openedAt: stored.openedAt,
                ageDays: age.map { max(0, $0) }, lastDecision: incident.history.last)
        }
    }

    /// What a consultant does to an incident by hand.
    public enum Action: Sendable, Equatable {
        /// To a step of its reaction (up or down).
        case move(toStep: String)
        /// No automatic step until resumed.
        case hold
        case resume
        case close
        /// A note in the history ("phone call done", "warning sent").
        case note
    }

    /// Records a consultant's decision on incident `id` (a prefix of its id
    /// is enough when it names one incident), with a note, who and when.
    @discardableResult
    public func decide(
        _ action: Action, incident id: String, note: String, by who: String, at time: Timestamp = Timestamp(date: Date())
    ) throws(RunError) -> IncidentSummary {
        let note = note.trimmingCharacters(in: .whitespacesAndNewlines)
        let who = who.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !note.isEmpty else {
            throw RunError(.usage, "a decision needs a note saying what was done or why (--note \"warning sent\")")
        }
        guard !who.isEmpty else { throw RunError(.usage, "a decision needs the name of who takes it (--by NAME)") }
        let stored = try resolve(id)
        let incident = stored.incident
        guard incident.status == .open || action == .note else {
            throw RunError(.usage, "incident \(incident.id) is \(incident.status.rawValue); only a note can be added to it")
        }
        let decision: Decision
        switch action {
        case .move(let target):
            guard let reaction = engine.declarations.reactions.first(where: { $0.on == incident.kind }) else {
                throw RunError(.usage, "incident \(incident.id) (\(incident.kind)) has no reaction in this policy to move along")
            }
            guard let to = reaction.steps.firstIndex(where: { $0.id == target }) else {
                let steps = reaction.steps.map { "\($0.id) (\($0.title ?? $0.id))" }.joined(separator: ", ")
                throw RunError(.usage, "reaction \(reaction.id) has no step \"\(target)\"; its steps are: \(steps)")
            }
            let from = reaction.steps.firstIndex { $0.id == incident.currentStep } ?? -1
            decision = Decision(action: to >= from ? .escalated : .deescalated, step: target, reason: note, at: time, by: who)
        case .hold: decision = Decision(action: .held, step: incident.currentStep, reason: note, at: time, by: who)
        case .resume: decision = Decision(action: .resumed, step: incident.currentStep, reason: note, at: time, by: who)
        case .close: decision = Decision(action: .closed, step: incident.currentStep, reason: note, at: time, by: who)
        case .note: decision = Decision(action: .note, step: incident.currentStep, reason: note, at: time, by: who)
        }
        do {
            let saved = try caseFile.recordManual(decision, incident: incident.id)
            return summary(asOf: Date(timeIntervalSince1970: time.secondsSince1970))(saved)
        } catch {
            throw RunError(caseFile: error)
        }
    }

    /// The incident whose id is `id` or starts with it.
    func resolve(_ id: String) throws(RunError) -> StoredIncident {
        let all: [StoredIncident]
        do {
            all = try caseFile.storedIncidents()
        } catch {
            throw RunError(caseFile: error)
        }
        if let exact = all.first(where: { $0.id == id }) { return exact }
        let matching = all.filter { $0.id.hasPrefix(id) }
        guard matching.count == 1 else {
            throw RunError(
                .usage,
                matching.isEmpty
                    ? "no incident \"\(id)\" in \(caseFile.path); `vigie incidents --all` lists them"
                    : "\"\(id)\" names \(matching.count) incidents; give more of the id")
        }
        return matching[0]
    }

    // MARK: - Acceptances

    /// Accepts a finding: later runs still report it, but not as new and not
    /// for `--fail-on`, until `expires`. With `share`, the policy's
    /// `acceptances.json` gets it too (commit it: the team shares it).
    public func accept(
        fingerprint: String, reason: String, by who: String, expires: Date? = nil, share: Bool = false
    ) throws(RunError) {
        if let expires, expires <= Date() {
            throw RunError(.usage, "the expiry date is already past; give a future date (--expires 2027-06-30)")
        }
        do {
            try caseFile.accept(fingerprint: fingerprint, reason: reason, by: who, expires: expires)
        } catch {
            throw RunError(caseFile: error)
        }
        if share { try exportAcceptances(to: Self.sharedAcceptancesPath(policyFolder)) }
    }

    /// Revokes an acceptance (from the shared file too, when it holds it);
    /// returns whether there was one.
    @discardableResult
    public func revoke(fingerprint: String) throws(RunError) -> Bool {
        let revoked: Bool
        do {
            revoked = try caseFile.revokeAcceptance(fingerprint: fingerprint)
        } catch {
            throw RunError(caseFile: error)
        }
        let shared = Self.sharedAcceptancesPath(policyFolder)
        if FileManager.default.fileExists(atPath: shared) {
            var entries = try Self.readAcceptances(shared)
            if entries.contains(where: { $0.fingerprint == fingerprint }) {
                entries.removeAll { $0.fingerprint == fingerprint }
                try Self.writeAcceptances(entries, to: shared)
                return true
            }
        }
        return revoked
    }

    /// Every acceptance, expired ones included (`isActive` tells).
    public func acceptances() throws(RunError) -> [AcceptedFinding] {
        do {
            return try caseFile.acceptedFindings()
        } catch {
            throw RunError(caseFile: error)
        }
    }

    /// Writes the acceptances in force to `path` (JSON, sorted: it diffs well).
    public func exportAcceptances(to path: String) throws(RunError) {
        try Self.writeAcceptances(try acceptances().filter { $0.isActive() }, to: path)
    }

    /// Takes the acceptances of the shared file into the case file (later
    /// ones win); returns how many were taken. No file: nothing to take.
    @discardableResult
    public static func mergeSharedAcceptances(policyFolder: String, into caseFile: CaseFile) throws(RunError) -> Int {
        let shared = sharedAcceptancesPath(policyFolder)
        guard FileManager.default.fileExists(atPath: shared) else { return 0 }
        let entries = try readAcceptances(shared)
        do {
            return try caseFile.merge(acceptances: entries)
        } catch {
            throw RunError(caseFile: error)
        }
    }

    static func readAcceptances(_ path: String) throws(RunError) -> [AcceptedFinding] {
        do {
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .iso8601
            return try decoder.decode([AcceptedFinding].self, from: Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            throw RunError(.input, "\(path): not a list of acceptances written by Vigie (\(error.localizedDescription)); fix it or remove it")
        }
    }

    static func writeAcceptances(_ entries: [AcceptedFinding], to path: String) throws(RunError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        let data: Data
        do {
            data = try encoder.encode(entries.sorted { $0.fingerprint < $1.fingerprint })
        } catch {
            throw RunError(.output, "cannot write \(path): \(error.localizedDescription)")
        }
        try AtomicFile.write(data, to: path)
    }

    // MARK: - Erasure

    /// Removes a person (a profile id or an account's `platform:handle`) from
    /// the case file; the erasure is recorded without their data. Returns
    /// the rows removed.
    @discardableResult
    public func erase(person: String, by who: String, reason: String) throws(RunError) -> Int {
        do {
            return try caseFile.erase(person: person, by: who, reason: reason)
        } catch {
            throw RunError(caseFile: error)
        }
    }
}

extension RunError {
    /// A case file's error, with its own code for the causes a user can act on.
    public init(caseFile error: any Error) {
        guard let error = error as? CaseFileError else {
            self.init(.caseFile, "the case file failed: \(error)")
            return
        }
        let code: Code =
            switch error.code {
            case .busy: .caseFileLocked
            case .damaged: .caseFileDamaged
            case .diskFull: .diskFull
            case .unknownIncident, .unknownFingerprint, .missingReason: .usage
            default: .caseFile
            }
        self.init(code, "\(error.path): \(error.message)")
    }
}
