import Foundation
import VigieEngine
import VigieModel
import VigieReport

/// A labeled evaluation file (`docs/eval.md`): activities in the
/// `vigie.activity/1` format, each with the rules or categories it should
/// raise, and an optional header line that defines the categories.
///
/// ```json
/// {"schema":"vigie.eval/1","categories":{"menaces":["menaces-intimidation"]}}
/// {"schema":"vigie.activity/1","id":"e-1",…,"text":"Tu vas le regretter.","labels":["menaces"],"tags":["fr"]}
/// {"schema":"vigie.activity/1","id":"e-2",…,"text":"Vous allez adorer !","labels":[],"tags":["near-miss"]}
/// ```
public struct LabeledSet: Sendable {
    public static let schema = "vigie.eval/1"

    /// One labeled activity and where it is in the file.
    public struct Item: Sendable {
        public var line: Int
        public var activity: Activity
        /// Rule ids or category names the activity should raise (none: it should raise nothing).
        public var labels: [String]
        public var tags: [String]
        public var note: String?
    }

    public var path: String
    public var description: String?
    /// Category → the rules that raise it, in the order of the file.
    public var categories: [(name: String, rules: [String])]
    public var items: [Item]

    /// Reads the file; a line that is not a header, an activity with its
    /// labels or blank is an error naming the file and line (nothing is
    /// skipped silently: a skipped item would change the figures).
    public static func read(_ path: String) throws(RunError) -> LabeledSet {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw RunError(.missingInput, "\(path): no such file or it cannot be read")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw RunError(.input, "\(path): the file is not valid UTF-8")
        }
        var set = LabeledSet(path: path, description: nil, categories: [], items: [])
        var seenIDs: [String: Int] = [:]
        var lineNumber = 0
        var sawRecord = false
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let line = raw.hasSuffix("\r") ? raw.dropLast() : raw
            if line.allSatisfy({ $0 == " " || $0 == "\t" }) { continue }
            func fail(_ message: String) -> RunError { RunError(.input, "\(path):\(lineNumber): \(message)") }
            let bytes = Data(line.utf8)
            guard let object = (try? JSONSerialization.jsonObject(with: bytes)) as? [String: Any] else {
                throw fail("not a JSON object")
            }
            let schema = object["schema"] as? String
            if schema == LabeledSet.schema {
                guard !sawRecord else { throw fail("the \"\(LabeledSet.schema)\" header must come before the activities") }
                guard set.categories.isEmpty && set.description == nil else { throw fail("a second header") }
                set.description = object["description"] as? String
                if let categories = object["categories"] {
                    guard let map = categories as? [String: Any] else {
                        throw fail("\"categories\" must be an object: { \"category\": [\"rule\", …] }")
                    }
                    // JSONSerialization loses the order of the members: read it from the text.
                    for name in Self.memberOrder(of: "categories", in: String(line), keys: Set(map.keys)) {
                        guard let rules = map[name] as? [String], !rules.isEmpty else {
                            throw fail("category \"\(name)\" must list the ids of the rules that raise it")
                        }
                        set.categories.append((name, rules))
                    }
                }
                continue
            }
            guard schema == ActivityStream.schema else {
                throw fail(schema.map { "schema \"\($0.prefix(40))\" is neither \"\(ActivityStream.schema)\" nor \"\(LabeledSet.schema)\"" }
                    ?? "no \"schema\" member; expected \"\(ActivityStream.schema)\"")
            }
            sawRecord = true
            guard let labels = object["labels"] as? [String] else {
                throw fail(object["labels"] == nil
                    ? "no \"labels\": list the rules or categories this activity should raise ([] for none)"
                    : "\"labels\" must be a list of rule ids or category names")
            }
            let tags: [String]
            if let t = object["tags"] {
                guard let list = t as? [String] else { throw fail("\"tags\" must be a list of texts") }
                tags = list
            } else {
                tags = []
            }
            var activity: Activity
            do {
                activity = try JSONDecoder().decode(Activity.self, from: bytes)
            } catch let error as DecodingError {
                throw fail("not a valid activity: \(Self.describe(error))")
            } catch {
                throw fail("not a valid activity")
            }
            if activity.source.file.isEmpty {
                activity.source = RecordSource(file: path, index: set.items.count, line: lineNumber)
            }
            if let first = seenIDs[activity.id] {
                throw fail("the id \"\(activity.id)\" was already used on line \(first)")
            }
            seenIDs[activity.id] = lineNumber
            set.items.append(Item(line: lineNumber, activity: activity, labels: labels, tags: tags,
                                  note: object["note"] as? String))
        }
        return set
    }

    /// The keys of the object member `member` of a JSON line in the order
    /// they are written (each key of `keys` at its first occurrence after
    /// the member's name).
    static func memberOrder(of member: String, in line: String, keys: Set<String>) -> [String] {
        guard let start = line.range(of: "\"\(member)\"") else { return keys.sorted() }
        let rest = line[start.upperBound...]
        let positioned = keys.map { key -> (String, String.Index) in
            let encoded = (try? JSONSerialization.data(withJSONObject: [key], options: [.fragmentsAllowed]))
                .flatMap { String(data: $0, encoding: .utf8) }.map { String($0.dropFirst().dropLast()) } ?? "\"\(key)\""
            return (key, rest.range(of: encoded + ":")?.lowerBound ?? rest.range(of: encoded)?.lowerBound ?? rest.endIndex)
        }
        return positioned.sorted { $0.1 < $1.1 || ($0.1 == $1.1 && $0.0 < $1.0) }.map(\.0)
    }

    static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let parts = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }
            return parts.isEmpty ? "the record" : parts.joined(separator: ".")
        }
        switch error {
        case .keyNotFound(let key, let context):
            return "missing field \"\(key.stringValue)\"" + (context.codingPath.isEmpty ? "" : " in " + path(context))
        case .valueNotFound(_, let context): return "\(path(context)) is null"
        case .typeMismatch(let type, let context): return "\(path(context)): expected \(type)"
        case .dataCorrupted(let context): return "\(path(context)): \(context.debugDescription)"
        @unknown default: return "invalid record"
        }
    }
}

