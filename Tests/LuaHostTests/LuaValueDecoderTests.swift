import Foundation
import Testing

@testable import LuaHost

private enum Level: String, Codable, CaseIterable, Hashable {
    case info, low, medium, high, critical
}

private struct Place: Codable, Hashable {
    var file: String
    var line: Int
}

private struct Example: Codable, Hashable {
    var text: String
    var platform: String?
}

private struct Rule: Codable, Hashable {
    var id: String
    var severity: Level
    var mitigates: [String]
    var advice: String?
    var weight: Double
    var disabled: Bool?
    var at: Place
    var examples: [String: [Example]]
    var extra: LuaValue?
}

private struct Export: Codable, Hashable {
    var rules: [Rule]
}

private func rule(_ id: String, severity: LuaValue = "high", mitigates: LuaValue = ["a", "b"]) -> LuaValue {
    [
        "id": .string(id), "severity": severity, "mitigates": mitigates, "weight": 1.5,
        "at": ["file": "policy.lua", "line": 12],
        "examples": ["flag": [["text": "Appelez-moi"]], "pass": [:]],
    ]
}

private func decodingError<T: Decodable>(_ type: T.Type, _ value: LuaValue) -> LuaDecodingError? {
    do {
        _ = try LuaValueDecoder().decode(type, from: value)
        return nil
    } catch {
        return error
    }
}

@Suite("LuaValueDecoder reads Lua data strictly")
struct LuaValueDecoderTests {
    @Test func anEncodedValueDecodesBackUnchanged() throws {
        let original = Export(rules: [
            Rule(
                id: "r1", severity: .critical, mitigates: ["t1", "t2"], advice: "Retirer.", weight: 2.5, disabled: true,
                at: Place(file: "p.lua", line: 3),
                examples: ["flag": [Example(text: "x", platform: "facebook")], "pass": []], extra: ["k": 1]),
            Rule(
                id: "r2", severity: .info, mitigates: [], advice: nil, weight: 0, disabled: nil,
                at: Place(file: "p.lua", line: 9), examples: [:], extra: nil),
        ])
        let value = try LuaValueEncoder().encode(original)
        #expect(try LuaValueDecoder().decode(Export.self, from: value) == original)
    }

    @Test func foundationValuesRoundTripAsTheEncoderWritesThem() throws {
        struct Stamp: Codable, Equatable {
            var at: Date
            var link: URL
            var blob: Data
            var amount: Decimal
        }
        let stamp = Stamp(
            at: Date(timeIntervalSince1970: 1_772_445_600), link: URL(string: "https://example.org/a?b=c")!,
            blob: Data([0, 1, 254, 255]), amount: 12)
        let value = try LuaValueEncoder().encode(stamp)
        #expect(value["at"] == "2026-03-02T10:00:00Z")
        #expect(try LuaValueDecoder().decode(Stamp.self, from: value) == stamp)
        var bad = value
        if case .table(var t) = bad {
            t[.string("at")] = "2 mars"
            bad = .table(t)
        }
        #expect(decodingError(Stamp.self, bad)?.description == #"at: expected an ISO 8601 date, got "2 mars""#)
    }

    @Test func whatAScriptReturnsDecodes() throws {
        let state = try LuaState()
        let value = try state.run(
            """
            return { rules = {
              { id = "r", severity = "low", mitigates = {}, weight = 3, at = { file = "f.lua", line = 4 },
                examples = { flag = {}, pass = { { text = "ok", platform = "x" } } }, extra = { 1, 2 } } } }
            """, chunkName: "export.lua")[0]
        let export = try LuaValueDecoder().decode(Export.self, from: value)
        #expect(export.rules.count == 1)
        let r = try #require(export.rules.first)
        #expect(r.severity == .low && r.mitigates.isEmpty && r.weight == 3 && r.disabled == nil && r.advice == nil)
        #expect(r.examples["pass"] == [Example(text: "ok", platform: "x")] && r.examples["flag"] == [])
        #expect(r.extra == [1, 2])
        #expect(r.at == Place(file: "f.lua", line: 4))
    }

    @Test func aBadEnumValueListsTheCases() throws {
        let value: LuaValue = ["rules": [rule("a"), rule("b"), rule("c", severity: "hgih")]]
        let error = try #require(decodingError(Export.self, value))
        #expect(error.problem == .invalidValue)
        #expect(error.path == [.field("rules"), .index(3), .field("severity")])
        #expect(error.description == #"rules[3].severity: expected one of info, low, medium, high, critical, got "hgih""#)
    }

