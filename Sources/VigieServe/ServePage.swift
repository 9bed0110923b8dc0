import Foundation

/// `GET /`: one self-contained page (no external resource: it works
/// offline and on a phone) where a person pastes a draft, chooses the
/// platform, and sees the decision, the evidence highlighted in the text,
/// the advice and the charter's principle. In the policy's language.
enum ServePage {
    /// The page, and the hashes of its inline script and style for the
    /// Content-Security-Policy header.
    static func render(
        language: String, policyName: String, version: String, platforms: [String], mapping: DecisionMapping
    ) -> Data {
        let s = language == "en" ? Strings.english : Strings.french
        var scriptStrings = s.script
        // Evidence of findings that block is marked apart.
        scriptStrings["blockAt"] = mapping.block.rawValue
        var options = ""
        for (i, p) in platforms.enumerated() {
            options += "<option value=\"\(html(p))\"\(i == 0 ? " selected" : "")>\(html(s.platformNames[p] ?? p))</option>"
        }
        var kinds = ""
        for (value, label) in s.kinds {
            kinds += "<option value=\"\(value)\"\(value == "post" ? " selected" : "")>\(html(label))</option>"
        }
        var people = ""
        for (value, label) in s.people {
            people += "<option value=\"\(value)\"\(value == "employee" ? " selected" : "")>\(html(label))</option>"
        }
        let footer = s.footer.replacingOccurrences(of: "{policy}", with: html(policyName))
            .replacingOccurrences(of: "{version}", with: html(version))
        let page = fill(template, [
            "lang": language, "title": html(s.title), "intro": html(s.intro),
            "draftLabel": html(s.draftLabel), "placeholder": html(s.placeholder),
            "platformLabel": html(s.platformLabel), "platforms": options, "kindLabel": html(s.kindLabel),
            "kinds": kinds, "asLabel": html(s.asLabel), "people": people, "check": html(s.check),
            "tokenLabel": html(s.tokenLabel), "tokenHelp": html(s.tokenHelp),
            "findingsTitle": html(s.findingsTitle), "footer": footer,
            "strings": String(decoding: JSONText.object(scriptStrings), as: UTF8.self),
            "style": style, "script": script,
        ])
        return Data(page.utf8)
    }

