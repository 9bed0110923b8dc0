import VigieModel
/// An RFC 4180 CSV parser: fields separated by commas, records by CRLF or LF,
/// quoted fields that may hold commas, line breaks and doubled quotes (`""`).
///
/// A broken row (a quote in the middle of an unquoted field, text after a
/// closing quote, invalid UTF-8, a quoted field still open at the end of the
/// file) is returned as an issue with its line, and parsing goes on with the
/// next line.
struct CSVParser {
    struct Row {
        /// One-based line where the row starts.
        var line: Int
        var result: Result<[String], ImportIssue>
    }

    let bytes: [UInt8]
    let file: String

    func forEachRow(_ body: (Row) throws -> Void) rethrows {
        var k = 0
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { k = 3 }
        var line = 1
        let n = bytes.count
        while k < n {
            let rowLine = line
            var fields: [String] = []
            var field: [UInt8] = []
            var problem: String?
            var rowDone = false
            func finishField() {
                if problem == nil {
                    if let text = String(validating: field, as: UTF8.self) {
                        fields.append(text)
                    } else {
                        problem = "invalid UTF-8"
                    }
                }
                field.removeAll(keepingCapacity: true)
            }
            while !rowDone {
                // Start of a field.
                if k < n, bytes[k] == 0x22 {
                    k += 1
                    var closed = false
                    while k < n {
                        let b = bytes[k]
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
                        if b == 0x0A { line += 1 }
                        field.append(b)
                        k += 1
                    }
                    if !closed {
                        try body(Row(line: rowLine, result: .failure(ImportIssue(
                            file: file, line: rowLine, reason: .brokenCSVRow,
                            detail: "a quoted field opened here is never closed (truncated file?)"))))
                        return
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
                if k >= n {
                    rowDone = true
                } else if bytes[k] == 0x2C {
                    k += 1
                    if k >= n { fields.append("") ; rowDone = true }
                } else if bytes[k] == 0x0A {
                    k += 1
                    line += 1
                    rowDone = true
                }
            }
            if fields.count == 1 && fields[0].isEmpty && problem == nil { continue }  // blank line
            if let problem {
                try body(Row(line: rowLine, result: .failure(ImportIssue(
                    file: file, line: rowLine, reason: problem == "invalid UTF-8" ? .invalidUTF8 : .brokenCSVRow,
                    detail: problem == "invalid UTF-8" ? "the row is not valid UTF-8" : "broken CSV row: \(problem)"))))
            } else {
                try body(Row(line: rowLine, result: .success(fields)))
            }
        }
    }
}
