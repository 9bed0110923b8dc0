import Foundation
import LuaHost
import VigieModel
import VigieToolkit

/// The Swift side of the Lua text toolkit: folding, tokens, lexicons and
/// (with `VigieToolkit`) the detectors. Each function is registered as a
/// global `__vigie_fn_<library>_<name>` that `vigie/engine.lua` takes away
/// at once: `vigie/text.lua` hands them to scripts in read-only library
/// tables (`text.fold`, `pii.phones`…).
final class TextBindings {
    private(set) var lexicons: [Lexicon] = []
    private var vocabularyIDs: [String: Int] = [:]

    func addLexicon(_ lexicon: Lexicon) -> Int {
        lexicons.append(lexicon)
        return lexicons.count
    }

    func lexicon(_ id: Int) -> Lexicon? {
        id >= 1 && id <= lexicons.count ? lexicons[id - 1] : nil
    }

    /// The whole-word lexicons the rules match on most texts, matched in
    /// one scan of a text (`LexiconGroup`). Which ones is learnt: over the
    /// first `learningTexts` texts lexicons are matched on, each is matched
    /// alone and the texts it is asked about are counted; then those asked
    /// about at least half of the texts make the group (a lexicon matched
    /// on a few texts only would make the group's scan longer for the
    /// others). A lexicon made after that is matched alone.
    private var group: LexiconGroup?
    /// Each lexicon's place in `group` (by id - 1; -1: not in it).
    private var groupIndex: [Int] = []
    private var learning = true
    private static let learningTexts = 64
    private var learningText: PreparedText?
    private var learnedTexts = 0
    /// By id - 1: on how many of the texts so far the lexicon was matched,
    /// and the last of them (its number).
    private var asked: [Int] = []
    private var lastAsked: [Int] = []

    /// The group holding lexicon `id` and its place there, if any; `text`
    /// is the text it is about to match.
    func grouped(_ id: Int, _ text: PreparedText) -> (group: LexiconGroup, index: Int)? {
        if learning {
            guard learn(id, text) else { return nil }
        }
        guard let group, id >= 1, id <= groupIndex.count, groupIndex[id - 1] >= 0 else { return nil }
        return (group, groupIndex[id - 1])
    }

    /// Counts lexicon `id` asked about `text`; true once learning is over
    /// (the group made).
    private func learn(_ id: Int, _ text: PreparedText) -> Bool {
        if text !== learningText {
            if learnedTexts == Self.learningTexts {
                var members: [Lexicon] = []
                groupIndex = lexicons.indices.map { i in
                    let lexicon = lexicons[i]
                    guard i < asked.count, asked[i] * 2 >= learnedTexts, lexicon.wholeWords, lexicon.count > 0
                    else { return -1 }
                    members.append(lexicon)
                    return members.count - 1
                }
                group = LexiconGroup(members)
                learning = false
                learningText = nil
                return true
            }
            learningText = text
            learnedTexts += 1
        }
        guard id >= 1, id <= lexicons.count else { return false }
        if asked.count < lexicons.count {
            asked += repeatElement(0, count: lexicons.count - asked.count)
            lastAsked += repeatElement(0, count: lexicons.count - lastAsked.count)
        }
        if lastAsked[id - 1] != learnedTexts {
            lastAsked[id - 1] = learnedTexts
            asked[id - 1] += 1
        }
        return false
    }

    /// The last texts prepared for the detectors and lexicons: the rules of
    /// a policy pass the same `post.text` to many of them, which then share
    /// one normalisation. Matched on the bytes of the Lua string.
    private var prepared: [PreparedText] = []
    private static let preparedKept = 4
    /// Where the bytes of the Lua string last matched lived: the rules of an
    /// activity pass the very same string, so its address picks the
    /// candidate at once (its bytes are still compared: a string freed and
    /// another made at the same address must not match).
    private var lastAddress: UnsafeRawPointer?
    private var lastPrepared: PreparedText?
    /// `text.find`'s one-term lexicons, by term (a rule calls it with the
    /// same term on every activity).
    private var findLexicons: [FindKey: Lexicon] = [:]

    private struct FindKey: Hashable {
        var term: String
        var wholeWords: Bool
    }

