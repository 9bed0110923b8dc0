/// A pattern over tokens: words (matched by their stems), alternatives,
/// optional parts, bounded gaps and classes of tokens, compiled once into a
/// small automaton (Thompson's construction). Matching simulates it on the
/// tokens of each sentence keeping at most one thread per state, so its
/// cost is linear in the length of the text whatever the pattern: there is
/// no backtracking, and every gap is bounded.
///
/// Syntax (elements separated by spaces):
///
/// | element | matches |
/// |---|---|
/// | `regretter` | a word with the same stem (`regretteras`, `regrette`) |
/// | `=pas` | that exact word (folded: case and accents do not count) |
/// | `arnaqu*` | a word that starts with `arnaqu` |
/// | `paie\|paye\|verse` | one of the words |
/// | `(tu vas \| vous allez)` | one of the sequences |
/// | `vraiment?`, `(tout de suite)?` | the word or group, or nothing |
/// | `…` or `...` | up to 4 tokens of any kind (`…{8}`: up to 8, at most 12) |
/// | `<num>`, `<num:9>`, `<num:9-10>` | a number (of that many digits) |
/// | `<name>` | a capitalised word that does not open its sentence |
/// | `<word>`, `<any>`, `<emoji>`, `<caps>` | any word, any token, a symbol, a word in capitals |
/// | `!recommander` | the word in the scope of a negation (`je ne recommande pas`) |
///
/// Words with apostrophes or hyphens are split as texts are (`j'en` is `je
/// en`, `dis-moi` is `dis moi`). A pattern never spans two sentences.
public final class TokenPattern: Sendable {
    /// One pattern of the set, with its category and weight.
    public struct Source: Sendable, Hashable {
        public var pattern: String
        public var category: String
        public var weight: Double
        public var language: String?

        public init(_ pattern: String, category: String = "pattern", weight: Double = 1, language: String? = nil) {
            self.pattern = pattern
            self.category = category
            self.weight = weight
            self.language = language
        }
    }

