import Testing

@testable import VigieModel

@Suite struct TextNormalizerTests {
    @Test(arguments: [
        ("Été", "ete"),
        ("ÇA SUFFIT", "ca suffit"),
        ("cœur", "coeur"),
        ("ŒUVRE", "oeuvre"),
        ("ex æquo", "ex aequo"),
        ("Straße", "strasse"),
        ("l’été", "l'ete"),
        ("lʼhiver", "l'hiver"),
        ("prix\u{00A0}:\u{202F}10\u{2009}€", "prix : 10 €"),
        ("𝗕𝗢𝗟𝗗", "bold"),
        ("𝘪𝘵𝘢𝘭𝘪𝘲𝘶𝘦", "italique"),
        ("ﬁnance", "finance"),
        ("ＡＢＣ１２３", "abc123"),
        ("e\u{0301}te\u{0301}", "ete"),
        ("mot\u{00AD}de\u{200B}passe", "motdepasse"),
        ("Ça va ? 🧽", "ca va ? 🧽"),
        ("Ligne 1\nLigne 2", "ligne 1\nligne 2"),
    ])
    func folds(_ input: String, _ expected: String) {
        #expect(TextNormalizer.standard.fold(input) == expected)
        #expect(TextNormalizer.standard.normalize(input).text == expected)
    }

    @Test func mapsOffsetsBackToTheOriginal() {
        let original = "𝗡𝗢𝗨𝗩𝗘𝗟 : appelez l’équipe"
        let normalized = TextNormalizer.standard.normalize(original)
        #expect(normalized.text == "nouvel : appelez l'equipe")
        // "nouvel" is 6 mathematical letters = 6 scalars of the original.
        #expect(normalized.originalRange(for: 0..<6) == 0..<6)
        let ranges = normalized.originalRanges(of: "L’ÉQUIPE")
        #expect(ranges.count == 1)
        let span = EvidenceSpan(ranges[0])
        #expect(span.excerpt(of: original) == "l’équipe")
    }

    @Test func expansionsMapToTheWholeOriginalCharacter() {
        let original = "Un cœur"
        let normalized = TextNormalizer.standard.normalize(original)
        #expect(normalized.text == "un coeur")
        // "oe" (normalised 4..<6) comes from the single scalar "œ" (original 4).
        #expect(normalized.originalRange(for: 4..<5) == 4..<5)
        #expect(normalized.originalRange(for: 3..<8) == 3..<7)
        #expect(normalized.originalRanges(of: "coeur").first.flatMap { EvidenceSpan($0).excerpt(of: original) } == "cœur")
    }

    @Test func combiningAccentsStayInTheSpan() {
        let original = "cafe\u{0301} noir"
        let normalized = TextNormalizer.standard.normalize(original)
        #expect(normalized.text == "cafe noir")
        let range = normalized.originalRanges(of: "café").first
        #expect(range == 0..<5)  // c a f e + U+0301
        #expect(normalized.originalOffset(for: 5) == 6)  // "n"
        #expect(normalized.originalRange(for: 9..<9) == 10..<10)  // end of text
    }

    @Test func wholeWordsOption() {
        let normalized = TextNormalizer.standard.normalize("Vacances, vacancier, VACANCES.")
        #expect(normalized.originalRanges(of: "vacances").count == 2)
        #expect(normalized.originalRanges(of: "vacance", wholeWords: true).isEmpty)
        #expect(normalized.originalRanges(of: "vacances", wholeWords: true) == [0..<8, 21..<29])
    }

    @Test func optionsCanBeTurnedOff() {
        let keepCase = TextNormalizer(options: [.compatibility, .accentFolding, .typography])
        #expect(keepCase.fold("𝗘́té") == "Ete")
        let keepAccents = TextNormalizer(options: [.compatibility, .caseFolding])
        #expect(keepAccents.fold("ÉTÉ l’hiver") == "été l’hiver")
        // Without accent folding, NFKC still composes e + U+0301 into é.
        #expect(keepAccents.fold("e\u{0301}") == "é")
    }

