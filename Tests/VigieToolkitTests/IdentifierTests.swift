import Testing

@testable import VigieToolkit

@Suite struct IdentifierTests {
    static let ibanCases: [DetectorCase] = [
        DetectorCase("IBAN : FR76 3000 6000 0112 3456 7890 189.", [("FR76 3000 6000 0112 3456 7890 189", "FR7630006000011234567890189")]),
        DetectorCase("fr7630006000011234567890189", [("fr7630006000011234567890189", "FR7630006000011234567890189")]),
        DetectorCase("DE89 3704 0044 0532 0130 00 et BE68 5390 0754 7034", [
            ("DE89 3704 0044 0532 0130 00", "DE89370400440532013000"), ("BE68 5390 0754 7034", "BE68539007547034"),
        ]),
        DetectorCase("Virement 😀 l’été : FR76-3000-6000-0112-3456-7890-189", [("FR76-3000-6000-0112-3456-7890-189", "FR7630006000011234567890189")]),
        .none("FR77 3000 6000 0112 3456 7890 189", "wrong check digits"),
        .none("FR76 3000 6000 0112 3456 7890 188", "wrong last digit"),
        .none("FR76 3000 6000 0112 3456", "too short"),
        .none("XX76 3000 6000 0112 3456 7890 189", "unknown country"),
    ]

    @Test(arguments: ibanCases)
    func ibans(_ c: DetectorCase) {
        check(Detectors.ibans(in: c.text), c)
        for m in Detectors.ibans(in: c.text) { #expect(m.attributes["checksum"] == "valid") }
    }

    static let nirCases: [DetectorCase] = [
        DetectorCase("N° sécu : 1 85 05 78 006 084 91", [("1 85 05 78 006 084 91", "185057800608491")]),
        DetectorCase("185057800608491", [("185057800608491", "185057800608491")]),
        DetectorCase("2 92 02 75 123 456 20 (carte vitale)", [("2 92 02 75 123 456 20", "292027512345620")]),
        DetectorCase("Corse : 1 79 07 2A 123 456 68", [("1 79 07 2A 123 456 68", "179072A12345668")]),
        DetectorCase("1.85.05.78.006.084.91", [("1.85.05.78.006.084.91", "185057800608491")]),
        .none("1 85 05 78 006 084 36", "wrong key"),
        .none("1 79 07 2B 123 456 68", "2B with the key of 2A"),
        .none("5 85 05 78 006 084 91", "first digit 5"),
        .none("1850578006084911", "sixteen digits"),
    ]

    @Test(arguments: nirCases)
    func nirs(_ c: DetectorCase) {
        check(Detectors.nirs(in: c.text), c)
    }

    static let sinCases: [DetectorCase] = [
        DetectorCase("NAS : 130 692 544", [("130 692 544", "130692544")]),
        DetectorCase("SIN 271-254-633.", [("271-254-633", "271254633")]),
        DetectorCase("mon numéro d’assurance sociale est 555900125", [("555900125", "555900125")]),
        .none("123 456 789", "fails Luhn"),
        .none("130 692 545", "last digit changed"),
        .none("130692544", "nine digits without a cue"),
        .none("130 692-544", "mixed separators"),
        .none("130 692 544 12", "part of a longer number"),
        .none("514 555 1234", "a phone"),
        .none("Budget : 130 692 544 €", "an amount"),
    ]

    @Test(arguments: sinCases)
    func sins(_ c: DetectorCase) {
        check(Detectors.sins(in: c.text), c)
    }

    @Test func checksumHelpers() {
        #expect(Detectors.ibanChecksumIsValid("FR7630006000011234567890189"))
        #expect(!Detectors.ibanChecksumIsValid("FR7730006000011234567890189"))
        #expect(Detectors.nirKeyIsValid("179072A12345668"))
        #expect(!Detectors.nirKeyIsValid("185057800608436"))
        #expect(Detectors.luhn([1, 3, 0, 6, 9, 2, 5, 4, 4]))
        #expect(!Detectors.luhn([1, 2, 3, 4, 5, 6, 7, 8, 9]))
    }
}

@Suite struct LinkTests {
    static let linkCases: [DetectorCase] = [
        DetectorCase("Voir https://www.exemple.fr/page?id=3.", [("https://www.exemple.fr/page?id=3", "https://www.exemple.fr/page?id=3")]),
        DetectorCase("(lien : http://exemple.com/a_(b))", [("http://exemple.com/a_(b)", "http://exemple.com/a_(b)")]),
        DetectorCase("«www.Exemple.qc.ca»", [("www.Exemple.qc.ca", "www.Exemple.qc.ca")]),
        DetectorCase("L’été 😀 http://exemple.fr/été", [("http://exemple.fr/été", "http://exemple.fr/été")]),
        .none("https://", "no host"),
        .none("http est un protocole", "word"),
    ]

    @Test(arguments: linkCases)
    func links(_ c: DetectorCase) {
        check(Detectors.links(in: c.text), c)
    }

    @Test func linkDomain() {
        #expect(Detectors.links(in: "https://WWW.Exemple.fr/x").first?.attributes["domain"] == "exemple.fr")
    }

    static let domainCases: [DetectorCase] = [
        DetectorCase("Allez sur exemple.fr ou Boutique.Exemple.qc.ca.", [("exemple.fr", "exemple.fr"), ("Boutique.Exemple.qc.ca", "boutique.exemple.qc.ca")]),
        DetectorCase("Voir https://www.exemple.com/a et exemple.org", [("www.exemple.com", "exemple.com"), ("exemple.org", "exemple.org")]),
        .none("Écrire à nom@exemple.fr", "the domain of an e-mail address"),
        .none("M.Dupont est là. etc.Ensuite", "not a top-level domain"),
        .none("Version 3.14", "numbers"),
    ]

    @Test(arguments: domainCases)
    func domains(_ c: DetectorCase) {
        check(Detectors.domains(in: c.text), c)
    }
}