/// Precision, recall and F1 from counts; nil where undefined (nothing
/// raised, or nothing to find).
public struct EvaluationCounts: Codable, Sendable, Hashable {
    public var truePositives = 0
    public var falsePositives = 0
    public var falseNegatives = 0
    /// False when no label names the rule (items are labeled by category):
    /// its misses cannot be counted, so recall and F1 are undefined.
    public var recallIsDefined = true

    public init() {}

    public var precision: Double? {
        truePositives + falsePositives == 0 ? nil : Double(truePositives) / Double(truePositives + falsePositives)
    }
    public var recall: Double? {
        !recallIsDefined || truePositives + falseNegatives == 0 ? nil : Double(truePositives) / Double(truePositives + falseNegatives)
    }
    public var f1: Double? {
        guard let p = precision, let r = recall else { return nil }
        return p + r == 0 ? 0 : 2 * p * r / (p + r)
    }

    enum CodingKeys: String, CodingKey {
        case truePositives, falsePositives, falseNegatives, precision, recall, f1
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        truePositives = try c.decode(Int.self, forKey: .truePositives)
        falsePositives = try c.decode(Int.self, forKey: .falsePositives)
        falseNegatives = try c.decode(Int.self, forKey: .falseNegatives)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(truePositives, forKey: .truePositives)
        try c.encode(falsePositives, forKey: .falsePositives)
        try c.encode(falseNegatives, forKey: .falseNegatives)
        try c.encode(precision, forKey: .precision)
        try c.encode(recall, forKey: .recall)
        try c.encode(f1, forKey: .f1)
    }
}

