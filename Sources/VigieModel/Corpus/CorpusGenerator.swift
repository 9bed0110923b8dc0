import Foundation

/// Generates a synthetic, deterministic corpus of activities in French and
/// English for benchmarks and for trying a policy: invented people of an
/// invented company posting ordinary things, with a known share of posts
/// that break the usual rules (personal data, absence announcements,
/// venting and insults, disclosure of classified markers, night posting).
///
/// The same seed and options always give the same activities, byte for
/// byte. Nothing here is real: phone numbers are 555 or reserved ranges,
/// domains are `exemple.fr`/`example.com`.
public struct CorpusGenerator: Sequence {
    public struct Options: Sendable, Equatable {
        public var count: Int
        public var seed: UInt64 = 42
        /// The share of activities that carry one violation (0...1).
        public var violationRate: Double = 0.1
        /// The share of activities in French (the rest in English).
        public var frenchShare: Double = 0.7
        /// How many invented employees post.
        public var people: Int = 200
        /// The first activity's time; the corpus spans about `days` days.
        public var start = Timestamp(secondsSince1970: 1_767_225_600, utcOffset: -5 * 3600)  // 2026-01-01
        public var days: Int = 365

        public init(count: Int) { self.count = count }
    }

    /// What a generated activity carries, known in advance.
    public enum Violation: String, CaseIterable, Sendable, Codable {
        case phone, email, address, absence, venting, insult, classified, nightPosting = "night-posting"
    }

    public let options: Options

    public init(options: Options) { self.options = options }

    public func makeIterator() -> Iterator { Iterator(options: options) }

    /// One activity and the violation planted in it, if any.
    public struct Generated: Sendable {
        public var activity: Activity
        public var violation: Violation?
    }

    public struct Iterator: IteratorProtocol {
        let options: Options
        var random: SplitMix64
        var index = 0

        init(options: Options) {
            self.options = options
            random = SplitMix64(seed: options.seed)
        }

        public mutating func next() -> Generated? {
            guard index < options.count else { return nil }
            defer { index += 1 }
            return generate(index)
        }

        private mutating func generate(_ i: Int) -> Generated {
            let person = Int(random.next() % UInt64(Swift.max(1, options.people)))
            let french = random.unit() < options.frenchShare
            let platform = Corpus.platforms[Int(random.next() % UInt64(Corpus.platforms.count))]
            let violation: Violation? =
                random.unit() < options.violationRate
                ? Violation.allCases[Int(random.next() % UInt64(Violation.allCases.count))] : nil
            let span = Double(options.days) * 86_400
            var seconds = options.start.secondsSince1970 + span * Double(i) / Double(Swift.max(1, options.count))
            // Office hours unless the violation is night posting.
            let localHour = violation == .nightPosting ? 2 + Int(random.next() % 3) : 8 + Int(random.next() % 11)
            let local = seconds + Double(options.start.utcOffset)
            let dayStart = (local / 86_400).rounded(.down) * 86_400
            seconds = dayStart + Double(localHour * 3600 + Int(random.next() % 3600)) - Double(options.start.utcOffset)

            let bank = french ? Corpus.french : Corpus.english
            var text = pick(bank.ordinary)
            switch violation {
            case .phone: text += " " + pick(bank.phone)
            case .email: text += " " + pick(bank.email)
            case .address: text = pick(bank.address)
            case .absence: text = pick(bank.absence)
            case .venting: text = pick(bank.venting)
            case .insult: text = pick(bank.insult)
            case .classified: text = pick(bank.classified)
            case .nightPosting, nil: break
            }
            let handle = "@\(TextNormalizer.standard.fold(Corpus.firstNames[person % Corpus.firstNames.count])).\(person)"
            let author = Account(
                platform: platform, handle: handle, id: "emp-\(person)",
                displayName: "\(Corpus.firstNames[person % Corpus.firstNames.count]) \(Corpus.lastNames[(person / 7) % Corpus.lastNames.count])")
            let activity = Activity(
                id: "corpus-\(options.seed)-\(i)", kind: i % 5 == 4 ? .comment : .post, platform: platform,
                author: author, actorID: "emp-\(person)",
                timestamp: Timestamp(secondsSince1970: seconds, utcOffset: options.start.utcOffset),
                visibility: .public, text: text, language: french ? "fr" : "en",
                hashtags: i % 3 == 0 ? [french ? "equipe" : "team"] : [],
                source: RecordSource(file: "corpus", index: i, line: i + 1))
            return Generated(activity: activity, violation: violation)
        }

        private mutating func pick(_ list: [String]) -> String {
            list[Int(random.next() % UInt64(list.count))]
        }
    }
}

/// A small, fast, seedable generator (Steele, Lea and Flood's SplitMix64).
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A double in [0, 1).
    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
}
