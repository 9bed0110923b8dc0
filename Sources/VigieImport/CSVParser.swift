import VigieModel
/// A CSV parser for exports: fields separated by commas, records by CRLF or
/// LF, quoted fields that may hold commas, line breaks and doubled quotes
/// (`""`, RFC 4180) — and, because LinkedIn writes them, backslash-escaped
/// quotes (`\"`) inside quoted fields.
///
/// Each row is read the RFC 4180 way first; when that gives a broken row
/// (or not as many fields as the header), it is read again taking `\"` as a
/// quote, and the reading that gives a sound row with the header's count
/// wins.
///
/// A broken row (a quote in the middle of an unquoted field, text after a
/// closing quote, invalid UTF-8, a field count unlike the header's, a quoted
/// field never closed) is returned as an issue with its line, and reading
/// resumes at the next line from which a sound row can be read: an unclosed
/// quote never swallows the rows after it. When no such line can be found
/// within the recovery budget (a few times the file's size), the rest of the
/// file is reported as lost, with an estimate of its rows.
struct CSVParser {
    struct Row {
        /// One-based line where the row starts.
        var line: Int
        var result: Result<[String], ImportIssue>
    }

    /// Rows that could not be read one by one.
    struct Lost {
        var line: Int
        var estimatedRows: Int
        var detail: String
    }

    let bytes: [UInt8]
    let file: String

    private struct Parsed {
        var fields: [String]
        var end: Int
        /// Line breaks consumed, the row's own included.
        var lines: Int
        var problem: String?
        var invalidUTF8: Bool
    }

    /// Reads one row from `start`, with or without backslash escapes.
    private func parseRow(at start: Int, backslash: Bool) -> Parsed {
        let n = bytes.count
        var k = start
        var lines = 0
        var fields: [String] = []
        var field: [UInt8] = []
        var problem: String?
        var invalidUTF8 = false
        func finishField() {
            if let text = String(validating: field, as: UTF8.self) {
                fields.append(text)
            } else {
                invalidUTF8 = true
                problem = problem ?? "invalid UTF-8"
                fields.append("")
            }
            field.removeAll(keepingCapacity: true)
        }
        while true {
            if k < n, bytes[k] == 0x22 {
                k += 1
                var closed = false
                while k < n {
                    let b = bytes[k]
                    if backslash, b == 0x5C, k + 1 < n, bytes[k + 1] == 0x22 || bytes[k + 1] == 0x5C {
                        field.append(bytes[k + 1])
                        k += 2
                        continue
                    }
                    if b == 0x22 {
                        if k + 1 < n, bytes[k + 1] == 0x22 {
                            field.append(0x22)
                            k += 2
                            continue
                        }
                        k += 1
                        closed = true
                        break
                    }
                    if b == 0x0A { lines += 1 }
                    field.append(b)
                    k += 1
                }
                if !closed {
                    problem = problem ?? "a quoted field is never closed"
                    finishField()
                    return Parsed(fields: fields, end: n, lines: lines, problem: problem, invalidUTF8: invalidUTF8)
                }
                // After a closing quote: a separator, a line end, or the end.
                if k < n, bytes[k] != 0x2C, bytes[k] != 0x0A, bytes[k] != 0x0D {
                    problem = problem ?? "text after a closing quote"
                    while k < n, bytes[k] != 0x2C, bytes[k] != 0x0A { k += 1 }
                }
            } else {
                while k < n, bytes[k] != 0x2C, bytes[k] != 0x0A {
                    if bytes[k] == 0x22 { problem = problem ?? "a quote inside an unquoted field" }
                    field.append(bytes[k])
                    k += 1
                }
                if field.last == 0x0D { field.removeLast() }
            }
            finishField()
            if k < n, bytes[k] == 0x0D { k += 1 }
            if k >= n { return Parsed(fields: fields, end: n, lines: lines, problem: problem, invalidUTF8: invalidUTF8) }
            if bytes[k] == 0x2C {
                k += 1
                if k >= n {
                    fields.append("")
                    return Parsed(fields: fields, end: n, lines: lines, problem: problem, invalidUTF8: invalidUTF8)
                }
                continue
            }
            // A line feed ends the row.
            return Parsed(fields: fields, end: k + 1, lines: lines + 1, problem: problem, invalidUTF8: invalidUTF8)
        }
    }

    private func isSound(_ row: Parsed, expected: Int?) -> Bool {
        row.problem == nil && (expected == nil || row.fields.count == expected)
    }

