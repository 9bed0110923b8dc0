import VigieModel
import VigieReport

/// A small but complete report: the residential cleaning business of the
/// method's first seed (website and Facebook page), one month of exports.
enum Sample {
    static let plan = ReactionPlan(
        id: "client-mecontent", on: "negative-comment-by-client",
        steps: [
            ReactionStep(id: "dialogue", title: "Dialogue", advice: "Contacter le client en privé, calmement, et chercher une solution."),
            ReactionStep(id: "avertissement", title: "Avertissement", condition: "menace-ou-intimidation", advice: "Prévenir poliment mais fermement."),
            ReactionStep(id: "exclusion", title: "Exclusion", condition: "recidive-apres-avertissement", advice: "Exclure en donnant les motifs.", recordReasons: true),
        ])

    static func time(_ iso: String) -> Timestamp { Timestamp(iso8601: iso)! }

    static let phoneText = "Besoin d'un devis ? Appelez-moi au 06 12 34 56 78 ou écrivez à marie.dupont@exemple.fr, je passe demain."
    static let vacationText = "Les Martin sont en vacances du 3 au 17 août, je garde leurs clés au 12 rue des Lilas."
    static let ventingText = "Encore une cliente qui ne paie pas... j'en ai ras le bol de ce métier !"
    static let threatText = "Si vous ne me remboursez pas je viens vous voir chez vous, je sais où vous habitez."

    static func finding(
        _ rule: String, _ severity: Severity, text: String, evidence: [(String, String?)], activity: String,
        source: RecordSource, actor: String?, advice: String, mitigates: [String]
    ) -> Finding {
        let spans = evidence.map { piece, label -> EvidenceSpan in
            let scalars = Array(text.unicodeScalars)
            let needle = Array(piece.unicodeScalars)
            var start = 0
            while start + needle.count <= scalars.count, Array(scalars[start..<(start + needle.count)]) != needle { start += 1 }
            return EvidenceSpan(start: start, end: start + needle.count, label: label)
        }
        return Finding(
            ruleID: rule, severity: severity, evidence: spans, actorID: actor,
            activity: ActivityReference(id: activity, source: source), advice: advice, mitigates: mitigates)
    }

