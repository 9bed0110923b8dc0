import Foundation

public enum CharterFormat: String, CaseIterable, Sendable {
    case html, markdown, json
    /// HTML laid out for printing: each crisis card on its own page.
    case print
}

/// The headings and fixed words of the documents, in French and English.
struct CharterWords {
    let fr: Bool
    var colon: String { fr ? "\u{00A0}: " : ": " }
    var title: String { fr ? "Charte d'utilisation des médias sociaux" : "Social-media usage charter" }
    var madeFrom: String { fr ? "Établie à partir de la politique" : "Made from the policy" }
    var version: String { fr ? "version" : "version" }
    var stakes: String { fr ? "Enjeux et objectifs" : "Stakes and objectives" }
    var purposes: String { fr ? "À quoi nous servent les médias sociaux" : "What social media are for, for us" }
    var clientele: String { fr ? "À qui nous nous adressons" : "Whom we address" }
    var strategy: String { fr ? "Notre présence, plateforme par plateforme" : "Our presence, platform by platform" }
    var issues: String { fr ? "Les enjeux de sécurité de notre travail" : "The security issues of our work" }
    var threats: String { fr ? "Ce que nous voulons éviter" : "What we want to avoid" }
    var riskLevel: String { fr ? "niveau de risque" : "risk level" }
    var roles: String { fr ? "Rôles et responsabilités" : "Roles and responsibilities" }
    var speaksOn: String { fr ? "s'exprime sur" : "speaks on" }
    var channels: String { fr ? "Canaux approuvés, par usage" : "Approved channels, by use" }
    var use: String { fr ? "Usage" : "Use" }
    var platforms: String { fr ? "Plateformes" : "Platforms" }
    var accounts: String { fr ? "Comptes" : "Accounts" }
    var note: String { fr ? "Remarque" : "Note" }
    var anyAccount: String { fr ? "tout compte de l'organisation" : "any of the organisation's accounts" }
    var principles: String { fr ? "Nos principes" : "Our principles" }
    var doThis: String { fr ? "À faire" : "Do" }
    var dontThis: String { fr ? "À éviter" : "Don't" }
    var ifItHappens: String { fr ? "Si cela arrive" : "If it happens" }
    var levels: String { fr ? "Classification de l'information" : "Information classification" }
    var level: String { fr ? "Niveau" : "Level" }
    var mayGoOn: String { fr ? "Peut circuler sur" : "May go on" }
    var nowhere: String { fr ? "Ne circule sur aucun canal public : reste à l'interne." : "Goes on no public channel: stays inside." }
    var examples: String { fr ? "par exemple" : "for example" }
    var consents: String { fr ? "Registre des consentements" : "Consent register" }
    var noConsent: String { fr ? "Personne n'a encore accepté d'être nommé publiquement : on ne nomme personne." : "Nobody has agreed to be named publicly yet: name no one." }
    var consentIntro: String { fr ? "Ces personnes ont accepté d'être nommées publiquement, dans ces limites ; personne d'autre." : "These people agreed to be named publicly, within these limits; nobody else." }
    var person: String { fr ? "Personne" : "Person" }
    var since: String { fr ? "Depuis le" : "From" }
    var until: String { fr ? "Jusqu'au" : "Until" }
    var scope: String { fr ? "Portée" : "Scope" }
    var anywhere: String { fr ? "toute plateforme" : "any platform" }
    var anyUse: String { fr ? "tout usage" : "any use" }
    var uses: String { fr ? "usages" : "uses" }
    var withdrawn: String { fr ? "Accord retiré le" : "Consent withdrawn on" }
    var noLonger: String { fr ? "ne plus nommer" : "do not name any more" }
    var cards: String { fr ? "Fiches de crise" : "Crisis cards" }
    var trigger: String { fr ? "Déclencheur" : "Trigger" }
    var triggeredBy: String { fr ? "signalé par" : "flagged by" }
    var protects: String { fr ? "Protège contre" : "Protects against" }
    var steps: String { fr ? "Étapes, de la plus douce à la plus ferme" : "Steps, mildest first" }
    var record: String { fr ? "Consigner les motifs" : "Record the reasons" }
    var closes: String { fr ? "clôt l'incident" : "closes the incident" }
    var firstStep: String { fr ? "dès l'ouverture" : "at once" }
    var quiz: String { fr ? "Testez-vous : cette publication pose-t-elle problème ?" : "Test yourself: is this post a problem?" }
    var answers: String { fr ? "Réponses" : "Answers" }
    var yes: String { fr ? "Oui" : "Yes" }
    var no: String { fr ? "Non" : "No" }

