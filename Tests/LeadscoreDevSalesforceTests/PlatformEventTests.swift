import Foundation
import LeadscoreData
import LeadscoreDevSalesforce
import NIOHTTP1
import Testing

/// Platform events: published with `POST /sobjects/Hot_Lead__e` (or a Collections create), answered 201
/// with an `e00` id and OPERATION_ENQUEUED, kept in order for `GET /__dev/events/Hot_Lead__e`, counted in
/// `/__dev/stats`, and never queried, read or updated as records.
@Suite struct PlatformEventTests {
    static let path = "/services/data/v62.0/sobjects/Hot_Lead__e"

    @Test func publishedEventsAreKeptInOrder() async throws {
        let clockStart = try #require(ISO8601DateFormatter().date(from: "2025-07-01T12:00:00Z"))
        try await DevServerFixture.withServer(now: clockStart, packages: [try TestPackage.scoring()]) { client, _ in
            let token = try await client.token()
            let published = try await client.send(.POST, Self.path, token: token, json: ["Lead_Id__c": "00Q000000000001AAA", "Score__c": 93])
            #expect(published.status == 201)
            #expect(published.object["success"] as? Bool == true)
            let id = try #require(published.object["id"] as? String)
            #expect(id.hasPrefix("e00") && id.count == 18)
            let enqueued = (published.object["errors"] as? [[String: Any]])?.first
            #expect(enqueued?["statusCode"] as? String == "OPERATION_ENQUEUED")
            let uuid = try #require(enqueued?["message"] as? String)
            #expect(UUID(uuidString: uuid) != nil)

            let collection = try await client.send(.POST, "/services/data/v62.0/composite/sobjects", token: token, json: ["records": [
                ["attributes": ["type": "Hot_Lead__e"], "Lead_Id__c": "00Q000000000002AAA", "Score__c": 88],
                ["attributes": ["type": "Hot_Lead__e"], "Lead_Id__c": "00Q000000000003AAA", "Score__c": 1_000],
            ]])
            #expect(collection.array.map { $0["success"] as? Bool } == [true, false])

            let events = try await client.get("/__dev/events/Hot_Lead__e", token: nil)
            #expect(events.status == 200)
            let list = events.json as? [[String: Any]] ?? []
            #expect(list.compactMap { $0["Lead_Id__c"] as? String } == ["00Q000000000001AAA", "00Q000000000002AAA"])
            #expect(list.compactMap { $0["ReplayId"] as? String } == ["1", "2"])
            #expect(list.first?["EventUuid"] as? String == uuid)
            #expect((list.first?["CreatedDate"] as? String)?.hasPrefix("2025-07-01T12:0") == true)
            #expect(events.text.contains("\"Score__c\":93.0"))

            let stats = try await client.get("/__dev/stats", token: nil).object
            #expect((stats["events"] as? [String: Int])?["Hot_Lead__e"] == 2)
            #expect((stats["records"] as? [String: Int])?["Hot_Lead__e"] == nil)
        }
    }

    @Test func eventsAreNotRecords() async throws {
        try await DevServerFixture.withServer(packages: [try TestPackage.scoring()]) { client, _ in
            let token = try await client.token()
            let published = try await client.send(.POST, Self.path, token: token, json: ["Score__c": 70])
            let id = try #require(published.object["id"] as? String)
            let query = try await client.get("/services/data/v62.0/query?q=\(DevClient.queryEncoded("SELECT Id FROM Hot_Lead__e"))", token: token)
            #expect(query.status == 400)
            #expect(query.errorCode == "INVALID_TYPE")
            #expect(try await client.get("\(Self.path)/\(id)", token: token).status == 405)
            #expect(try await client.send(.PATCH, "\(Self.path)/\(id)", token: token, json: ["Score__c": 1]).status == 405)
            let update = try await client.send(.PATCH, "/services/data/v62.0/composite/sobjects", token: token,
                                               json: ["records": [["attributes": ["type": "Hot_Lead__e"], "id": id, "Score__c": 1]]])
            #expect(update.errorCode == "INVALID_TYPE")
            let readOnly = try await client.send(.POST, Self.path, token: token, json: ["ReplayId": "7"])
            #expect(readOnly.errorCode == "INVALID_FIELD_FOR_INSERT_UPDATE")
            #expect(try await client.get("/__dev/events/Lead", token: nil).status == 404)
            #expect(try await client.get("/__dev/events/Nope__e", token: nil).status == 404)
        }
    }
}