/// What `vigie eval` found: the counts per category and per rule, the
/// items missed and the false alarms, with their text masked unless
/// revealed.
public struct EvaluationReport: Codable, Sendable {
    public struct CategoryRow: Codable, Sendable {
        public var name: String
        public var rules: [String]
        public var counts: EvaluationCounts
    }

    public struct RuleRow: Codable, Sendable {
        public var rule: String
        public var counts: EvaluationCounts
    }

    /// An item whose expectations were not all met, or that raised a rule
    /// nothing expected.
    public struct ItemOutcome: Codable, Sendable {
        public var line: Int
        public var id: String
        public var expected: [String]
        public var raised: [String]
        /// Missing labels (misses) or unexpected rules (false alarms).
        public var detail: [String]
        public var tags: [String]
        public var text: String
    }

    public struct TagRow: Codable, Sendable {
        public var tag: String
        public var items: Int
        /// Items that raised a rule nothing expected.
        public var withFalseAlarm: Int
        /// Items with a label that was not raised.
        public var withMiss: Int
    }

    public var policy: String
    public var file: String
    public var items: Int
    public var labeledItems: Int
    /// Items labeled `[]` (should raise nothing) and those that raised something.
    public var unlabeledItems: Int
    public var unlabeledFlagged: Int
    public var categories: [CategoryRow]
    public var rules: [RuleRow]
    public var tags: [TagRow]
    public var misses: [ItemOutcome]
    public var falseAlarms: [ItemOutcome]
    /// Rules that failed while checking an item (a limit, an error).
    public var ruleFailures: [String]

    /// The share of items that should raise nothing and raised something.
    public var falseAlarmRate: Double? {
        unlabeledItems == 0 ? nil : Double(unlabeledFlagged) / Double(unlabeledItems)
    }

    enum CodingKeys: String, CodingKey {
        case policy, file, items, labeledItems, unlabeledItems, unlabeledFlagged, falseAlarmRate, categories, rules,
            tags, misses, falseAlarms, ruleFailures
    }

    public init(
        policy: String, file: String, items: Int, labeledItems: Int, unlabeledItems: Int, unlabeledFlagged: Int,
        categories: [CategoryRow], rules: [RuleRow], tags: [TagRow], misses: [ItemOutcome],
        falseAlarms: [ItemOutcome], ruleFailures: [String]
    ) {
        self.policy = policy
        self.file = file
        self.items = items
        self.labeledItems = labeledItems
        self.unlabeledItems = unlabeledItems
        self.unlabeledFlagged = unlabeledFlagged
        self.categories = categories
        self.rules = rules
        self.tags = tags
        self.misses = misses
        self.falseAlarms = falseAlarms
        self.ruleFailures = ruleFailures
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        policy = try c.decode(String.self, forKey: .policy)
        file = try c.decode(String.self, forKey: .file)
        items = try c.decode(Int.self, forKey: .items)
        labeledItems = try c.decode(Int.self, forKey: .labeledItems)
        unlabeledItems = try c.decode(Int.self, forKey: .unlabeledItems)
        unlabeledFlagged = try c.decode(Int.self, forKey: .unlabeledFlagged)
        categories = try c.decode([CategoryRow].self, forKey: .categories)
        rules = try c.decode([RuleRow].self, forKey: .rules)
        tags = try c.decode([TagRow].self, forKey: .tags)
        misses = try c.decode([ItemOutcome].self, forKey: .misses)
        falseAlarms = try c.decode([ItemOutcome].self, forKey: .falseAlarms)
        ruleFailures = try c.decode([String].self, forKey: .ruleFailures)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(policy, forKey: .policy)
        try c.encode(file, forKey: .file)
        try c.encode(items, forKey: .items)
        try c.encode(labeledItems, forKey: .labeledItems)
        try c.encode(unlabeledItems, forKey: .unlabeledItems)
        try c.encode(unlabeledFlagged, forKey: .unlabeledFlagged)
        try c.encode(falseAlarmRate, forKey: .falseAlarmRate)
        try c.encode(categories, forKey: .categories)
        try c.encode(rules, forKey: .rules)
        try c.encode(tags, forKey: .tags)
        try c.encode(misses, forKey: .misses)
        try c.encode(falseAlarms, forKey: .falseAlarms)
        try c.encode(ruleFailures, forKey: .ruleFailures)
    }
}

