import Foundation
import LeadscoreData
import LeadscoreDevSalesforce
import NIOHTTP1
import Testing

/// `--package`: an SFDX package's custom fields join Lead's describe and table, its custom object and
/// platform event become objects of the org, and a restart deploys it again without losing writes.
@Suite struct PackageDeployTests {
    static func fields(_ describe: DevClient.Answer) -> [String: [String: Any]] {
        var fields: [String: [String: Any]] = [:]
        for field in describe.object["fields"] as? [[String: Any]] ?? [] {
            if let name = field["name"] as? String { fields[name] = field }
        }
        return fields
    }

    @Test func leadGainsThePackagesFieldsInItsDescribe() async throws {
        let package = try TestPackage.scoring()
        try await DevServerFixture.withServer(packages: [package]) { client, _ in
            let token = try await client.token()
            let fields = Self.fields(try await client.get("/services/data/v62.0/sobjects/Lead/describe", token: token))
            #expect(fields["Company"]?["type"] as? String == "string", "the org's own fields stay")
            #expect(fields["AI_Score__c"]?["type"] as? String == "double")
            #expect(fields["AI_Score__c"]?["precision"] as? Int == 3)
            #expect(fields["AI_Probability__c"]?["type"] as? String == "percent")
            #expect(fields["AI_Probability__c"]?["scale"] as? Int == 2)
            #expect(fields["AI_Tier__c"]?["type"] as? String == "picklist")
            #expect(fields["AI_Tier__c"]?["restrictedPicklist"] as? Bool == true)
            let tiers = (fields["AI_Tier__c"]?["picklistValues"] as? [[String: Any]] ?? []).compactMap { $0["value"] as? String }
            #expect(tiers == ["A", "B", "C"])
            #expect(fields["AI_Top_Reasons__c"]?["type"] as? String == "textarea")
            #expect(fields["AI_Top_Reasons__c"]?["length"] as? Int == 32_768)
            #expect(fields["AI_Scored_At__c"]?["type"] as? String == "datetime")
            #expect(fields["AI_Review_Needed__c"]?["type"] as? String == "boolean")
            #expect(fields["AI_Review_Needed__c"]?["nillable"] as? Bool == false)
            #expect(fields["AI_Input_Hash__c"]?["length"] as? Int == 64)
            #expect(fields["Legacy_Key__c"]?["externalId"] as? Bool == true)
            #expect(fields["Legacy_Key__c"]?["unique"] as? Bool == false)
            for name in ["AI_Score__c", "AI_Tier__c", "Legacy_Key__c"] {
                #expect(fields[name]?["custom"] as? Bool == true)
                #expect(fields[name]?["createable"] as? Bool == true && fields[name]?["updateable"] as? Bool == true, "\(name)")
            }
        }
    }

