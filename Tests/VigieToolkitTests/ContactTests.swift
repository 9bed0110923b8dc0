import Testing

@testable import VigieToolkit

@Suite struct EmailTests {
    static let cases: [DetectorCase] = [
        DetectorCase("Écrivez à Prenom.Nom@Exemple.fr.", [("Prenom.Nom@Exemple.fr", "prenom.nom@exemple.fr")]),
        DetectorCase("contact: jean-luc+promo@boutique.exemple.qc.ca", [("jean-luc+promo@boutique.exemple.qc.ca", "jean-luc+promo@boutique.exemple.qc.ca")]),
        DetectorCase("l’été 😀 → zoé@exemple.fr", [("zoé@exemple.fr", "zoé@exemple.fr")], "accents and emoji before"),
        DetectorCase("prenom [at] exemple [dot] fr", [("prenom [at] exemple [dot] fr", "prenom@exemple.fr")]),
        DetectorCase("Écris-moi : prenom (arobase) exemple.fr", [("prenom (arobase) exemple.fr", "prenom@exemple.fr")]),
        DetectorCase("jean.dupont(at)exemple(point)com", [("jean.dupont(at)exemple(point)com", "jean.dupont@exemple.com")]),
        DetectorCase("marie arobase exemple point fr", [("marie arobase exemple point fr", "marie@exemple.fr")]),
        DetectorCase("john at example dot com", [("john at example dot com", "john@example.com")]),
        DetectorCase("mail {at} example {dot} org", [("mail {at} example {dot} org", "mail@example.org")]),
        DetectorCase("nom @ exemple . fr", [("nom @ exemple . fr", "nom@exemple.fr")]),
        .none("Suivez @vigie@mastodon.social", "fediverse handle"),
        .none("Look at example.com for details", "the word at"),
        .none("rendez-vous at home", "no domain"),
        .none("@exemple.fr", "no local part"),
        .none("prenom [at] exemple [dot] zzzz", "unknown top-level domain when obfuscated"),
        .none("Merci @julie !", "mention"),
    ]

    @Test(arguments: cases)
    func emails(_ c: DetectorCase) {
        check(Detectors.emails(in: c.text), c)
    }

    @Test func obfuscatedAttribute() {
        #expect(Detectors.emails(in: "a [at] exemple [dot] fr").first?.attributes["obfuscated"] == "true")
        #expect(Detectors.emails(in: "a@exemple.fr").first?.attributes["obfuscated"] == nil)
    }
}

@Suite struct PostalCodeTests {
    static let cases: [DetectorCase] = [
        DetectorCase("H2X 1Y4 Montréal", [("H2X 1Y4", "H2X 1Y4")]),
        DetectorCase("code: h2x1y4", [("h2x1y4", "H2X 1Y4")]),
        DetectorCase("Québec (Québec) G1R-4P5", [("G1R-4P5", "G1R 4P5")]),
        DetectorCase("12 rue des Lilas, 75011 Paris", [("75011", "75011")]),
        DetectorCase("69003 LYON", [("69003", "69003")]),
        DetectorCase("Code postal : 13001", [("13001", "13001")]),
        DetectorCase("CP 33000 bordeaux", [("33000", "33000")]),
        DetectorCase("20000 Ajaccio", [("20000", "20000")]),
        DetectorCase("97400 Saint-Denis", [("97400", "97400")]),
        .none("D2X 1Y4", "D is not a first letter"),
        .none("H2X 1O4", "O is never used"),
        .none("W1A 1AA", "a British code"),
        .none("75011 euros", "no capitalised town"),
        .none("15000 Euros de budget", "a currency"),
        .none("il y a 75011 personnes", "no town, no cue"),
        .none("99000 Nowhere", "department 99 does not exist"),
        .none("Appelez le 06 12 34 56 78", "a phone"),
        .none("Commande 4521337 Paris", "seven digits"),
        .none("1 234,56 €", "price"),
    ]

    @Test(arguments: cases)
    func postalCodes(_ c: DetectorCase) {
        check(Detectors.postalCodes(in: c.text), c)
    }
}

@Suite struct StreetAddressTests {
    static let cases: [DetectorCase] = [
        DetectorCase("J’habite au 12 rue des Lilas, 75011 Paris", [("12 rue des Lilas", "12 rue des Lilas")]),
        DetectorCase("12 bis, avenue Jean-Jaurès", [("12 bis, avenue Jean-Jaurès", "12 bis, avenue Jean-Jaurès")]),
        DetectorCase("4521, boul. Saint-Laurent, Montréal", [("4521, boul. Saint-Laurent", "4521, boul. Saint-Laurent")]),
        DetectorCase("au 3 place de la Mairie", [("3 place de la Mairie", "3 place de la Mairie")]),
        DetectorCase("3 rue du 8-Mai-1945, 69003 Lyon", [("3 rue du 8-Mai-1945", "3 rue du 8-Mai-1945")]),
        DetectorCase("10 avenue du 11 Novembre", [("10 avenue du 11 Novembre", "10 avenue du 11 Novembre")]),
        DetectorCase("8 rue des lilas", [("8 rue des lilas", "8 rue des lilas")], "lower case after rue"),
        DetectorCase("5 chemin du Lac-Brome, app. 12", [("5 chemin du Lac-Brome, app. 12", "5 chemin du Lac-Brome, app. 12")]),
        DetectorCase("123 Main Street, apt 4", [("123 Main Street, apt 4", "123 Main Street, apt 4")]),
        DetectorCase("at 55 5th Ave.", [("55 5th Ave.", "55 5th Ave.")]),
        DetectorCase("apt 4, 123 Main Street", [("apt 4, 123 Main Street", "apt 4, 123 Main Street")]),
        DetectorCase("App. 12 - 4521 boul. Saint-Laurent", [("App. 12 - 4521 boul. Saint-Laurent", "App. 12 - 4521 boul. Saint-Laurent")]),
        DetectorCase("Appartement 4b, 12 rue des Lilas", [("Appartement 4b, 12 rue des Lilas", "Appartement 4b, 12 rue des Lilas")]),
        DetectorCase("#4, 123 Main Street", [("#4, 123 Main Street", "#4, 123 Main Street")]),
        DetectorCase("Salle 4, 12 rue des Lilas", [("12 rue des Lilas", "12 rue des Lilas")], "not a unit word"),
        DetectorCase("1600 Sherbrooke St. West", [("1600 Sherbrooke St. West", "1600 Sherbrooke St. West")]),
        DetectorCase("Été 😀 : 7 allée des Érables", [("7 allée des Érables", "7 allée des Érables")], "accents and emoji"),
        .none("Il reste 2 places de parking", "places"),
        .none("les 3 rues du quartier", "plural"),
        .none("12 place disponibles", "lower-case name after a weak type"),
        .none("En 2019 rue barrée", "a year then rue with nothing"),
        .none("I have 3 big dogs", "English words without a street type"),
    ]

    @Test(arguments: cases)
    func addresses(_ c: DetectorCase) {
        check(Detectors.streetAddresses(in: c.text), c)
    }
}
