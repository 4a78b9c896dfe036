import Testing
@testable import LeadscoreData

/// The one duration syntax of leadscore.yaml and `--since`: a whole number and s, m, h or d.
struct DurationTextTests {
    @Test func readsEveryUnitAndRefusesTheRest() {
        #expect(DurationText.parse("90s") == .seconds(90))
        #expect(DurationText.parse(" 15m") == .seconds(900))
        #expect(DurationText.parse("6H") == .seconds(21_600))
        #expect(DurationText.parse("7d") == .seconds(604_800))
        for bad in ["", "5", "0m", "-3d", "1.5h", "h", "7w", "9223372036854775807d"] {
            #expect(DurationText.parse(bad) == nil, "\(bad)")
        }
    }

    @Test func printsTheLargestWholeUnit() {
        #expect(DurationText.plain(.seconds(90)) == "90s")
        #expect(DurationText.plain(.seconds(3_600)) == "1h")
        #expect(DurationText.plain(.seconds(172_800)) == "2d")
    }

    @Test func theReaderNamesTheKeyAndTheRange() throws {
        let reader = YAMLNodeReader(source: "leadscore.yaml")
        let root = try #require(try YAMLNodeReader.compose("every: 10s\ncooldown: soon\n", source: "leadscore.yaml"))
        let section = try #require(reader.mapping(root, "", allowed: ["every", "cooldown"]))
        #expect(reader.duration(section["every"], "sync.every", range: .seconds(60) ... .seconds(86_400)) == nil)
        #expect(reader.duration(section["cooldown"], "sync.cooldown", range: .seconds(60) ... .seconds(86_400)) == nil)
        #expect(reader.errors.count == 2)
        #expect("\(reader.errors[0])".contains("sync.every") && "\(reader.errors[0])".contains("outside 1m to 1d"))
        #expect("\(reader.errors[1])".contains("is not a duration"))
    }
}