    static var document: ReportDocument {
        let phone = finding(
            "pas-de-coordonnees-personnelles", .high, text: phoneText,
            evidence: [("06 12 34 56 78", "phone"), ("marie.dupont@exemple.fr", "email")],
            activity: "facebook:post-204", source: RecordSource(file: "export-facebook.zip!/posts/your_posts_1.json", index: 3, line: 41),
            actor: "marie", advice: "Retirer le numéro personnel ; renvoyer vers la page de contact.",
            mitigates: ["suivi-chez-clients"])
        let vacation = finding(
            "absence-des-clients", .critical, text: vacationText,
            evidence: [("en vacances du 3 au 17 août", "absence"), ("12 rue des Lilas", "address")],
            activity: "facebook:post-207", source: RecordSource(file: "export-facebook.zip!/posts/your_posts_1.json", index: 6, line: 77),
            actor: "marie", advice: "Ne jamais annoncer l'absence d'un client ni l'endroit de ses clés.",
            mitigates: ["dates-de-vacances", "vols-chez-clients"])
        let venting = finding(
            "pas-de-defoulement", .medium, text: ventingText, evidence: [("j'en ai ras le bol", "venting")],
            activity: "facebook:post-199", source: RecordSource(file: "export-facebook.zip!/posts/your_posts_1.json", index: 1, line: 12),
            actor: "marie", advice: "Garder ses frustrations hors des réseaux : la confiance des clients en dépend.",
            mitigates: ["reputation"])
        let threat = finding(
            "intimidation-recue", .high, text: threatText, evidence: [("je viens vous voir chez vous", "threat")],
            activity: "facebook:comment-88", source: RecordSource(file: "export-facebook.zip!/comments/comments.json", index: 0),
            actor: "client-durand", advice: "Ne pas répondre publiquement ; suivre le plan de réaction.",
            mitigates: ["mauvais-commentaires"])

        var incident = Incident(id: "inc-2026-001", kind: "negative-comment-by-client", actorID: "client-durand", openedBy: [threat.fingerprint])
        incident.record(Decision(action: .opened, step: "dialogue", reason: "Commentaire négatif d'un client sur la page", at: time("2026-10-02T09:15:00+02:00"), by: "vigie"))
        incident.record(Decision(action: .note, reason: "Appel au client : il maintient ses propos, rappel prévu au 07 98 76 54 32", at: time("2026-10-03T14:00:00+02:00"), by: "Julie Horn"))
        incident.record(Decision(action: .escalated, step: "avertissement", reason: "Avertissement — Menaces dans un second commentaire", at: time("2026-11-20T18:40:00+01:00"), by: "vigie"))

        return ReportDocument(
            policy: .init(name: "eclat-menage", version: "1.2.0", language: "fr", title: "Éclat Ménage — sécurité humaine"),
            client: "Éclat Ménage",
            generatedAt: time("2026-11-23T10:30:00+01:00"),
            run: .init(
                id: "12", startedAt: time("2026-11-23T10:28:00+01:00"), finishedAt: time("2026-11-23T10:29:12+01:00"),
                inputs: ["exports/export-facebook.zip"], activities: 148, skipped: 3, baselineRunID: "11"),
            threats: [
                .init(id: "suivi-chez-clients", title: "Être suivi jusque chez les clients", likelihood: 2, impact: 5, mitigatedBy: ["pas-de-coordonnees-personnelles"], answeredBy: []),
                .init(id: "vols-chez-clients", title: "Vols chez les clients", likelihood: 3, impact: 5, mitigatedBy: ["absence-des-clients"], answeredBy: ["cambriolage"]),
                .init(id: "dates-de-vacances", title: "Dates de vacances dévoilées", likelihood: 4, impact: 4, mitigatedBy: ["absence-des-clients"], answeredBy: ["cambriolage"]),
                .init(id: "mauvais-commentaires", title: "Mauvais commentaires d'un client", likelihood: 4, impact: 3, mitigatedBy: ["intimidation-recue"], answeredBy: ["client-mecontent"]),
                .init(id: "reputation", title: "Réputation entachée par ses propres propos", likelihood: 3, impact: 3, mitigatedBy: ["pas-de-defoulement"], answeredBy: ["client-mecontent"]),
                .init(id: "concurrent-malveillant", title: "Mauvaise réputation causée par un concurrent", likelihood: 2, impact: 3),
                .init(id: "offre-contre-infos", title: "Argent offert contre des informations", likelihood: 1, impact: 4, mitigatedBy: ["sollicitation-inconnus"]),
            ],
            findings: [
                .init(finding: phone, ruleTitle: "Pas de coordonnées personnelles", activity: .init(text: phoneText, platform: .facebook, kind: .post, author: "Marie (Éclat Ménage)", timestamp: time("2026-11-12T08:05:00+01:00")), actorName: "Marie Dupont", isNew: true),
                .init(finding: vacation, ruleTitle: "Ne pas annoncer l'absence des clients", activity: .init(text: vacationText, platform: .facebook, kind: .post, author: "Marie (Éclat Ménage)", timestamp: time("2026-11-14T19:22:00+01:00")), actorName: "Marie Dupont", isNew: true),
                .init(finding: venting, ruleTitle: "Pas de défoulement en public", activity: .init(text: ventingText, platform: .facebook, kind: .post, author: "Marie (Éclat Ménage)", timestamp: time("2026-10-28T22:47:00+01:00")), actorName: "Marie Dupont", isNew: false, acceptance: .init(reason: "Publication retirée le 29 octobre, cliente prévenue", by: "Julie Horn")),
                .init(finding: threat, ruleTitle: "Intimidation reçue", activity: .init(text: threatText, platform: .facebook, kind: .comment, author: "Paul Durand", timestamp: time("2026-11-20T18:31:00+01:00")), actorName: "Paul Durand (client)", isNew: false),
            ],
            incidents: [.init(incident: incident, plan: plan, title: "Client mécontent", actorName: "Paul Durand (client)")],
            skipped: [
                .init(item: "messages/inbox", reason: "messages privés hors du périmètre de la politique", count: 2),
                .init(item: "posts/album_3.json", reason: "JSON tronqué", count: 1),
            ],
            timeZone: "Europe/Paris",
            names: .init(
                rules: [
                    "pas-de-coordonnees-personnelles": "Pas de coordonnées personnelles",
                    "absence-des-clients": "Ne pas annoncer l'absence des clients",
                    "pas-de-defoulement": "Pas de défoulement en public", "intimidation-recue": "Intimidation reçue",
                    "sollicitation-inconnus": "Un inconnu sollicite des informations",
                ],
                reactions: ["cambriolage": "Prévenir un vol à domicile", "client-mecontent": "Client mécontent : parler, puis être ferme"],
                people: ["marie": "Marie Dupont", "client-durand": "Paul Durand (client)"]))
    }

    /// The same document in English (the policy's language is English).
    static var englishDocument: ReportDocument {
        var document = document
        document.policy.language = "en"
        return document
    }
}
