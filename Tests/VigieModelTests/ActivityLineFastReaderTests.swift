import Foundation
import Testing

@testable import VigieModel

/// The fast line reader must decode exactly what `JSONDecoder` +
/// `Activity.init(from:)` decode, and leave everything else to them.
@Suite struct ActivityLineFastReaderTests {
    /// What decoding one line gives, comparable: the activity with its exact
    /// encoding (which tells apart what `==` does not: canonically equivalent
    /// strings, -0.0 and 0.0), or the issue.
    enum Outcome: Equatable, CustomStringConvertible {
        case activity(Activity, encoded: Data, line: Int)
        case skipped(ImportIssue)
        case blank

        var description: String {
            switch self {
            case .activity(_, let encoded, let line): "line \(line): " + String(decoding: encoded, as: UTF8.self)
            case .skipped(let issue): "skipped: \(issue)"
            case .blank: "blank"
            }
        }
    }

    static func encoded(_ activity: Activity) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try! encoder.encode(activity)
    }

    static func outcome(_ bytes: [UInt8], fast: Bool, line: Int = 3, index: Int = 2) -> Outcome {
        let decoder = ActivityLineDecoder(file: "t.jsonl", usesFastReader: fast)
        switch decoder.decode(.text(number: line, bytes: bytes), index: index) {
        case .activity(let activity, let line)?: return .activity(activity, encoded: encoded(activity), line: line)
        case .skipped(let issue)?: return .skipped(issue)
        case nil: return .blank
        }
    }

    /// The fast reader alone (nil: it leaves the line to JSONDecoder).
    static func fastOnly(_ bytes: [UInt8]) -> Activity? {
        bytes.withUnsafeBufferPointer { ActivityLineFastReader.decode($0) }
    }

    /// Checks that the fast reader takes the line itself and that the result is
    /// what JSONDecoder gives.
    static func expectFastAndSame(_ bytes: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) {
        let line = String(decoding: bytes.prefix(300), as: UTF8.self)
        #expect(fastOnly(bytes) != nil, "fast reader gave up on \(line)", sourceLocation: sourceLocation)
        let slow = outcome(bytes, fast: false)
        guard case .activity = slow else {
            Issue.record("JSONDecoder did not decode \(line): \(slow)", sourceLocation: sourceLocation)
            return
        }
        #expect(outcome(bytes, fast: true) == slow, "\(line)", sourceLocation: sourceLocation)
    }

    /// Lines written by `ActivityStreamWriter`.
    static func streamLines(_ activities: some Sequence<Activity>) throws -> [[UInt8]] {
        let folder = try TemporaryFolder()
        defer { folder.cleanup() }
        let path = folder.path("stream.jsonl")
        let writer = try ActivityStreamWriter(path: path)
        for activity in activities { try writer.write(activity) }
        try writer.close()
        let data = try #require(FileManager.default.contents(atPath: path))
        return data.split(separator: 0x0A).map { Array($0) }
    }

    // MARK: Lines Vigie writes

    @Test(arguments: [(seed: UInt64(7), french: 0.5), (seed: 11, french: 0.9), (seed: 12, french: 0.1)])
    func corpusLinesDecodeTheSameBothWays(seed: UInt64, french: Double) throws {
        var options = CorpusGenerator.Options(count: 1500)
        options.seed = seed
        options.frenchShare = french
        options.violationRate = 0.3
        let generated = CorpusGenerator(options: options).map(\.activity)
        let lines = try Self.streamLines(generated)
        #expect(lines.count == 1500)
        var taken = 0
        for (k, line) in lines.enumerated() {
            if Self.fastOnly(line) != nil { taken += 1 }
            let fast = Self.outcome(line, fast: true)
            #expect(fast == Self.outcome(line, fast: false), "line \(k + 1)")
            if case .activity(let activity, _, _) = fast {
                #expect(activity == generated[k])
            } else {
                Issue.record("line \(k + 1) not decoded: \(fast)")
            }
        }
        #expect(taken == lines.count)
    }

    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static var exampleExports: [String] {
        let policies = repositoryRoot.appendingPathComponent("Policies")
        let manager = FileManager.default
        var paths: [String] = []
        for policy in (try? manager.contentsOfDirectory(atPath: policies.path)) ?? [] {
            let data = policies.appendingPathComponent(policy).appendingPathComponent("donnees")
            for entry in (try? manager.contentsOfDirectory(atPath: data.path)) ?? [] {
                paths.append(data.appendingPathComponent(entry).path)
            }
        }
        return paths.sorted()
    }

    /// The example exports of `Policies/*/donnees`, and the importers' test
    /// exports (which have EXIF data and places).
    @Test func exampleExportsDecodeTheSameBothWays() throws {
        let fixtures = ["facebook", "facebook-old", "instagram", "linkedin", "mastodon", "twitter"].map { fixture($0) }
        let exports = Self.exampleExports + fixtures
        #expect(exports.count >= 14)
        var total = 0
        var all: [Activity] = []
        for path in exports {
            let activities = try runImport(path).activities
            #expect(!activities.isEmpty, "\(path)")
            total += activities.count
            all += activities
            let lines = try Self.streamLines(activities)
            for (k, line) in lines.enumerated() {
                Self.expectFastAndSame(line)
                if case .activity(let activity, _, _) = Self.outcome(line, fast: true) {
                    #expect(activity == activities[k], "\(path) #\(k)")
                }
            }
        }
        #expect(total > 50)
        let counts = [
            "exif": all.filter { $0.attachments.contains { $0.exif != nil } }.count,
            "place": all.filter { $0.place != nil }.count,
            "replyTo": all.filter { $0.replyTo != nil }.count,
            "recipients": all.filter { !$0.recipients.isEmpty }.count,
            "attachments": all.filter { !$0.attachments.isEmpty }.count,
        ]
        #expect(counts.values.allSatisfy { $0 > 0 }, "\(counts)")
    }

    // MARK: Hand-written lines

    static let head = #""schema":"vigie.activity/1","id":"x:1","kind":"post","platform":"mastodon","author":{"platform":"mastodon"},"timestamp":"2024-01-01T00:00:00Z""#

    static let acceptedLines: [String] = [
        // Minimal: every optional missing (normalizedText computed, source defaulted).
        "{\(head)}",
        "{\(head),\"text\":\"𝗕𝗢𝗟𝗗 Été, ça va ? ﬁn\"}",
        // Escapes, \u escapes, surrogate pairs, NUL.
        #"{"#
            + head
            + #","text":"L1\nL2 \"cité\" \\ \/ \t \b \f \r \u00e9\u00E9 \u20ac \ud83d\ude00 \uD83C\uDDEB\uD83C\uDDF7 a\u0000b e\u0301","normalizedText":"x\u2019y"}"#,
        // Raw non-ASCII: combining marks, emoji, other scripts.
        "{\(head),\"text\":\"e\u{301} 🙂 👩‍👩‍👧 مرحبا 你好 Ωμέγα\",\"hashtags\":[\"ménage\",\"été\"],\"title\":\"Œuvre\"}",
        // Members in another order, the schema last.
        #"{"timestamp":"2024-01-01T00:00:00Z","text":"t","author":{"handle":"@a","platform":"twitter"},"platform":"twitter","kind":"reply","id":"x:2","schema":"vigie.activity/1"}"#,
        // Unknown members everywhere, of every kind.
        #"{"#
            + head
            + #","extra":{"a":[1,-2.5e3,true,false,null,{"b":"\u00e9"}],"c":{}},"more":[],"n":-0.0,"s":"\ud83d\ude00","author2":{"platform":1}}"#,
        #"{"schema":"vigie.activity/1","id":"x:1","kind":"post","platform":"x","author":{"platform":"x","future":[1,{"k":null}],"url":"https://x/a"},"timestamp":"2024-01-01T00:00:00Z","attachments":[{"kind":"image","x":1,"exif":{"y":2,"device":"Pixel"}}],"place":{"z":[],"name":"N"},"replyTo":{"w":"v","activityID":"9"},"source":{"file":"f","index":1,"q":0}}"#,
        // null for every optional member.
        #"{"#
            + head
            + #","actorID":null,"visibility":null,"recipients":null,"text":null,"normalizedText":null,"language":null,"contentWarning":null,"sensitive":null,"title":null,"mentions":null,"hashtags":null,"links":null,"attachments":null,"place":null,"replyTo":null,"sharedURL":null,"conversationID":null,"source":null}"#,
        // Nulls inside nested objects.
        #"{"schema":"vigie.activity/1","id":"x:1","kind":"post","platform":"x","author":{"platform":"x","handle":null,"id":null,"displayName":null,"url":null},"timestamp":"2024-01-01T00:00:00Z","attachments":[{"kind":"video","uri":null,"mediaType":null,"altText":null,"exif":null},{"kind":"link","exif":{"location":null,"takenAt":null,"device":null}}],"place":{"name":null,"address":null,"location":null},"replyTo":{"activityID":null,"account":null},"source":{"file":"f","index":0,"line":null}}"#,
        // Everything filled in.
        #"{"schema":"vigie.activity/1","actorID":"emp-1","attachments":[{"altText":"Le chantier","exif":{"device":"iPhone 12","location":{"latitude":45.50888888888889,"longitude":-73.56166666666667},"takenAt":"2024-05-01T10:00:00.250-04:00"},"kind":"image","mediaType":"image/jpeg","uri":"media/a.jpg"},{"kind":"document","uri":"b.pdf"}],"author":{"displayName":"Anne Roy","handle":"@anne","id":"123","platform":"Twitter","url":"https://x.com/anne"},"contentWarning":"cw","conversationID":"c-1","hashtags":["a","b"],"id":"twitter:1","kind":"direct-message","language":"fr","links":["https://ex.com/a?b=c&d"],"mentions":["@bob","@c@d.social"],"normalizedText":"bonjour","place":{"address":"1 rue X","location":{"latitude":48.8566,"longitude":2.3522},"name":"Paris"},"platform":"twitter","recipients":[{"platform":"twitter","handle":"@bob"},{"platform":"twitter","id":"42","displayName":"Chloé"}],"replyTo":{"account":{"handle":"@bob","platform":"twitter"},"activityID":"twitter:0"},"sensitive":true,"sharedURL":"https://x.com/s/1","source":{"file":"export.zip!/data/tweets.js","index":12,"line":340},"text":"Bonjour","timestamp":"2024-05-01T10:00:00-04:00","title":"T","visibility":"direct"}"#,
        // Whitespace around everything.
        " \t{ \"schema\" : \"vigie.activity/1\" ,\n \"id\" : \"x:1\" , \"kind\":\"share\",\"platform\" :\"x\",\"author\":{ \"platform\" : \"x\" } ,\"timestamp\" : \"2024-01-01T00:00:00Z\", \"hashtags\" : [ \"a\" , \"b\" ] , \"recipients\" : [ ] , \"sensitive\" : false } \t ",
        // Platforms are lowercased; kinds and visibilities.
        #"{"schema":"vigie.activity/1","id":"x:1","kind":"comment","platform":"LinkedIn","author":{"platform":"MASTODON"},"timestamp":"2024-01-01T00:00:00Z","visibility":"connections"}"#,
        #"{"schema":"vigie.activity/1","id":"x:1","kind":"post","platform":"\u0058","author":{"platform":"\u00c9t\u00C9"},"timestamp":"2024-01-01T00:00:00Z","visibility":"\u0064irect","attachments":[{"kind":"\u0069mage"}]}"#,
        #"{"schema":"vigie.activity/1","id":"x:1","kind":"\u0070ost","platform":"Été","author":{"platform":"Ωmega"},"timestamp":"2024-01-01T00:00:00Z"}"#,
        // Empty strings, arrays and objects.
        #"{"schema":"vigie.activity/1","id":"","kind":"post","platform":"","author":{"platform":""},"timestamp":"2024-01-01T00:00:00Z","text":"","mentions":[],"attachments":[],"place":{},"replyTo":{},"source":{"file":"","index":0}}"#,
        // Numbers for the source and the coordinates.
        #"{"#
            + head
            + #","source":{"file":"f","index":-3,"line":123456789012345678},"place":{"location":{"latitude":-0.0,"longitude":0}}}"#,
        #"{"#
            + head
            + #","place":{"location":{"latitude":1e-5,"longitude":2.5E+1}},"attachments":[{"kind":"other","exif":{"location":{"longitude":-180,"latitude":123.456e-2}}}]}"#,
        #"{"#
            + head
            + #","place":{"location":{"latitude":0.1000000000000000055511151231257827,"longitude":45.508888888888888888888888}}}"#,
        #"{"#
            + head
            + #","place":{"location":{"latitude":4.9e-324,"longitude":1e-320}},"attachments":[{"kind":"image","exif":{"location":{"latitude":-0.000,"longitude":1.7976931348623157e308}}}]}"#,
    ]
        + [
            "2024-01-01T00:00:00Z", "2024-01-01T00:00:00z", "2024-01-01T00:00:00", "2024-01-01 00:00:00+02:00",
            "2024-02-29T23:59:60-0330", "2024-01-01T00:00:00.5Z", "2024-01-01T00:00:00,25+05:30",
            "2024-01-01T00:00:00.123456789-08:00", "1969-12-31T23:59:59.999Z", "0001-01-01T00:00:00Z",
            "2024-06-30T12:00:00.001+14:00", "2024-06-30T12:00:00.0005Z",
        ].map { #"{"schema":"vigie.activity/1","id":"x:1","kind":"post","platform":"x","author":{"platform":"x"},"timestamp":"\#($0)","attachments":[{"kind":"image","exif":{"takenAt":"\#($0)"}}]}"# }
        + ["1700000000", "1700000000.25", "-1.5", "0", "1.7e9", "-0"].map {
            #"{"schema":"vigie.activity/1","id":"x:1","kind":"post","platform":"x","author":{"platform":"x"},"timestamp":\#($0),"attachments":[{"kind":"image","exif":{"takenAt":\#($0)}}]}"#
        }

    @Test func handWrittenLinesDecodeTheSameBothWays() {
        for line in Self.acceptedLines {
            Self.expectFastAndSame(Array(line.utf8))
        }
    }

    /// Lines the fast reader leaves to JSONDecoder: lenient JSON that
    /// JSONDecoder accepts, forms it reads differently, and bad lines. The
    /// result must be the same whichever way the decoder starts.
    static let fallbackLines: [String] = [
        // JSONDecoder keeps the first of two members with the same name.
        "{\(head),\"id\":\"x:2\"}",
        "{\(head),\"text\":\"a\",\"text\":\"b\"}",
        #"{"schema":"vigie.activity/1","id":"x:1","kind":"post","platform":"x","author":{"platform":"x","platform":"y"},"timestamp":"2024-01-01T00:00:00Z"}"#,
        // Escaped member names and schema.
        #"{"schema":"vigie.activity/1","\u0069d":"x:1","kind":"post","platform":"x","author":{"platform":"x"},"timestamp":"2024-01-01T00:00:00Z"}"#,
        #"{"schema":"vigie.activity\/1","id":"x:1","kind":"post","platform":"x","author":{"platform":"x"},"timestamp":"2024-01-01T00:00:00Z"}"#,
        #"{"schema":"vigie.activity/1","id":"x:1","kind":"post","platform":"x","author":{"platform":"x"},"timestamp":"2024\u002d01-01T00:00:00Z"}"#,
        // Lenient JSON.
        "{\(head),}",
        "{\(head),\"extra\":01}",
        "{\(head),\"extra\":1.5e}",
        "\u{FEFF}{\(head)}",
        // Integers written as decimals.
        "{\(head),\"source\":{\"file\":\"f\",\"index\":1.0}}",
        "{\(head),\"source\":{\"file\":\"f\",\"index\":1e2,\"line\":-0}}",
        "{\(head),\"source\":{\"file\":\"f\",\"index\":1234567890123456789}}",
        "{\(head),\"source\":{\"file\":\"f\",\"index\":12345678901234567890}}",
        // Deep nesting in an unknown member.
        "{\(head),\"deep\":\(String(repeating: "[", count: 100))\(String(repeating: "]", count: 100))}",
        // Numbers out of range.
        "{\(head),\"place\":{\"location\":{\"latitude\":1e400,\"longitude\":0}}}",
        "{\(head),\"place\":{\"location\":{\"latitude\":1e-400,\"longitude\":4.9e-324}}}",
        "{\(head),\"place\":{\"location\":{\"latitude\":0e5,\"longitude\":1}}}",
        "{\(head),\"place\":{\"location\":{\"latitude\":1,\"longitude\":-0.0E0}}}",
        "{\(head),\"place\":{\"location\":{\"latitude\":0.\(String(repeating: "0", count: 400))1,\"longitude\":1}}}",
        "{\(head),\"place\":{\"location\":{\"latitude\":1.7976931348623159e308,\"longitude\":1}}}",
        #"{"schema":"vigie.activity/1","id":"x:1","kind":"post","platform":"x","author":{"platform":"x"},"timestamp":1e400}"#,
        // Bad lines.
        "{\(head)",
        "{\(head)} x",
        "[\(head)]",
        "null",
        "42",
        "\"text\"",
        "{}",
        "{\"schema\":\"vigie.activity/2\",\"id\":\"y\"}",
        "{\"schema\":null,\"id\":\"y\"}",
        "{\"schema\":1,\"id\":\"y\"}",
        "{\"id\":\"y\"}",
        #"{"schema":"vigie.activity/1","kind":"post","platform":"x","author":{"platform":"x"},"timestamp":"2024-01-01T00:00:00Z"}"#,
        #"{"schema":"vigie.activity/1","id":"x:1","kind":"post","platform":"x","author":{"handle":"x"},"timestamp":"2024-01-01T00:00:00Z"}"#,
        #"{"schema":"vigie.activity/1","id":"x:1","kind":"post","platform":"x","timestamp":"2024-01-01T00:00:00Z"}"#,
        #"{"schema":"vigie.activity/1","id":"x:1","kind":"post","platform":"x","author":{"platform":"x"}}"#,
        #"{"schema":"vigie.activity/1","id":5,"kind":"post","platform":"x","author":{"platform":"x"},"timestamp":"2024-01-01T00:00:00Z"}"#,
        #"{"schema":"vigie.activity/1","id":null,"kind":"post","platform":"x","author":{"platform":"x"},"timestamp":"2024-01-01T00:00:00Z"}"#,
        #"{"schema":"vigie.activity/1","id":"x:1","kind":"tweet","platform":"x","author":{"platform":"x"},"timestamp":"2024-01-01T00:00:00Z"}"#,
        #"{"schema":"vigie.activity/1","id":"x:1","kind":"post","platform":"x","author":"x","timestamp":"2024-01-01T00:00:00Z"}"#,
        #"{"schema":"vigie.activity/1","id":"x:1","kind":"post","platform":"x","author":null,"timestamp":"2024-01-01T00:00:00Z"}"#,
        #"{"schema":"vigie.activity/1","id":"x:1","kind":"post","platform":"x","author":{"platform":"x"},"timestamp":null}"#,
        #"{"schema":"vigie.activity/1","id":"x:1","kind":"post","platform":"x","author":{"platform":"x"},"timestamp":"2024-13-01T00:00:00Z"}"#,
        #"{"schema":"vigie.activity/1","id":"x:1","kind":"post","platform":"x","author":{"platform":"x"},"timestamp":"01/01/2024"}"#,
        #"{"schema":"vigie.activity/1","id":"x:1","kind":"post","platform":"x","author":{"platform":"x"},"timestamp":true}"#,
        "{\(head),\"sensitive\":1}",
        "{\(head),\"visibility\":\"secret\"}",
        "{\(head),\"hashtags\":\"a\"}",
        "{\(head),\"hashtags\":[1]}",
        "{\(head),\"hashtags\":[null]}",
        "{\(head),\"recipients\":[null]}",
        "{\(head),\"attachments\":[{\"uri\":\"a\"}]}",
        "{\(head),\"attachments\":[{\"kind\":\"gif\"}]}",
        "{\(head),\"source\":{\"file\":\"f\",\"index\":\"1\"}}",
        "{\(head),\"source\":{\"index\":1}}",
        "{\(head),\"place\":{\"location\":{\"latitude\":\"1\",\"longitude\":2}}}",
        "{\(head),\"place\":{\"location\":{\"latitude\":1}}}",
        "{\(head),\"text\":\"\\ud800\"}",
        "{\(head),\"text\":\"\\udc00\\ud800\"}",
        "{\(head),\"text\":\"\\ud800\\u0041\"}",
        "{\(head),\"text\":\"\\x\"}",
        "{\(head),\"text\":\"\\u00g0\"}",
        "{\(head),\"text\":\"tab\there\"}",
        "{\(head),\"extra\":[1,2,]}",
        "{\(head),\"extra\":nul}",
        "{\(head),\"extra\":-}",
        "{\(head),\"extra\":NaN}",
        "{\(head),\"extra\":{\"a\" 1}}",
        "{\(head) \"text\":\"a\"}",
    ]

    @Test func otherLinesGiveTheSameRecordBothWays() {
        for line in Self.fallbackLines {
            let bytes = Array(line.utf8)
            #expect(Self.fastOnly(bytes) == nil, "fast reader took \(line)")
            #expect(Self.outcome(bytes, fast: true) == Self.outcome(bytes, fast: false), "\(line)")
        }
        // Blank lines are no records.
        for bytes: [UInt8] in [[], [0x20, 0x09]] {
            #expect(Self.outcome(bytes, fast: true) == .blank)
            #expect(Self.outcome(bytes, fast: false) == .blank)
        }
    }

    /// Member names are scanned eight bytes at a time: a quote, escape,
    /// control character or non-ASCII byte anywhere in a long or short name
    /// is found, and the line goes the way JSONDecoder takes it.
    @Test func memberNamesOfEveryLengthReadTheSameBothWays() {
        for name in ["a", "abcdefg", "abcdefgh", "abcdefghi", "anUnknownMemberNameLongerThanSixteen"] {
            Self.expectFastAndSame(Array("{\(Self.head),\"\(name)\":1}".utf8))
        }
        for name in ["normalizedTé", "abcdefghé", "conversation\\u0049D", "abcdefgh\\\"", "contentWarning\u{01}",
                     "abcdefg\u{7F}h"] {
            let bytes = Array("{\(Self.head),\"\(name)\":1}".utf8)
            if name.utf8.contains(0x7F) {
                // DEL is an ordinary character in a JSON name
                #expect(Self.outcome(bytes, fast: true) == Self.outcome(bytes, fast: false), "\(name)")
                continue
            }
            #expect(Self.fastOnly(bytes) == nil, "fast reader took \(name)")
            #expect(Self.outcome(bytes, fast: true) == Self.outcome(bytes, fast: false), "\(name)")
        }
    }

    /// The fast reader checks UTF-8 as it reads (the line is not checked
    /// before it): invalid bytes anywhere make it give up, and the line is
    /// reported as before.
    @Test func invalidUTF8IsLeftToTheCheck() {
        let line = Array(#"{"schema":"vigie.activity/1","id":"x:1","kind":"post","platform":"x","author":{"platform":"x","handle":"@éa"},"timestamp":"2024-01-01T00:00:00Z","text":"Déjà vu, à côté","extra":{"k":["vé"]}}"#.utf8)
        #expect(Self.fastOnly(line) != nil)
        let bad: [[UInt8]] = [[0xFF], [0xC3], [0xE9], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xC0, 0xAF], [0x80]]
        var cases = 0
        for position in line.indices where position > 0 {
            for bytes in bad {
                var broken = line
                broken.insert(contentsOf: bytes, at: position)
                #expect(Self.fastOnly(broken) == nil, "\(bytes) at \(position)")
                guard case .skipped(let issue) = Self.outcome(broken, fast: true) else {
                    Issue.record("\(bytes) at \(position): not skipped")
                    continue
                }
                #expect(issue.reason == .invalidUTF8)
                cases += 1
            }
        }
        #expect(cases == (line.count - 1) * bad.count)
    }

    @Test func truncatedLinesGiveTheSameRecordBothWays() throws {
        let full = Array(try #require(Self.acceptedLines.first { $0.contains("export.zip") }).utf8)
        for cut in 1..<full.count {
            let bytes = Array(full.prefix(cut))
            guard String(validating: bytes, as: UTF8.self) != nil else { continue }
            #expect(Self.fastOnly(bytes) == nil)
            #expect(Self.outcome(bytes, fast: true) == Self.outcome(bytes, fast: false), "cut at \(cut)")
        }
    }

    /// Random coordinates, written the ways JSON writes numbers: the fast
    /// reader must give the same Double bit for bit.
    @Test func numbersDecodeTheSameBothWays() {
        var random = SplitMix64(seed: 99)
        var texts: [String] = []
        for _ in 0..<400 {
            let bits = random.next()
            let value = Double(bitPattern: bits)
            guard value.isFinite else { continue }
            texts.append("\(value)".replacingOccurrences(of: "+", with: ""))
            texts.append(String(format: "%.17g", value))
            texts.append(String(format: "%.3f", Double(Int64(bitPattern: random.next()) % 180_000_000) / 1e6))
            texts.append(String(format: "%.25e", Double(Int64(bitPattern: random.next()) % 1_000_000) / 7))
            texts.append(String(Int64(bitPattern: random.next()) >> Int(random.next() % 64)))
        }
        var taken = 0
        for text in texts {
            let line = "{\(Self.head),\"place\":{\"location\":{\"latitude\":\(text),\"longitude\":\(text)}}}"
            let bytes = Array(line.utf8)
            let fast = Self.outcome(bytes, fast: true), slow = Self.outcome(bytes, fast: false)
            #expect(fast == slow, "\(text)")
            if Self.fastOnly(bytes) != nil {
                taken += 1
                if case .activity(let a, _, _) = fast, case .activity(let b, _, _) = slow {
                    #expect(a.place?.location?.latitude.bitPattern == b.place?.location?.latitude.bitPattern, "\(text)")
                }
            }
        }
        #expect(taken > texts.count * 9 / 10)
    }

    /// Random text, escaped in different ways (JSONEncoder's, every scalar as
    /// \u with surrogate pairs, raw): the same string comes back.
    @Test func escapedTextDecodesTheSameBothWays() throws {
        var random = SplitMix64(seed: 5)
        let ranges: [ClosedRange<UInt32>] = [0x00...0x7F, 0x80...0x7FF, 0x800...0xD7FF, 0xE000...0xFFFF, 0x10000...0x10FFFF]
        for _ in 0..<300 {
            var scalars = String.UnicodeScalarView()
            for _ in 0..<Int(random.next() % 40) {
                let range = ranges[Int(random.next() % UInt64(ranges.count))]
                let value = range.lowerBound + UInt32(random.next() % UInt64(range.count))
                if let scalar = Unicode.Scalar(value) { scalars.append(scalar) }
            }
            let text = String(scalars)
            let viaEncoder = String(decoding: try JSONEncoder().encode(text), as: UTF8.self)
            var allEscaped = "\""
            for unit in text.utf16 { allEscaped += String(format: "\\u%04x", unit) }
            allEscaped += "\""
            for json in [viaEncoder, allEscaped] {
                let line = "{\(Self.head),\"text\":\(json),\"title\":\(json)}"
                Self.expectFastAndSame(Array(line.utf8))
                if case .activity(let activity, _, _) = Self.outcome(Array(line.utf8), fast: true) {
                    #expect(Array(activity.text.unicodeScalars) == Array(text.unicodeScalars))
                }
            }
        }
    }

    /// The line's UTF-8 check agrees with `String(validating:)` on every
    /// sequence of up to four bytes from the bytes that matter, and on longer
    /// random ones.
    @Test func utf8CheckAgreesWithTheStandardLibrary() {
        let alphabet: [UInt8] = [
            0x00, 0x22, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xC3, 0xDF, 0xE0, 0xE1,
            0xEC, 0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xFF,
        ]
        func check(_ bytes: [UInt8]) -> Bool {
            let mine = bytes.withUnsafeBufferPointer { isValidUTF8($0) }
            return mine == (String(validating: bytes, as: UTF8.self) != nil)
        }
        var disagreements: [[UInt8]] = []
        var valid = 0
        for a in alphabet {
            for b in alphabet {
                for c in alphabet {
                    for d in alphabet {
                        let bytes = [a, b, c, d]
                        if !check(bytes) { disagreements.append(bytes) }
                        if String(validating: bytes, as: UTF8.self) != nil { valid += 1 }
                    }
                    if !check([a, b, c]) { disagreements.append([a, b, c]) }
                }
                if !check([a, b]) { disagreements.append([a, b]) }
            }
        }
        var random = SplitMix64(seed: 3)
        for _ in 0..<50_000 {
            // ASCII runs (the eight-byte path) around the interesting bytes.
            var bytes: [UInt8] = []
            for _ in 0..<Int(random.next() % 30) {
                bytes.append(random.next() % 3 == 0 ? alphabet[Int(random.next() % UInt64(alphabet.count))] : 0x61)
            }
            if !check(bytes) { disagreements.append(bytes) }
        }
        #expect(disagreements.isEmpty, "\(disagreements.prefix(5))")
        #expect(valid > 1000)
    }

    @Test func lineWithoutSourceGetsTheFileAndLine() {
        let bytes = Array("{\(Self.head)}".utf8)
        guard case .activity(let activity, _, let line) = Self.outcome(bytes, fast: true, line: 9, index: 4) else {
            Issue.record("not decoded")
            return
        }
        #expect(line == 9)
        #expect(activity.source == RecordSource(file: "t.jsonl", index: 4, line: 9))
        #expect(activity.normalizedText == TextNormalizer.standard.fold(activity.text))
    }
}
