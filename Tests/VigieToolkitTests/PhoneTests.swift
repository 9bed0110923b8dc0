import Testing

@testable import VigieToolkit

@Suite struct PhoneTests {
    static let cases: [DetectorCase] = [
        DetectorCase("Appelez-moi au 06 12 34 56 78 !", [("06 12 34 56 78", "+33612345678")]),
        DetectorCase("Tél. 06.12.34.56.78", [("06.12.34.56.78", "+33612345678")]),
        DetectorCase("tel:06-12-34-56-78", [("06-12-34-56-78", "+33612345678")]),
        DetectorCase("Mon 06 : 0612345678.", [("0612345678", "+33612345678")]),
        DetectorCase("Bureau : 01 23 45 67 89 ou +33 6 12 34 56 78", [
            ("01 23 45 67 89", "+33123456789"), ("+33 6 12 34 56 78", "+33612345678"),
        ]),
        DetectorCase("+33 (0)6 12 34 56 78", [("+33 (0)6 12 34 56 78", "+33612345678")]),
        DetectorCase("+33612345678", [("+33612345678", "+33612345678")]),
        DetectorCase("Depuis l’étranger : 0033 6 12 34 56 78", [("0033 6 12 34 56 78", "+33612345678")]),
        DetectorCase("Numéro vert 0 800 123 456", [("0 800 123 456", "+33800123456")]),
        DetectorCase("Non-breaking: 06\u{202F}12\u{202F}34\u{202F}56\u{202F}78", [("06\u{202F}12\u{202F}34\u{202F}56\u{202F}78", "+33612345678")]),
        DetectorCase("Écrivez ou appelez au 514 555-1234", [("514 555-1234", "+15145551234")]),
        DetectorCase("Call (514) 555-1234 today", [("(514) 555-1234", "+15145551234")]),
        DetectorCase("(418)555-0199", [("(418)555-0199", "+14185550199")]),
        DetectorCase("Sans frais : 1-800-555-0123.", [("1-800-555-0123", "+18005550123")]),
        DetectorCase("+1 514 555 1234", [("+1 514 555 1234", "+15145551234")]),
        DetectorCase("Phone: 5145551234", [("5145551234", "+15145551234")]),
        DetectorCase("London +44 20 7946 0958", [("+44 20 7946 0958", "+442079460958")]),
        DetectorCase("Bruxelles +32 2 555 12 34", [("+32 2 555 12 34", "+3225551234")]),
        DetectorCase("Full width: ０６ １２ ３４ ５６ ７８", [("０６ １２ ３４ ５６ ７８", "+33612345678")]),
        DetectorCase("GSM belge 0470 12 34 56", [("0470 12 34 56", "+32470123456")]),
        DetectorCase("2019 06 12 34 56 78", [("06 12 34 56 78", "+33612345678")], "year before a phone"),
        DetectorCase("Été ☀️ l’équipe 😀 : 06 12 34 56 78", [("06 12 34 56 78", "+33612345678")], "emoji before"),
        .none("Total : 1 234,56 €", "price"),
        .none("Prix 12 345 678 €", "large price"),
        .none("De 2019-2023 j'ai travaillé là", "year range"),
        .none("Ma commande n° 4521337 n'est pas arrivée", "order number"),
        .none("Commande n° 0612345678", "order number with a phone shape"),
        .none("J'habite 75011 Paris", "postal code"),
        .none("Rendez-vous le 17/08/2026", "date"),
        .none("Le 17.08.2026 à 14h", "dotted date"),
        .none("2026-08-03", "ISO date"),
        .none("1234567890", "ten digits without a cue or a leading 0"),
        .none("12 34 56 78 90 12 34", "too many groups"),
        .none("NIR 1 85 05 78 006 084 91", "a NIR"),
        .none("Version 3.14.159.26", "version number"),
        .none("(123) 456-7890", "area code starting with 1"),
        .none("Score 3-2, 45 000 spectateurs", "score and a crowd"),
    ]

    @Test(arguments: cases)
    func phones(_ c: DetectorCase) {
        check(Detectors.phones(in: c.text), c)
    }

    @Test(arguments: [
        ("514 555-1234", "CA"), ("212 555-0100", "US"), ("1-800-555-0123", "NANP"), ("06 12 34 56 78", "FR"),
        ("+32 2 555 12 34", "BE"),
    ])
    func country(_ text: String, _ country: String) {
        #expect(Detectors.phones(in: text).first?.attributes["country"] == country)
    }
}
