import Foundation
import LuaHost
import VigieModel
import VigieToolkit

/// The Swift side of the Lua `ling` library (the linguistic layer): lexicons
/// that match inflected forms, token patterns with gaps and alternatives,
/// negation and questions, tokens and stems. Compiled lexicons and patterns
/// live here, one id each; the Lua side (`LinguisticBindings.luaSource`,
/// run when the functions are registered) wraps an id in an object with
/// `:matches`, `:contains` and `:count`.
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
    /// `ling.*`: registered as private globals that the Lua side gathers
    /// into the `ling` table, then removes.
    func registerLinguistics(
        state: LuaState, environment env: LuaEnvironment,
        add: (String, @escaping (LuaArguments) throws -> [LuaValue]) throws(LuaError) -> Void
    ) throws(LuaError) {
        let store = LinguisticStore()
        func raw(_ name: String, _ body: @escaping (LuaArguments) throws -> [LuaValue]) throws(LuaError) {
            try state.register("__vigie_ling_" + name, in: env, body)
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
        try state.run(LinguisticBindings.luaSource, chunkName: LinguisticBindings.fileName, environment: env)
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

enum LinguisticBindings {
    static let fileName = "vigie/linguistics.lua"

    /// The Lua side of `ling`: objects around the compiled lexicons and
    /// patterns, and the checks of what a policy gives them.
    static let luaSource = #"""
local ENV = _ENV
local raw = {}
for _, name in ipairs { "lexicon", "pattern", "vocab", "vocabularies", "match", "contains", "tokens", "sentences", "stem" } do
  raw[name] = ENV["__vigie_ling_" .. name]
  ENV["__vigie_ling_" .. name] = nil
end
local type, error, setmetatable, ipairs, tostring, fmt = type, error, setmetatable, ipairs, tostring, string.format

local function check_filter(what, filter)
  if filter ~= nil and type(filter) ~= "table" and type(filter) ~= "userdata" then
    error(fmt("%s: the filter must be a table such as { negated = false, question = true }", what), 3)
  end
end

local Matcher = {}
Matcher.__index = Matcher
Matcher.__name = "ling matcher"
-- The filter goes to Swift field by field (reading a table there costs more).
function Matcher:matches(s, filter)
  if type(s) ~= "string" then error(self.__what .. ":matches expects a text", 2) end
  if filter == nil then return raw.match(self.__id, s) end
  check_filter(self.__what .. ":matches", filter)
  return raw.match(self.__id, s, filter.negated, filter.question, filter.overlapping, filter.language, filter.category)
end
function Matcher:contains(s, filter)
  if type(s) ~= "string" then error(self.__what .. ":contains expects a text", 2) end
  if filter == nil then return raw.contains(self.__id, s) end
  check_filter(self.__what .. ":contains", filter)
  return raw.contains(self.__id, s, filter.negated, filter.question, filter.overlapping, filter.language, filter.category)
end
function Matcher:count() return self.__count end
Matcher.__len = function(self) return self.__count end

local function is_list(v) return type(v) == "table" or type(v) == "userdata" end

-- ling.lexicon { "crétin", { term = "j'en ai marre", category = "ras-le-bol", weight = 2 },
--                language = "fr", category = "insulte", weight = 1, gap = 1 }
local function lexicon(spec)
  if not is_list(spec) then error("ling.lexicon expects a table of terms", 2) end
  local terms = {}
  local language, category, weight = spec.language, spec.category, spec.weight
  for i, t in ipairs(spec) do
    if type(t) == "string" then
      terms[i] = { term = t, language = language, category = category, weight = weight }
    elseif is_list(t) and type(t.term) == "string" then
      terms[i] = { term = t.term, language = t.language or language, category = t.category or category,
                   weight = t.weight or weight }
    else
      error(fmt("ling.lexicon: term %d must be a text or { term = ..., category = ... }", i), 2)
    end
  end
  local gap = spec.gap or 0
  if type(gap) ~= "number" or gap < 0 or gap > 8 or gap % 1 ~= 0 then
    error("ling.lexicon: gap must be a whole number from 0 to 8", 2)
  end
  local id, count, empty = raw.lexicon(terms, gap)
  if #empty > 0 then
    error(fmt("ling.lexicon: term %d (%q) has no word to match", empty[1], terms[empty[1]].term), 2)
  end
  return setmetatable({ __id = id, __count = count, __what = "lexicon" }, Matcher)
end

-- ling.pattern "tu vas … regretter"
-- ling.pattern { "paie … ou", { pattern = "sinon je publie", category = "publication" }, language = "fr" }
local function pattern(spec)
  local list = {}
  if type(spec) == "string" then
    list[1] = { pattern = spec }
  elseif is_list(spec) then
    local language, category, weight = spec.language, spec.category, spec.weight
    for i, p in ipairs(spec) do
      if type(p) == "string" then
        list[i] = { pattern = p, language = language, category = category, weight = weight }
      elseif is_list(p) and type(p.pattern) == "string" then
        list[i] = { pattern = p.pattern, language = p.language or language, category = p.category or category,
                    weight = p.weight or weight }
      else
        error(fmt("ling.pattern: pattern %d must be a text or { pattern = ..., category = ... }", i), 2)
      end
    end
    if #list == 0 then error("ling.pattern: no pattern given", 2) end
  else
    error("ling.pattern expects a pattern (a text) or a list of them", 2)
  end
  local id, count = raw.pattern(list)
  if id == nil then error("ling.pattern: " .. tostring(count), 2) end
  return setmetatable({ __id = id, __count = count, __what = "pattern" }, Matcher)
end

local vocab_cache = {}
local function vocab(name)
  local v = vocab_cache[name]
  if v then return v end
  local id, count = raw.vocab(name)
  if id == nil then
    error(fmt("ling.vocab: no vocabulary named %q; the vocabularies are %s", tostring(name),
      table.concat(raw.vocabularies(), ", ")), 2)
  end
  v = setmetatable({ __id = id, __count = count, __what = "vocab" }, Matcher)
  vocab_cache[name] = v
  return v
end

ENV.ling = {
  lexicon = lexicon,
  pattern = pattern,
  vocab = vocab,
  tokens = raw.tokens,
  sentences = raw.sentences,
  stem = raw.stem,
}
"""#
}