/// Thresholds a report must meet (`--min-precision`, `--min-recall`,
/// `--max-false-alarm-rate`).
public struct EvaluationGates: Sendable {
    public var minPrecision: Double?
    public var minRecall: Double?
    public var maxFalseAlarmRate: Double?

    public init(minPrecision: Double? = nil, minRecall: Double? = nil, maxFalseAlarmRate: Double? = nil) {
        self.minPrecision = minPrecision
        self.minRecall = minRecall
        self.maxFalseAlarmRate = maxFalseAlarmRate
    }

    /// What falls short, one sentence each; empty when every gate is met.
    /// Precision and recall are checked per category when the file defines
    /// categories, otherwise per rule; an undefined figure (nothing raised,
    /// or nothing to find) is not checked.
    public func failures(of report: EvaluationReport) -> [String] {
        var out: [String] = []
        let rows: [(String, EvaluationCounts)] = report.categories.isEmpty
            ? report.rules.map { ("rule \($0.rule)", $0.counts) }
            : report.categories.map { ("category \($0.name)", $0.counts) }
        for (name, counts) in rows {
            if let minimum = minPrecision, let p = counts.precision, p < minimum {
                out.append("\(name): precision \(Self.format(p)) is below \(Self.format(minimum))")
            }
            if let minimum = minRecall, let r = counts.recall, r < minimum {
                out.append("\(name): recall \(Self.format(r)) is below \(Self.format(minimum))")
            }
        }
        if let maximum = maxFalseAlarmRate, let rate = report.falseAlarmRate, rate > maximum {
            out.append("false alarms on items that should raise nothing: \(Self.format(rate)) is above \(Self.format(maximum))")
        }
        return out
    }

    static func format(_ x: Double) -> String { String(format: "%.3f", x) }
}

/// Runs a policy's engine over a labeled set and compares what it raises
/// with the labels. Each item is checked alone: the indicators' history is
/// reset before each one, so that the order of the file does not matter.
public struct Evaluation {
    public let engine: PolicyEngine

    public init(engine: PolicyEngine) { self.engine = engine }

    /// Checks that every label names a rule of the policy or a category of
    /// the file, and that every category lists rules of the policy.
    public func validate(_ set: LabeledSet) throws(RunError) {
        let known = Set(engine.declarations.rules.map(\.id) + engine.declarations.indicators.map(\.id))
        let categories = Set(set.categories.map(\.name))
        for (name, rules) in set.categories {
            for rule in rules where !known.contains(rule) {
                throw RunError(.input, "\(set.path): category \"\(name)\" names \"\(rule)\", which is not a rule of the policy \(engine.declarations.manifest.name)")
            }
            // A label with that name means the category: it must hold the rule too.
            if known.contains(name) && !rules.contains(name) {
                throw RunError(.input, "\(set.path): category \"\(name)\" has the name of a rule it does not list; give it another name or list the rule")
            }
        }
        for item in set.items {
            for label in item.labels where !known.contains(label) && !categories.contains(label) {
                let hint = categories.isEmpty ? "" : " or one of the categories: \(set.categories.map(\.name).joined(separator: ", "))"
                throw RunError(.input, "\(set.path):\(item.line): label \"\(label)\" is neither a rule of the policy \(engine.declarations.manifest.name)\(hint)")
            }
        }
    }

