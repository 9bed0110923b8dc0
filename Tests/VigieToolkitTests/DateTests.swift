import Foundation
import Testing

@testable import VigieToolkit

@Suite struct DateTests {
    static let cases: [DetectorCase] = [
        DetectorCase("On se voit le 3 août ?", [("3 août", "2026-08-03")]),
        DetectorCase("le 17/08", [("17/08", "2026-08-17")]),
        DetectorCase("LE 3 AOÛT", [("3 AOÛT", "2026-08-03")]),
        DetectorCase("Rendez-vous le 17/08/2026 à 14 h", [("17/08/2026", "2026-08-17")]),
        DetectorCase("See you on August 3rd!", [("August 3rd", "2026-08-03")]),
        DetectorCase("Aug. 3, 2026", [("Aug. 3, 2026", "2026-08-03")]),
        DetectorCase("the 3rd of August", [("3rd of August", "2026-08-03")]),
        DetectorCase("2026-08-03", [("2026-08-03", "2026-08-03")]),
        DetectorCase("1er janvier 2027", [("1er janvier 2027", "2027-01-01")]),
        DetectorCase("le 3 janvier", [("3 janvier", "2027-01-03")], "nearest occurrence"),
        DetectorCase("lundi 3 août", [("lundi 3 août", "2026-08-03")]),
        DetectorCase("08/17/2026", [("08/17/2026", "2026-08-17")], "month first when the second part is above 12"),
        DetectorCase("17.08.2026", [("17.08.2026", "2026-08-17")]),
        DetectorCase("lundi prochain", [("lundi prochain", "2026-08-03")]),
        DetectorCase("next Monday", [("next Monday", "2026-08-03")]),
        DetectorCase("ce samedi", [("ce samedi", "2026-08-01")]),
        DetectorCase("demain", [("demain", "2026-07-31")]),
        DetectorCase("Tomorrow!", [("Tomorrow", "2026-07-31")]),
        DetectorCase("après-demain", [("après-demain", "2026-08-01")]),
        DetectorCase("aujourd’hui", [("aujourd’hui", "2026-07-30")]),
        DetectorCase("du 3 au 17 août", [("du 3 au 17 août", "2026-08-03")]),
        DetectorCase("On part en août", [("en août", "2026-08-01")]),
        DetectorCase("fin août", [("fin août", "2026-08-31")]),
        DetectorCase("mi-août", [("mi-août", "2026-08-15")]),
        DetectorCase("in late August 2027", [("late August 2027", "2027-08-31")]),
        DetectorCase("du 3 au 10", [("du 3 au 10", "2026-08-03")], "days of the next month"),
        DetectorCase("du 3 au 10 h", [], "hours"),
        DetectorCase("3-17 août", [("3-17 août", "2026-08-03")]),
        DetectorCase("August 3-17", [("August 3-17", "2026-08-03")]),
        DetectorCase("from August 3 to August 17", [("from August 3 to August 17", "2026-08-03")]),
        DetectorCase("absent jusqu’au 20", [("20", "2026-08-20")]),
        DetectorCase("Fermé du 24 décembre au 2 janvier.", [("du 24 décembre au 2 janvier", "2026-12-24")]),
        DetectorCase("retour le 17", [("17", "2026-08-17")]),
        DetectorCase("back on the 17th", [("17th", "2026-08-17")]),
        DetectorCase("entre le 3 et le 10 août", [("entre le 3 et le 10 août", "2026-08-03")]),
        DetectorCase("la semaine prochaine", [("la semaine prochaine", "2026-08-03")]),
        DetectorCase("next week", [("next week", "2026-08-03")]),
        DetectorCase("ce week-end", [("ce week-end", "2026-08-01")]),
        DetectorCase("le mois prochain", [("le mois prochain", "2026-08-01")]),
        DetectorCase("the day after tomorrow", [("day after tomorrow", "2026-08-01")]),
        DetectorCase("L’été 😀 : rendez-vous le 3 août", [("3 août", "2026-08-03")], "offsets after an emoji and U+2019"),
        .none("De 2019-2023 j'ai travaillé là", "year range"),
        .none("Service 24/7", "24/7"),
        .none("1/2 heure", "a fraction"),
        .none("Version 1.2.3", "version"),
        .none("J'ai 3 ans d'expérience", "no month"),
        .none("Il est 20:30", "a time"),
        .none("lundi", "a weekday alone"),
        .none("du 10 au 3", "backwards"),
        .none("de 3 à 10 personnes", "a count"),
        .none("Tu peux 3 fois", "a number"),
    ]

    @Test(arguments: cases)
    func dates(_ c: DetectorCase) {
        check(Detectors.dates(in: c.text, reference: referenceDate, timeZone: paris), c)
    }

    @Test func rangeAttributes() {
        let m = Detectors.dates(in: "du 3 au 17 août", reference: referenceDate, timeZone: paris).first
        #expect(m?.attributes["from"] == "2026-08-03")
        #expect(m?.attributes["to"] == "2026-08-17")
        #expect(m?.attributes["language"] == "fr")
        let en = Detectors.dates(in: "August 3rd", reference: referenceDate, timeZone: paris).first
        #expect(en?.attributes["language"] == "en")
        let december = Detectors.dates(in: "du 28 décembre au 3 janvier", reference: referenceDate, timeZone: paris).first
        #expect(december?.attributes["to"] == "2027-01-03")
    }

    /// The reference is read in the given time zone: 23:30 UTC on 30 July is
    /// already 31 July in Paris, still 30 July in Montréal.
    @Test(arguments: [("Europe/Paris", "2026-08-01"), ("America/Montreal", "2026-07-31"), ("UTC", "2026-07-31")])
    func timeZones(_ zone: String, _ tomorrow: String) throws {
        let late = Date(timeIntervalSince1970: 1_785_454_200)  // 2026-07-30T23:30:00Z
        let timeZone = try #require(TimeZone(identifier: zone))
        #expect(Detectors.dates(in: "demain", reference: late, timeZone: timeZone).first?.value == tomorrow)
    }

