import LuaHost
import Testing
import VigieEngine
import VigieModel
@testable import VigieImport

/// A detector called from Lua on a text, and the matches expected (the
/// matched text, and the normalised value when given).
struct LuaDetectorCase: CustomTestStringConvertible, Sendable {
    var call: String
    var text: String
    var expected: [(String, String?)]
    var testDescription: String { "\(call)(\(text))" }

    init(_ call: String, _ text: String, _ expected: [(String, String?)]) {
        self.call = call
        self.text = text
        self.expected = expected
    }
}

@Suite struct ToolkitLuaTests {
    static let shared = SharedEngine()

    final class SharedEngine: @unchecked Sendable {
        let lock = NSLockLike()
        private var engine: PolicyEngine?
        func with<T>(_ body: (PolicyEngine) throws -> T) throws -> T {
            try lock.locked {
                if engine == nil { engine = try VigieEngineTests.engine(header) }
                return try body(engine!)
            }
        }
    }

    static let detectorCases: [LuaDetectorCase] = [
        // Phones, France and North America.
        .init("pii.phones", "Appelez-moi au 06 12 34 56 78 !", [("06 12 34 56 78", "+33612345678")]),
        .init("pii.phones", "Été ☀️ l’équipe 😀 : 06 12 34 56 78", [("06 12 34 56 78", "+33612345678")]),
        .init("pii.phones", "Call (514) 555-1234 today", [("(514) 555-1234", "+15145551234")]),
        .init("pii.phones", "Total : 1 234,56 €", []),
        // E-mails.
        .init("pii.emails", "Écrivez à nadia.b@example.com, merci", [("nadia.b@example.com", nil)]),
        .init("pii.emails", "Mail me at john.doe@example.org.", [("john.doe@example.org", nil)]),
        .init("pii.emails", "Suivez @eclatnet sur Mastodon", []),
        // Postal codes, France and Canada.
        .init("pii.postal_codes", "J'habite 75011 Paris", [("75011", nil)]),
        .init("pii.postal_codes", "Laval (Québec) H7N 5H9", [("H7N 5H9", nil)]),
        // Identifiers with checksums.
        .init("pii.ibans", "IBAN : FR76 3000 6000 0112 3456 7890 189", [("FR76 3000 6000 0112 3456 7890 189", nil)]),
        .init("pii.ibans", "IBAN : FR76 3000 6000 0112 3456 7890 188", []),
        .init("pii.sins", "Mon NAS : 130 692 544", [("130 692 544", "130692544")]),
        .init("pii.sins", "My SIN is 130 692 545", []),
        // Links and domains.
        .init("links.urls", "Voir https://eclatnet.example/tarifs.", [("https://eclatnet.example/tarifs", nil)]),
        // Dates and absences.
        .init("dates.find", "Rendez-vous le 17/08/2026 à 14 h", [("17/08/2026", "2026-08-17")]),
        .init("dates.absences", "Nous serons en vacances du 3 au 17 août.", [("Nous serons en vacances du 3 au 17 août.", nil)]),
        .init("dates.absences", "Out of office until August 20.", [("Out of office until August 20.", nil)]),
        .init("dates.absences", "J'ai passé de belles vacances.", []),
    ]

