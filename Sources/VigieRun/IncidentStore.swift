import Foundation
import VigieCaseFile
import VigieEngine
import VigieModel

extension ManualIncident {
    /// The consultants' decisions (and those carried over) of a stored incident.
    init(_ stored: StoredIncident) {
        self.init(
            id: stored.id, kind: stored.incident.kind, actorKey: stored.actorKey, actorID: stored.incident.actorID,
            decisions: stored.incident.history)
    }
}

extension StoredIncident {
    /// An incident as the escalation left it, to be saved.
    init(_ escalated: EscalatedIncident) {
        self.init(incident: escalated.incident, actorKey: escalated.actorKey, openedAt: escalated.openedAt)
    }
}

/// The escalation state older versions kept in `<policy>/.vigie/incidents.json`,
/// beside the case file. It is taken into the case file once (its decisions
/// as decisions carried over, applied at their time by every later
/// escalation) and the file is renamed `incidents.json.imported`.
enum LegacyIncidents {
    private struct Book: Decodable {
        struct State: Decodable {
            var incident: Incident
            var actorKey: String
            var openedAt: Timestamp?
        }

        var incidents: [State]
    }

    static func importOnce(policyFolder: String, into caseFile: CaseFile) throws(RunError) {
        let url = URL(fileURLWithPath: policyFolder).appendingPathComponent(".vigie/incidents.json")
        guard FileManager.default.fileExists(atPath: url.path) else { return }
        let book: Book
        do {
            book = try JSONDecoder().decode(Book.self, from: Data(contentsOf: url))
        } catch {
            throw RunError(
                .incidents,
                "\(url.path): the incidents saved by an older Vigie cannot be read (\(error)); move the file away to start afresh")
        }
        let stored = book.incidents.map { state in
            var incident = state.incident
            for index in incident.history.indices where incident.history[index].key == nil {
                incident.history[index].key = "imported:\(incident.id):\(index)"
            }
            return StoredIncident(incident: incident, actorKey: state.actorKey, openedAt: state.openedAt)
        }
        do {
            try caseFile.importIncidents(stored)
            try FileManager.default.moveItem(at: url, to: url.appendingPathExtension("imported"))
        } catch {
            throw RunError(caseFile: error)
        }
    }
}
