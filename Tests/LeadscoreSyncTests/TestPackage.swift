import Foundation
import LeadscoreSalesforce

/// A minimal SFDX source folder with the fields and the audit object the sync writes (Metadata API
/// CustomField / CustomObject XML), deployed into the local server for these tests, so they do not
/// depend on the generated package in `salesforce/`.
enum TestPackage {
    static func write(to directory: URL) throws -> URL {
        let objects = directory.appendingPathComponent("objects")
        let lead: [(String, String)] = [
            (ScoreFields.score, "<precision>3</precision><scale>0</scale><type>Number</type>"),
            (ScoreFields.probability, "<precision>5</precision><scale>4</scale><type>Number</type>"),
            (ScoreFields.tier, "<length>20</length><type>Text</type>"),
            (ScoreFields.topReasons, "<length>255</length><type>Text</type>"),
            (ScoreFields.modelVersion, "<length>80</length><type>Text</type>"),
            (ScoreFields.scoredAt, "<type>DateTime</type>"),
            (ScoreFields.confidence, "<length>10</length><type>Text</type>"),
            (ScoreFields.reviewNeeded, "<defaultValue>false</defaultValue><type>Checkbox</type>"),
            (ScoreFields.routingDecision, "<length>80</length><type>Text</type>"),
            (ScoreFields.status, "<length>20</length><type>Text</type>"),
            (ScoreFields.inputHash, "<length>64</length><type>Text</type>"),
        ]
        let event: [(String, String)] = [
            (ScoringEventFields.lead, "<referenceTo>Lead</referenceTo><relationshipName>Lead</relationshipName><type>Lookup</type>"),
            (ScoringEventFields.modelVersion, "<length>80</length><type>Text</type>"),
            (ScoringEventFields.score, "<precision>3</precision><scale>0</scale><type>Number</type>"),
            (ScoringEventFields.tier, "<length>20</length><type>Text</type>"),
            (ScoringEventFields.inputHash, "<length>64</length><type>Text</type>"),
            (ScoringEventFields.mode, "<length>20</length><type>Text</type>"),
            (ScoringEventFields.runId, "<length>80</length><type>Text</type>"),
            (ScoringEventFields.eventKey, "<externalId>true</externalId><length>120</length><type>Text</type><unique>true</unique>"),
        ]
        try writeFields(lead, object: "Lead", in: objects)
        try writeFields(event, object: ScoringEventFields.object, in: objects)
        let object = objects.appendingPathComponent(ScoringEventFields.object)
        try Data("""
            <?xml version="1.0" encoding="UTF-8"?>
            <CustomObject xmlns="http://soap.sforce.com/2006/04/metadata">
                <label>Lead Scoring Event</label>
                <nameField><displayFormat>LSE-{00000000}</displayFormat><label>Event Number</label><type>AutoNumber</type></nameField>
                <pluralLabel>Lead Scoring Events</pluralLabel>
                <sharingModel>ReadWrite</sharingModel>
            </CustomObject>
            """.utf8).write(to: object.appendingPathComponent("\(ScoringEventFields.object).object-meta.xml"))
        return directory
    }

    private static func writeFields(_ fields: [(String, String)], object: String, in objects: URL) throws {
        let folder = objects.appendingPathComponent(object).appendingPathComponent("fields")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (name, body) in fields {
            let label = name.replacingOccurrences(of: "__c", with: "").replacingOccurrences(of: "_", with: " ")
            try Data("""
                <?xml version="1.0" encoding="UTF-8"?>
                <CustomField xmlns="http://soap.sforce.com/2006/04/metadata">
                    <fullName>\(name)</fullName>
                    \(body)
                    <label>\(label)</label>
                </CustomField>
                """.utf8).write(to: folder.appendingPathComponent("\(name).field-meta.xml"))
        }
    }
}
