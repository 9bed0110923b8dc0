import Foundation
import Testing
@testable import VigieServe

/// Where `needle` starts in `text`, counted in Unicode scalars.
func scalarOffset(of needle: String, in text: String) -> Int? {
    guard let range = text.range(of: needle) else { return nil }
    return text.unicodeScalars.distance(from: text.unicodeScalars.startIndex, to: range.lowerBound)
}

/// The API over HTTP on loopback, against the fixture policies.
@Suite struct ServeAPITests {
    @Test func blockingDraftWithEvidenceInUnicodeScalars() async throws {
        try await withServer { server in
            // Accents, an emoji (one scalar, two UTF-16 units) and a no-break space before the number.
            let text = "Été 🌞 chez nous\u{00A0}: appelez-moi au 514 555-1234, j'en ai marre des soumissions"
            let answer = try await check(server.port, ["text": text, "platform": "facebook", "person": "karine"])
            #expect(answer.status == 200)
            #expect(answer.decision == "block")
            #expect(answer.rules == ["telephone", "humeur"])  // the most severe first
            let phone = try #require(answer.findings.first)
            #expect(phone["title"] as? String == "Numéro de téléphone publié")
            #expect(phone["severity"] as? String == "high")
            #expect(phone["advice"] as? String == "Retirer le numéro ; donner celui de l'entreprise.")
            #expect(phone["charter"] as? String == "On ne publie jamais de numéro de téléphone personnel.")
            let evidence = try #require((phone["evidence"] as? [[String: Any]])?.first)
            let start = try #require(scalarOffset(of: "514", in: text))
            #expect(evidence["start"] as? Int == start)
            #expect(evidence["end"] as? Int == start + "514 555-1234".unicodeScalars.count)
            let mood = try #require((answer.findings[1]["evidence"] as? [[String: Any]])?.first)
            #expect(mood["start"] as? Int == scalarOffset(of: "j'en ai marre", in: text))
            let policy = answer.json?["policy"] as? [String: Any]
            #expect(policy?["name"] as? String == "brouillons")
            #expect(policy?["version"] as? String == "1.0.0")
            #expect((answer.json?["failures"] as? [Any])?.isEmpty == true)
        }
    }

    @Test func lowSeverityWarnsAndCleanDraftPasses() async throws {
        try await withServer { server in
            let warn = try await check(server.port, ["text": "Journée épuisante aujourd'hui."])
            #expect(warn.status == 200)
            #expect(warn.decision == "warn")
            #expect(warn.rules == ["humeur"])
            let allow = try await check(server.port, ["text": "Merci à toute l'équipe pour ce beau travail !"])
            #expect(allow.status == 200)
            #expect(allow.decision == "allow")
            #expect(allow.findings.isEmpty)
        }
    }

    @Test func thePolicySetsTheMapping() async throws {
        // drafts-en: serve = { block = "critical", warn = "medium" }
        try await withServer("drafts-en") { server in
            let phone = try await check(server.port, ["text": "Call me at 514 555-1234"])
            #expect(phone.decision == "warn")
            #expect(phone.rules == ["phone"])
            let mood = try await check(server.port, ["text": "I am fed up"])
            #expect(mood.decision == "allow")
            #expect(mood.rules == ["mood"])  // shown, but it does not warn
            let policy = try await request(server.port, "GET", "/v1/policy")
            let decisions = policy.json?["decisions"] as? [String: Any]
            #expect(decisions?["block"] as? String == "critical")
            #expect(decisions?["warn"] as? String == "medium")
        }
    }

    @Test func personMustBeKnownToTheProfile() async throws {
        try await withServer { server in
            for person in ["karine", "organisation", "employee", "client"] {
                let answer = try await check(server.port, ["text": "Bonjour", "person": person])
                #expect(answer.status == 200, "\(person)")
            }
            let unknown = try await check(server.port, ["text": "Bonjour", "person": "quelqu-un"])
            #expect(unknown.status == 400)
            #expect(unknown.errorCode == "unknown-person")
        }
    }

    @Test func policyDocumentListsRulesAndPrinciples() async throws {
        try await withServer { server in
            let answer = try await request(server.port, "GET", "/v1/policy")
            #expect(answer.status == 200)
            let rules = try #require(answer.json?["rules"] as? [[String: Any]])
            #expect(rules.compactMap { $0["id"] as? String } == ["telephone", "humeur", "boucle", "lente"])
            let principles = try #require(answer.json?["principles"] as? [[String: Any]])
            #expect(principles.contains { $0["text"] as? String == "On ne publie jamais de numéro de téléphone personnel." })
            #expect((answer.json?["policy"] as? [String: Any])?["language"] as? String == "fr")
            #expect((answer.json?["platforms"] as? [String])?.prefix(2) == ["facebook", "linkedin"])
        }
    }

