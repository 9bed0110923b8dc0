import Foundation
import LuaHost
import VigieModel
import VigieToolkit

/// The Swift side of the Lua `ling` library (the linguistic layer): lexicons
/// that match inflected forms, token patterns with gaps and alternatives,
/// negation and questions, tokens and stems. Compiled lexicons and patterns
/// live here, one id each; the Lua side (`vigie/linguistics.lua`) wraps an
/// id in a read-only object with `:matches`, `:contains` and `:count`.
final class LinguisticStore {
    enum Matcher {
        case lexicon(WordLexicon)
        case pattern(TokenPattern)

        var count: Int {
            switch self {
            case .lexicon(let l): l.count
            case .pattern(let p): p.sources.count
            }
        }
    }

    let linguistics = Linguistics()
    private(set) var matchers: [Matcher] = []
    var vocabularyIDs: [String: Int] = [:]

    func add(_ m: Matcher) -> Int {
        matchers.append(m)
        return matchers.count
    }

    func matcher(_ id: Int) -> Matcher? { id >= 1 && id <= matchers.count ? matchers[id - 1] : nil }

    /// The built-in vocabularies (`Vocabulary`), stemmed, shared by every
    /// engine of the process (each is compiled once).
    static func vocabulary(_ name: String) -> WordLexicon? {
        vocabularies.withLock { cache in
            if let l = cache[name] { return l }
            guard let terms = Vocabulary.terms(name) else { return nil }
            let l = WordLexicon(terms: terms)
            cache[name] = l
            return l
        }
    }
    private static let vocabularies = LockedValue<[String: WordLexicon]>([:])
}

/// A value behind a lock (Foundation's `NSLock`).
final class LockedValue<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value
    init(_ value: Value) { self.value = value }
    func withLock<R>(_ body: (inout Value) -> R) -> R {
        lock.lock()
        defer { lock.unlock() }
        return body(&value)
    }
}

extension LinguisticMatch {
    /// As Lua sees a match: `{ kind, text, start, stop, value, category,
    /// weight, language, negated, question, sentence, parts }`; `parts` are
    /// `{ start, stop, text }` of the matched tokens.
    func luaValue(_ a: AnalyzedText) -> LuaValue {
        var t: [LuaValue: LuaValue] = [
            "kind": .string(kind), "text": .string(text), "start": .integer(Int64(start)), "stop": .integer(Int64(end)),
            "value": .string(value), "category": .string(category), "weight": .number(weight),
            "negated": .boolean(negated), "question": .boolean(question), "sentence": .integer(Int64(sentence + 1)),
        ]
        if let language { t["language"] = .string(language) }
        t["parts"] = .array(parts.map { r in
            .table(["start": .integer(Int64(r.lowerBound)), "stop": .integer(Int64(r.upperBound)),
                    "text": .string(a.original(r))])
        })
        return .table(t)
    }
}