    public func run(_ set: LabeledSet, reveal: Bool = false) throws(RunError) -> EvaluationReport {
        try validate(set)
        let categoryRules = set.categories
        var rulesOfCategory: [String: Set<String>] = [:]
        var categoriesOfRule: [String: Set<String>] = [:]
        for (name, rules) in categoryRules {
            rulesOfCategory[name] = Set(rules)
            for r in rules { categoriesOfRule[r, default: []].insert(name) }
        }
        var categoryCounts: [String: EvaluationCounts] = [:]
        var ruleCounts: [String: EvaluationCounts] = [:]
        var tagRows: [String: EvaluationReport.TagRow] = [:]
        var tagOrder: [String] = []
        var misses: [EvaluationReport.ItemOutcome] = []
        var falseAlarms: [EvaluationReport.ItemOutcome] = []
        var failures: [String] = []
        var labeled = 0
        var unlabeled = 0
        var unlabeledFlagged = 0
        let savedPersonal = engine.findsPersonalData
        engine.findsPersonalData = !reveal
        defer { engine.findsPersonalData = savedPersonal }

        for item in set.items {
            engine.resetIndicators()
            let result = engine.check(item.activity)
            failures += result.failures.map { "\(set.path):\(item.line): \($0.description)" }
            let raised = Set(result.findings.map(\.ruleID))
            let expectedRules = Set(item.labels.filter { rulesOfCategory[$0] == nil })
            var expectedCategories = Set(item.labels.filter { rulesOfCategory[$0] != nil })
            for r in expectedRules { expectedCategories.formUnion(categoriesOfRule[r] ?? []) }
            if item.labels.isEmpty { unlabeled += 1 } else { labeled += 1 }

            // Rules: a raised rule is right when the item names it or one of
            // its categories; a rule the item names and that is not raised is a miss.
            var unexpected: [String] = []
            for rule in raised.sorted() {
                let justified = expectedRules.contains(rule) || !(categoriesOfRule[rule] ?? []).isDisjoint(with: expectedCategories)
                if justified {
                    ruleCounts[rule, default: EvaluationCounts()].truePositives += 1
                } else {
                    ruleCounts[rule, default: EvaluationCounts()].falsePositives += 1
                    unexpected.append(rule)
                }
            }
            var missing: [String] = []
            for rule in expectedRules.sorted() where !raised.contains(rule) {
                ruleCounts[rule, default: EvaluationCounts()].falseNegatives += 1
                missing.append(rule)
            }
            for (name, rules) in categoryRules {
                let expected = expectedCategories.contains(name)
                let hit = !rules.allSatisfy { !raised.contains($0) }
                switch (expected, hit) {
                case (true, true): categoryCounts[name, default: EvaluationCounts()].truePositives += 1
                case (false, true): categoryCounts[name, default: EvaluationCounts()].falsePositives += 1
                case (true, false):
                    categoryCounts[name, default: EvaluationCounts()].falseNegatives += 1
                    // A category named by a label (a rule label's miss is listed as the rule).
                    if item.labels.contains(name) { missing.append(name) }
                case (false, false): break
                }
            }
            if item.labels.isEmpty && !raised.isEmpty { unlabeledFlagged += 1 }
            for tag in item.tags {
                if tagRows[tag] == nil {
                    tagRows[tag] = EvaluationReport.TagRow(tag: tag, items: 0, withFalseAlarm: 0, withMiss: 0)
                    tagOrder.append(tag)
                }
                tagRows[tag]!.items += 1
                if !unexpected.isEmpty { tagRows[tag]!.withFalseAlarm += 1 }
                if !missing.isEmpty { tagRows[tag]!.withMiss += 1 }
            }
            guard !missing.isEmpty || !unexpected.isEmpty else { continue }
            let personal = reveal ? [] : (result.personalData ?? Excerpt.personalData(in: item.activity.text))
            let evidence = result.findings.filter { unexpected.contains($0.ruleID) }.flatMap(\.evidence)
            let text = Excerpt.window(item.activity.text, evidence: evidence, reveal: reveal, personal: personal, width: 240)
            let outcome = { (detail: [String]) in
                EvaluationReport.ItemOutcome(
                    line: item.line, id: item.activity.id, expected: item.labels, raised: raised.sorted(),
                    detail: detail, tags: item.tags, text: text)
            }
            if !missing.isEmpty { misses.append(outcome(missing)) }
            if !unexpected.isEmpty { falseAlarms.append(outcome(unexpected)) }
        }
        let namedRules = Set(set.items.flatMap(\.labels)).subtracting(rulesOfCategory.keys)
        let ruleOrder = engine.declarations.rules.map(\.id) + engine.declarations.indicators.map(\.id)
        return EvaluationReport(
            policy: engine.declarations.manifest.name, file: set.path, items: set.items.count, labeledItems: labeled,
            unlabeledItems: unlabeled, unlabeledFlagged: unlabeledFlagged,
            categories: categoryRules.map {
                EvaluationReport.CategoryRow(name: $0.name, rules: $0.rules, counts: categoryCounts[$0.name] ?? EvaluationCounts())
            },
            rules: ruleOrder.compactMap { id in
                ruleCounts[id].map { counts in
                    var counts = counts
                    counts.recallIsDefined = namedRules.contains(id)
                    return EvaluationReport.RuleRow(rule: id, counts: counts)
                }
            },
            tags: tagOrder.map { tagRows[$0]! }, misses: misses, falseAlarms: falseAlarms, ruleFailures: failures)
    }
}