    /// The argument as a prepared text, from the cache when the same bytes
    /// were prepared before.
    func preparedText(_ args: LuaArguments, _ index: Int, _ function: String) throws -> PreparedText {
        if let raw = args.stringBytes(index) {
            if let last = lastPrepared, raw.baseAddress == lastAddress, last.hasBytes(raw) { return last }
            for p in prepared where p.hasBytes(raw) {
                lastAddress = raw.baseAddress
                lastPrepared = p
                return p
            }
            let p = remember(PreparedText(String(decoding: raw, as: UTF8.self)))
            lastAddress = raw.baseAddress
            lastPrepared = p
            return p
        }
        return remember(PreparedText(try Self.text(args, index, function)))
    }

    /// `text` prepared, from the cache when a detector or lexicon prepared
    /// the same text (the activity's `post.text`) for a rule. Compared by
    /// bytes (`==` on strings would compare them as Unicode, normalising
    /// both).
    func preparedText(for text: String) -> PreparedText {
        if let hit = prepared.first(where: { $0.hasSameBytes(text) }) { return hit }
        return remember(PreparedText(text))
    }

    /// Keeps `p` first among the last prepared texts.
    private func remember(_ p: PreparedText) -> PreparedText {
        if prepared.count >= Self.preparedKept { prepared.removeLast() }
        prepared.insert(p, at: 0)
        return p
    }

    /// The matches of lexicon `id` (`lexicon`) in `text`, through its group if it has one.
    private func matches(_ id: Int, _ lexicon: Lexicon, in text: PreparedText) -> [TextMatch] {
        if let (group, member) = grouped(id, text) { return group.matches(member, in: text) }
        return lexicon.matches(in: text)
    }

    /// Whether lexicon `id` (`lexicon`) occurs in `text`, through its group if it has one.
    private func contains(_ id: Int, _ lexicon: Lexicon, in text: PreparedText) -> Bool {
        if let (group, member) = grouped(id, text) { return group.contains(member, in: text) }
        return lexicon.contains(in: text)
    }

    func findLexicon(_ term: String, wholeWords: Bool) -> Lexicon {
        let key = FindKey(term: term, wholeWords: wholeWords)
        if let l = findLexicons[key] { return l }
        let l = Lexicon(terms: [LexiconTerm(term: term, category: "term")], wholeWords: wholeWords)
        if findLexicons.count >= 256 { findLexicons.removeAll() }
        findLexicons[key] = l
        return l
    }

    static func text(_ args: LuaArguments, _ index: Int, _ function: String) throws -> String {
        guard let s = args.string(index) else {
            throw LuaError(kind: .runtime, message: "\(function) expects a text as argument \(index), got a \(args.typeName(index))")
        }
        return s
    }

