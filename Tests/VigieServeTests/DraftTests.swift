import Foundation
import Testing
import VigieModel
@testable import VigieServe

/// Reading a draft from a request body, and the decision from severities.
@Suite struct DraftTests {
    func parse(_ text: String) throws(ServeError) -> Draft { try Draft.parse(Array(text.utf8)) }

    @Test func readsEveryField() throws {
        let draft = try parse(#"{"text":"Bonjour","platform":"LinkedIn","kind":"comment","visibility":"followers","person":"karine"}"#)
        #expect(draft == Draft(text: "Bonjour", platform: "linkedin", kind: .comment, visibility: .followers, person: "karine"))
        #expect(try parse(#"{"text":"", "platform": null}"#) == Draft(text: ""))
    }

    @Test(arguments: [
        (#"{"platform":"facebook"}"#, "\"text\" is required"),
        (#"{"text":12}"#, "\"text\" must be a text"),
        (#"{"text":true}"#, "\"text\" must be a text"),
        (#"{"text":"a","kind":"story"}"#, "\"kind\" must be one of"),
        (#"{"text":"a","visibility":"everyone"}"#, "\"visibility\" must be one of"),
        (#"{"text":"a","platform":"face book"}"#, "\"platform\" must be a platform name"),
        (#"{"text":"a","person":""}"#, "\"person\" must be the id"),
        (#"{"text":"a","author":"x"}"#, "unknown field \"author\""),
        (#"["text"]"#, "must be a JSON object"),
    ])
    func refusesMalformedDrafts(body: String, message: String) {
        #expect {
            try parse(body)
        } throws: { error in
            guard let error = error as? ServeError else { return false }
            return error.status == .badRequest && error.code == "invalid-draft" && error.message.contains(message)
        }
    }

    @Test func refusesInvalidJSONAndUTF8() {
        #expect(throws: ServeError.self) { try parse(#"{"text": "a""#) }
        do {
            _ = try parse(#"{"text": "a""#)
        } catch {
            #expect(error.code == "invalid-json")
        }
        // 0xC3 0x28: a two-byte sequence broken by "(".
        let bytes: [UInt8] = Array(#"{"text":""#.utf8) + [0xC3, 0x28] + Array(#""}"#.utf8)
        do {
            _ = try Draft.parse(bytes)
            Issue.record("invalid UTF-8 was accepted")
        } catch {
            #expect(error.code == "invalid-utf8")
            #expect(!error.message.contains("\u{FFFD}"))
        }
    }

    @Test func errorsAreJSONWithoutTheDraft() throws {
        do {
            _ = try parse(#"{"text": 5, "secret": "514 555-1234"}"#)
            Issue.record("accepted")
        } catch {
            let body = try JSONSerialization.jsonObject(with: error.body) as? [String: Any]
            let inner = body?["error"] as? [String: Any]
            #expect(inner?["code"] as? String == "invalid-draft")
            #expect(!String(decoding: error.body, as: UTF8.self).contains("514"))
        }
    }

    /// The hand-written JSON reads back as the same texts.
    @Test func jsonTextRoundTrips() throws {
        for text in ["", "plain", "quote \" and \\ backslash", "line\nfeed\r\ttab\u{1}\u{1f}", "<script>&</script>",
                     "separators \u{2028} \u{2029}", "Été 🌞 œ’\u{00A0}", "\u{7f}\u{80}"] {
            let data = JSONText.quoted(text)
            let back = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) as? String
            #expect(back == text)
            #expect(!String(decoding: data, as: UTF8.self).contains("<"))
        }
    }

    @Test func draftBecomesAnActivity() {
        let draft = Draft(text: "Salut 👋", platform: nil, kind: .directMessage, visibility: nil, person: "karine")
        let activity = DraftActivity.activity(for: draft, defaultPlatform: "facebook")
        #expect(activity.text == "Salut 👋")
        #expect(activity.platform == .facebook)
        #expect(activity.kind == .directMessage)
        #expect(activity.visibility == .public)
        #expect(activity.actorID == "karine")
    }

    @Test func mappingFromSeverities() {
        let standard = DecisionMapping.default
        #expect(standard.decision(for: []) == .allow)
        #expect(standard.decision(for: [.info]) == .allow)
        #expect(standard.decision(for: [.low]) == .warn)
        #expect(standard.decision(for: [.medium, .info]) == .warn)
        #expect(standard.decision(for: [.low, .high]) == .block)
        #expect(standard.decision(for: [.critical]) == .block)
        let strict = DecisionMapping(block: .critical, warn: .medium)
        #expect(strict.decision(for: [.high]) == .warn)
        #expect(strict.decision(for: [.low]) == .allow)
        #expect(strict.decision(for: [.critical, .low]) == .block)
    }
}