    /// `« text »` / `“text”`.
    func quote(_ text: String) -> String { fr ? "«\u{00A0}\(text)\u{00A0}»" : "“\(text)”" }
    func list(_ items: [String]) -> String { items.joined(separator: fr ? " ; " : "; ") }
    /// `Depuis le 15 janvier 2026 · Facebook, site Web · usages : Références`.
    func consentLimits(_ k: Charter.Consent) -> [String] {
        var parts: [String] = []
        if let date = k.date { parts.append("\(since) \(date)") }
        if let end = k.until { parts.append("\(until) \(end)") }
        let platforms = k.platforms ?? []
        parts.append(platforms.isEmpty ? anywhere : platforms.joined(separator: ", "))
        let uses = k.uses ?? []
        parts.append(uses.isEmpty ? anyUse : "\(self.uses)\(colon)\(uses.joined(separator: ", "))")
        return parts
    }
    /// `Peut circuler sur : …` or `Ne circule sur aucun canal public : …`.
    func levelSentence(_ l: Charter.Level) -> String {
        l.channels.isEmpty ? nowhere : "\(mayGoOn)\(colon)\(l.channels.joined(separator: ", "))."
    }
}

public enum CharterRenderer {
    public static func render(_ charter: Charter, format: CharterFormat) -> String {
        switch format {
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            return String(decoding: (try? encoder.encode(charter)) ?? Data(), as: UTF8.self) + "\n"
        case .markdown: return markdown(charter)
        case .html: return html(charter, print: false)
        case .print: return html(charter, print: true)
        }
    }

    // MARK: - Markdown