    /// `Content-Security-Policy` for the page: its own inline style and
    /// script (by hash), requests to this server only, nothing else.
    static let contentSecurityPolicy: String = {
        func digest(_ text: String) -> String { Data(SHA256.hash(Array(text.utf8))).base64EncodedString() }
        return "default-src 'none'; script-src 'sha256-\(digest(script))'; style-src 'sha256-\(digest(style))'; "
            + "connect-src 'self'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    }()

    /// The template with each `{name}` replaced, in one pass (what is put
    /// in is never read again for names).
    static func fill(_ template: String, _ values: [String: String]) -> String {
        var out = ""
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{") {
            out += rest[..<open]
            let after = rest.index(after: open)
            if let close = rest[after...].firstIndex(of: "}"), let value = values[String(rest[after..<close])] {
                out += value
                rest = rest[rest.index(after: close)...]
            } else {
                out += "{"
                rest = rest[after...]
            }
        }
        out += rest
        return out
    }

    static func html(_ text: String) -> String {
        var out = ""
        for c in text.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    struct Strings {
        var title, intro, draftLabel, placeholder, platformLabel, kindLabel, asLabel, check: String
        var tokenLabel, tokenHelp, findingsTitle, footer: String
        var platformNames: [String: String]
        var kinds: [(String, String)]
        var people: [(String, String)]
        /// What the script shows, by key.
        var script: [String: String]

        static let french = Strings(
            title: "Vérifier avant de publier",
            intro: "Collez votre brouillon et choisissez où vous voulez le publier : Vigie le compare aux règles de la politique avant que vous le publiiez.",
            draftLabel: "Votre brouillon", placeholder: "Collez ou écrivez le texte ici…",
            platformLabel: "Plateforme", kindLabel: "Type", asLabel: "Je publie en tant que", check: "Vérifier",
            tokenLabel: "Jeton d'accès", tokenHelp: "Ce serveur demande un jeton : collez celui qu'on vous a remis.",
            findingsTitle: "Ce que la politique relève",
            footer: "Politique « {policy} », version {version}. Le brouillon n'est pas conservé : seules la décision et une empreinte chiffrée du texte le sont.",
            platformNames: ["facebook": "Facebook", "instagram": "Instagram", "linkedin": "LinkedIn", "twitter": "X (Twitter)",
                            "mastodon": "Mastodon", "website": "Site Web"],
            kinds: [("post", "Publication"), ("comment", "Commentaire"), ("reply", "Réponse"),
                    ("direct-message", "Message privé")],
            people: [("employee", "membre de l'équipe"), ("organisation", "l'entreprise")],
            script: [
                "allow": "Rien à signaler : vous pouvez publier.", "warn": "À revoir avant de publier.",
                "block": "Ne publiez pas ce texte tel quel.", "checking": "Vérification…",
                "empty": "Écrivez ou collez un texte d'abord.", "network": "Le serveur ne répond pas. Réessayez.",
                "failed": "La vérification a échoué : ", "incomplete": "Une règle n'a pas pu terminer : la réponse peut être incomplète.",
                "advice": "Conseil", "charter": "Principe de la charte", "noFinding": "Aucune règle ne relève ce texte.",
                "info": "information", "low": "faible", "medium": "moyenne", "high": "élevée", "critical": "critique",
                "severity": "Gravité : ",
            ])

        static let english = Strings(
            title: "Check before you post",
            intro: "Paste your draft and choose where you mean to post it: Vigie compares it with the policy's rules before you post it.",
            draftLabel: "Your draft", placeholder: "Paste or type the text here…",
            platformLabel: "Platform", kindLabel: "Kind", asLabel: "I post as", check: "Check",
            tokenLabel: "Access token", tokenHelp: "This server needs a token: paste the one you were given.",
            findingsTitle: "What the policy points out",
            footer: "Policy “{policy}”, version {version}. The draft is not kept: only the decision and a keyed fingerprint of the text are.",
            platformNames: ["facebook": "Facebook", "instagram": "Instagram", "linkedin": "LinkedIn", "twitter": "X (Twitter)",
                            "mastodon": "Mastodon", "website": "Website"],
            kinds: [("post", "Post"), ("comment", "Comment"), ("reply", "Reply"), ("direct-message", "Direct message")],
            people: [("employee", "a member of staff"), ("organisation", "the organisation")],
            script: [
                "allow": "Nothing to point out: you may post it.", "warn": "Review it before you post.",
                "block": "Do not post this text as it is.", "checking": "Checking…",
                "empty": "Type or paste a text first.", "network": "The server does not answer. Try again.",
                "failed": "The check failed: ", "incomplete": "A rule could not finish: the answer may be incomplete.",
                "advice": "Advice", "charter": "Charter principle", "noFinding": "No rule points anything out.",
                "info": "info", "low": "low", "medium": "medium", "high": "high", "critical": "critical",
                "severity": "Severity: ",
            ])
    }

    static let template = """
        <!DOCTYPE html>
        <html lang="{lang}">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="referrer" content="no-referrer">
        <link rel="icon" href="data:,">
        <title>{title}</title>
        <style>{style}</style>
        </head>
        <body>
        <main>
        <h1>{title}</h1>
        <p class="intro">{intro}</p>
        <form id="form" novalidate>
        <label for="draft">{draftLabel}</label>
        <textarea id="draft" name="text" rows="7" placeholder="{placeholder}" spellcheck="true"></textarea>
        <div class="choices">
        <div><label for="platform">{platformLabel}</label><select id="platform" name="platform">{platforms}</select></div>
        <div><label for="kind">{kindLabel}</label><select id="kind" name="kind">{kinds}</select></div>
        <div><label for="as">{asLabel}</label><select id="as" name="person">{people}</select></div>
        </div>
        <div id="token-row" hidden>
        <label for="token">{tokenLabel}</label>
        <input id="token" type="password" autocomplete="off">
        <p class="help">{tokenHelp}</p>
        </div>
        <button id="check" type="submit">{check}</button>
        <p id="status" role="status" aria-live="polite"></p>
        </form>
        <section id="result" hidden aria-live="polite">
        <p id="decision"></p>
        <p id="notice" hidden></p>
        <div id="highlighted"></div>
        <h2 id="findings-title">{findingsTitle}</h2>
        <ol id="findings"></ol>
        </section>
        <footer>{footer}</footer>
        </main>
        <script type="application/json" id="strings">{strings}</script>
        <script>{script}</script>
        </body>
        </html>

        """

    static let style = """
        :root{color-scheme:light dark;--bg:#fbfaf7;--fg:#1d1d1b;--muted:#5b5b57;--line:#d8d5cc;--card:#fff;\
        --allow:#1e6b3a;--allow-bg:#e3f3e7;--warn:#7a4d00;--warn-bg:#fff1cc;--block:#8f1d1d;--block-bg:#fde2e0;\
        --mark-warn:#ffe08a;--mark-block:#ffb3ad;--accent:#234f8c}
        @media (prefers-color-scheme:dark){:root{--bg:#161614;--fg:#ecebe6;--muted:#b0aea6;--line:#3b3a36;--card:#1f1f1c;\
        --allow:#8fdca6;--allow-bg:#16321f;--warn:#ffd27a;--warn-bg:#3a2c0c;--block:#ffb0aa;--block-bg:#401715;\
        --mark-warn:#8a6a12;--mark-block:#8c2b26;--accent:#8db4ef}}
        *{box-sizing:border-box}
        body{margin:0;background:var(--bg);color:var(--fg);font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,\
        "DejaVu Sans",sans-serif}
        main{max-width:44rem;margin:0 auto;padding:1rem 1rem 2rem}
        h1{font-size:1.5rem;margin:.5rem 0}
        h2{font-size:1.1rem;margin:1.25rem 0 .5rem}
        .intro,.help,footer{color:var(--muted)}
        label{display:block;font-weight:600;margin:.75rem 0 .25rem}
        textarea,select,input{width:100%;font:inherit;color:inherit;background:var(--card);border:1px solid var(--line);\
        border-radius:.4rem;padding:.55rem .65rem}
        textarea{resize:vertical;min-height:9rem}
        .choices{display:grid;grid-template-columns:repeat(auto-fit,minmax(10rem,1fr));gap:0 .75rem}
        @media (max-width:34rem){.choices>div:last-child{grid-column:1/-1}}
        button{margin-top:1rem;font:inherit;font-weight:600;color:#fff;background:var(--accent);border:0;\
        border-radius:.4rem;padding:.65rem 1.4rem;min-height:2.75rem;cursor:pointer}
        button:disabled{opacity:.6;cursor:progress}
        #status{min-height:1.5rem;margin:.5rem 0 0;color:var(--muted)}
        #decision{font-size:1.15rem;font-weight:700;padding:.8rem 1rem;border-radius:.5rem;margin:1rem 0 .5rem;\
        border-left:.4rem solid}
        #decision[data-decision=allow]{color:var(--allow);background:var(--allow-bg)}
        #decision[data-decision=warn]{color:var(--warn);background:var(--warn-bg)}
        #decision[data-decision=block]{color:var(--block);background:var(--block-bg)}
        #notice{color:var(--warn)}
        #highlighted{white-space:pre-wrap;overflow-wrap:anywhere;background:var(--card);border:1px solid var(--line);\
        border-radius:.4rem;padding:.65rem}
        mark{color:inherit;border-radius:.2rem;padding:0 .1rem;background:var(--mark-warn)}
        mark.block{background:var(--mark-block)}
        mark sup{font-size:.7em;font-weight:700;margin-left:.1rem}
        #findings{padding-left:1.4rem}
        #findings li{margin:.6rem 0;padding:.6rem .75rem;background:var(--card);border:1px solid var(--line);\
        border-radius:.4rem}
        #findings .title{font-weight:700}
        #findings .severity{color:var(--muted);font-size:.9rem}
        #findings dt{font-weight:600;margin-top:.35rem}
        #findings dd{margin:0}
        footer{font-size:.85rem;margin-top:2rem;border-top:1px solid var(--line);padding-top:.75rem}
        """

    static let script = """
        (function () {
        "use strict";
        var S = JSON.parse(document.getElementById("strings").textContent);
        var $ = function (id) { return document.getElementById(id); };
        var form = $("form"), draft = $("draft"), button = $("check"), status = $("status");
        var result = $("result"), decision = $("decision"), notice = $("notice");
        var highlighted = $("highlighted"), findings = $("findings"), tokenRow = $("token-row"), token = $("token");
        var rank = { info: 0, low: 1, medium: 2, high: 3, critical: 4 };
        try { token.value = sessionStorage.getItem("vigie-token") || ""; } catch (e) {}
        if (token.value) { tokenRow.hidden = false; }
        form.addEventListener("submit", function (event) { event.preventDefault(); check(); });
        draft.addEventListener("keydown", function (event) {
          if ((event.ctrlKey || event.metaKey) && event.key === "Enter") { event.preventDefault(); check(); }
        });
        function element(tag, className, text) {
          var node = document.createElement(tag);
          if (className) { node.className = className; }
          if (text !== undefined) { node.textContent = text; }
          return node;
        }
        function check() {
          var text = draft.value;
          if (!text.trim()) { status.textContent = S.empty; draft.focus(); return; }
          var headers = { "Content-Type": "application/json" };
          if (token.value) {
            headers.Authorization = "Bearer " + token.value;
            try { sessionStorage.setItem("vigie-token", token.value); } catch (e) {}
          }
          button.disabled = true;
          status.textContent = S.checking;
          fetch("v1/check", { method: "POST", headers: headers, body: JSON.stringify({
            text: text, platform: $("platform").value, kind: $("kind").value, person: $("as").value }) })
            .then(function (response) {
              return response.json().then(function (body) { return { status: response.status, body: body }; });
            })
            .then(function (answer) {
              if (answer.status === 200) { status.textContent = ""; show(text, answer.body); return; }
              if (answer.status === 401) { tokenRow.hidden = false; token.focus(); }
              status.textContent = S.failed + ((answer.body && answer.body.error && answer.body.error.message) || answer.status);
            })
            .catch(function () { status.textContent = S.network; })
            .then(function () { button.disabled = false; });
        }
        function show(text, answer) {
          result.hidden = false;
          decision.dataset.decision = answer.decision;
          decision.textContent = S[answer.decision];
          notice.hidden = !(answer.failures && answer.failures.length);
          notice.textContent = S.incomplete;
          var chars = Array.from(text), spans = [], cuts = [0, chars.length];
          answer.findings.forEach(function (finding, index) {
            finding.evidence.forEach(function (e) {
              var start = Math.max(0, Math.min(e.start, chars.length)), end = Math.max(start, Math.min(e.end, chars.length));
              if (end > start) { spans.push({ start: start, end: end, index: index, finding: finding }); cuts.push(start, end); }
            });
          });
          cuts = cuts.filter(function (c, i, all) { return all.indexOf(c) === i; }).sort(function (a, b) { return a - b; });
          highlighted.textContent = "";
          for (var i = 0; i + 1 < cuts.length; i++) {
            var a = cuts[i], b = cuts[i + 1], piece = chars.slice(a, b).join("");
            var covering = spans.filter(function (s) { return s.start <= a && s.end >= b; });
            if (!covering.length) { highlighted.appendChild(document.createTextNode(piece)); continue; }
            var worst = covering.reduce(function (m, s) { return rank[s.finding.severity] > rank[m.finding.severity] ? s : m; });
            var mark = element("mark", "evidence " + (rank[worst.finding.severity] >= rank[S.blockAt] ? "block" : ""), piece);
            mark.title = covering.map(function (s) { return s.finding.title; }).filter(function (t, k, all) {
              return all.indexOf(t) === k; }).join(" · ");
            mark.dataset.findings = covering.map(function (s) { return s.index + 1; }).join(" ");
            if (b === worst.end) { mark.appendChild(element("sup", "", String(worst.index + 1))); }
            highlighted.appendChild(mark);
          }
          findings.textContent = "";
          $("findings-title").hidden = false;
          if (!answer.findings.length) { findings.appendChild(element("li", "none", S.noFinding)); }
          answer.findings.forEach(function (finding) {
            var item = element("li", "finding");
            item.dataset.rule = finding.rule;
            item.appendChild(element("div", "title", finding.title));
            item.appendChild(element("div", "severity", S.severity + (S[finding.severity] || finding.severity)));
            var details = element("dl");
            if (finding.advice) { details.appendChild(element("dt", "", S.advice)); details.appendChild(element("dd", "advice", finding.advice)); }
            if (finding.charter) { details.appendChild(element("dt", "", S.charter)); details.appendChild(element("dd", "charter", finding.charter)); }
            item.appendChild(details);
            findings.appendChild(item);
          });
          result.scrollIntoView({ behavior: "smooth", block: "start" });
        }
        })();
        """
}

extension JSONText {
    /// A flat object of texts, keys sorted.
    static func object(_ fields: [String: String]) -> Data {
        var out = Data("{".utf8)
        for (i, key) in fields.keys.sorted().enumerated() {
            if i > 0 { out.append(contentsOf: ",".utf8) }
            out.append(quoted(key))
            out.append(contentsOf: ":".utf8)
            out.append(quoted(fields[key]!))
        }
        out.append(contentsOf: "}".utf8)
        return out
    }
}