    @Test func aCustomObjectAndAnEventBecomeObjectsOfTheOrg() async throws {
        let package = try TestPackage.scoring()
        try await DevServerFixture.withServer(packages: [package]) { client, _ in
            let token = try await client.token()
            let global = try await client.get("/services/data/v62.0/sobjects", token: token)
            let names = (global.object["sobjects"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
            #expect(Set(names).isSuperset(of: ["Lead", "LeadHistory", "Task", "Lead_Scoring_Event__c", "Hot_Lead__e"]))
            let audit = try await client.get("/services/data/v62.0/sobjects/Lead_Scoring_Event__c/describe", token: token)
            let prefix = try #require(audit.object["keyPrefix"] as? String)
            #expect(prefix.hasPrefix("a") && prefix.count == 3)
            #expect(audit.object["custom"] as? Bool == true)
            let fields = Self.fields(audit)
            #expect(Set(fields.keys).isSuperset(of: ["Id", "Name", "OwnerId", "CreatedDate", "LastModifiedDate", "SystemModstamp",
                                                     "IsDeleted", "Lead__c", "Event_Key__c", "Score__c", "Mode__c"]))
            #expect(fields["Lead__c"]?["type"] as? String == "reference")
            #expect(fields["Lead__c"]?["referenceTo"] as? [String] == ["Lead"])
            #expect(fields["Lead__c"]?["relationshipName"] as? String == "Scoring_Events__r")
            #expect(fields["Event_Key__c"]?["externalId"] as? Bool == true)
            #expect(fields["Event_Key__c"]?["unique"] as? Bool == true)
            #expect(fields["Event_Key__c"]?["nillable"] as? Bool == false)
            #expect(fields["Name"]?["autoNumber"] as? Bool == true)
            #expect(fields["Name"]?["createable"] as? Bool == false)
            let event = try await client.get("/services/data/v62.0/sobjects/Hot_Lead__e/describe", token: token)
            #expect(event.object["keyPrefix"] as? String == "e00")
            #expect(event.object["queryable"] as? Bool == false)
            #expect(Set(Self.fields(event).keys) == ["ReplayId", "EventUuid", "CreatedDate", "CreatedById", "Lead_Id__c", "Score__c"])
        }
    }

    @Test func recordsOfACustomObjectAreCreatedNumberedAndQueried() async throws {
        let org = try DevServerFixture.makeOrg()
        let lead = try CSVRows.leads(org: org).value("Id", row: 0)
        try await DevServerFixture.withServer(org: org, packages: [try TestPackage.scoring()]) { client, _ in
            let token = try await client.token()
            var ids: [String] = []
            for key in ["run-1:\(lead)", "run-2:\(lead)"] {
                let created = try await client.send(.POST, "/services/data/v62.0/sobjects/Lead_Scoring_Event__c", token: token,
                                                    json: ["Lead__c": String(lead.prefix(15)), "Event_Key__c": key, "Score__c": 87])
                #expect(created.status == 201, "\(created.text)")
                ids.append(try #require(created.object["id"] as? String))
            }
            let soql = "SELECT Id, Name, Lead__c, Score__c, Mode__c, OwnerId FROM Lead_Scoring_Event__c ORDER BY Name"
            let answer = try await client.get("/services/data/v62.0/query?q=\(DevClient.queryEncoded(soql))", token: token)
            let records = answer.object["records"] as? [[String: Any]] ?? []
            #expect(records.compactMap { $0["Name"] as? String } == ["LSE-000001", "LSE-000002"])
            #expect(records.compactMap { $0["Id"] as? String } == ids)
            #expect(records.first?["Lead__c"] as? String == lead, "a 15-character lookup is stored as the 18-character Id")
            #expect(records.first?["Mode__c"] as? String == "shadow", "the picklist's default")
            #expect(records.first?["OwnerId"] is String)
            #expect(answer.text.contains("\"Score__c\":87.0"))
        }
    }

    @Test func aRestartDeploysAgainAndKeepsTheWrites() async throws {
        let org = try DevServerFixture.makeOrg()
        let id = try CSVRows.leads(org: org).value("Id", row: 1)
        let package = try TestPackage.scoring()
        try await DevServerFixture.withServer(org: org) { client, _ in
            // Before any deploy the field does not exist.
            let answer = try await client.send(.PATCH, "/services/data/v62.0/sobjects/Lead/\(id)", token: try await client.token(),
                                               json: ["AI_Score__c": 91])
            #expect(answer.errorCode == "INVALID_FIELD")
        }
        for _ in 0..<2 {
            try await DevServerFixture.withServer(org: org, packages: [package]) { client, _ in
                let token = try await client.token()
                let read = try await client.get("/services/data/v62.0/sobjects/Lead/\(id)?fields=AI_Score__c,AI_Review_Needed__c", token: token)
                #expect(read.text.contains("\"AI_Review_Needed__c\":false"), "existing leads get the checkbox default")
                if read.text.contains("\"AI_Score__c\":null") {
                    let written = try await client.send(.PATCH, "/services/data/v62.0/sobjects/Lead/\(id)", token: token,
                                                        json: ["AI_Score__c": 91, "AI_Tier__c": "A"])
                    #expect(written.status == 204)
                } else {
                    #expect(read.text.contains("\"AI_Score__c\":91.0"), "the write of the first run survived the restart")
                }
            }
        }
        // Without the package the columns stay in the file, invisible, and the org still opens.
        let status = try await DevServerFixture.withServer(org: org) { client, _ in
            try await client.get("/services/data/v62.0/sobjects/Lead/\(id)", token: try await client.token()).status
        }
        #expect(status == 200)
    }

    @Test func sourceFoldersDeployLikeAProject() async throws {
        let source = try TestPackage.sourceFolder(field: "Routing_Note__c", "<label>Routing Note</label><type>TextArea</type>")
        let forceApp = try TestPackage.scoring().appendingPathComponent("force-app")
        try await DevServerFixture.withServer(packages: [source, forceApp]) { client, _ in
            let describe = try await client.get("/services/data/v62.0/sobjects/Lead/describe", token: try await client.token())
            #expect(Self.fields(describe)["Routing_Note__c"]?["length"] as? Int == 255)
            #expect(Self.fields(describe)["AI_Score__c"]?["type"] as? String == "double", "objects/ found below force-app/main/default")
        }
    }
}