    static func markdown(_ c: Charter) -> String {
        let w = CharterWords(fr: c.language != "en")
        let colon = w.colon
        var o = "# \(w.title) — \(c.organisation)\n\n*\(w.madeFrom) \(w.quote(c.policyName)), \(w.version) \(c.version).*\n\n"
        o += "## \(w.stakes)\n\n"
        if !c.purposes.isEmpty { o += "**\(w.purposes)**\n\n" + c.purposes.map { "- \($0)\n" }.joined() + "\n" }
        if !c.clientele.isEmpty { o += "**\(w.clientele)**\n\n" + c.clientele.map { "- \($0)\n" }.joined() + "\n" }
        if !c.platforms.isEmpty { o += "**\(w.strategy)**\n\n" + c.platforms.map { "- \($0.platform)\(colon)\($0.strategy)\n" }.joined() + "\n" }
        if !c.issues.isEmpty { o += "**\(w.issues)**\n\n" + c.issues.map { "- \($0.title)" + ($0.description.map { " — \($0)" } ?? "") + "\n" }.joined() + "\n" }
        if !c.threats.isEmpty {
            o += "**\(w.threats)**\n\n" + c.threats.map {
                "- \($0.title)" + ($0.levelName.map { " (\(w.riskLevel)\(colon)\($0.lowercased()))" } ?? "") + ($0.text.map { " — \($0)" } ?? "") + "\n"
            }.joined() + "\n"
        }
        o += "## \(w.roles)\n\n"
        for r in c.roles { o += "- **\(r.name)**, \(r.role)" + (r.accounts.isEmpty ? "" : " — \(w.speaksOn) \(w.list(r.accounts))") + "\n" }
        if !c.channels.isEmpty {
            o += "\n**\(w.channels)**\n\n"
            for ch in c.channels {
                o += "- \(ch.use)\(colon)\(ch.platforms.joined(separator: ", ")) (\(ch.accounts.isEmpty ? w.anyAccount : ch.accounts.joined(separator: ", ")))" + (ch.note.map { " — \($0)" } ?? "") + "\n"
            }
        }
        o += "\n## \(w.principles)\n\n"
        for (i, p) in c.principles.enumerated() {
            o += "### \(i + 1). \(p.title)\n\n\(p.text)\n\n"
            for e in p.doExamples { o += "- ✅ \(w.doThis)\(colon)\(w.quote(e))\n" }
            for e in p.dontExamples { o += "- ❌ \(w.dontThis)\(colon)\(w.quote(e))\n" }
            if let a = p.advice { o += "\n*\(w.ifItHappens)\(colon)*\(a)\n" }
            o += "\n"
        }
        if !c.levels.isEmpty {
            o += "## \(c.classification?.title ?? w.levels)\n\n"
            if let text = c.classification?.text { o += "\(text)\n\n" }
            for l in c.levels {
                o += "- **\(l.name)** — \(w.levelSentence(l))"
                if !l.assets.isEmpty { o += " (\(w.examples)\(colon)\(w.list(l.assets)))" }
                o += "\n"
            }
            o += "\n"
        }
        o += "## \(w.consents)\n\n"
        if c.consents.isEmpty { o += "\(w.noConsent)\n\n" } else {
            o += "\(w.consentIntro)\n\n"
            for k in c.consents {
                if let withdrawn = k.withdrawn {
                    o += "- ~~\(k.name)~~ — \(w.withdrawn) \(withdrawn)\(colon)\(w.noLonger)\n"
                    continue
                }
                o += "- **\(k.name)** — " + w.consentLimits(k).joined(separator: " · ") + (k.scope.map { " — \($0)" } ?? "") + "\n"
            }
            o += "\n"
        }
        o += "## \(w.cards)\n\n"
        for card in c.cards {
            // The colon inside the bold, its space after it (`**Trigger:** …`).
            o += "### \(card.title)\n\n**\(w.trigger)\(colon.dropLast())** \(card.trigger)"
            if !card.triggeredBy.isEmpty { o += " (\(w.triggeredBy)\(colon)\(card.triggeredBy.joined(separator: ", ")))" }
            o += "\n\n"
            if !card.answers.isEmpty { o += "**\(w.protects)\(colon.dropLast())** \(w.list(card.answers))\n\n" }
            for (i, s) in card.steps.enumerated() {
                o += "\(i + 1). **\(s.title)** — \(s.condition ?? w.firstStep)"
                if let a = s.advice { o += "\n   \(a)" }
                if s.recordReasons { o += "\n   *\(w.record).*" }
                if s.closes { o += " *(\(w.closes))*" }
                o += "\n"
            }
            o += "\n"
        }
        if !c.quiz.isEmpty {
            o += "## \(w.quiz)\n\n"
            for (i, q) in c.quiz.enumerated() { o += "\(i + 1). \(w.quote(q.text))\n" }
            o += "\n**\(w.answers)**\n\n"
            for (i, q) in c.quiz.enumerated() { o += "\(i + 1). \(q.isProblem ? w.yes : w.no) — \(q.why)\n" }
        }
        return o
    }

    // MARK: - HTML