    /// Registers the functions; returns their global names.
    @discardableResult
    func register(in state: LuaState, environment env: LuaEnvironment) throws(LuaError) -> [String] {
        var names: [String] = []
        func add(_ name: String, _ body: @escaping (LuaArguments) throws -> [LuaValue]) throws(LuaError) {
            try state.register("__vigie_fn_" + name, in: env, body)
            names.append("__vigie_fn_" + name)
        }
        // The functions called on every activity write their results
        // straight into their encoding: no `LuaValue` tree per match.
        func addWriting(_ name: String, _ body: @escaping (LuaArguments, inout LuaReturnWriter) throws -> Void)
            throws(LuaError)
        {
            try state.register("__vigie_fn_" + name, in: env, writing: body)
            names.append("__vigie_fn_" + name)
        }
        try add("text_fold") { args in [.string(TextNormalizer.standard.fold(try Self.text(args, 1, "text.fold")))] }
        try add("text_tokens") { args in
            let folded = TextNormalizer.standard.fold(try Self.text(args, 1, "text.tokens"))
            return [.array(Tokenizer.tokens(folded: folded).map { .string($0.text) })]
        }
        try add("text_words") { args in
            let s = try Self.text(args, 1, "text.words")
            let n = TextNormalizer.standard.normalize(s)
            let scalars = Array(s.unicodeScalars)
            return [.array(Tokenizer.tokens(folded: n.text).map { t in
                let r = n.originalRange(for: t.start..<t.end)
                let lo = min(r.lowerBound, scalars.count), hi = min(max(lo, r.upperBound), scalars.count)
                return ScalarMatch(kind: "word", text: String(String.UnicodeScalarView(scalars[lo..<hi])),
                                   start: r.lowerBound, stop: r.upperBound, value: t.text).luaValue
            })]
        }
        try add("text_length") { args in
            [.integer(Int64(try Self.text(args, 1, "text.length").unicodeScalars.count))]
        }
        try add("text_sub") { args in
            let s = try Self.text(args, 1, "text.sub")
            let scalars = Array(s.unicodeScalars)
            let from = max(0, min(args.integer(2) ?? 0, scalars.count))
            let to = max(from, min(args.integer(3) ?? scalars.count, scalars.count))
            return [.string(String(String.UnicodeScalarView(scalars[from..<to])))]
        }
        try addWriting("text_find") { [unowned self] args, out in
            let s = try self.preparedText(args, 1, "text.find")
            let term = try Self.text(args, 2, "text.find")
            let whole = args.count < 3 ? true : (try args.value(3)).boolValue ?? true
            out.matches(self.findLexicon(term, wholeWords: whole).matches(in: s))
        }
        try addWriting("text_contains") { [unowned self] args, out in
            let s = try self.preparedText(args, 1, "text.contains")
            let term = try Self.text(args, 2, "text.contains")
            out.boolean(self.findLexicon(term, wholeWords: true).contains(in: s))
        }
        // text.search's halves (vigie/text.lua): the folded text of a
        // prepared text, and a match in it (1-based byte positions, as
        // string.find gives) back in the original: its scalar start and
        // stop (exclusive) and its text.
        try add("search_folded") { [unowned self] args in
            [.string(try self.preparedText(args, 1, "text.search").normalized.text)]
        }
        try add("search_unfold") { [unowned self] args in
            let p = try self.preparedText(args, 1, "text.search")
            let folded = Array(p.normalized.text.utf8)
            guard let i = args.integer(2), let j = args.integer(3), i >= 1, j >= i - 1, j <= folded.count else { return [.nil] }
            // Scalars that start before a byte position (a cut inside a
            // scalar takes the whole scalar).
            func scalars(before position: Int) -> Int { utf8ScalarCount(folded[0..<position]) }
            let a = scalars(before: i - 1), b = scalars(before: j)
            let range = p.normalized.originalRange(for: a..<b)
            let original = Array(p.text.unicodeScalars)
            let lo = min(range.lowerBound, original.count), hi = min(max(lo, range.upperBound), original.count)
            return [.integer(Int64(range.lowerBound)), .integer(Int64(range.upperBound)),
                    .string(String(String.UnicodeScalarView(original[lo..<hi])))]
        }
        try add("lex_new") { [unowned self] args in
            let spec = try args.value(1)
            let whole = (try args.value(2)).boolValue ?? true
            var terms: [LexiconTerm] = []
            for t in spec.arrayValue ?? [] {
                guard let term = t["term"].stringValue else { continue }
                terms.append(LexiconTerm(term: term, category: t["category"].stringValue ?? "term",
                                         weight: t["weight"].doubleValue ?? 1, language: t["language"].stringValue))
            }
            let id = self.addLexicon(Lexicon(terms: terms, wholeWords: whole))
            return [.integer(Int64(id)), .integer(Int64(terms.count))]
        }
        try addWriting("lex_match") { [unowned self] args, out in
            guard let id = args.integer(1), let index = self.lexicon(id) else { return out.matches([]) }
            let s = try self.preparedText(args, 2, "lexicon:matches")
            out.matches(self.matches(id, index, in: s))
        }
        // lexicon:first(s): the match that starts first (the longest there).
        try addWriting("lex_first") { [unowned self] args, out in
            guard let id = args.integer(1), let index = self.lexicon(id) else { return out.nilValue() }
            let s = try self.preparedText(args, 2, "lexicon:first")
            let first = self.matches(id, index, in: s).min { a, b in a.start != b.start ? a.start < b.start : a.end > b.end }
            if let first { out.map { $0.match(first) } } else { out.nilValue() }
        }
        try addWriting("lex_contains") { [unowned self] args, out in
            guard let id = args.integer(1), let index = self.lexicon(id) else { return out.boolean(false) }
            out.boolean(self.contains(id, index, in: try self.preparedText(args, 2, "lexicon:contains")))
        }
        try add("lex_vocabulary") { [unowned self] args in
            guard let name = args.string(1) else { return [.nil] }
            if let id = self.vocabularyIDs[name] { return [.integer(Int64(id)), .integer(Int64(self.lexicons[id - 1].count))] }
            guard let lexicon = Vocabulary.lexicon(name) else { return [.nil] }
            let id = self.addLexicon(lexicon)
            self.vocabularyIDs[name] = id
            return [.integer(Int64(id)), .integer(Int64(lexicon.count))]
        }
        try add("lex_vocabularies") { _ in [.array(Vocabulary.names.map { .string($0) })] }
        try registerDetectors(add: addWriting)
        try registerLinguistics(add: add)
        return names
    }
}
