import Foundation

/// Small SFDX packages written by hand into a temporary folder, independent of leadscore's own package
/// generator: the write-back's Lead fields, an audit object with an auto-number name and a unique
/// external id, and a hot-lead platform event, in the SFDX source format a retrieve writes.
enum TestPackage {
    static let namespace = "http://soap.sforce.com/2006/04/metadata"

    /// An SFDX project (`sfdx-project.json` + `force-app/main/default`) with the scoring package.
    static func scoring() throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("dev-package-\(UUID().uuidString.prefix(8))")
        try write("{\"packageDirectories\": [{\"path\": \"force-app\", \"default\": true}], \"sourceApiVersion\": \"62.0\"}",
                  to: root.appendingPathComponent("sfdx-project.json"))
        let source = root.appendingPathComponent("force-app/main/default")
        for (name, xml) in leadFields { try writeField(name, xml, object: "Lead", in: source) }
        try writeObject("Lead_Scoring_Event__c", """
                <label>Lead Scoring Event</label>
                <pluralLabel>Lead Scoring Events</pluralLabel>
                <nameField><label>Event Number</label><displayFormat>LSE-{000000}</displayFormat><type>AutoNumber</type></nameField>
                <deploymentStatus>Deployed</deploymentStatus>
                <sharingModel>ReadWrite</sharingModel>
            """, in: source)
        for (name, xml) in eventFields { try writeField(name, xml, object: "Lead_Scoring_Event__c", in: source) }
        try writeObject("Hot_Lead__e", """
                <deploymentStatus>Deployed</deploymentStatus>
                <eventType>HighVolume</eventType>
                <label>Hot Lead</label>
                <pluralLabel>Hot Leads</pluralLabel>
                <publishBehavior>PublishAfterCommit</publishBehavior>
            """, in: source)
        try writeField("Lead_Id__c", "<label>Lead Id</label><length>18</length><type>Text</type>", object: "Hot_Lead__e", in: source)
        try writeField("Score__c", "<label>Score</label><precision>3</precision><scale>0</scale><type>Number</type>",
                       object: "Hot_Lead__e", in: source)
        // Not data model: a deploy carries it, the org's schema ignores it.
        try write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<PermissionSet xmlns=\"\(namespace)\"><label>Sync</label></PermissionSet>",
                  to: source.appendingPathComponent("permissionsets/Sync.permissionset-meta.xml"))
        return root
    }

    static let leadFields: [(String, String)] = [
        ("AI_Score__c", "<label>AI Score</label><precision>3</precision><scale>0</scale><type>Number</type>"),
        ("AI_Probability__c", "<label>AI Probability</label><precision>5</precision><scale>2</scale><type>Percent</type>"),
        ("AI_Tier__c", """
            <label>AI Tier</label><type>Picklist</type>
            <valueSet><restricted>true</restricted><valueSetDefinition><sorted>false</sorted>
            <value><fullName>A</fullName><default>false</default><label>A - Hot</label></value>
            <value><fullName>B</fullName><default>false</default><label>B - Warm</label></value>
            <value><fullName>C</fullName><default>false</default><label>C - Cold</label></value>
            </valueSetDefinition></valueSet>
            """),
        ("AI_Top_Reasons__c", "<label>AI Top Reasons</label><length>32768</length><type>LongTextArea</type><visibleLines>5</visibleLines>"),
        ("AI_Scored_At__c", "<label>AI Scored At</label><type>DateTime</type>"),
        ("AI_Review_Needed__c", "<defaultValue>false</defaultValue><label>AI Review Needed</label><type>Checkbox</type>"),
        ("AI_Input_Hash__c", "<label>AI Input Hash</label><length>64</length><type>Text</type>"),
        ("Legacy_Key__c", "<externalId>true</externalId><label>Legacy Key</label><length>40</length><type>Text</type><unique>false</unique>"),
    ]

    static let eventFields: [(String, String)] = [
        ("Lead__c", """
            <deleteConstraint>SetNull</deleteConstraint><label>Lead</label><referenceTo>Lead</referenceTo>
            <relationshipLabel>Scoring Events</relationshipLabel><relationshipName>Scoring_Events</relationshipName>
            <required>false</required><type>Lookup</type>
            """),
        ("Event_Key__c", """
            <caseSensitive>false</caseSensitive><externalId>true</externalId><label>Event Key</label><length>80</length>
            <required>true</required><type>Text</type><unique>true</unique>
            """),
        ("Score__c", "<label>Score</label><precision>3</precision><scale>0</scale><type>Number</type>"),
        ("Mode__c", """
            <label>Mode</label><type>Picklist</type><valueSet><valueSetDefinition>
            <value><fullName>shadow</fullName><default>true</default><label>shadow</label></value>
            <value><fullName>route</fullName><default>false</default><label>route</label></value>
            </valueSetDefinition></valueSet>
            """),
    ]

    /// A source folder (no project file) with one field file, for the error cases.
    static func sourceFolder(object: String = "Lead", field name: String, _ body: String) throws -> URL {
        let source = FileManager.default.temporaryDirectory.appendingPathComponent("dev-source-\(UUID().uuidString.prefix(8))")
        try writeField(name, body, object: object, in: source)
        return source
    }

    static func writeField(_ name: String, _ body: String, object: String, in source: URL) throws {
        try write("""
            <?xml version="1.0" encoding="UTF-8"?>
            <CustomField xmlns="\(namespace)">
                <fullName>\(name)</fullName>
                \(body)
            </CustomField>
            """, to: source.appendingPathComponent("objects/\(object)/fields/\(name).field-meta.xml"))
    }

    static func writeObject(_ name: String, _ body: String, in source: URL) throws {
        try write("""
            <?xml version="1.0" encoding="UTF-8"?>
            <CustomObject xmlns="\(namespace)">
            \(body)
            </CustomObject>
            """, to: source.appendingPathComponent("objects/\(name)/\(name).object-meta.xml"))
    }

    static func write(_ text: String, to file: URL) throws {
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: file, atomically: true, encoding: .utf8)
    }
}
