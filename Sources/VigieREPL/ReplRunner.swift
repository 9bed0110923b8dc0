import Foundation

/// Runs a session on a terminal or on piped input.
public enum ReplRunner {
    /// An interactive session on a terminal: prompts (`> `, `>> ` for a
    /// continuation), line editing, history, completion, Ctrl-C and
    /// Ctrl-D. Returns the exit status (0).
    public static func runInteractive(_ session: ReplSession, historyPath: String?, banner: String?) -> Int32 {
        guard let editor = LineEditor(historyPath: historyPath, bracketedPaste: ProcessInfo.processInfo.environment["TERM"] != "dumb")
        else {
            return runPiped(session)
        }
        InterruptWatcher.install(session.state.interruptHandle, evaluation: session.evaluation)
        session.interactive = true
        editor.complete = { [unowned session] text in session.complete(text) }
        if let banner { session.output.notice(banner) }
        while true {
            session.evaluation.prompt()
            switch editor.readLine(prompt: session.isContinuing ? ">> " : "> ") {
            case .endOfInput:
                return 0
            case .interrupted:
                session.cancelEntry()
            case .line(let text):
                switch session.feed(text) {
                case .needsMore, .done(entry: nil):
                    break
                case .done(entry: let entry?):
                    editor.addHistory(entry)
                case .quit(let entry):
                    editor.addHistory(entry)
                    return 0
                }
            }
        }
    }

    /// Piped input: no prompts, no colours, no editing; the input is read
    /// as a script session, line by line, and only what entries show or
    /// print reaches standard output (errors go to standard error, with the
    /// input's line numbers). Returns 1 if any entry failed, else 0.
    public static func runPiped(_ session: ReplSession, readLine: () -> String? = { Swift.readLine() }) -> Int32 {
        while let line = readLine() {
            if case .quit = session.feed(line) { break }
        }
        session.finishInput()
        return session.failures > 0 ? 1 : 0
    }
}
