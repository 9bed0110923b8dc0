import Foundation
import Testing
import VigieFuzz
import VigieTestSupport

#if canImport(Glibc)
    import Glibc
#endif

/// `vigie import` as a user runs it on bad input: it never traps or hangs,
/// it says what it lost, and a run that lost input exits 4.
@Suite struct ImportCommandReliabilityTests {
    var binary: String { VigieBinary.url.path }

    func run(_ arguments: [String]) -> BinaryRun {
        CaseRunner.runBinary(binary, arguments, timeout: 60)
    }

    /// A huge timestamp stopped `vigie import` with SIGILL (exit 132).
    @Test func aHugeTimestampIsNotATrap() throws {
        let scratch = try Scratch()
        defer { scratch.cleanup() }
        let export = Samples.export(.facebookPosts, records: 3, special: [1: .time("1e30")])
        try scratch.write("posts/your_posts_1.json", export.recordsBytes)
        let result = run(["import", scratch.path("posts"), "--out", scratch.path("out.jsonl")])
        #expect(result.signal == nil, "\(result.stderr)")
        #expect(result.status == 4)
        #expect(result.stdout.contains("partly imported, 2 of 3 records (1 skipped); line"))
        let lines = try String(contentsOfFile: scratch.path("out.jsonl"), encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 2)
    }

    /// A run that lost input exits 4 and names each file; `--keep-going`
    /// exits 0 and still says what was lost.
    @Test func lostInputExits4UnlessKeepGoing() throws {
        let scratch = try Scratch()
        defer { scratch.cleanup() }
        try scratch.write("e/posts/your_posts_1.json", Samples.export(.facebookPosts, records: 3).recordsBytes)
        var cut = Samples.export(.facebookPosts, records: 3, first: 50).recordsBytes
        cut.removeLast(30)
        try scratch.write("e/posts/your_posts_2.json", cut)
        let lost = run(["import", scratch.path("e"), "--out", scratch.path("out.jsonl")])
        #expect(lost.status == 4)
        #expect(lost.stdout.contains("files: 1 imported, 1 partly imported, 0 refused"))
        #expect(lost.stdout.contains("your_posts_2.json: partly imported, 2 of 3 records"))
        #expect(lost.stdout.contains("input lost in 1 file"))
        let going = run(["import", scratch.path("e"), "--out", scratch.path("out.jsonl"), "--keep-going"])
        #expect(going.status == 0)
        #expect(going.stdout.contains("your_posts_2.json: partly imported, 2 of 3 records"))
        #expect(going.stdout.contains("going on (--keep-going)"))
        // A clean export exits 0.
        let clean = run(["import", scratch.path("e/posts/your_posts_1.json"), "--out", scratch.path("out.jsonl")])
        #expect(clean.status == 0)
        #expect(!clean.stdout.contains("input lost"))
    }

    /// A named pipe in a folder blocked the import forever.
    @Test func aNamedPipeDoesNotBlock() throws {
        let scratch = try Scratch()
        defer { scratch.cleanup() }
        try scratch.write("e/posts/your_posts_1.json", Samples.export(.facebookPosts, records: 2).recordsBytes)
        try scratch.fifo("e/posts/pipe.json")
        let result = run(["import", scratch.path("e"), "--out", scratch.path("out.jsonl")])
        #expect(!result.timedOut)
        #expect(result.status == 4)
        #expect(result.stdout.contains("pipe.json: refused: a named pipe (FIFO), not a regular file"))
        let direct = run(["import", try scratch.fifo("stream.jsonl"), "--out", scratch.path("out.jsonl")])
        #expect(!direct.timedOut)
        #expect(direct.status == 4)
    }

    /// A subfolder that cannot be read was skipped silently. (As root,
    /// permissions do not apply: the import then runs as `nobody`.)
    @Test func anUnreadableSubfolderIsReported() throws {
        let scratch = try Scratch()
        defer { scratch.cleanup() }
        try scratch.write("e/posts/your_posts_1.json", Samples.export(.facebookPosts, records: 2).recordsBytes)
        try scratch.write("e/secret/posts/your_posts_2.json", Samples.export(.facebookPosts, records: 2).recordsBytes)
        chmod(scratch.url.path, 0o755)
        chmod(scratch.path("e/secret"), 0o000)
        var arguments = [binary, "import", scratch.path("e"), "--out", "/dev/null"]
        let asRoot = geteuid() == 0
        if asRoot {
            guard FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv") else { return }
            arguments = ["--reuid=65534", "--regid=65534", "--clear-groups"] + arguments
        }
        let result = CaseRunner.runBinary(asRoot ? "/usr/bin/setpriv" : binary, Array(arguments.dropFirst(asRoot ? 0 : 1)))
        #expect(result.status == 4, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("secret: refused: cannot read it (cannot list the folder: permission denied)"))
        #expect(result.stdout.contains("files: 1 imported, 0 partly imported, 1 refused"))
    }

    /// Names with line breaks or escapes are printed escaped; values never.
    @Test func theOutputIsEscapedAndMasked() throws {
        let scratch = try Scratch()
        defer { scratch.cleanup() }
        let export = Samples.export(.mastodon, records: 3, special: [0: .time("\"\(Planted.phone)\""), 1: .time("\"\(Planted.email)\"")])
        try scratch.write("e\u{1B}[2J\nx/outbox.json", export.recordsBytes)
        let result = run(["import", scratch.path("e\u{1B}[2J\nx"), "--out", scratch.path("out.jsonl")])
        #expect(result.status == 4)
        #expect(!result.stdout.contains("\u{1B}"))
        #expect(result.stdout.contains("e\\u{1B}[2J\\nx"))
        #expect(Planted.leaks(in: result.stdout + result.stderr).isEmpty, "\(result.stdout)")
        #expect(result.stdout.contains("(a text of 14 characters shaped \"•• •• •• •• ••\")"))
    }

    /// A missing path or an unknown format is a usage error (2), not lost input.
    @Test func usageErrorsStay2() throws {
        let scratch = try Scratch()
        defer { scratch.cleanup() }
        #expect(run(["import", scratch.path("absent"), "--out", "/dev/null"]).status == 2)
        #expect(run(["import", try scratch.write("notes.txt", "rien"), "--out", "/dev/null"]).status == 2)
        #expect(run(["import", try scratch.write("x.jsonl", ""), "--out", "/dev/null", "--keep-going"]).status == 0)
    }
}