    @Test(arguments: detectorCases)
    func detectorsThroughLua(_ c: LuaDetectorCase) throws {
        let matches = try Self.shared.with { e in
            try e.evaluate("return \(c.call)([==[\(c.text)]==])").first?.arrayValue ?? []
        }
        #expect(matches.map { $0["text"].stringValue ?? "" } == c.expected.map(\.0))
        for (m, (_, value)) in zip(matches, c.expected) {
            // Offsets are Unicode scalars of the original text, stop excluded.
            let span = EvidenceSpan(start: m["start"].intValue ?? -1, end: m["stop"].intValue ?? -1)
            #expect(span.excerpt(of: c.text) == m["text"].stringValue)
            if let value { #expect(m["value"].stringValue == value) }
        }
    }

    @Test(arguments: [
        ("text.fold([[ÉTÉ à l’École, 𝗕𝗢𝗟𝗗]])", LuaValue.string("ete a l'ecole, bold")),
        ("table.concat(text.tokens([[L’été, c’est ÇA !]]), '|')", .string("l|ete|c|est|ca")),
        ("text.length([[été 😀]])", .integer(5)),
        ("text.sub([[été 😀 ok]], 4, 5)", .string("😀")),
        ("#text.find([[Le projet Aurore, le PROJET aurore]], 'projet aurore')", .integer(2)),
        ("text.find([[Le cœur]], 'coeur')[1].start", .integer(3)),
        ("text.contains([[contrat signé]], 'con')", .boolean(false)),
        ("text.span('été ok', string.find('été ok', 'ok')).start", .integer(4)),
        ("#vocab('insult'):matches([[Espèce d'imbécile !]]) > 0", .boolean(true)),
        ("vocab('intimidation'):contains([[Je sais où vous habitez]])", .boolean(true)),
        ("vocab('venting'):contains([[Bonne journée à tous]])", .boolean(false)),
        ("#text.lexicon { 'projet aurore', { term = 'opération vitrine', category = 'interne' } }", .integer(2)),
        ("text.lexicon { { term = 'opération vitrine', category = 'interne' } }:matches([[L'OPÉRATION Vitrine]])[1].category", .string("interne")),
        ("geo.distance({ lat = 45.5, lon = -73.6 }, { lat = 45.5, lon = -73.6 })", .number(0)),
    ])
    func textHelpers(_ code: String, _ expected: LuaValue) throws {
        let result = try Self.shared.with { e in try e.evaluate("return " + code).first }
        #expect(result == expected)
    }

    /// The bindings keep the last prepared texts: texts of the same length
    /// and texts seen again must each get their own matches.
    @Test func preparedTextsAreMatchedOnTheirBytes() throws {
        let code = """
            local out = {}
            local texts = { "tel 06 12 34 56 78", "tel 06 12 34 56 79", "tel zz zz zz zz zz", "tel 06 12 34 56 78",
                            "a", "b", "c", "d", "e", "tel 06 12 34 56 79" }
            for _, t in ipairs(texts) do
              local m = pii.phones(t)[1]
              out[#out + 1] = m and m.value or "-"
              out[#out + 1] = tostring(text.contains(t, "zz"))
            end
            return table.concat(out, " ")
            """
        let result = try Self.shared.with { e in try e.evaluate(code).first }
        #expect(result == .string(
            "+33612345678 false +33612345679 false - true +33612345678 false - false - false - false - false - false"
                + " +33612345679 false"))
    }

    @Test func aLexiconOfTwentyThousandTermsBuiltInLua() throws {
        let e = try engine(header + """

            local terms = {}
            for i = 1, 20000 do terms[i] = { term = "client numéro " .. i, category = "c" .. (i % 7) } end
            terms[#terms + 1] = "Opération Vitrine"
            big = text.lexicon(terms)
            """)
        let text = "Rappel : CLIENT NUMÉRO 12345 et l’opération vitrine, pas le client numéro 999999"
        let matches = try e.evaluate("return big:count(), big:matches([==[\(text)]==])")
        #expect(matches.first == .integer(20001))
        let found = matches[1].arrayValue ?? []
        #expect(found.map { $0["text"].stringValue ?? "" } == ["CLIENT NUMÉRO 12345", "opération vitrine"])
        #expect(found.map { EvidenceSpan(start: $0["start"].intValue ?? 0, end: $0["stop"].intValue ?? 0).excerpt(of: text) }
            == ["CLIENT NUMÉRO 12345", "opération vitrine"])
        #expect(found.first?["category"] == .string("c4"))
    }

    @Test func vocabularyNamesAndUnknownNames() throws {
        let names = try Self.shared.with { e in try e.evaluate("return vocab.names").first?.arrayValue?.compactMap(\.stringValue) ?? [] }
        #expect(names.contains("intimidation") && names.contains("personal-life"))
        #expect(throws: LuaError.self) { try Self.shared.with { e in try e.evaluate("return vocab('nope')") } }
    }

    @Test func classificationAndChannels() throws {
        let profile = try ProfileLoader.load(path: fixture("policies/crise-client/profile.yaml"))
        let e = try engine(header + """

            classification {
              levels = { "public", "interne", "confidentiel", "secret" },
              markers = { confidentiel = { "liste des tarifs négociés" } },
              channels = { public = "public", direct = "confidentiel", ["linkedin:connections"] = "interne" },
            }
            rule "fuite-classifiee" {
              check = function(post, ctx)
                local c = classify(post.text)
                local allowed, rank = allowed_level(post)
                if c and rank and c.rank > rank then
                  ctx:flag { evidence = c.matches, advice = "Niveau " .. c.level .. " sur un canal " .. allowed }
                end
              end,
            }
            rule "position-photo" {
              check = function(post, ctx)
                if #geo.points(post) > 0 then ctx:flag() end
              end,
            }
            """, profile: profile)
        let text = "Chez les Tremblay, le code d'alarme est 1234"
        let found = e.check(post(text, handle: "x"))
        #expect(found.findings.map(\.ruleID) == ["fuite-classifiee"])
        #expect(found.findings[0].advice == "Niveau secret sur un canal public")
        #expect(found.findings[0].evidence.map { $0.excerpt(of: text) } == ["Tremblay", "code d'alarme"])
        #expect(e.check(post("La liste des tarifs négociés", handle: "x")).findings.map(\.advice) == ["Niveau confidentiel sur un canal public"])
        #expect(e.check(post("Opération Vitrine bientôt", handle: "x")).findings.map(\.advice) == ["Niveau interne sur un canal public"])
        var dm = post("La liste des tarifs négociés", handle: "x")
        dm.visibility = .direct
        #expect(e.check(dm).findings.isEmpty)
        var photo = post("Belle journée", handle: "x")
        photo.attachments = [Attachment(kind: .image, exif: Exif(location: GeoPoint(latitude: 45.6, longitude: -73.7)))]
        #expect(e.check(photo).findings.map(\.ruleID) == ["position-photo"])
    }
}

import Foundation

final class NSLockLike: @unchecked Sendable {
    private let lock = NSLock()
    func locked<T>(_ body: () throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }
}