    /// Why a pattern does not compile, with the position (in scalars) of the problem.
    public struct SyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
        public var pattern: String
        public var message: String
        public var description: String { "pattern \"\(pattern)\": \(message)" }
    }

    enum Test: Sendable, Hashable {
        /// A token whose candidate keys meet these lexicon-local keys.
        case words([Int32])
        case number(min: Int, max: Int)
        case name, word, any, symbol, caps
    }

    enum State: Sendable, Hashable {
        case consume(test: Int32, negated: Bool, part: Bool, next: Int32)
        case split(Int32, Int32)
        case jump(Int32)
        case accept(Int32)
    }

    public let sources: [Source]
    /// The language of each source (nil: none given).
    let languages: [StemLanguage?]
    /// Where each source's automaton starts.
    let entries: [Int32]
    /// The keys one of which a source's first token must have, sorted (nil:
    /// its first element is a class, any token may start it). A source
    /// whose anchor no token of a text has cannot match there and is skipped.
    let anchors: [[Int32]?]
    /// For each key, the sources whose anchor holds it.
    let sourcesByKey: [[Int32]]
    /// For each source, the word tests every match goes through (as their
    /// keys): a text without a key of each cannot match it.
    let required: [[[Int32]]]
    let keys: [String]
    let tests: [Test]
    let states: [State]

    /// The keys of the tests a match must start with (nil when one of them
    /// is a class): the consuming states reachable from `entry` without consuming.
    static func anchor(from entry: Int32, states: [State], tests: [Test]) -> [Int32]? {
        var keys = Set<Int32>()
        var seen = Set<Int32>()
        var stack = [entry]
        while let s = stack.popLast() {
            guard s >= 0, seen.insert(s).inserted else { continue }
            switch states[Int(s)] {
            case .consume(let test, _, _, _):
                guard case .words(let k) = tests[Int(test)] else { return nil }
                keys.formUnion(k)
            case .split(let a, let b):
                stack.append(a)
                stack.append(b)
            case .jump(let t):
                stack.append(t)
            case .accept:
                return nil
            }
        }
        return keys.sorted()
    }

    /// The word tests a match from `entry` cannot avoid: the consuming
    /// states without which the accepting state is out of reach.
    static func required(from entry: Int32, states: [State], tests: [Test]) -> [[Int32]] {
        // The states of the source, and a mark per state for the searches.
        var reachable: [Int32] = []
        var mark: [Int32: Int] = [:]
        var stack = [entry]
        while let s = stack.popLast() {
            guard s >= 0, mark[s] == nil else { continue }
            mark[s] = 0
            reachable.append(s)
            switch states[Int(s)] {
            case .consume(_, _, _, let next): stack.append(next)
            case .split(let a, let b):
                stack.append(a)
                stack.append(b)
            case .jump(let t): stack.append(t)
            case .accept: break
            }
        }
        guard reachable.count <= 4000 else { return [] }  // the check is quadratic; a huge source goes unfiltered
        let local = Dictionary(uniqueKeysWithValues: reachable.enumerated().map { ($1, $0) })
        var seen = [Int](repeating: -1, count: reachable.count)
        func reachesAccept(avoiding avoided: Int32, _ round: Int) -> Bool {
            stack.removeAll(keepingCapacity: true)
            stack.append(entry)
            while let s = stack.popLast() {
                guard s >= 0, s != avoided, let i = local[s], seen[i] != round else { continue }
                seen[i] = round
                switch states[Int(s)] {
                case .consume(_, _, _, let next): stack.append(next)
                case .split(let a, let b):
                    stack.append(a)
                    stack.append(b)
                case .jump(let t): stack.append(t)
                case .accept: return true
                }
            }
            return false
        }
        var groups: [[Int32]] = []
        for (round, s) in reachable.enumerated() {
            guard case .consume(let t, _, _, _) = states[Int(s)], case .words(let keys) = tests[Int(t)] else { continue }
            if !reachesAccept(avoiding: s, round) { groups.append(keys) }
        }
        return groups
    }

    /// Whether source `i` may match a text in `language` (nil: any).
    @inline(__always)
    func speaks(_ i: Int, _ language: StemLanguage?) -> Bool {
        guard let language, let own = languages[i] else { return true }
        return own == language
    }

    public static let defaultGap = 4
    public static let maximumGap = 12
    public static let maximumLength = 4000
    public static let maximumStates = 20000

    public convenience init(_ pattern: String, category: String = "pattern", weight: Double = 1, language: String? = nil)
        throws(SyntaxError)
    {
        try self.init([Source(pattern, category: category, weight: weight, language: language)])
    }

    /// Several patterns matched together (one pass for all).
    public init(_ sources: [Source]) throws(SyntaxError) {
        self.sources = sources
        var builder = Builder()
        var entries: [Int32] = []
        for (index, source) in sources.enumerated() {
            guard source.pattern.unicodeScalars.count <= Self.maximumLength else {
                throw SyntaxError(pattern: String(source.pattern.prefix(60)) + "…", message: "longer than \(Self.maximumLength) characters")
            }
            let languages = source.language.flatMap(StemLanguage.init(code:)).map { [$0] } ?? StemLanguage.allCases
            var parser = Parser(source: source.pattern, languages: languages, builder: builder)
            let fragment = try parser.parse()
            builder = parser.builder
            let accept = builder.add(.accept(Int32(index)))
            builder.patch(fragment.out, to: accept)
            entries.append(fragment.start)
            guard builder.states.count <= Self.maximumStates else {
                throw SyntaxError(pattern: source.pattern, message: "too large once compiled (more than \(Self.maximumStates) states)")
            }
        }
        self.entries = entries
        anchors = entries.map { Self.anchor(from: $0, states: builder.states, tests: builder.tests) }
        var byKey = [[Int32]](repeating: [], count: builder.keys.count)
        for (i, anchor) in anchors.enumerated() {
            for k in anchor ?? [] { byKey[Int(k)].append(Int32(i)) }
        }
        sourcesByKey = byKey
        required = entries.map { Self.required(from: $0, states: builder.states, tests: builder.tests) }
        languages = sources.map { $0.language.flatMap(StemLanguage.init(code:)) }
        keys = builder.keys
        tests = builder.tests
        states = builder.states
    }

    // MARK: - Building

    struct Fragment {
        var start: Int32
        /// States whose next is still open.
        var out: [Int32]
    }

    struct Builder {
        var states: [State] = []
        var tests: [Test] = []
        var testIndex: [Test: Int32] = [:]
        var keys: [String] = []
        var keyIndex: [String: Int32] = [:]
        let stemmers = Stemmers()

        mutating func add(_ s: State) -> Int32 {
            states.append(s)
            return Int32(states.count - 1)
        }

        mutating func key(_ k: String) -> Int32 {
            if let i = keyIndex[k] { return i }
            keys.append(k)
            keyIndex[k] = Int32(keys.count - 1)
            return Int32(keys.count - 1)
        }

        mutating func test(_ t: Test) -> Int32 {
            if let i = testIndex[t] { return i }
            tests.append(t)
            testIndex[t] = Int32(tests.count - 1)
            return Int32(tests.count - 1)
        }

        /// Points every open exit of a fragment at `target`.
        mutating func patch(_ outs: [Int32], to target: Int32) {
            for o in outs {
                switch states[Int(o)] {
                case .consume(let test, let negated, let part, _):
                    states[Int(o)] = .consume(test: test, negated: negated, part: part, next: target)
                case .split(let a, let b):
                    states[Int(o)] = a < 0 ? .split(target, b) : .split(a, target)
                case .jump:
                    states[Int(o)] = .jump(target)
                case .accept:
                    break
                }
            }
        }

        mutating func consume(_ test: Test, negated: Bool, part: Bool) -> Fragment {
            let s = add(.consume(test: self.test(test), negated: negated, part: part, next: -1))
            return Fragment(start: s, out: [s])
        }

        mutating func sequence(_ fragments: [Fragment]) -> Fragment? {
            guard var result = fragments.first else { return nil }
            for f in fragments.dropFirst() {
                patch(result.out, to: f.start)
                result.out = f.out
            }
            return result
        }

        mutating func alternation(_ fragments: [Fragment]) -> Fragment? {
            // Alternatives of one word each become one state testing all
            // their keys (`a|b|c`: one step per token, not one per word).
            var merged: [Fragment] = []
            var single: [Int: (index: Int, keys: Set<Int32>)] = [:]  // (negated, part) → in merged
            for f in fragments {
                guard f.out == [f.start], case .consume(let t, let negated, let part, let next) = states[Int(f.start)], next < 0,
                    case .words(let keys) = tests[Int(t)]
                else {
                    merged.append(f)
                    continue
                }
                let kind = (negated ? 2 : 0) + (part ? 1 : 0)
                if single[kind] == nil {
                    single[kind] = (merged.count, Set(keys))
                    merged.append(f)
                } else {
                    single[kind]!.keys.formUnion(keys)  // the word's own state is left unreachable
                }
            }
            for (kind, m) in single {
                let into = merged[m.index].start
                states[Int(into)] = .consume(test: test(.words(m.keys.sorted())), negated: kind >= 2, part: kind % 2 == 1, next: -1)
            }
            guard var result = merged.last else { return nil }
            for f in merged.dropLast().reversed() {
                let s = add(.split(f.start, result.start))
                result = Fragment(start: s, out: f.out + result.out)
            }
            return result
        }

        mutating func optional(_ f: Fragment) -> Fragment {
            let s = add(.split(f.start, -1))
            return Fragment(start: s, out: f.out + [s])
        }

        /// Up to `n` tokens of any kind.
        mutating func gap(_ n: Int) -> Fragment {
            // split(any → split(any → … ), exit): n optional tokens in a row.
            let exit = add(.jump(-1))
            var next = exit
            for _ in 0..<n {
                let any = add(.consume(test: test(.any), negated: false, part: false, next: next))
                next = add(.split(any, exit))
            }
            return Fragment(start: next, out: [exit])
        }
    }

    // MARK: - Parsing

    struct Parser {
        let source: String
        let languages: [StemLanguage]
        var builder: Builder
        var chunks: [Substring] = []
        var position = 0

        init(source: String, languages: [StemLanguage], builder: Builder) {
            self.source = source
            self.languages = languages
            self.builder = builder
            // Parentheses stand alone even when glued to a word.
            var current = ""
            var out: [Substring] = []
            func flush() {
                if !current.isEmpty { out.append(Substring(current)) }
                current = ""
            }
            var chars = Array(source.unicodeScalars)
            var k = 0
            while k < chars.count {
                let c = chars[k]
                if c == " " || c == "\t" || c == "\n" {
                    flush()
                } else if c == "(" {
                    flush()
                    out.append("(")
                } else if c == ")" {
                    flush()
                    // ")?" stays one chunk: an optional group.
                    if k + 1 < chars.count && chars[k + 1] == "?" {
                        out.append(")?")
                        k += 1
                    } else {
                        out.append(")")
                    }
                } else {
                    current.unicodeScalars.append(c)
                }
                k += 1
            }
            flush()
            chars.removeAll()
            chunks = out
        }

        func error(_ message: String) -> SyntaxError { SyntaxError(pattern: source, message: message) }

        mutating func parse() throws(SyntaxError) -> Fragment {
            guard let f = try alternation(depth: 0) else { throw error("it has nothing to match") }
            if position < chunks.count { throw error("a \")\" has no \"(\" before it") }
            if Parser.canBeEmpty(f, builder.states) { throw error("it can match nothing at all; make a word required") }
            return f
        }

        static func canBeEmpty(_ f: Fragment, _ states: [State]) -> Bool {
            // Follow the epsilon moves from the start: reaching an open exit means empty.
            var seen = Set<Int32>()
            var stack = [f.start]
            let outs = Set(f.out)
            while let s = stack.popLast() {
                guard s >= 0, seen.insert(s).inserted else { continue }
                switch states[Int(s)] {
                case .consume: continue
                case .split(let a, let b):
                    if outs.contains(s) && (a < 0 || b < 0) { return true }
                    stack.append(a)
                    stack.append(b)
                case .jump(let t):
                    if outs.contains(s) && t < 0 { return true }
                    stack.append(t)
                case .accept: return true
                }
            }
            return false
        }

        mutating func alternation(depth: Int) throws(SyntaxError) -> Fragment? {
            var branches: [Fragment] = []
            while true {
                guard let s = try sequence(depth: depth) else { throw error("nothing to match in a group or next to a \"|\"") }
                branches.append(s)
                if position < chunks.count && chunks[position] == "|" {
                    position += 1
                    continue
                }
                break
            }
            return builder.alternation(branches)
        }

        mutating func sequence(depth: Int) throws(SyntaxError) -> Fragment? {
            var parts: [Fragment] = []
            var pendingGap: Int?
            while position < chunks.count {
                let chunk = chunks[position]
                if chunk == "|" || chunk == ")" || chunk == ")?" { break }
                position += 1
                if chunk == "(" {
                    guard depth < 8 else { throw error("groups nested more than 8 deep") }
                    guard let inner = try alternation(depth: depth + 1) else { throw error("an empty group") }
                    guard position < chunks.count, chunks[position] == ")" || chunks[position] == ")?" else {
                        throw error("a \"(\" is not closed")
                    }
                    let optional = chunks[position] == ")?"
                    position += 1
                    if let g = pendingGap, !parts.isEmpty { parts.append(builder.gap(g)) }
                    pendingGap = nil
                    parts.append(optional ? builder.optional(inner) : inner)
                    continue
                }
                if let n = try gapSize(chunk) {
                    pendingGap = max(pendingGap ?? 0, n)
                    continue
                }
                let element = try self.element(chunk)
                if let g = pendingGap, !parts.isEmpty { parts.append(builder.gap(g)) }
                pendingGap = nil
                parts.append(element)
            }
            // A gap at either end matches nothing useful: it is dropped.
            return builder.sequence(parts)
        }

        /// `…`, `...`, `…{8}`, `...{8}`: the gap's size, nil for other chunks.
        func gapSize(_ chunk: Substring) throws(SyntaxError) -> Int? {
            var rest: Substring
            if chunk.hasPrefix("…") {
                rest = chunk.dropFirst()
            } else if chunk.hasPrefix("...") {
                rest = chunk.dropFirst(3)
            } else {
                return nil
            }
            if rest.isEmpty { return TokenPattern.defaultGap }
            guard rest.hasPrefix("{"), rest.hasSuffix("}"), let n = Int(rest.dropFirst().dropLast()) else {
                throw error("\"\(chunk)\" is not a gap; write … (up to \(TokenPattern.defaultGap) tokens) or …{8}")
            }
            guard n >= 0 && n <= TokenPattern.maximumGap else {
                throw error("a gap of \(n) tokens; gaps go from 0 to \(TokenPattern.maximumGap)")
            }
            return n
        }

        /// A chunk: alternatives separated by `|`, each a word (maybe several
        /// tokens) or a class, with `=`, `*`, `!` markers; `?` at the end makes it optional.
        mutating func element(_ chunk: Substring) throws(SyntaxError) -> Fragment {
            var body = chunk
            var optional = false
            if body.hasSuffix("?") && body.count > 1 {
                optional = true
                body = body.dropLast()
            }
            if body == "?" { throw error("a \"?\" must follow a word or a group (it makes it optional)") }
            var branches: [Fragment] = []
            for alternative in body.split(separator: "|", omittingEmptySubsequences: false) {
                guard !alternative.isEmpty else { throw error("an empty alternative in \"\(chunk)\"") }
                branches.append(try atom(alternative))
            }
            guard let f = builder.alternation(branches) else { throw error("nothing to match in \"\(chunk)\"") }
            return optional ? builder.optional(f) : f
        }

        mutating func atom(_ text: Substring) throws(SyntaxError) -> Fragment {
            var body = text
            let negated = body.hasPrefix("!")
            if negated { body = body.dropFirst() }
            if body.hasPrefix("<") {
                guard body.hasSuffix(">") else { throw error("\"\(text)\": a class is written <num>, <name>…") }
                let inner = body.dropFirst().dropLast()
                let parts = inner.split(separator: ":", maxSplits: 1)
                let name = parts.first.map(String.init) ?? ""
                let test: Test
                switch name {
                case "num", "number":
                    if parts.count == 2 {
                        let range = parts[1].split(separator: "-")
                        guard let lo = Int(range[0]), range.count <= 2,
                            let hi = range.count == 2 ? Int(range[1]) : lo, lo >= 1, hi >= lo, hi <= 64
                        else { throw error("\"\(text)\": write <num:9> or <num:9-10> (digits)") }
                        test = .number(min: lo, max: hi)
                    } else {
                        test = .number(min: 1, max: Int.max)
                    }
                case "name": test = .name
                case "word": test = .word
                case "any": test = .any
                case "emoji", "symbol": test = .symbol
                case "caps": test = .caps
                default:
                    throw error("\"\(text)\": unknown class; the classes are <num>, <num:N>, <name>, <word>, <any>, <emoji>, <caps>")
                }
                return builder.consume(test, negated: negated, part: true)
            }
            let exact = body.hasPrefix("=")
            if exact { body = body.dropFirst() }
            let prefix = body.hasSuffix("*")
            if prefix { body = body.dropLast() }
            let pieceKeys = WordKey.pieceKeys(String(body), exact: exact, prefix: prefix, languages: languages, stemmers: builder.stemmers)
            guard !pieceKeys.isEmpty else { throw error("\"\(text)\" has no word to match") }
            var fragments: [Fragment] = []
            for keys in pieceKeys {
                var locals: [Int32] = []
                for k in keys {
                    let local = builder.key(k)
                    if !locals.contains(local) { locals.append(local) }
                }
                fragments.append(builder.consume(.words(locals.sorted()), negated: negated, part: true))
            }
            return builder.sequence(fragments)!
        }
    }
}