    /// The start of the line after `offset`, or nil at the end.
    private func nextLine(after offset: Int) -> Int? {
        guard offset < bytes.count, let newline = bytes[offset...].firstIndex(of: 0x0A) else { return nil }
        return newline + 1 < bytes.count ? newline + 1 : nil
    }

    /// Calls `row` for each row (the header first).
    func forEachRow(_ row: (Row) throws -> Void) rethrows {
        try forEachRow(row, lost: { _ in })
    }

    /// Calls `row` for each row (the header first) and `lost` for a part of
    /// the file that could not be read row by row.
    func forEachRow(_ row: (Row) throws -> Void, lost: (Lost) throws -> Void) rethrows {
        var k = 0
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { k = 3 }
        var line = 1
        let n = bytes.count
        var expected: Int?
        // Recovery work (bytes parsed while looking for a sound row after a
        // broken one) is bounded: linear time whatever the damage.
        var budget = 4 * n + (1 << 20)
        var soundRows = 0
        var soundLines = 0
        while k < n {
            let rfc = parseRow(at: k, backslash: false)
            var chosen: Parsed? = isSound(rfc, expected: expected) ? rfc : nil
            var other: Parsed?
            if chosen == nil {
                let escaped = parseRow(at: k, backslash: true)
                other = escaped
                if isSound(escaped, expected: expected) { chosen = escaped }
            }
            if let chosen {
                if expected == nil { expected = chosen.fields.count }
                // A blank line is no row.
                if !(chosen.fields.count == 1 && chosen.fields[0].isEmpty) {
                    try row(Row(line: line, result: .success(chosen.fields)))
                    soundRows += 1
                    soundLines += Swift.max(1, chosen.lines)
                }
                k = chosen.end
                line += chosen.lines
                continue
            }
            if rfc.fields.count == 1 && rfc.fields[0].isEmpty && rfc.problem == nil {
                k = rfc.end
                line += rfc.lines
                continue
            }
            // A broken row: say why, with the reading that went least astray.
            let shown = [rfc, other!].min { $0.end < $1.end }!
            let reason: ImportIssue.Reason = shown.invalidUTF8 ? .invalidUTF8 : .brokenCSVRow
            let detail: String
            if shown.invalidUTF8 {
                detail = "the row is not valid UTF-8"
            } else if let problem = shown.problem {
                detail = "broken CSV row: \(problem)"
            } else {
                detail = "broken CSV row: \(shown.fields.count) fields where the header has \(expected ?? 0)"
            }
            let brokenLine = line
            // Resume at the next line from which a sound row reads.
            var resume: Int?
            var resumeLine = line
            var candidate = nextLine(after: k)
            var candidateLine = line + 1
            while let start = candidate, budget > 0 {
                let a = parseRow(at: start, backslash: false)
                budget -= a.end - start
                // A sound row, or a row of its own on one line (broken too, but
                // then reported on its own rather than swallowed).
                let blank = a.fields.count == 1 && a.fields[0].isEmpty
                if isSound(a, expected: expected) || (a.problem == nil && a.lines <= 1 && !blank) {
                    resume = start
                    resumeLine = candidateLine
                    break
                }
                let b = parseRow(at: start, backslash: true)
                budget -= b.end - start
                if isSound(b, expected: expected) {
                    resume = start
                    resumeLine = candidateLine
                    break
                }
                candidate = nextLine(after: start)
                candidateLine += 1
            }
            try row(Row(line: brokenLine, result: .failure(ImportIssue(
                file: file, line: brokenLine, reason: reason,
                detail: detail + (resume.map { _ in resumeLine > brokenLine + 1 ? "; reading resumes at line \(resumeLine)" : "" } ?? "")))))
            guard let resume else {
                // No sound row after this one: the rest of the file is lost.
                if let rest = nextLine(after: k) {
                    var lines = 0
                    for b in bytes[rest...] where b == 0x0A { lines += 1 }
                    if bytes.last != 0x0A { lines += 1 }
                    let perRow = soundRows > 0 ? Double(soundLines) / Double(soundRows) : 1
                    let estimate = Int((Double(lines) / Swift.max(1, perRow)).rounded(.up))
                    if estimate > 0 {
                        try lost(Lost(
                            line: brokenLine + 1, estimatedRows: estimate,
                            detail: "no sound row could be read after the broken row at line \(brokenLine); the rest of the file (\(lines) line\(lines == 1 ? "" : "s"), about \(estimate) row\(estimate == 1 ? "" : "s")) is lost"))
                    }
                }
                return
            }
            k = resume
            line = resumeLine
        }
    }
}