    @Test func withoutReference() {
        #expect(Detectors.dates(in: "3 août").first?.value == nil)
        #expect(Detectors.dates(in: "demain").first?.value == nil)
        #expect(Detectors.dates(in: "17/08/2026").first?.value == "2026-08-17")
    }
}

@Suite struct AbsenceTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let text: String
        let from: String?
        let to: String?
        var testDescription: String { text }
        init(_ text: String, from: String? = nil, to: String? = nil) {
            self.text = text
            self.from = from
            self.to = to
        }
    }

    static let positives: [Case] = [
        Case("En vacances du 3 au 17 août !", from: "2026-08-03", to: "2026-08-17"),
        Case("On part deux semaines en Grèce."),
        Case("La maison sera vide tout le mois."),
        Case("Je serai absent jusqu’au 20.", to: "2026-08-20"),
        Case("Back on Monday!", to: "2026-08-03"),
        Case("Out of office until August 20.", to: "2026-08-20"),
        Case("We'll be away for two weeks from Monday.", from: "2026-08-03", to: "2026-08-17"),
        Case("Je pars demain au Québec pour 10 jours", from: "2026-07-31", to: "2026-08-10"),
        Case("Nous serons en congé du 03/08 au 14/08.", from: "2026-08-03", to: "2026-08-14"),
        Case("I'm on vacation next week", from: "2026-08-03"),
        Case("Nobody will be home this weekend", from: "2026-08-01"),
        Case("On part demain pour a couple of weeks", from: "2026-07-31", to: "2026-08-14"),
        Case("We're off to Paris for a couple of weeks from August 3", from: "2026-08-03", to: "2026-08-17"),
        Case("Je serai à Montréal la semaine prochaine", from: "2026-08-03"),
        Case("Le chalet sera vide du 3 au 10 août.", from: "2026-08-03", to: "2026-08-10"),
        Case("Le chalet sera vide du 3 au 10.", from: "2026-08-03", to: "2026-08-10"),
        Case("Je suis en vacances !"),
        Case("Je pars en vacances le 3 août, retour le 17.", from: "2026-08-03", to: "2026-08-17"),
        Case("Mme Tremblay est partie en Floride jusqu’au 20 mars", to: "2027-03-20"),
        Case("Back on the 17th", to: "2026-08-17"),
        Case("En vacances du 3 au 10 mars", from: "2027-03-03", to: "2027-03-10"),
        Case("Les clients sont en vacances, on en profite pour faire le grand ménage"),
        Case("Je suis en congé de maternité jusqu’en mars", to: "2027-03-31"),
        Case("On part en août en Grèce", from: "2026-08-01"),
        Case("I'm off next week", from: "2026-08-03"),
        Case("Je prends une semaine de congé à partir du 3 août", from: "2026-08-03", to: "2026-08-10"),
        Case("On s’en va au chalet du 26 décembre au 2 janvier", from: "2026-12-26", to: "2027-01-02"),
        Case("I'll be out of town this weekend, feel free to water my plants", from: "2026-08-01"),
    ]

    @Test(arguments: positives)
    func absence(_ c: Case) {
        let found = Detectors.absences(in: c.text, reference: referenceDate, timeZone: paris)
        #expect(found.count == 1)
        #expect(found.first?.attributes["from"] == c.from)
        #expect(found.first?.attributes["to"] == c.to)
    }

    static let negatives = [
        "J'ai passé de bonnes vacances en Grèce.",
        "Les vacances scolaires commencent le 3.",
        "Tu pars quand en vacances ?",
        "Le train part à 8 h.",
        "Nous étions en vacances la semaine dernière.",
        "Le respect est absent de ce débat.",
        "We got back from our trip on Sunday.",
        "Si on part en août, on vous préviendra.",
        "I'm not on vacation.",
        "Réunion le 3 août à 14 h.",
        "À part ça, on se voit demain.",
        "Bonnes vacances à tous !",
        "Je serai à la réunion demain.",
        "Elle est partie en Floride l’an dernier.",
        "Je suis partie deux semaines en Grèce.",
        "Rendez-vous le 3 août pour le devis.",
        "En mars dernier on était au Maroc.",
        "I'm off to bed.",
        "Je serai au bureau lundi prochain.",
        "Fermé pour vacances du 1er au 15 août",
    ]

    @Test(arguments: negatives)
    func notAnAbsence(_ text: String) {
        #expect(Detectors.absences(in: text, reference: referenceDate, timeZone: paris).isEmpty)
    }

    @Test func dateIsNotAnAbsence() {
        let text = "Réunion le 3 août à 14 h."
        #expect(Detectors.dates(in: text, reference: referenceDate, timeZone: paris).count == 1)
        #expect(Detectors.absences(in: text, reference: referenceDate, timeZone: paris).isEmpty)
    }

    @Test func offsetsAndSentence() {
        let text = "L’été 😀 ! Bref. Nous serons en vacances du 3 au 17 août, la maison sera vide"
        let found = Detectors.absences(in: text, reference: referenceDate, timeZone: paris)
        #expect(found.count == 1)
        let m = found[0]
        #expect(m.text == "Nous serons en vacances du 3 au 17 août, la maison sera vide")
        #expect(m.start == scalarRange(of: "Nous serons", in: text)?.lowerBound)
        #expect(m.attributes["cue"] == "en vacances")
        #expect(m.attributes["language"] == "fr")
    }
}
