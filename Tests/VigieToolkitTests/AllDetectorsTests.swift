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

    /// The example of docs/toolkit.md.
    @Test func documentedExample() {
        let found = Detectors.all(in: "Appelez-moi au 06 12 34 56 78, 12 rue des Lilas, 75011 Paris")
        #expect(found.map { "\($0.kind) \($0.start)..<\($0.end)" } == [
            "phone 15..<29", "street-address 31..<47", "postal-code 49..<54",
        ])
        let lexicon = Vocabulary.lexicon("intimidation")!.matches(in: "Je sais où tu habites.")
        #expect(lexicon.map(\.text) == ["Je sais où tu habites"])
        #expect(lexicon.first?.attributes["weight"] == "3")
    }

    @Test func sharedBetweenTasks() async {
        let lexicon = Vocabulary.combined
        let counts = await withTaskGroup(of: Int.self) { group in
            for k in 0..<8 {
                group.addTask {
                    let text = "Post \(k) : j’en ai marre, appelez le 06 12 34 56 78 ou je sais où tu habites"
                    return lexicon.matches(in: text).count + Detectors.all(in: text).count
                }
            }
            var all: [Int] = []
            for await c in group { all.append(c) }
            return all
        }
        #expect(Set(counts).count == 1)
        #expect(counts.first ?? 0 >= 3)
    }

    @Test func nothingInPlainText() {
        #expect(Detectors.all(in: "Bonne journée à tous, merci pour votre confiance depuis 2019-2023 !").isEmpty)
    }
}