    /// The byte-level fast paths must agree with cluster-by-cluster mapping.
    @Test(arguments: [
        "e\u{0301}a", "é\u{0301}x", "l’\u{0301}é", "👍🏽 ok", "🇫🇷🇨🇦!", "👩‍👩‍👧 famille", "a\u{200D}b",
        "\u{0600}1 2", "한국어 텍스트", "𝗕𝗢𝗟𝗗\u{0301}𝗕", "ﬁ\u{0301}", "Ǆ ǅ", "\r\nCRLF\r\n", "À bientôt…",
        "x\u{FE0F}y", "ÉTÉ\u{00A0}2024\u{202F}!", "İstanbul", "ß ẞ Σσς",
    ])
    func fastPathsAgreeWithClusterMapping(_ text: String) {
        let normalizer = TextNormalizer.standard
        let expected = text.map { normalizer.map(cluster: String($0)) }.joined()
        #expect(normalizer.fold(text) == expected)
        let normalized = normalizer.normalize(text)
        #expect(normalized.text == expected)
        #expect(normalized.count == expected.unicodeScalars.count)
        #expect(normalized.originalRange(for: 0..<normalized.count).upperBound <= text.unicodeScalars.count)
    }

    @Test func longTextIsFastEnough() {
        let text = String(repeating: "Bonjour à l’équipe, 𝗣𝗥𝗢𝗠𝗢 sur le ménage ! ", count: 5_000)
        let clock = ContinuousClock()
        let elapsed = clock.measure { _ = TextNormalizer.standard.normalize(text) }
        #expect(TextNormalizer.standard.normalize(text).count == TextNormalizer.standard.fold(text).unicodeScalars.count)
        #expect(elapsed < .seconds(5))
    }
}

@Suite struct HTMLTextTests {
    @Test func mastodonHTMLBecomesText() {
        let html = "<p>Bonjour&nbsp;! L&#8217;équipe &amp; moi&#x21;</p><p>Ligne 1<br>Ligne 2<br />fin</p>"
        #expect(HTMLText.plainText(fromHTML: html) == "Bonjour\u{00A0}! L’équipe & moi!\n\nLigne 1\nLigne 2\nfin")
    }

    @Test func unknownEntitiesAndLoneAmpersandsStay() {
        #expect(HTMLText.plainText(fromHTML: "Tom &amp Jerry &unknown; 5 < 6") == "Tom &amp Jerry &unknown; 5 < 6")
        #expect(HTMLText.decodeEntities("a &lt;b&gt; &#233;t&#xE9;") == "a <b> été")
    }

    @Test func linksSkipMentionsAndHashtags() {
        let html = """
            <a href="https://m.example/tags/x" class="mention hashtag" rel="tag">#x</a> \
            <a href="https://m.example/@bob" class="u-url mention">@bob</a> \
            <a href="https://site.example/a?b=1&amp;c=2" rel="nofollow">lien</a>
            """
        #expect(HTMLText.links(inHTML: html) == ["https://site.example/a?b=1&c=2"])
    }
}

@Suite struct EncodingRepairTests {
    @Test(arguments: [
        ("Ã©tÃ©", "été"),
        ("Ã\u{0089}clat", "Éclat"),
        ("Å\u{0093}uvre", "œuvre"),
        ("ð\u{009F}\u{0092}\u{0099}", "💙"),
        ("plain ASCII", "plain ASCII"),
        ("café", "café"),  // a genuine é alone is not valid UTF-8 once re-read: kept
        ("déjà été", "déjà été"),
        ("€uro", "€uro"),  // beyond Latin-1: not the trap
    ])
    func repairs(_ input: String, _ expected: String) {
        #expect(EncodingRepair.repairLatin1Mojibake(input) == expected)
    }
}

@Suite struct TextEntitiesTests {
    @Test func findsHashtagsMentionsAndLinks() {
        let text = "Merci @julie.b et @eclat@mastodon.example ! #Ménage #avant_après (voir https://site.example/x.) C#"
        #expect(TextEntities.hashtags(in: text) == ["Ménage", "avant_après"])
        #expect(TextEntities.mentions(in: text) == ["@julie.b", "@eclat@mastodon.example"])
        #expect(TextEntities.links(in: text) == ["https://site.example/x"])
        #expect(TextEntities.mentions(in: "écrire à contact@eclat.example").isEmpty)
    }
}