    @Test func healthAndMetrics() async throws {
        try await withServer { server in
            let health = try await request(server.port, "GET", "/healthz")
            #expect(health.status == 200)
            #expect(health.json?["status"] as? String == "ok")
            #expect((health.json?["policy"] as? [String: Any])?["generation"] as? Int == 1)
            _ = try await check(server.port, ["text": "Appelez au 514 555-1234"])
            _ = try await check(server.port, ["text": "Bonne journée"])
            _ = try await check(server.port, ["text": "Bonne soirée"])
            _ = try await request(server.port, "POST", "/v1/check", headers: ["Content-Type": "application/json"],
                                  body: Array("{".utf8))
            let metrics = try await request(server.port, "GET", "/metrics")
            #expect(metrics.status == 200)
            #expect(metrics.headers["content-type"]?.hasPrefix("text/plain; version=0.0.4") == true)
            let lines = Set(metrics.text.split(separator: "\n").map(String.init))
            #expect(lines.contains(#"vigie_serve_requests_total{route="/v1/check",status="200"} 3"#))
            #expect(lines.contains(#"vigie_serve_requests_total{route="/v1/check",status="400"} 1"#))
            #expect(lines.contains(#"vigie_serve_requests_total{route="/healthz",status="200"} 1"#))
            #expect(lines.contains(#"vigie_serve_decisions_total{decision="block"} 1"#))
            #expect(lines.contains(#"vigie_serve_decisions_total{decision="allow"} 2"#))
            #expect(lines.contains(#"vigie_serve_check_duration_seconds_count 3"#))
            #expect(lines.contains(#"vigie_serve_check_duration_seconds_bucket{le="+Inf"} 3"#))
            #expect(lines.contains("# TYPE vigie_serve_rule_failures_total counter"))
            #expect(lines.contains("vigie_serve_workers 2"))
            // Buckets are cumulative.
            let buckets = metrics.text.split(separator: "\n").filter { $0.hasPrefix("vigie_serve_check_duration_seconds_bucket") }
                .compactMap { Int($0.split(separator: " ").last!) }
            #expect(buckets == buckets.sorted())
        }
    }

    @Test func unknownPathsAndMethodsAnswerJSON() async throws {
        try await withServer { server in
            let missing = try await request(server.port, "GET", "/v2/nothing", conform: false)
            #expect(missing.status == 404)
            #expect(missing.errorCode == "not-found")
            expectErrorConforms(missing)
            let wrong = try await request(server.port, "GET", "/v1/check", conform: false)
            expectErrorConforms(wrong)
            #expect(wrong.status == 405)
            #expect(wrong.headers["allow"] == "POST")
            #expect(wrong.errorCode == "method-not-allowed")
            let put = try await request(server.port, "PUT", "/healthz", conform: false)
            #expect(put.status == 405)
            #expect(put.headers["allow"] == "GET")
            expectErrorConforms(put)
        }
    }

    @Test func pageIsSelfContainedInThePolicyLanguage() async throws {
        try await withServer { server in
            let page = try await request(server.port, "GET", "/")
            #expect(page.status == 200)
            #expect(page.headers["content-type"] == "text/html; charset=utf-8")
            let html = page.text
            #expect(html.contains("<html lang=\"fr\">"))
            #expect(html.contains("Vérifier avant de publier"))
            #expect(html.contains("<option value=\"facebook\" selected>Facebook</option>"))
            // Nothing from elsewhere: no external script, style, font, image or link.
            for needle in ["http://", "https://", "src=", "@import", "url(", "//"] {
                #expect(!html.contains(needle), "\(needle)")
            }
            // The one link is the icon, inline (no request for /favicon.ico).
            #expect(html.components(separatedBy: "<link").count == 2)
            #expect(html.contains("<link rel=\"icon\" href=\"data:,\">"))
            let policy = try #require(page.headers["content-security-policy"])
            #expect(policy.contains("default-src 'none'"))
            #expect(policy.contains("connect-src 'self'"))
            #expect(html.contains("name=\"viewport\" content=\"width=device-width, initial-scale=1\""))
        }
        try await withServer("drafts-en") { server in
            let html = try await request(server.port, "GET", "/").text
            #expect(html.contains("<html lang=\"en\">"))
            #expect(html.contains("Check before you post"))
            #expect(!html.contains("Vérifier"))
        }
    }

    /// The CSP names the page's own inline script and style by their hashes.
    @Test func contentSecurityPolicyHashesMatchThePage() {
        func digest(_ text: String) -> String { Data(SHA256.hash(Array(text.utf8))).base64EncodedString() }
        #expect(ServePage.contentSecurityPolicy.contains("'sha256-\(digest(ServePage.script))'"))
        #expect(ServePage.contentSecurityPolicy.contains("'sha256-\(digest(ServePage.style))'"))
        let page = String(decoding: ServePage.render(
            language: "fr", policyName: "<b>x</b> {script}", version: "1", platforms: ["facebook"],
            mapping: .default), as: UTF8.self)
        #expect(page.contains("<script>\(ServePage.script)</script>"))
        #expect(page.contains("<style>\(ServePage.style)</style>"))
        // Text from the policy is escaped and never taken for a placeholder.
        #expect(page.contains("&lt;b&gt;x&lt;/b&gt; {script}"))
    }
}
