import CaseFileTestSupport
import Foundation
import Testing
import VigieModel

@testable import VigieCaseFile

/// Two `vigie check` processes on the same client at once: the test binary
/// starts itself twice as child processes (running only `childWriter`), each
/// writing runs into the same case file.
@Suite struct TwoProcessTests {
    static let pathVariable = "VIGIE_CASE_CHILD_PATH"
    static let tagVariable = "VIGIE_CASE_CHILD_TAG"
    static let runsPerProcess = 10

    /// What each child process does; a no-op in a normal test run.
    @Test func childWriter() throws {
        let environment = ProcessInfo.processInfo.environment
        guard let path = environment[Self.pathVariable], let tag = environment[Self.tagVariable] else { return }
        let file = try CaseFile(path: path, busyTimeout: 60)
        for index in 0..<Self.runsPerProcess {
            let id = try file.beginRun(RunStart(policyName: tag, policyVersion: "1", inputs: ["\(tag)-\(index)"]))
            let findings = (0..<30).map { finding("rule-\(tag)", "post-\($0)", $0, $0 + 2) }
            try file.finishRun(id, findings: findings, counts: RunCounts(activities: 30))
        }
    }

    @Test(arguments: TestBackend.available)
    func twoProcessesWriteTheSameCaseFile(_ backend: TestBackend) throws {
        #if os(Linux)
            let executable = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
            let place = try TestCaseLocation(backend)
            _ = try place.open()
            let children = try ["a", "b"].map { tag -> Process in
                let process = Process()
                process.executableURL = URL(fileURLWithPath: executable)
                process.arguments = ["--testing-library", "swift-testing", "--filter", "childWriter"]
                var environment = ProcessInfo.processInfo.environment
                environment[Self.pathVariable] = place.text
                environment[Self.tagVariable] = tag
                process.environment = environment
                process.standardOutput = FileHandle.nullDevice
                process.standardError = FileHandle.nullDevice
                try process.run()
                return process
            }
            for child in children { child.waitUntilExit() }
            #expect(children.map(\.terminationStatus) == [0, 0])

            let file = try place.open()
            #expect(try file.integrityCheck() == ["ok"])
            let runs = try file.runs()
            #expect(runs.count == 2 * Self.runsPerProcess)
            #expect(runs.allSatisfy { $0.status == .complete && $0.findingCount == 30 })
            for tag in ["a", "b"] {
                #expect(runs.filter { $0.policyName == tag }.compactMap(\.newFindingCount).reduce(0, +) == 30)
            }
        #endif
    }
}