extension TextBindings {
    /// `ling.*`: registered as the host's functions `__vigie_fn_ling_<name>`,
    /// which `vigie/engine.lua` takes away into `host.ling`;
    /// `vigie/linguistics.lua` hands them to scripts as the read-only `ling`.
    func registerLinguistics(
        add: (String, @escaping (LuaArguments) throws -> [LuaValue]) throws(LuaError) -> Void
    ) throws(LuaError) {
        let store = LinguisticStore()
        func raw(_ name: String, _ body: @escaping (LuaArguments) throws -> [LuaValue]) throws(LuaError) {
            try add("ling_" + name, body)
        }

        // lexicon(terms, gap) -> id, count, { indices of terms with no word }
        try raw("lexicon") { args in
            let spec = try args.value(1)
            var terms: [LexiconTerm] = []
            for t in spec.arrayValue ?? [] {
                guard let term = t["term"].stringValue else { continue }
                terms.append(LexiconTerm(term: term, category: t["category"].stringValue ?? "term",
                                         weight: t["weight"].doubleValue ?? 1, language: t["language"].stringValue))
            }
            let lexicon = WordLexicon(terms: terms, gap: args.integer(2) ?? 0)
            let id = store.add(.lexicon(lexicon))
            return [.integer(Int64(id)), .integer(Int64(terms.count)),
                    .array(lexicon.emptyTerms.map { .integer(Int64($0 + 1)) })]
        }
        // pattern({ { pattern, category, weight, language }… }) -> id, count | nil, message
        try raw("pattern") { args in
            let spec = try args.value(1)
            var sources: [TokenPattern.Source] = []
            for p in spec.arrayValue ?? [] {
                guard let source = p["pattern"].stringValue else { continue }
                sources.append(TokenPattern.Source(source, category: p["category"].stringValue ?? "pattern",
                                                   weight: p["weight"].doubleValue ?? 1, language: p["language"].stringValue))
            }
            do {
                let pattern = try TokenPattern(sources)
                return [.integer(Int64(store.add(.pattern(pattern)))), .integer(Int64(sources.count))]
            } catch let error as TokenPattern.SyntaxError {
                return [.nil, .string(error.description)]
            }
        }
        // vocab(name) -> id, count | nil
        try raw("vocab") { args in
            guard let name = args.string(1) else { return [.nil] }
            if let id = store.vocabularyIDs[name] { return [.integer(Int64(id)), .integer(Int64(store.matcher(id)!.count))] }
            guard let lexicon = LinguisticStore.vocabulary(name) else { return [.nil] }
            let id = store.add(.lexicon(lexicon))
            store.vocabularyIDs[name] = id
            return [.integer(Int64(id)), .integer(Int64(lexicon.count))]
        }
        try raw("vocabularies") { _ in [.array(Vocabulary.names.map { .string($0) })] }

        // match(id, text, negated, question, overlapping, language, category) -> { matches }
        try raw("match") { [unowned self] args in
            guard let id = args.integer(1), let matcher = store.matcher(id) else { return [.array([])] }
            let text = try self.preparedText(args, 2, "matches")
            let filter = try Self.filter(args, 3)
            let analysis = store.linguistics.analyze(text)
            let found: [LinguisticMatch]
            switch matcher {
            case .lexicon(let l): found = store.linguistics.matches(l, in: analysis, filter)
            case .pattern(let p): found = store.linguistics.matches(p, in: analysis, filter)
            }
            return [.array(found.map { $0.luaValue(analysis) })]
        }
        try raw("contains") { [unowned self] args in
            guard let id = args.integer(1), let matcher = store.matcher(id) else { return [.boolean(false)] }
            let text = try self.preparedText(args, 2, "contains")
            let filter = try Self.filter(args, 3)
            let analysis = store.linguistics.analyze(text)
            switch matcher {
            case .lexicon(let l): return [.boolean(store.linguistics.contains(l, in: analysis, filter))]
            case .pattern(let p): return [.boolean(store.linguistics.contains(p, in: analysis, filter))]
            }
        }
        try raw("tokens") { [unowned self] args in
            let text = try self.preparedText(args, 1, "ling.tokens")
            let a = store.linguistics.analyze(text)
            return [.array(a.tokens.enumerated().map { i, t in
                var m: [LuaValue: LuaValue] = [
                    "text": .string(t.text), "kind": .string(t.kind.rawValue), "start": .integer(Int64(t.start)),
                    "stop": .integer(Int64(t.end)), "original": .string(a.original(t.start..<t.end)),
                    "stem_fr": .string(a.frenchStems[i]), "stem_en": .string(a.englishStems[i]),
                    "sentence": .integer(Int64(t.sentence + 1)), "negated": .boolean(t.negated),
                    "negation": .boolean(t.isNegation), "question": .boolean(a.sentences[t.sentence].question),
                ]
                if i == 0, let language = a.language { m["language"] = .string(language.rawValue) }
                if t.capitalized { m["capitalized"] = .boolean(true) }
                if t.uppercase { m["uppercase"] = .boolean(true) }
                return .table(m)
            })]
        }
        try raw("sentences") { [unowned self] args in
            let text = try self.preparedText(args, 1, "ling.sentences")
            let a = store.linguistics.analyze(text)
            return [.array(a.sentences.map { s in
                .table(["start": .integer(Int64(s.start)), "stop": .integer(Int64(s.end)),
                        "text": .string(a.original(s.start..<s.end)), "question": .boolean(s.question)])
            })]
        }
        try raw("stem") { args in
            let word = try Self.text(args, 1, "ling.stem")
            let code = args.string(2) ?? "fr"
            guard let language = StemLanguage(code: code) else {
                throw LuaError(kind: .runtime, message: "ling.stem: no stemmer for \"\(code)\"; the languages are fr and en")
            }
            return [.string(store.linguistics.stem(word, language))]
        }
    }

    /// The filter, as the Lua side hands it over field by field from
    /// `index` on (no table to read): negated, question, overlapping,
    /// language ("fr" | "en" | "any"), category ("x" | { "x", "y" }).
    static func filter(_ args: LuaArguments, _ index: Int) throws -> MatchFilter {
        guard args.count >= index else { return .all }
        var f = MatchFilter()
        f.negated = try args.value(index).boolValue
        f.question = try args.value(index + 1).boolValue
        f.overlapping = try args.value(index + 2).boolValue ?? false
        f.language = try args.value(index + 3).stringValue
        let category = try args.value(index + 4)
        if let one = category.stringValue {
            f.categories = [one]
        } else if let many = category.arrayValue {
            f.categories = Set(many.compactMap(\.stringValue))
        }
        return f
    }
}