    static func e(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    static func html(_ c: Charter, print: Bool) -> String {
        let w = CharterWords(fr: c.language != "en")
        let colon = w.colon
        var b = ""
        b += "<header><div class=\"wrap\"><p class=\"kicker\">\(e(w.madeFrom)) \(e(w.quote(c.policyName))), \(w.version) \(e(c.version))</p>"
        b += "<h1>\(e(w.title))</h1><p class=\"org\">\(e(c.organisation))</p></div></header>\n<main>\n"
        b += "<section id=\"stakes\"><h2>\(e(w.stakes))</h2><div class=\"grid\">"
        func list(_ title: String, _ items: [String]) -> String {
            items.isEmpty ? "" : "<div class=\"box\"><h3>\(e(title))</h3><ul>" + items.map { "<li>\(e($0))</li>" }.joined() + "</ul></div>"
        }
        b += list(w.purposes, c.purposes) + list(w.clientele, c.clientele)
        b += list(w.strategy, c.platforms.map { "\($0.platform) — \($0.strategy)" })
        b += list(w.issues, c.issues.map { $0.title + ($0.description.map { " — \($0)" } ?? "") }).replacingOccurrences(of: "<div class=\"box\">", with: "<div class=\"box wide\">")
        b += "</div>"
        if !c.threats.isEmpty {
            b += "<div><h3>\(e(w.threats))</h3><ul class=\"threats\">" + c.threats.map { t in
                let level = t.level.map { "<span class=\"risk risk-\(e($0))\" title=\"\(e(w.riskLevel))\">\(e(t.levelName ?? $0))</span> " } ?? ""
                return "<li data-threat=\"\(e(t.id))\">\(level)<strong>\(e(t.title))</strong>" + (t.text.map { " — \(e($0))" } ?? "") + "</li>"
            }.joined() + "</ul></div>"
        }
        b += "</section>\n<section id=\"roles\"><h2>\(e(w.roles))</h2><ul class=\"roles\">"
        for r in c.roles {
            b += "<li><strong>\(e(r.name))</strong>, \(e(r.role))"
            if !r.accounts.isEmpty { b += " <span class=\"muted\">— \(e(w.speaksOn)) \(e(w.list(r.accounts)))</span>" }
            b += "</li>"
        }
        b += "</ul>"
        if !c.channels.isEmpty {
            b += "<div class=\"keep\"><h3>\(e(w.channels))</h3><table class=\"stack\"><thead><tr><th>\(e(w.use))</th><th>\(e(w.platforms))</th><th>\(e(w.accounts))</th><th>\(e(w.note))</th></tr></thead><tbody>" + c.channels.map { ch in
                "<tr><th>\(e(ch.use))</th><td>\(e(Charter.capitalised(ch.platforms.joined(separator: ", "))))</td><td>\(e(ch.accounts.isEmpty ? w.anyAccount : ch.accounts.joined(separator: ", ")))</td><td class=\"muted\">\(e(ch.note ?? ""))</td></tr>"
            }.joined() + "</tbody></table></div>"
        }
        b += "</section>\n<section id=\"principles\"><h2>\(e(w.principles))</h2>"
        for (i, p) in c.principles.enumerated() {
            b += "<article class=\"principle sev-\(e(p.severity))\" id=\"rule-\(e(p.id))\"><h3><span class=\"num\">\(i + 1)</span> \(e(p.title))</h3><p class=\"rule\">\(e(p.text))</p>"
            if !p.doExamples.isEmpty || !p.dontExamples.isEmpty {
                b += "<div class=\"examples\">"
                for x in p.doExamples { b += "<p class=\"do\"><span>✓ \(e(w.doThis))</span> \(e(w.quote(x)))</p>" }
                for x in p.dontExamples { b += "<p class=\"dont\"><span>✗ \(e(w.dontThis))</span> \(e(w.quote(x)))</p>" }
                b += "</div>"
            }
            if let a = p.advice { b += "<p class=\"advice\"><em>\(e(w.ifItHappens))\(colon)</em>\(e(a))</p>" }
            b += "</article>"
        }
        b += "</section>\n"
        if !c.levels.isEmpty {
            b += "<section id=\"levels\" class=\"short\"><h2>\(e(c.classification?.title ?? w.levels))</h2>"
            if let text = c.classification?.text { b += "<p class=\"rule\">\(e(text))</p>" }
            b += "<table class=\"stack\"><tbody>"
            for (i, l) in c.levels.enumerated() {
                b += "<tr class=\"level level-\(i)\"\(l.id.map { " data-level=\"\(e($0))\"" } ?? "")><th>\(e(l.name))</th><td>\(e(w.levelSentence(l)))</td><td class=\"muted\">\(l.assets.isEmpty ? "" : e("\(w.examples)\(colon)\(w.list(l.assets))"))</td></tr>"
            }
            b += "</tbody></table></section>\n"
        }
        b += "<section id=\"consents\" class=\"short\"><h2>\(e(w.consents))</h2>"
        if c.consents.isEmpty { b += "<p>\(e(w.noConsent))</p>" } else {
            b += "<p>\(e(w.consentIntro))</p><table class=\"stack\"><thead><tr><th>\(e(w.person))</th><th>\(e(w.scope))</th><th></th></tr></thead><tbody>" + c.consents.map { k in
                if let withdrawn = k.withdrawn {
                    return "<tr class=\"withdrawn\"><th><s>\(e(k.name))</s></th><td>\(e("\(w.withdrawn) \(withdrawn)\(colon)\(w.noLonger)"))</td><td class=\"muted\">\(e(k.scope ?? ""))</td></tr>"
                }
                return "<tr><th>\(e(k.name))</th><td>\(e(w.consentLimits(k).joined(separator: " · ")))</td><td class=\"muted\">\(e(k.scope ?? ""))</td></tr>"
            }.joined() + "</tbody></table>"
        }
        b += "</section>\n<section id=\"cards\"><h2>\(e(w.cards))</h2>"
        for card in c.cards {
            b += "<article class=\"card\" id=\"card-\(e(card.id))\"><h3>\(e(card.title))</h3>"
            b += "<p><strong>\(e(w.trigger))\(colon)</strong>\(e(card.trigger))"
            if !card.triggeredBy.isEmpty { b += " <span class=\"muted\">(\(e(w.triggeredBy))\(colon)\(e(card.triggeredBy.joined(separator: ", "))))</span>" }
            b += "</p>"
            if !card.answers.isEmpty { b += "<p><strong>\(e(w.protects))\(colon)</strong>\(e(w.list(card.answers)))</p>" }
            b += "<p class=\"muted\">\(e(w.steps))</p><ol class=\"steps\">"
            for s in card.steps {
                b += "<li><strong>\(e(s.title))</strong> <span class=\"cond\">\(e(s.condition ?? w.firstStep))</span>"
                if let a = s.advice { b += "<br>\(e(a))" }
                if s.recordReasons { b += "<br><span class=\"record\">✍ \(e(w.record))</span>" }
                if s.closes { b += " <span class=\"muted\">(\(e(w.closes)))</span>" }
                b += "</li>"
            }
            b += "</ol></article>"
        }
        b += "</section>\n"
        if !c.quiz.isEmpty {
            b += "<section id=\"quiz\"><h2>\(e(w.quiz))</h2><ol class=\"quiz\">" + c.quiz.map { "<li>\(e(w.quote($0.text)))</li>" }.joined() + "</ol>"
            // The answers are printed too: a session leader reads them out.
            b += "<div class=\"answers\"><h3>\(e(w.answers))</h3><ol>" + c.quiz.map {
                "<li><strong>\($0.isProblem ? e(w.yes) : e(w.no))</strong> — \(e($0.why))</li>"
            }.joined() + "</ol></div></section>\n"
        }
        b += "</main>"
        return """
            <!DOCTYPE html>
            <html lang="\(c.language)"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(e(w.title)) — \(e(c.organisation))</title>
            <style>\(css(print: print))</style></head>
            <body>\(b)</body></html>

            """
    }

    static func css(print: Bool) -> String {
        """
        :root { --ink: #1d2433; --muted: #5b6474; --line: #dfe3ea; --accent: #1f4e79; }
        * { box-sizing: border-box; }
        html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif; color: var(--ink); margin: 0; background: #f5f7fa; line-height: 1.5; }
        header { background: var(--accent); color: #fff; padding: 2rem 1.5rem; }
        header .wrap { max-width: 60rem; margin: 0 auto; padding: 0 2rem; }
        header h1 { margin: .2rem 0; font-size: 2rem; line-height: 1.2; }
        .kicker { text-transform: uppercase; font-size: .75rem; letter-spacing: .06em; opacity: .85; margin: 0; }
        .org { font-size: 1.2rem; margin: 0; }
        main { max-width: 60rem; margin: 0 auto; padding: 1.5rem 2rem 3rem; }
        section { background: #fff; border: 1px solid var(--line); border-radius: 10px; padding: 1.2rem 1.6rem; margin: 1.2rem 0; }
        h2 { color: var(--accent); margin-top: .2rem; line-height: 1.25; }
        h2, h3 { break-after: avoid; page-break-after: avoid; }
        .keep, .principle, .card, .answers, tr, li { break-inside: avoid; page-break-inside: avoid; }
        .grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(13rem, 1fr)); gap: 1rem; }
        section.short { break-inside: avoid; page-break-inside: avoid; }
        .box { background: #f8fafc; border-radius: 8px; padding: .6rem 1rem; break-inside: avoid; }
        .box h3 { font-size: 1rem; margin: .3rem 0; }
        .box.wide { grid-column: 1 / -1; }
        .muted { color: var(--muted); }
        table { border-collapse: collapse; width: 100%; }
        th, td { text-align: left; padding: .45rem .6rem; border-bottom: 1px solid var(--line); vertical-align: top; }
        thead th { font-size: .8rem; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); }
        .threats li { margin: .35rem 0; }
        .risk { display: inline-block; font-size: .75rem; font-weight: 700; border-radius: 4px; padding: 0 .4rem; margin-right: .2rem; vertical-align: 1px; }
        .risk-low { background: #9fd8ae; } .risk-moderate { background: #ffdd6e; }
        .risk-high { background: #ffab5e; } .risk-critical { background: #f26b6b; color: #fff; }
        .principle { border-left: 5px solid #8aa1b9; padding: .4rem 1rem; margin: 1rem 0; }
        .principle h3 { margin: .2rem 0; }
        .num { display: inline-block; min-width: 1.7rem; height: 1.7rem; border-radius: 50%; background: var(--accent); color: #fff; text-align: center; font-size: .9rem; line-height: 1.7rem; margin-right: .3rem; }
        .sev-critical { border-left-color: #8e1b4f; } .sev-high { border-left-color: #c0392b; }
        .sev-medium { border-left-color: #d68910; } .sev-low, .sev-info { border-left-color: #2e86c1; }
        .rule { font-size: 1.05rem; }
        .examples p { margin: .25rem 0; }
        .do span { color: #1e8449; font-weight: 600; } .dont span { color: #b03a2e; font-weight: 600; }
        .advice { color: var(--muted); }
        .level-0 th { color: #1e8449; } .level-1 th { color: #2e86c1; } .level-2 th { color: #d68910; } .level-3 th { color: #b03a2e; }
        tr.withdrawn th, tr.withdrawn td { color: var(--muted); }
        .card { border: 2px solid var(--accent); border-radius: 10px; padding: .8rem 1.2rem; margin: 1rem 0; \(print ? "page-break-after: always; break-after: page;" : "") }
        .card h3 { margin-top: .2rem; }
        .steps li { margin: .5rem 0; }
        .cond { background: #eef3f8; border-radius: 4px; padding: 0 .4rem; font-size: .9rem; }
        .record { color: #8e1b4f; }
        .answers { margin-top: 1rem; border-top: 1px dashed var(--line); padding-top: .5rem; }
        .answers h3 { margin: .3rem 0; }
        @media (max-width: 600px) {
          header { padding: 1.2rem .6rem; } header .wrap { padding: 0 .3rem; } header h1 { font-size: 1.5rem; }
          main { padding: .6rem .6rem 2rem; }
          section { padding: .9rem .9rem; }
          .principle { padding: .3rem .7rem; }
          table.stack, table.stack tbody, table.stack tr, table.stack th, table.stack td { display: block; width: 100%; }
          table.stack thead { display: none; }
          table.stack tr { border-bottom: 1px solid var(--line); padding: .4rem 0; }
          table.stack th, table.stack td { border: none; padding: .1rem 0; }
        }
        @media print {
          @page { margin: 14mm; }
          body { background: #fff; font-size: 10.5pt; }
          header { background: #fff; color: var(--ink); border-bottom: 3px solid var(--accent); padding: 0 0 .6rem; }
          main { max-width: none; padding: 0; }
          section { border: none; padding: 0; margin: 0 0 1rem; }
          .card { page-break-inside: avoid; break-inside: avoid; }
        }
        """
    }
}
