import Testing

@testable import VigieToolkit

@Suite struct AllDetectorsTests {
    @Test func frenchPost() {
        let text = """
            Bonjour à l’équipe 😀 ! Pour le devis appelez-moi au 06 12 34 56 78 ou écrivez à prenom [at] exemple [dot] fr.
            Adresse : 12 rue des Lilas, 75011 Paris. IBAN FR76 3000 6000 0112 3456 7890 189.
            Commande n° 4521337, total 1 234,56 €. NIR 1 85 05 78 006 084 91, NAS 130 692 544.
            """
        let found = Detectors.all(in: text)
        #expect(found.map(\.kind) == ["phone", "email", "street-address", "postal-code", "iban", "nir", "sin"])
        let scalars = Array(text.unicodeScalars)
        for m in found {
            #expect(String(String.UnicodeScalarView(scalars[m.start..<m.end])) == m.text)
        }
        #expect(found.map(\.start) == found.map(\.start).sorted())
    }

    @Test func englishPost() {
        let text = "Call (514) 555-1234 or mail john@example.com — 123 Main Street, apt 4, H2X 1Y4"
        #expect(Detectors.all(in: text).map(\.kind) == ["phone", "email", "street-address", "postal-code"])
    }

    @Test func overlapsKeepTheLongest() {
        func m(_ kind: String, _ start: Int, _ end: Int) -> TextMatch {
            TextMatch(kind: kind, text: "", start: start, end: end, value: nil, attributes: [:])
        }
        let kept = Detectors.resolveOverlaps([m("postal-code", 10, 15), m("street-address", 0, 20), m("phone", 25, 30),
                                              m("sin", 25, 30), m("email", 40, 45)])
        #expect(kept.map(\.kind) == ["street-address", "sin", "email"])
    }

    @Test func nothingInPlainText() {
        #expect(Detectors.all(in: "Bonne journée à tous, merci pour votre confiance depuis 2019-2023 !").isEmpty)
    }
}
