import Foundation
import LeadscoreData
import LeadscoreSalesforce
import Testing

/// The ingest CSV: what `BulkIngestCSV` writes (RFC 4180 quoting, `#N/A` for null), and the files
/// `bulkIngest` refuses before sending anything, each with the line to fix.
@Suite struct ClientIngestFileTests {
    static func temporaryFile(_ text: String? = nil) throws -> URL {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("ingest-\(UUID().uuidString).csv")
        if let text { try Data(text.utf8).write(to: file) }
        return file
    }

    @Test func writesQuotedValuesNullsAsNAAndAbsentFieldsEmpty() throws {
        let file = try Self.temporaryFile()
        defer { try? FileManager.default.removeItem(at: file) }
        let records = [
            SalesforceRecord(fields: ["Id": .string("00Q5e000000AAAAEA0"), "AI_Score__c": SalesforceValue(87),
                                      "AI_Top_Reasons__c": .string("Title: \"VP\", Sales\nSource: Web"), "AI_Review_Needed__c": .bool(true)]),
            SalesforceRecord(fields: ["Id": .string("00Q5e000000AAABEA0"), "AI_Score__c": .number("12.5"), "AI_Top_Reasons__c": .null]),
        ]
        let columns = ["Id", "AI_Score__c", "AI_Top_Reasons__c", "AI_Review_Needed__c"]
        #expect(try BulkIngestCSV.write(records, columns: columns, to: file) == 2)
        let text = try String(contentsOf: file, encoding: .utf8)
        #expect(text == """
        Id,AI_Score__c,AI_Top_Reasons__c,AI_Review_Needed__c
        00Q5e000000AAAAEA0,87,"Title: ""VP"", Sales
        Source: Web",true
        00Q5e000000AAABEA0,12.5,#N/A,

        """)
        // An independent reader gets the values back.
        let reader = try CSVReader(url: file)
        guard case let .row(first)? = try reader.next() else {
            Issue.record("no first row")
            return
        }
        #expect(first.values[2] == "Title: \"VP\", Sales\nSource: Web")
        let permissions = try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int
        #expect(permissions == 0o600)
    }

    @Test func refusesValuesACSVCannotCarry() throws {
        let file = try Self.temporaryFile()
        defer { try? FileManager.default.removeItem(at: file) }
        let cases: [([SalesforceRecord], [String])] = [
            ([SalesforceRecord(fields: ["Id": .string("x"), "Company": .string("Acme")])], ["Id"]),
            ([SalesforceRecord(fields: ["Address": .object(["City": .string("Oslo")])])], ["Address"]),
            ([SalesforceRecord(fields: ["Company": .string("#N/A")])], ["Company"]),
            ([], ["Company", "company"]),
            ([], ["Company Name"]),
        ]
        for (records, columns) in cases {
            #expect(throws: SalesforceClientError.self) { try BulkIngestCSV.write(records, columns: columns, to: file) }
        }
    }

    /// Files Salesforce would misread are refused before any request, with the line and field to fix.
    @Test func refusesFilesBeforeSendingAnything() async throws {
        let id = ClientCollectionsTests.leadId(1)
        let cases: [(text: String, operation: BulkIngestOperation, partBytes: Int?, line: Int?, mentions: String)] = [
            ("AI_Score__c\n5\n", .update, nil, 1, "needs the Id column"),
            ("Id,AI_Score__c\n\(id),5\n", .insert, nil, 1, "have no Id yet"),
            ("Event_Key__c,Score__c\nk1,5\n,6\n", .upsert(externalIdField: "Event_Key__c"), nil, 3, "is empty"),
            ("Id,AI_Score__c\r\n\(id),5\r\n", .update, nil, 1, "CR LF"),
            ("Id,Title\n\(id),27\" screen\n", .update, nil, 2, "double quote"),
            ("Id,AI_Score__c\n\(id),5\n\n\(id),6\n", .update, nil, 3, "empty"),
            ("Id,AI_Score__c\n\(id),5\nnot-an-id,6\n", .update, nil, 3, "not a 15- or 18-character Salesforce Id"),
            ("Id,AI_Score__c\n\(id),5,7\n", .update, nil, 2, "has 3 values"),
            ("Id,AI Score\n\(id),5\n", .update, nil, 1, "not a field API name"),
            ("Id,AI_Top_Reasons__c\n\(id),\(String(repeating: "x", count: 200))\n", .update, 100, 2, "more than one upload may carry"),
        ]
        try await ScriptedPeer.run(salesforcePeer { _, _, _ in IngestScript.notFound }) { peer in
            try await TestClients.with(TestClients.config(base: peer.base), clock: RecordingClock()) { client in
                for item in cases {
                    let file = try Self.temporaryFile(item.text)
                    defer { try? FileManager.default.removeItem(at: file) }
                    do {
                        try await client.bulkIngest("Lead", operation: item.operation, csv: file, partBytes: item.partBytes)
                        Issue.record("accepted: \(item.text.debugDescription)")
                    } catch let error as InputError {
                        #expect(error.line == item.line, "\(error)")
                        #expect(error.description.contains(item.mentions), "\(error)")
                    } catch let errors as InputErrors {
                        #expect(errors.errors.first?.line == item.line, "\(errors)")
                        #expect(errors.description.contains(item.mentions), "\(errors)")
                    }
                }
            }
            #expect(peer.apiRequests.isEmpty)
        }
    }

    @Test func aFileWithOnlyAHeaderNeedsNoJob() async throws {
        try await ScriptedPeer.run(salesforcePeer { _, _, _ in IngestScript.notFound }) { peer in
            let file = try Self.temporaryFile("Id,AI_Score__c\n")
            defer { try? FileManager.default.removeItem(at: file) }
            let outcome = try await TestClients.with(TestClients.config(base: peer.base), clock: RecordingClock()) { client in
                try await client.bulkIngest("Lead", operation: .update, csv: file)
            }
            #expect(outcome.rows.isEmpty && outcome.jobIds.isEmpty)
            #expect(peer.apiRequests.isEmpty)
        }
    }
}
