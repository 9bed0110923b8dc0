import Foundation

/// The output formats of `vigie test`.
public enum TestReportFormat: String, CaseIterable, Sendable {
    case text, tap, junit, json
}

public enum TestReporter {
    public static func render(_ suites: [TestSuiteResult], format: TestReportFormat, coverage: Bool = false) -> String {
        switch format {
        case .text: text(suites, coverage: coverage)
        case .tap: tap(suites)
        case .junit: junit(suites)
        case .json: json(suites)
        }
    }

    /// Readable: each failure with file:line, expected and actual, the text.
    public static func text(_ suites: [TestSuiteResult], coverage: Bool) -> String {
        var out = ""
        var passed = 0
        var failed = 0
        for suite in suites {
            if let error = suite.loadError {
                out += "\(suite.name): the suite could not load\n\(error)\n\n"
                continue
            }
            let bad = suite.cases.filter { $0.status != .passed }
            passed += suite.cases.count - bad.count
            failed += bad.count
            out += "\(bad.isEmpty ? "✓" : "✗") \(suite.name) (\(suite.path)): \(suite.cases.count - bad.count)/\(suite.cases.count) passed"
            if coverage { out += String(format: ", coverage %.0f %%", suite.coverage.percent) }
            out += "\n"
            for c in bad {
                out += "  \(c.status == .errored ? "error" : "FAIL") \(c.name)\n    at \(c.location)\n"
                if let e = c.expected { out += "    expected: \(e)\n" }
                if let a = c.actual { out += "    actual:   \(a)\n" }
                if let t = c.text { out += "    text:     «\(t)»\n" }
                if let m = c.message, c.expected == nil || c.status == .errored { out += "    \(m.replacingOccurrences(of: "\n", with: "\n    "))\n" }
            }
            if coverage {
                for item in suite.coverage.uncovered {
                    out += "  not covered: \(item.kind) \(item.id) (\(item.location))\n"
                }
            }
        }
        let loadErrors = suites.filter { $0.loadError != nil }.count
        out += "\n\(passed) passed, \(failed) failed"
        if loadErrors > 0 { out += ", \(loadErrors) suite(s) could not load" }
        return out + "\n"
    }

    /// TAP version 13.
    public static func tap(_ suites: [TestSuiteResult]) -> String {
        let all = suites.flatMap(\.cases)
        let loadErrors = suites.filter { $0.loadError != nil }
        var out = "TAP version 13\n1..\(all.count + loadErrors.count)\n"
        var n = 0
        for suite in loadErrors {
            n += 1
            out += "not ok \(n) - \(suite.name) could not load\n  ---\n  message: \(yaml(suite.loadError ?? ""))\n  ...\n"
        }
        for c in all {
            n += 1
            out += "\(c.status == .passed ? "ok" : "not ok") \(n) - \(c.suite) › \(c.name.replacingOccurrences(of: "#", with: "\\#"))\n"
            if c.status != .passed {
                out += "  ---\n  at: \(yaml(c.location))\n"
                if let m = c.message { out += "  message: \(yaml(m))\n" }
                if let e = c.expected { out += "  expected: \(yaml(e))\n" }
                if let a = c.actual { out += "  actual: \(yaml(a))\n" }
                out += "  ...\n"
            }
        }
        return out
    }

    /// JUnit XML (the `testsuites`/`testsuite`/`testcase` format CI tools read).
    public static func junit(_ suites: [TestSuiteResult]) -> String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        let total = suites.reduce(0) { $0 + $1.cases.count + ($1.loadError == nil ? 0 : 1) }
        let failures = suites.reduce(0) { $0 + $1.cases.filter { $0.status == .failed }.count }
        let errors = suites.reduce(0) { $0 + $1.cases.filter { $0.status == .errored }.count + ($1.loadError == nil ? 0 : 1) }
        out += "<testsuites name=\"vigie\" tests=\"\(total)\" failures=\"\(failures)\" errors=\"\(errors)\">\n"
        for suite in suites {
            let f = suite.cases.filter { $0.status == .failed }.count
            let e = suite.cases.filter { $0.status == .errored }.count + (suite.loadError == nil ? 0 : 1)
            let time = suite.cases.reduce(0) { $0 + $1.seconds }
            out += "  <testsuite name=\"\(xml(suite.name))\" tests=\"\(suite.cases.count + (suite.loadError == nil ? 0 : 1))\" failures=\"\(f)\" errors=\"\(e)\" skipped=\"0\" time=\"\(String(format: "%.3f", time))\">\n"
            if let error = suite.loadError {
                out += "    <testcase name=\"load\" classname=\"\(xml(suite.name))\" time=\"0\">\n"
                out += "      <error message=\"the suite could not load\">\(xml(error))</error>\n    </testcase>\n"
            }
            for c in suite.cases {
                out += "    <testcase name=\"\(xml(c.name))\" classname=\"\(xml(suite.name))\" file=\"\(xml(c.file))\" line=\"\(c.line)\" time=\"\(String(format: "%.3f", c.seconds))\""
                if c.status == .passed {
                    out += "/>\n"
                    continue
                }
                out += ">\n"
                var body = "at \(c.location)"
                if let e = c.expected { body += "\nexpected: \(e)" }
                if let a = c.actual { body += "\nactual: \(a)" }
                if let t = c.text { body += "\ntext: \(t)" }
                if let m = c.message { body += "\n\(m)" }
                let tag = c.status == .errored ? "error" : "failure"
                out += "      <\(tag) message=\"\(xml(c.message ?? "failed"))\">\(xml(body))</\(tag)>\n    </testcase>\n"
            }
            out += "  </testsuite>\n"
        }
        return out + "</testsuites>\n"
    }

    public static func json(_ suites: [TestSuiteResult]) -> String {
        struct Report: Encodable {
            var schema = "vigie.test/1"
            var suites: [TestSuiteResult]
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(Report(suites: suites))) ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    static func xml(_ s: String) -> String {
        var out = ""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default:
                // XML 1.0 allows only these control characters.
                if scalar.value < 0x20 && scalar != "\n" && scalar != "\t" && scalar != "\r" { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    static func yaml(_ s: String) -> String {
        "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n") + "\""
    }
}