extension EvaluationReport {
    /// The report as text: the tables, then the misses and the false alarms.
    public func text(listing: Bool = true) -> String {
        func f(_ x: Double?) -> String { x.map { String(format: "%.2f", $0) } ?? "—" }
        func table(_ title: String, _ rows: [(String, EvaluationCounts)]) -> String {
            guard !rows.isEmpty else { return "" }
            let width = max(title.count, rows.map(\.0.count).max() ?? 0)
            func pad(_ s: String, _ n: Int) -> String { s + String(repeating: " ", count: max(0, n - s.count)) }
            func left(_ s: String, _ n: Int) -> String { String(repeating: " ", count: max(0, n - s.count)) + s }
            var out = pad(title, width) + "    TP    FP    FN  precision  recall    F1\n"
            for (name, c) in rows {
                out += pad(name, width) + left("\(c.truePositives)", 6) + left("\(c.falsePositives)", 6)
                    + left("\(c.falseNegatives)", 6) + left(f(c.precision), 11) + left(f(c.recall), 8) + left(f(c.f1), 6) + "\n"
            }
            return out
        }
        var out = "Evaluation of \(policy) on \(file): \(items) items (\(labeledItems) labeled, \(unlabeledItems) that should raise nothing)\n\n"
        if !categories.isEmpty {
            out += table("category", categories.map { ($0.name, $0.counts) }) + "\n"
        }
        out += table("rule", rules.map { ($0.rule, $0.counts) })
        if let rate = falseAlarmRate {
            out += String(format: "\nItems that should raise nothing: %d, of which %d raised something (%.1f %%)\n",
                          unlabeledItems, unlabeledFlagged, rate * 100)
        }
        if !tags.isEmpty {
            out += "\ntag: items, with a false alarm, with a miss\n"
            for t in tags { out += "  \(t.tag): \(t.items), \(t.withFalseAlarm), \(t.withMiss)\n" }
        }
        if listing {
            if !misses.isEmpty {
                out += "\nMisses (\(misses.count))\n"
                for m in misses { out += "  line \(m.line) \(m.id): missed \(m.detail.joined(separator: ", ")); raised \(m.raised.isEmpty ? "nothing" : m.raised.joined(separator: ", "))\n    « \(m.text) »\n" }
            }
            if !falseAlarms.isEmpty {
                out += "\nFalse alarms (\(falseAlarms.count))\n"
                for m in falseAlarms {
                    out += "  line \(m.line) \(m.id): \(m.detail.joined(separator: ", ")) raised; expected \(m.expected.isEmpty ? "nothing" : m.expected.joined(separator: ", "))\n    « \(m.text) »\n"
                }
            }
        }
        for failure in ruleFailures { out += "rule failure: \(failure)\n" }
        return out
    }
}
