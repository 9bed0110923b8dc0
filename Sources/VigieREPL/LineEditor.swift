import CEdit
import Foundation

/// Line editing on a terminal through libedit's native API.
///
/// - History: libedit's history file format (`_HiStOrY_V2_`, each entry
///   one line with spaces, tabs and newlines escaped by `strvis`), so an
///   entry of several lines is saved and loaded back whole. The file is
///   written after every entry (libedit makes it readable by its owner only).
/// - Tab runs `vigie-complete`: the longest common prefix of the
///   candidates is inserted; when there is nothing more to insert, the
///   candidates are listed.
/// - Bracketed paste: the terminal is asked to mark pastes (`ESC[?2004h`
///   while a line is read); `ESC[200~` is bound to `vigie-paste`, which
///   reads up to `ESC[201~` and inserts the text as it is: its tabs are not
///   completions and its newlines do not end the line.
/// - Ctrl-C: the terminal's `isig` is off while a line is edited, so Ctrl-C
///   is a key, bound to `vigie-interrupt`, which drops the line. While an
///   entry runs the terminal is in its normal mode and Ctrl-C is a SIGINT
///   (see `InterruptWatcher`).
final class LineEditor {
    enum Input: Equatable {
        case line(String)
        case interrupted
        case endOfInput
    }

    private let editLine: OpaquePointer
    private let history: OpaquePointer
    private let outputFile: UnsafeMutablePointer<FILE>
    private let historyPath: String?
    private var prompt: UnsafeMutablePointer<CChar>
    private var interrupted = false
    private let bracketedPaste: Bool
    /// Candidates for the text before the cursor.
    var complete: ((String) -> ReplCompletion?)?

    init?(historyPath: String?, bracketedPaste: Bool = true) {
        vigie_el_utf8_locale()
        guard let input = fdopen(0, "r"), let output = fdopen(1, "w"), let errors = fdopen(2, "w") else { return nil }
        guard let editLine = el_init("vigie", input, output, errors) else { return nil }
        guard let history = history_init() else {
            el_end(editLine)
            return nil
        }
        self.editLine = editLine
        self.history = history
        self.outputFile = output
        self.historyPath = historyPath
        self.bracketedPaste = bracketedPaste
        prompt = strdup("> ")

        _ = vigie_history_setsize(history, 1000)
        _ = vigie_history_setunique(history, 1)
        if let historyPath { _ = vigie_history_load(history, historyPath) }
        _ = vigie_el_set_editor(editLine, "emacs")
        _ = vigie_el_set_signal(editLine, 1)
        _ = vigie_el_set_history(editLine, history)
        _ = el_source(editLine, nil)  // the user's ~/.editrc, before our bindings
        _ = vigie_el_set_clientdata(editLine, Unmanaged.passUnretained(self).toOpaque())
        _ = vigie_el_set_prompt(editLine) { el in
            guard let el, let editor = LineEditor.editor(of: el) else { return nil }
            return editor.prompt
        }
        _ = vigie_el_add_function(editLine, "vigie-complete", "Complete the name before the cursor") { el, _ in
            guard let el, let editor = LineEditor.editor(of: el) else { return UInt8(CC_ERROR) }
            return editor.completeAtCursor()
        }
        _ = vigie_el_add_function(editLine, "vigie-paste", "Insert a bracketed paste as text") { el, _ in
            guard let el, let editor = LineEditor.editor(of: el) else { return UInt8(CC_ERROR) }
            return editor.insertPaste()
        }
        _ = vigie_el_add_function(editLine, "vigie-interrupt", "Drop the line being typed") { el, _ in
            guard let el, let editor = LineEditor.editor(of: el) else { return UInt8(CC_ERROR) }
            editor.interrupted = true
            if let info = el_line(el) {
                _ = el_cursor(el, Int32(info.pointee.lastchar - info.pointee.cursor))
            }
            return UInt8(CC_EOF)
        }
        _ = vigie_el_bind(editLine, "^I", "vigie-complete")
        _ = vigie_el_bind(editLine, "\\e[200~", "vigie-paste")
        _ = vigie_el_bind(editLine, "^C", "vigie-interrupt")
        _ = vigie_el_setty_edit(editLine, "-isig")
    }

    deinit {
        el_end(editLine)
        history_end(history)
        free(prompt)
    }

    private static func editor(of el: OpaquePointer) -> LineEditor? {
        guard let data = vigie_el_get_clientdata(el) else { return nil }
        return Unmanaged<LineEditor>.fromOpaque(data).takeUnretainedValue()
    }

