import Foundation
import Testing
@testable import LeadscoreData

/// What killed runs leave beside their outputs is removed by the next run; a live run's staging, another
/// machine's, and a recent one of unknown owner are kept.
struct AbandonedStagingTests {
    @Test func onlyStagingOfEndedProcessesIsRemoved() throws {
        let parent = FileManager.default.temporaryDirectory.appendingPathComponent("staging-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: parent) }
        let destination = parent.appendingPathComponent("snap")
        // A process that has ended: its pid names the staging of a run that was killed.
        let ended = Process()
        ended.executableURL = URL(fileURLWithPath: "/bin/true")
        try ended.run()
        ended.waitUntilExit()
        let mine = AbandonedStaging.path(beside: destination, kind: "tmp")
        let host = String(mine.lastPathComponent.split(separator: "-").last!)
        func make(_ name: String, age: TimeInterval = 0) throws -> URL {
            let url = parent.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: false)
            try Data(repeating: 7, count: 1_000).write(to: url.appendingPathComponent("rows.csv"))
            try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-age)], ofItemAtPath: url.path)
            return url
        }
        let killed = try make(".snap.tmp-aaaa1111-p\(ended.processIdentifier)-\(host)")
        let live = try make(mine.lastPathComponent)
        let otherMachine = try make(".snap.tmp-bbbb2222-p\(ended.processIdentifier)-h0badf00d")
        let oldUnnamed = try make(".snap.tmp-cccc3333", age: 2 * 86_400)
        let recentUnnamed = try make(".snap.tmp-dddd4444")
        let otherKind = try make(".snap.extract-eeee5555-p\(ended.processIdentifier)-\(host)")
        let otherOutput = try make(".snapshot.tmp-ffff6666-p\(ended.processIdentifier)-\(host)")

        let removed = AbandonedStaging.removeAbandoned(beside: destination, kind: "tmp")
        #expect(Set(removed.map(\.lastPathComponent)) == [killed.lastPathComponent, oldUnnamed.lastPathComponent])
        for kept in [live, otherMachine, recentUnnamed, otherKind, otherOutput] {
            #expect(FileManager.default.fileExists(atPath: kept.path), "\(kept.lastPathComponent)")
        }
        #expect(!FileManager.default.fileExists(atPath: killed.path))
        #expect(AbandonedStaging.removeAbandoned(beside: destination, kind: "extract").map(\.lastPathComponent)
            == [otherKind.lastPathComponent])
    }

    @Test func atomicDirectoriesCleanUpBeforeTheyStage() throws {
        let parent = FileManager.default.temporaryDirectory.appendingPathComponent("staging-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: parent) }
        let destination = parent.appendingPathComponent("out")
        let ended = Process()
        ended.executableURL = URL(fileURLWithPath: "/bin/true")
        try ended.run()
        ended.waitUntilExit()
        let host = String(AbandonedStaging.path(beside: destination, kind: "tmp").lastPathComponent.split(separator: "-").last!)
        let left = parent.appendingPathComponent(".out.tmp-1234abcd-p\(ended.processIdentifier)-\(host)")
        try FileManager.default.createDirectory(at: left, withIntermediateDirectories: false)
        let output = try AtomicDirectory(destination: destination)
        #expect(!FileManager.default.fileExists(atPath: left.path))
        try output.commit()
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent.path) == ["out"])
    }
}