    @Test func aMissingKeyIsAnErrorNotADefault() throws {
        var broken = rule("a")
        if case .table(var t) = broken {
            t[.string("at")] = ["file": "policy.lua"]
            broken = .table(t)
        }
        let error = try #require(decodingError(Export.self, ["rules": [rule("x"), broken]]))
        #expect(error.problem == .missing)
        #expect(error.description == "rules[2].at.line: expected an integer, got nothing")
    }

    @Test func aMissingEnumNamesItsCases() throws {
        let error = try #require(decodingError(Export.self, ["rules": [rule("a", severity: nil)]]))
        #expect(error.problem == .missing)
        #expect(error.description == "rules[1].severity: expected one of info, low, medium, high, critical, got nothing")
    }

    @Test func aWrongTypeInANestedListNamesItsIndex() throws {
        let error = try #require(decodingError(Export.self, ["rules": [rule("a", mitigates: ["t1", 3])]]))
        #expect(error.problem == .wrongType)
        #expect(error.description == "rules[1].mitigates[2]: expected a string, got 3")
    }

    @Test func aTableWhereAListIsExpected() throws {
        let error = try #require(decodingError(Export.self, ["rules": [rule("a", mitigates: ["x": "y"])]]))
        #expect(error.problem == .wrongType)
        #expect(error.description == "rules[1].mitigates: expected a list, got a table")
        #expect(decodingError(Export.self, ["rules": "none"])?.description == #"rules: expected a list, got "none""#)
        #expect(decodingError(Export.self, .nil)?.description == "expected a table, got nothing")
    }

    @Test func aNestedStructInAListInADictionary() throws {
        var r = rule("a")
        if case .table(var t) = r {
            t[.string("examples")] = ["flag": [["text": "ok"], ["text": false]]]
            r = .table(t)
        }
        let error = try #require(decodingError(Export.self, ["rules": [r]]))
        #expect(error.description == "rules[1].examples.flag[2].text: expected a string, got false")
    }

    @Test func aDictionaryNeedsStringKeys() throws {
        let value: LuaValue = .table([.integer(1): ["a"], .string("flag"): []])
        let error = try #require(decodingError([String: [String]].self, value))
        #expect(error.problem == .invalidValue)
        #expect(error.description == "expected a table with string keys, got the key 1")
        #expect(decodingError([String: String].self, ["a", "b"])?.description
            == "expected a table with string keys, got the key 1")
        #expect(decodingError(Place.self, ["a", "b"])?.description == "file: expected a string, got nothing")
    }

    @Test func keysThatAreNotIdentifiersAreQuotedInThePath() throws {
        let error = try #require(decodingError([String: Int].self, ["two words": "x"]))
        #expect(error.pathDescription == #"["two words"]"#)
        #expect(error.description == #"["two words"]: expected an integer, got "x""#)
    }

    @Test func integersAreExact() throws {
        #expect(try LuaValueDecoder().decode(Int.self, from: .number(4)) == 4)
        #expect(try LuaValueDecoder().decode(Double.self, from: .integer(4)) == 4)
        #expect(decodingError(Int.self, .number(2.5))?.description == "expected an integer, got 2.5")
        let range = try #require(decodingError(UInt8.self, .integer(300)))
        #expect(range.problem == .invalidValue)
        #expect(range.description == "expected an integer from 0 to 255, got 300")
        #expect(decodingError(Bool.self, .integer(1))?.description == "expected a boolean, got 1")
    }

    @Test func anEmptyTableIsAnEmptyListAndAnEmptyTable() throws {
        #expect(try LuaValueDecoder().decode([String].self, from: .table([:])) == [])
        #expect(try LuaValueDecoder().decode([String: Int].self, from: .table([:])) == [:])
        #expect(try LuaValueDecoder().decode([String: Int].self, from: .array([])) == [:])
    }

    @Test func optionalsAcceptNothingOnly() throws {
        #expect(try LuaValueDecoder().decode(String?.self, from: .nil) == nil)
        #expect(try LuaValueDecoder().decode(String?.self, from: "x") == "x")
        #expect(decodingError(String?.self, 3)?.description == "expected a string, got 3")
        #expect(decodingError(Place.self, ["file": "f", "line": 1, "x": true]) == nil, "extra keys are ignored")
    }

    @Test func aTypesOwnValidationErrorKeepsItsPath() throws {
        struct Positive: Decodable {
            var n: Int
            init(from decoder: any Decoder) throws {
                n = try decoder.singleValueContainer().decode(Int.self)
                guard n > 0 else {
                    throw DecodingError.dataCorrupted(
                        .init(codingPath: decoder.codingPath, debugDescription: "a positive integer"))
                }
            }
        }
        let error = try #require(decodingError([String: [Positive]].self, ["scores": [1, -2]]))
        #expect(error.problem == .invalidValue)
        #expect(error.description == "scores[2]: expected a positive integer, got -2")
    }
}
