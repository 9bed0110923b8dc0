/// The invented material `CorpusGenerator` draws from. Every number, address
/// and name is fictitious (555 and reserved ranges, example domains).
enum Corpus {
    struct Bank {
        var ordinary: [String]
        var phone: [String]
        var email: [String]
        var address: [String]
        var absence: [String]
        var venting: [String]
        var insult: [String]
        var classified: [String]
    }

    static let platforms: [Platform] = [.facebook, .linkedin, .twitter, .mastodon, .instagram]

    static let firstNames = [
        "Camille", "Léa", "Hugo", "Chloé", "Nathan", "Élodie", "Mathis", "Inès", "Gabriel", "Zoé", "Olivier",
        "Amélie", "Samuel", "Noémie", "Félix", "Maëlle", "Jacob", "Rosalie", "William", "Béatrice",
    ]

    static let lastNames = [
        "Tremblay", "Gagnon", "Roy", "Côté", "Bouchard", "Gauthier", "Morin", "Lavoie", "Fortin", "Gagné",
        "Martin", "Bernard", "Dubois", "Lefèvre", "Moreau",
    ]

    static let french = Bank(
        ordinary: [
            "Belle journée de formation avec l’équipe, merci à tous pour votre énergie !",
            "Nous recrutons ! Rejoignez une équipe passionnée, postulez sur notre site.",
            "Retour sur notre participation au salon de l’innovation à Lyon.",
            "Fiers de notre nouvelle certification qualité, bravo à toute l’équipe.",
            "Petit-déjeuner d’équipe ce matin : croissants et bonne humeur.",
            "Merci à nos partenaires pour cette belle collaboration cette année.",
            "Conférence très inspirante sur la cybersécurité aujourd’hui.",
            "Nouvelle saison, nouveaux projets : on a hâte de vous les présenter.",
            "Bravo à Camille pour ses dix ans dans l’entreprise !",
            "Journée portes ouvertes samedi prochain, venez nombreux.",
        ],
        phone: [
            "Pour me joindre : 06 12 34 56 78.", "Appelez-moi au 514 555-0142.",
            "Mon cellulaire : (438) 555-0199, n’hésitez pas.", "Texto au +33 6 98 76 54 32 si besoin.",
        ],
        email: [
            "Écrivez-moi à camille.dupont@exemple.fr pour les détails.",
            "Mon adresse perso : leo.martin.1987@exemple.fr",
        ],
        address: [
            "Je suis passée déposer les clés au 12 rue des Lilas, 69003 Lyon.",
            "Ménage terminé au 4521, boulevard Saint-Laurent, appartement 3.",
            "Rendez-vous chez moi, 8 avenue des Pins, 33000 Bordeaux.",
        ],
        absence: [
            "En vacances du 3 au 17 août, la maison sera vide !",
            "On part deux semaines en Grèce à partir de lundi, enfin !",
            "Absente jusqu’au 20 juillet, je profite du soleil.",
            "Toute la famille part au chalet ce week-end, personne à la maison.",
        ],
        venting: [
            "Journée épuisante, j’en ai ras le bol de ce boulot.",
            "Franchement, la direction ne nous écoute jamais, j’en ai marre.",
            "Encore une réunion inutile, quelle perte de temps, je craque.",
        ],
        insult: [
            "Ce client est un vrai crétin, impossible de travailler avec lui.",
            "Bande d’incapables au service comptable, comme d’habitude.",
        ],
        classified: [
            "Hâte de vous montrer le projet Hermès, on signe avec le nouveau client la semaine prochaine !",
            "Document confidentiel sur la restructuration reçu ce matin, ça va bouger.",
            "Les chiffres du troisième trimestre sont excellents, avant même l’annonce officielle.",
        ])

    static let english = Bank(
        ordinary: [
            "Great team offsite today, thanks everyone for the energy!",
            "We are hiring! Join a passionate team, apply on our website.",
            "Proud to share our new quality certification, well done team.",
            "Inspiring talk on security awareness this morning.",
            "Thank you to our partners for a great year together.",
            "Open house next Saturday, come and meet the team.",
            "Congratulations to Samuel on ten years with the company!",
        ],
        phone: ["Reach me on (514) 555-0173.", "My cell is +1 438 555 0110, text anytime."],
        email: ["Drop me a line at sam.jones.84@example.com", "Personal email: w.taylor@example.com"],
        address: [
            "Dropped the keys at 123 Main Street, apartment 4.", "Party at my place, 77 Maple Avenue, Toronto!",
        ],
        absence: [
            "Off to Greece for two weeks starting Monday, the house will be empty!",
            "Out of office until July 20, enjoying the beach.",
            "Away for the whole weekend with the family, nobody home.",
        ],
        venting: [
            "Exhausting day, I am so fed up with this job.",
            "Management never listens, I am sick of it.",
        ],
        insult: ["This client is a complete idiot.", "Bunch of incompetent clowns in accounting, as usual."],
        classified: [
            "Can't wait to show you Project Hermes, we sign the new client next week!",
            "Got the confidential restructuring memo this morning, big changes coming.",
        ])
}