    /// Reads a line (or a pasted or recalled block of lines), without the
    /// final newline.
    func readLine(prompt text: String) -> Input {
        free(prompt)
        prompt = strdup(text)
        interrupted = false
        if bracketedPaste { write("\u{1B}[?2004h") }
        var count: Int32 = 0
        errno = 0
        let line = el_gets(editLine, &count)
        let failure = errno
        if bracketedPaste { write("\u{1B}[?2004l") }
        guard let line, count > 0 else {
            if interrupted || (count < 0 && failure == EINTR) {
                write("^C\n")
                return .interrupted
            }
            write("\n")
            return .endOfInput
        }
        var text = String(cString: line)
        if text.hasSuffix("\n") { text.removeLast() }
        return .line(text)
    }

    /// Adds an entry (all its lines) to the history and saves the file.
    func addHistory(_ entry: String) {
        _ = vigie_history_enter(history, entry)
        if let historyPath { _ = vigie_history_save(history, historyPath) }
    }

    private func write(_ text: String) {
        fputs(text, outputFile)
        fflush(outputFile)
    }

    // MARK: - Key functions

    private func completeAtCursor() -> UInt8 {
        guard let info = el_line(editLine) else { return UInt8(CC_ERROR) }
        let start = UnsafeRawPointer(info.pointee.buffer!)
        let length = UnsafeRawPointer(info.pointee.cursor!) - start
        let before = String(decoding: UnsafeRawBufferPointer(start: start, count: length), as: UTF8.self)
        let lastLine = before.split(separator: "\n", omittingEmptySubsequences: false).last ?? ""
        if lastLine.allSatisfy({ $0 == " " || $0 == "\t" }) && !before.hasSuffix(":") {
            // Tab at the start of a line indents.
            _ = el_insertstr(editLine, "  ")
            return UInt8(CC_REFRESH)
        }
        guard let completion = complete?(before), !completion.candidates.isEmpty else {
            return UInt8(CC_REFRESH_BEEP)
        }
        let common = completion.commonPrefix
        if common.count > completion.word.count, common.hasPrefix(completion.word) {
            _ = el_insertstr(editLine, String(common.dropFirst(completion.word.count)))
            return UInt8(CC_REFRESH)
        }
        if completion.candidates.count == 1 { return UInt8(CC_NORM) }
        write("\r\n" + LineEditor.columns(completion.candidates, width: terminalWidth()) + "\r\n")
        return UInt8(CC_REDISPLAY)
    }

    private func insertPaste() -> UInt8 {
        let end: [wchar_t] = "\u{1B}[201~".unicodeScalars.map { wchar_t(bitPattern: $0.value) }
        var text: [wchar_t] = []
        var character: wchar_t = 0
        while el_wgetc(editLine, &character) == 1 {
            text.append(character)
            if text.count >= end.count, text.suffix(end.count).elementsEqual(end) {
                text.removeLast(end.count)
                break
            }
        }
        var cleaned: [wchar_t] = []
        cleaned.reserveCapacity(text.count + 1)
        let cr = wchar_t(13), lf = wchar_t(10)
        for (i, c) in text.enumerated() {
            if c == cr {
                if i + 1 < text.count, text[i + 1] == lf { continue }
                cleaned.append(lf)
            } else {
                cleaned.append(c)
            }
        }
        while cleaned.last == lf { cleaned.removeLast() }
        guard !cleaned.isEmpty else { return UInt8(CC_REFRESH) }
        cleaned.append(0)
        _ = el_winsertstr(editLine, cleaned)
        return UInt8(CC_REFRESH)
    }

    private func terminalWidth() -> Int {
        var size = winsize()
        guard ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return 80 }
        return Int(size.ws_col)
    }

    /// Lays the candidates out in columns, at most 200 of them.
    static func columns(_ items: [String], width: Int) -> String {
        let shown = Array(items.prefix(200))
        let cell = (shown.map(\.count).max() ?? 0) + 2
        let perLine = max(1, width / max(cell, 1))
        var lines: [String] = []
        var index = 0
        while index < shown.count {
            let row = shown[index..<min(index + perLine, shown.count)]
            lines.append(row.map { $0.padding(toLength: cell, withPad: " ", startingAt: 0) }.joined()
                .trimmingCharacters(in: .whitespaces))
            index += perLine
        }
        if items.count > shown.count { lines.append("... and \(items.count - shown.count) more") }
        return lines.joined(separator: "\r\n")
    }
}
