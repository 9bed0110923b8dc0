// What `vigie check` prints for the Nordelia policy on its sample data,
// first captured before the findings were streamed from disk (commit
// bcb6114); the incidents' part regenerated when the escalation moved to
// time order, finding by finding, and `check` began to list the open
// incidents (issue 17); regenerated whole for issue 19: times on the
// organisation's clock (America/Toronto, which also makes Inès's three
// posts at 2 a.m. a night-posting finding), the command line's words in the
// policy's language (French), names instead of ids, the indicators' notes,
// and `activityText` masked in the JSON; issue 20 changed one advice of the
// reputation plugin (worded for no trade in particular). Regenerate when the policy, its
// data or the output change on purpose, from the package's folder:
//
//   NO_COLOR=1 .build/debug/vigie check Policies/nordelia/donnees/instagram-perso.jsonl \
//     Policies/nordelia/donnees/linkedin Policies/nordelia/donnees/mastodon \
//     --policy Policies/nordelia --plugins Plugins --no-case-file [--format json]
//
// (text, then JSON; standard error is `summary`; LANG plays no part: the
// policy is French).

enum NordeliaGolden {
    static let text = #"""
Heures : heure de l’Est (America/Toronto)
ÉLEVÉE (6)
  information-classifiee — Information classifiée sur un canal non autorisé
    2 mai 2026 à 15 h 00 Instagram Inès Lavoie [instagram-perso.jsonl:5 (record 5)]
    « Réunion interne à 8 h, mon boss en forme… »
    Remarque : niveau « internal » sur un canal qui permet au plus « public »
    → Retirer la publication ; vérifier le niveau de l'information avant de la partager.
  information-classifiee — Information classifiée sur un canal non autorisé
    4 mai 2026 à 15 h 00 Instagram Inès Lavoie [instagram-perso.jsonl:11 (record 11)]
    « Réunion interne à 8 h, mon boss en forme… »
    Remarque : niveau « internal » sur un canal qui permet au plus « public »
    → Retirer la publication ; vérifier le niveau de l'information avant de la partager.
  information-classifiee — Information classifiée sur un canal non autorisé
    7 mai 2026 à 19 h 40 LinkedIn Théo Bergeron [Policies/nordelia/donnees/linkedin/Shares.csv:4 (record 2)]
    « Chez Nordelia, la direction annonce une restructuration demain, ambiance… Je n'en peux plus. »
    Remarque : niveau « internal » sur un canal qui permet au plus « public »
    → Retirer la publication ; vérifier le niveau de l'information avant de la partager.
  information-classifiee — Information classifiée sur un canal non autorisé
    13 mai 2026 à 4 h 15 LinkedIn Théo Bergeron [Policies/nordelia/donnees/linkedin/Shares.csv:6 (record 3)]
    « Les chiffres du trimestre sont excellents, avant même l'annonce officielle 😎 »
    Remarque : niveau « confidential » sur un canal qui permet au plus « internal »
    → Retirer la publication ; vérifier le niveau de l'information avant de la partager.
  information-classifiee — Information classifiée sur un canal non autorisé
    14 mai 2026 à 8 h 00 LinkedIn Théo Bergeron [Policies/nordelia/donnees/linkedin/Comments.csv:2 (record 1)]
    « Bravo à l'équipe Énergie ! On prépare le prix soumis pour l'appel d'offres en cours, croisez les doigts. »
    Remarque : niveau « confidential » sur un canal qui permet au plus « public »
    → Retirer la publication ; vérifier le niveau de l'information avant de la partager.
  information-classifiee — Information classifiée sur un canal non autorisé
    12 mai 2026 à 22 h 00 Mastodon Inès Lavoie [Policies/nordelia/donnees/mastodon/outbox.json:143 (record 5)]
    « Hâte de vous montrer le projet Hermès pour Transports Boréal, on signe bientôt ! »
    Remarque : niveau « secret » sur un canal qui permet au plus « public »
    → Retirer la publication ; vérifier le niveau de l'information avant de la partager.
MOYENNE (3)
  ragots-vie-privee — Ragots ou vie trop personnelle
    2 mai 2026 à 12 h 00 Instagram Inès Lavoie [instagram-perso.jsonl:4 (record 4)]
    « Mon chum et moi on part en Gaspésie cet été »
    → Garder la page pour le professionnel ; les personnes qu'on sert attendent de la discrétion.
  ragots-vie-privee — Ragots ou vie trop personnelle
    4 mai 2026 à 12 h 00 Instagram Inès Lavoie [instagram-perso.jsonl:10 (record 10)]
    « Mon chum et moi on part en Gaspésie cet été »
    → Garder la page pour le professionnel ; les personnes qu'on sert attendent de la discrétion.
  entreprise-sujet — L'entreprise prise pour sujet
    7 mai 2026 à 19 h 40 LinkedIn Théo Bergeron [Policies/nordelia/donnees/linkedin/Shares.csv:4 (record 2)]
    « Chez Nordelia, la direction annonce une restructuration demain, ambiance… Je n'en peux plus. »
    → En parler à son gestionnaire ou à la cellule de gestion du risque humain plutôt qu'en ligne.
FAIBLE (3)
  canal-non-approuve — Sujet professionnel sur un canal non approuvé
    1er mai 2026 à 18 h 00 Instagram Inès Lavoie [instagram-perso.jsonl:3 (record 3)]
    « Petite soirée des collègues de Nordelia 🎉 »
    → Publier sur le canal approuvé pour cet usage, ou ne pas publier.
  canal-non-approuve — Sujet professionnel sur un canal non approuvé
    3 mai 2026 à 18 h 00 Instagram Inès Lavoie [instagram-perso.jsonl:9 (record 9)]
    « Petite soirée des collègues de Nordelia 🎉 »
    → Publier sur le canal approuvé pour cet usage, ou ne pas publier.
  publication-nocturne — Publications nocturnes répétées
    6 mai 2026 à 1 h 55 Mastodon Inès Lavoie [Policies/nordelia/donnees/mastodon/outbox.json:75 (record 3)]
    « 3e nuit de suite au bureau virtuel… »
    Remarque : 3 publications de nuit en 7 jours
    → Prendre des nouvelles de la personne : la fatigue et l'isolement favorisent les publications impulsives.
Incidents et prochaines étapes
  Une information de l'entreprise a été divulguée (Inès Lavoie): Retirer la publication — Ouvert par « Sujet professionnel sur un canal non approuvé » le 1er mai 2026 à 18 h 00
    → Retirer ou corriger la publication au plus vite ; noter ce qui a été visible et combien de temps.
  Une information de l'entreprise a été divulguée (Inès Lavoie): Prévenir la personne concernée
    → Prévenir le client ou la personne dont l'information a circulé, et convenir avec elle des mesures à prendre (changer un code, surveiller un accès, corriger une information).
  Une information de l'entreprise a été divulguée (Inès Lavoie): Rappeler la règle
    → Rappeler la règle à la personne qui a publié, en privé, avec l'exemple.
  Des signes avant-coureurs chez une personne (Inès Lavoie): Porter attention — Ouvert par « Publications nocturnes répétées » le 6 mai 2026 à 1 h 55
    → La cellule note le signal ; le gestionnaire prend des nouvelles de la personne, sans parler de surveillance.
  Une information de l'entreprise a été divulguée (Théo Bergeron): Retirer la publication — Ouvert par « Information classifiée sur un canal non autorisé » le 7 mai 2026 à 19 h 40
    → Retirer ou corriger la publication au plus vite ; noter ce qui a été visible et combien de temps.
  Une information de l'entreprise a été divulguée (Inès Lavoie): Plan correctif — Motifs : Information classifiée sur un canal non autorisé (4 mai 2026 à 15 h 00); Information classifiée sur un canal non autorisé (12 mai 2026 à 22 h 00)
    → Analyser la source, le contenu et les conséquences de la divulgation ; mettre à jour la charte et former l'équipe.
  Une information de l'entreprise a été divulguée (Théo Bergeron): Prévenir la personne concernée
    → Prévenir le client ou la personne dont l'information a circulé, et convenir avec elle des mesures à prendre (changer un code, surveiller un accès, corriger une information).
  Une information de l'entreprise a été divulguée (Théo Bergeron): Rappeler la règle
    → Rappeler la règle à la personne qui a publié, en privé, avec l'exemple.
Incidents ouverts
  Des signes avant-coureurs chez une personne (Inès Lavoie): Porter attention, depuis le 6 mai 2026 à 1 h 55
  Une information de l'entreprise a été divulguée (Théo Bergeron): Rappeler la règle, depuis le 14 mai 2026 à 8 h 00
"""#

    static let json = #"""
{
  "activities" : 21,
  "decisions" : [
    {
      "action" : "opened",
      "actorID" : "ines",
      "advice" : "Retirer ou corriger la publication au plus vite ; noter ce qui a été visible et combien de temps.",
      "at" : "2026-05-01T18:00:00-04:00",
      "incidentID" : "11722da87aeef10f",
      "incidentKind" : "divulgation",
      "key" : "auto:11722da87aeef10f:opened",
      "reactionID" : "plan-correctif",
      "reason" : "Ouvert par « Sujet professionnel sur un canal non approuvé » le 1er mai 2026 à 18 h 00",
      "recordedReasons" : [

      ],
      "stepID" : "retrait",
      "stepTitle" : "Retirer la publication"
    },
    {
      "action" : "escalated",
      "actorID" : "ines",
      "advice" : "Prévenir le client ou la personne dont l'information a circulé, et convenir avec elle des mesures à prendre (changer un code, surveiller un accès, corriger une information).",
      "at" : "2026-05-02T15:00:00-04:00",
      "incidentID" : "11722da87aeef10f",
      "incidentKind" : "divulgation",
      "key" : "auto:11722da87aeef10f:prevenir:1e5cff8ca986098d",
      "reactionID" : "plan-correctif",
      "reason" : "Prévenir la personne concernée",
      "recordedReasons" : [

      ],
      "stepID" : "prevenir",
      "stepTitle" : "Prévenir la personne concernée"
    },
    {
      "action" : "escalated",
      "actorID" : "ines",
      "advice" : "Rappeler la règle à la personne qui a publié, en privé, avec l'exemple.",
      "at" : "2026-05-03T18:00:00-04:00",
      "incidentID" : "11722da87aeef10f",
      "incidentKind" : "divulgation",
      "key" : "auto:11722da87aeef10f:rappel:f0e61b926a9c5310",
      "reactionID" : "plan-correctif",
      "reason" : "Rappeler la règle",
      "recordedReasons" : [

      ],
      "stepID" : "rappel",
      "stepTitle" : "Rappeler la règle"
    },
    {
      "action" : "opened",
      "actorID" : "ines",
      "advice" : "La cellule note le signal ; le gestionnaire prend des nouvelles de la personne, sans parler de surveillance.",
      "at" : "2026-05-06T05:55:00Z",
      "incidentID" : "480f6df615add455",
      "incidentKind" : "signaux-faibles",
      "key" : "auto:480f6df615add455:opened",
      "reactionID" : "cellule-risque-humain",
      "reason" : "Ouvert par « Publications nocturnes répétées » le 6 mai 2026 à 1 h 55",
      "recordedReasons" : [

      ],
      "stepID" : "attention",
      "stepTitle" : "Porter attention"
    },
    {
      "action" : "opened",
      "actorID" : "theo",
      "advice" : "Retirer ou corriger la publication au plus vite ; noter ce qui a été visible et combien de temps.",
      "at" : "2026-05-07T23:40:00Z",
      "incidentID" : "acaf2c388c7b4c89",
      "incidentKind" : "divulgation",
      "key" : "auto:acaf2c388c7b4c89:opened",
      "reactionID" : "plan-correctif",
      "reason" : "Ouvert par « Information classifiée sur un canal non autorisé » le 7 mai 2026 à 19 h 40",
      "recordedReasons" : [

      ],
      "stepID" : "retrait",
      "stepTitle" : "Retirer la publication"
    },
    {
      "action" : "escalated",
      "actorID" : "ines",
      "advice" : "Analyser la source, le contenu et les conséquences de la divulgation ; mettre à jour la charte et former l'équipe.",
      "at" : "2026-05-13T02:00:00Z",
      "incidentID" : "11722da87aeef10f",
      "incidentKind" : "divulgation",
      "key" : "auto:11722da87aeef10f:plan-correctif:d8b7a80a283654f0",
      "reactionID" : "plan-correctif",
      "reason" : "Plan correctif — Motifs : Information classifiée sur un canal non autorisé (4 mai 2026 à 15 h 00); Information classifiée sur un canal non autorisé (12 mai 2026 à 22 h 00)",
      "recordedReasons" : [
        "Information classifiée sur un canal non autorisé (4 mai 2026 à 15 h 00)",
        "Information classifiée sur un canal non autorisé (12 mai 2026 à 22 h 00)"
      ],
      "stepID" : "plan-correctif",
      "stepTitle" : "Plan correctif"
    },
    {
      "action" : "escalated",
      "actorID" : "theo",
      "advice" : "Prévenir le client ou la personne dont l'information a circulé, et convenir avec elle des mesures à prendre (changer un code, surveiller un accès, corriger une information).",
      "at" : "2026-05-13T08:15:00Z",
      "incidentID" : "acaf2c388c7b4c89",
      "incidentKind" : "divulgation",
      "key" : "auto:acaf2c388c7b4c89:prevenir:16b4b68cda5e4499",
      "reactionID" : "plan-correctif",
      "reason" : "Prévenir la personne concernée",
      "recordedReasons" : [

      ],
      "stepID" : "prevenir",
      "stepTitle" : "Prévenir la personne concernée"
    },
    {
      "action" : "escalated",
      "actorID" : "theo",
      "advice" : "Rappeler la règle à la personne qui a publié, en privé, avec l'exemple.",
      "at" : "2026-05-14T12:00:00Z",
      "incidentID" : "acaf2c388c7b4c89",
      "incidentKind" : "divulgation",
      "key" : "auto:acaf2c388c7b4c89:rappel:2854fd88714e4d7b",
      "reactionID" : "plan-correctif",
      "reason" : "Rappeler la règle",
      "recordedReasons" : [

      ],
      "stepID" : "rappel",
      "stepTitle" : "Rappeler la règle"
    }
  ],
  "failures" : [

  ],
  "findings" : [
    {
      "activityText" : "Petite soirée des collègues de Nordelia 🎉",
      "author" : "ines.lav.perso",
      "excerpt" : "Petite soirée des collègues de Nordelia 🎉",
      "finding" : {
        "activity" : {
          "id" : "ig-ines-2",
          "source" : {
            "file" : "instagram-perso.jsonl",
            "index" : 2,
            "line" : 3
          }
        },
        "actorID" : "ines",
        "advice" : "Publier sur le canal approuvé pour cet usage, ou ne pas publier.",
        "evidence" : [
          {
            "end" : 39,
            "label" : "lexicon",
            "start" : 31
          }
        ],
        "fingerprint" : "233ef517f7949bc2",
        "mitigates" : [
          "confusion-perso-pro"
        ],
        "ruleID" : "canal-non-approuve",
        "severity" : "low"
      },
      "isNew" : true,
      "kind" : "post",
      "platform" : "instagram",
      "time" : "2026-05-01T18:00:00-04:00",
      "timestamp" : "2026-05-01T18:00:00-04:00"
    },
    {
      "activityText" : "Mon chum et moi on part en Gaspésie cet été",
      "author" : "ines.lav.perso",
      "excerpt" : "Mon chum et moi on part en Gaspésie cet été",
      "finding" : {
        "activity" : {
          "id" : "ig-ines-3",
          "source" : {
            "file" : "instagram-perso.jsonl",
            "index" : 3,
            "line" : 4
          }
        },
        "actorID" : "ines",
        "advice" : "Garder la page pour le professionnel ; les personnes qu'on sert attendent de la discrétion.",
        "evidence" : [
          {
            "end" : 8,
            "label" : "lexicon",
            "start" : 0
          }
        ],
        "fingerprint" : "a793cce8a5763b2e",
        "mitigates" : [
          "confusion-perso-pro"
        ],
        "ruleID" : "ragots-vie-privee",
        "severity" : "medium"
      },
      "isNew" : true,
      "kind" : "post",
      "platform" : "instagram",
      "time" : "2026-05-02T12:00:00-04:00",
      "timestamp" : "2026-05-02T12:00:00-04:00"
    },
    {
      "activityText" : "Réunion interne à 8 h, mon boss en forme…",
      "author" : "ines.lav.perso",
      "excerpt" : "Réunion interne à 8 h, mon boss en forme…",
      "finding" : {
        "activity" : {
          "id" : "ig-ines-4",
          "source" : {
            "file" : "instagram-perso.jsonl",
            "index" : 4,
            "line" : 5
          }
        },
        "actorID" : "ines",
        "advice" : "Retirer la publication ; vérifier le niveau de l'information avant de la partager.",
        "evidence" : [
          {
            "end" : 15,
            "label" : "lexicon",
            "start" : 0
          }
        ],
        "fingerprint" : "1e5cff8ca986098d",
        "mitigates" : [
          "banalisation-information",
          "diffusion-rapide-remanente",
          "divulgation-compulsive"
        ],
        "ruleID" : "information-classifiee",
        "severity" : "high"
      },
      "isNew" : true,
      "kind" : "post",
      "note" : "niveau « internal » sur un canal qui permet au plus « public »",
      "platform" : "instagram",
      "time" : "2026-05-02T15:00:00-04:00",
      "timestamp" : "2026-05-02T15:00:00-04:00"
    },
    {
      "activityText" : "Petite soirée des collègues de Nordelia 🎉",
      "author" : "ines.lav.perso",
      "excerpt" : "Petite soirée des collègues de Nordelia 🎉",
      "finding" : {
        "activity" : {
          "id" : "ig-ines-8",
          "source" : {
            "file" : "instagram-perso.jsonl",
            "index" : 8,
            "line" : 9
          }
        },
        "actorID" : "ines",
        "advice" : "Publier sur le canal approuvé pour cet usage, ou ne pas publier.",
        "evidence" : [
          {
            "end" : 39,
            "label" : "lexicon",
            "start" : 31
          }
        ],
        "fingerprint" : "f0e61b926a9c5310",
        "mitigates" : [
          "confusion-perso-pro"
        ],
        "ruleID" : "canal-non-approuve",
        "severity" : "low"
      },
      "isNew" : true,
      "kind" : "post",
      "platform" : "instagram",
      "time" : "2026-05-03T18:00:00-04:00",
      "timestamp" : "2026-05-03T18:00:00-04:00"
    },
    {
      "activityText" : "Mon chum et moi on part en Gaspésie cet été",
      "author" : "ines.lav.perso",
      "excerpt" : "Mon chum et moi on part en Gaspésie cet été",
      "finding" : {
        "activity" : {
          "id" : "ig-ines-9",
          "source" : {
            "file" : "instagram-perso.jsonl",
            "index" : 9,
            "line" : 10
          }
        },
        "actorID" : "ines",
        "advice" : "Garder la page pour le professionnel ; les personnes qu'on sert attendent de la discrétion.",
        "evidence" : [
          {
            "end" : 8,
            "label" : "lexicon",
            "start" : 0
          }
        ],
        "fingerprint" : "82b2b07a424615c8",
        "mitigates" : [
          "confusion-perso-pro"
        ],
        "ruleID" : "ragots-vie-privee",
        "severity" : "medium"
      },
      "isNew" : true,
      "kind" : "post",
      "platform" : "instagram",
      "time" : "2026-05-04T12:00:00-04:00",
      "timestamp" : "2026-05-04T12:00:00-04:00"
    },
    {
      "activityText" : "Réunion interne à 8 h, mon boss en forme…",
      "author" : "ines.lav.perso",
      "excerpt" : "Réunion interne à 8 h, mon boss en forme…",
      "finding" : {
        "activity" : {
          "id" : "ig-ines-10",
          "source" : {
            "file" : "instagram-perso.jsonl",
            "index" : 10,
            "line" : 11
          }
        },
        "actorID" : "ines",
        "advice" : "Retirer la publication ; vérifier le niveau de l'information avant de la partager.",
        "evidence" : [
          {
            "end" : 15,
            "label" : "lexicon",
            "start" : 0
          }
        ],
        "fingerprint" : "3cdfa3ece977ca48",
        "mitigates" : [
          "banalisation-information",
          "diffusion-rapide-remanente",
          "divulgation-compulsive"
        ],
        "ruleID" : "information-classifiee",
        "severity" : "high"
      },
      "isNew" : true,
      "kind" : "post",
      "note" : "niveau « internal » sur un canal qui permet au plus « public »",
      "platform" : "instagram",
      "time" : "2026-05-04T15:00:00-04:00",
      "timestamp" : "2026-05-04T15:00:00-04:00"
    },
    {
      "activityText" : "Chez Nordelia, la direction annonce une restructuration demain, ambiance…\nJe n'en peux plus.",
      "author" : "owner",
      "excerpt" : "Chez Nordelia, la direction annonce une restructuration demain, ambiance… Je n'en peux plus.",
      "finding" : {
        "activity" : {
          "id" : "linkedin:https://www.linkedin.com/feed/update/urn%3Ali%3Ashare%3A801",
          "source" : {
            "file" : "Policies/nordelia/donnees/linkedin/Shares.csv",
            "index" : 1,
            "line" : 4
          }
        },
        "actorID" : "theo",
        "advice" : "Retirer la publication ; vérifier le niveau de l'information avant de la partager.",
        "evidence" : [
          {
            "end" : 55,
            "label" : "lexicon",
            "start" : 40
          }
        ],
        "fingerprint" : "5ef451d7098f91dc",
        "mitigates" : [
          "banalisation-information",
          "diffusion-rapide-remanente",
          "divulgation-compulsive"
        ],
        "ruleID" : "information-classifiee",
        "severity" : "high"
      },
      "isNew" : true,
      "kind" : "post",
      "note" : "niveau « internal » sur un canal qui permet au plus « public »",
      "platform" : "linkedin",
      "time" : "2026-05-07T23:40:00Z",
      "timestamp" : "2026-05-07T23:40:00Z"
    },
    {
      "activityText" : "Chez Nordelia, la direction annonce une restructuration demain, ambiance…\nJe n'en peux plus.",
      "author" : "owner",
      "excerpt" : "Chez Nordelia, la direction annonce une restructuration demain, ambiance… Je n'en peux plus.",
      "finding" : {
        "activity" : {
          "id" : "linkedin:https://www.linkedin.com/feed/update/urn%3Ali%3Ashare%3A801",
          "source" : {
            "file" : "Policies/nordelia/donnees/linkedin/Shares.csv",
            "index" : 1,
            "line" : 4
          }
        },
        "actorID" : "theo",
        "advice" : "En parler à son gestionnaire ou à la cellule de gestion du risque humain plutôt qu'en ligne.",
        "evidence" : [
          {
            "end" : 27,
            "label" : "lexicon",
            "start" : 15
          },
          {
            "end" : 55,
            "label" : "lexicon",
            "start" : 40
          },
          {
            "end" : 13,
            "label" : "lexicon",
            "start" : 5
          }
        ],
        "fingerprint" : "50df336435f359ca",
        "mitigates" : [
          "entreprise-sujet",
          "detachement-entreprise"
        ],
        "ruleID" : "entreprise-sujet",
        "severity" : "medium"
      },
      "isNew" : true,
      "kind" : "post",
      "platform" : "linkedin",
      "time" : "2026-05-07T23:40:00Z",
      "timestamp" : "2026-05-07T23:40:00Z"
    },
    {
      "activityText" : "Les chiffres du trimestre sont excellents, avant même l'annonce officielle 😎",
      "author" : "owner",
      "excerpt" : "Les chiffres du trimestre sont excellents, avant même l'annonce officielle 😎",
      "finding" : {
        "activity" : {
          "id" : "linkedin:https://www.linkedin.com/feed/update/urn%3Ali%3Ashare%3A802",
          "source" : {
            "file" : "Policies/nordelia/donnees/linkedin/Shares.csv",
            "index" : 2,
            "line" : 6
          }
        },
        "actorID" : "theo",
        "advice" : "Retirer la publication ; vérifier le niveau de l'information avant de la partager.",
        "evidence" : [
          {
            "end" : 25,
            "label" : "lexicon",
            "start" : 4
          },
          {
            "end" : 25,
            "label" : "lexicon",
            "start" : 4
          }
        ],
        "fingerprint" : "16b4b68cda5e4499",
        "mitigates" : [
          "banalisation-information",
          "diffusion-rapide-remanente",
          "divulgation-compulsive"
        ],
        "ruleID" : "information-classifiee",
        "severity" : "high"
      },
      "isNew" : true,
      "kind" : "post",
      "note" : "niveau « confidential » sur un canal qui permet au plus « internal »",
      "platform" : "linkedin",
      "time" : "2026-05-13T08:15:00Z",
      "timestamp" : "2026-05-13T08:15:00Z"
    },
    {
      "activityText" : "Bravo à l'équipe Énergie ! On prépare le prix soumis pour l'appel d'offres en cours, croisez les doigts.",
      "author" : "owner",
      "excerpt" : "Bravo à l'équipe Énergie ! On prépare le prix soumis pour l'appel d'offres en cours, croisez les doigts.",
      "finding" : {
        "activity" : {
          "id" : "linkedin:ea134adb314f079c",
          "source" : {
            "file" : "Policies/nordelia/donnees/linkedin/Comments.csv",
            "index" : 0,
            "line" : 2
          }
        },
        "actorID" : "theo",
        "advice" : "Retirer la publication ; vérifier le niveau de l'information avant de la partager.",
        "evidence" : [
          {
            "end" : 52,
            "label" : "lexicon",
            "start" : 41
          },
          {
            "end" : 83,
            "label" : "lexicon",
            "start" : 60
          }
        ],
        "fingerprint" : "2854fd88714e4d7b",
        "mitigates" : [
          "banalisation-information",
          "diffusion-rapide-remanente",
          "divulgation-compulsive"
        ],
        "ruleID" : "information-classifiee",
        "severity" : "high"
      },
      "isNew" : true,
      "kind" : "comment",
      "note" : "niveau « confidential » sur un canal qui permet au plus « public »",
      "platform" : "linkedin",
      "time" : "2026-05-14T12:00:00Z",
      "timestamp" : "2026-05-14T12:00:00Z"
    },
    {
      "activityText" : "3e nuit de suite au bureau virtuel…",
      "author" : "@ines_lav@mastodon.example",
      "excerpt" : "3e nuit de suite au bureau virtuel…",
      "finding" : {
        "activity" : {
          "id" : "mastodon:https://mastodon.example/users/ines_lav/statuses/2002",
          "source" : {
            "file" : "Policies/nordelia/donnees/mastodon/outbox.json",
            "index" : 2,
            "line" : 75
          }
        },
        "actorID" : "ines",
        "advice" : "Prendre des nouvelles de la personne : la fatigue et l'isolement favorisent les publications impulsives.",
        "evidence" : [

        ],
        "fingerprint" : "58af71c5a6a3527a",
        "mitigates" : [
          "divulgation-compulsive"
        ],
        "ruleID" : "publication-nocturne",
        "severity" : "low"
      },
      "isNew" : true,
      "kind" : "post",
      "note" : "3 publications de nuit en 7 jours",
      "platform" : "mastodon",
      "time" : "2026-05-06T05:55:00Z",
      "timestamp" : "2026-05-06T05:55:00Z"
    },
    {
      "activityText" : "Hâte de vous montrer le projet Hermès pour Transports Boréal, on signe bientôt !",
      "author" : "@ines_lav@mastodon.example",
      "excerpt" : "Hâte de vous montrer le projet Hermès pour Transports Boréal, on signe bientôt !",
      "finding" : {
        "activity" : {
          "id" : "mastodon:https://mastodon.example/users/ines_lav/statuses/2004",
          "source" : {
            "file" : "Policies/nordelia/donnees/mastodon/outbox.json",
            "index" : 4,
            "line" : 143
          }
        },
        "actorID" : "ines",
        "advice" : "Retirer la publication ; vérifier le niveau de l'information avant de la partager.",
        "evidence" : [
          {
            "end" : 37,
            "label" : "lexicon",
            "start" : 24
          },
          {
            "end" : 37,
            "label" : "lexicon",
            "start" : 31
          },
          {
            "end" : 37,
            "label" : "lexicon",
            "start" : 31
          },
          {
            "end" : 37,
            "label" : "lexicon",
            "start" : 31
          },
          {
            "end" : 60,
            "label" : "lexicon",
            "start" : 43
          },
          {
            "end" : 60,
            "label" : "lexicon",
            "start" : 43
          }
        ],
        "fingerprint" : "d8b7a80a283654f0",
        "mitigates" : [
          "banalisation-information",
          "diffusion-rapide-remanente",
          "divulgation-compulsive"
        ],
        "ruleID" : "information-classifiee",
        "severity" : "high"
      },
      "isNew" : true,
      "kind" : "post",
      "note" : "niveau « secret » sur un canal qui permet au plus « public »",
      "platform" : "mastodon",
      "time" : "2026-05-13T02:00:00Z",
      "timestamp" : "2026-05-13T02:00:00Z"
    }
  ],
  "incidents" : [
    {
      "actorKey" : "ines",
      "held" : false,
      "id" : "480f6df615add455",
      "kind" : "signaux-faibles",
      "moved" : true,
      "person" : "Inès Lavoie",
      "since" : "2026-05-06T05:55:00Z",
      "step" : "attention",
      "stepTitle" : "Porter attention",
      "title" : "Des signes avant-coureurs chez une personne"
    },
    {
      "actorKey" : "theo",
      "held" : false,
      "id" : "acaf2c388c7b4c89",
      "kind" : "divulgation",
      "moved" : true,
      "person" : "Théo Bergeron",
      "since" : "2026-05-14T12:00:00Z",
      "step" : "rappel",
      "stepTitle" : "Rappeler la règle",
      "title" : "Une information de l'entreprise a été divulguée"
    }
  ],
  "policy" : "nordelia",
  "schema" : "vigie.check/1",
  "skipped" : 0,
  "version" : "1.0.0"
}
"""#

    static let summary = #"""
21 activités examinées, 12 constats, 0 échec de règle, 0 enregistrement ignoré, 8 décisions de réaction
"""#
}
