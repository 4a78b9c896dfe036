import AsyncHTTPClient
import Foundation
import LeadscoreData
import LeadscoreDevSalesforce
import Logging
import NIOCore
import NIOHTTP1
import NIOSSL

/// A small sample org in a fresh directory and a live dev server on a free loopback port, called over
/// real HTTPS by AsyncHTTPClient trusting only the server's generated CA.
enum DevServerFixture {
    /// A new org directory with 300 sample leads (and their history).
    static func makeOrg() throws -> URL {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("dev-salesforce-tests-\(UUID().uuidString.prefix(8))")
        _ = try SampleOrgGenerator(leads: 300, seed: 1).write(to: directory)
        return directory
    }

    static var logger: Logger {
        var logger = Logger(label: "dev-salesforce-test")
        logger.logLevel = .warning
        return logger
    }

    /// Runs `test` against a server for `org` (a new sample org when `nil`).
    static func withServer<T>(org: URL? = nil, faults: FaultPlan = .none, now: Date? = nil, reset: Bool = false,
                              dailyAPILimit: Int = 100_000, infoFile: URL? = nil, packages: [URL] = [],
                              _ test: (DevClient, DevSalesforceServer) async throws -> T) async throws -> T {
        let directory = try org ?? makeOrg()
        let configuration = DevSalesforceConfiguration(orgDirectory: directory, port: 0, faults: faults, now: now, reset: reset,
                                                       dailyAPILimit: dailyAPILimit, infoFile: infoFile, packageDirectories: packages)
        let server = try DevSalesforceServer(configuration: configuration, logger: logger)
        defer { try? server.store.close() }
        return try await server.withRunning { info in
            let client = try DevClient(info: info)
            do {
                let result = try await test(client, server)
                try await client.shutdown()
                return result
            } catch {
                try? await client.shutdown()
                throw error
            }
        }
    }
}

/// An HTTPS client for the dev server: trusts the server's CA file and nothing else.
struct DevClient: Sendable {
    let info: DevSalesforceInfo
    let http: HTTPClient

    init(info: DevSalesforceInfo, trustingCA: Bool = true) throws {
        self.info = info
        var tls = TLSConfiguration.makeClientConfiguration()
        if trustingCA { tls.trustRoots = .file(info.caFile) }
        var configuration = HTTPClient.Configuration(tlsConfiguration: tls)
        configuration.timeout = .init(connect: .seconds(5), read: .seconds(30))
        http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    func shutdown() async throws {
        try await http.shutdown()
    }

    /// One answer: status, headers, and the body as text.
    struct Answer: Sendable {
        var status: Int
        var headers: [String: String]
        var text: String

        /// The body parsed with Foundation's JSONSerialization (independent of the server's writer).
        var json: Any? { try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed]) }
        var object: [String: Any] { json as? [String: Any] ?? [:] }
        var array: [[String: Any]] { json as? [[String: Any]] ?? [] }
        /// `errorCode` of a Salesforce error array's first entry.
        var errorCode: String? { array.first?["errorCode"] as? String }
    }

    /// Sends a request to `path` (relative to the instance URL, or absolute).
    func send(_ method: HTTPMethod, _ path: String, token: String? = nil, json: Any? = nil, form: [String: String]? = nil,
              csv: String? = nil, headers: [String: String] = [:]) async throws -> Answer {
        var request = HTTPClientRequest(url: path.hasPrefix("https://") ? path : info.instanceUrl + path)
        request.method = method
        if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let json {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: json)))
        } else if let form {
            request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
            request.body = .bytes(ByteBuffer(string: Self.formEncoded(form)))
        } else if let csv {
            request.headers.add(name: "Content-Type", value: "text/csv")
            request.body = .bytes(ByteBuffer(string: csv))
        }
        let response = try await http.execute(request, timeout: .seconds(30))
        let body = try await response.body.collect(upTo: 64 << 20)
        var fields: [String: String] = [:]
        for header in response.headers { fields[header.name.lowercased()] = header.value }
        return Answer(status: Int(response.status.code), headers: fields, text: String(buffer: body))
    }

    func get(_ path: String, token: String?, headers: [String: String] = [:]) async throws -> Answer {
        try await send(.GET, path, token: token, headers: headers)
    }

    /// An access token from the client credentials flow.
    func token() async throws -> String {
        let answer = try await send(.POST, "/services/oauth2/token", form: [
            "grant_type": "client_credentials", "client_id": info.clientId, "client_secret": info.clientSecret,
        ])
        guard answer.status == 200, let token = answer.object["access_token"] as? String else {
            throw FixtureError("token endpoint answered \(answer.status): \(answer.text)")
        }
        return token
    }

    static func formEncoded(_ form: [String: String]) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return form.map { key, value in
            "\(key)=\(value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value)"
        }.joined(separator: "&")
    }

    static func queryEncoded(_ soql: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return soql.addingPercentEncoding(withAllowedCharacters: allowed) ?? soql
    }
}

struct FixtureError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// An export as its CSV has it (the sample org's Lead.csv, LeadHistory.csv): header and rows of text,
/// read with LeadscoreData's reader, independently of the server.
struct CSVRows {
    let header: [String]
    let rows: [[String]]

    /// The sample org's Lead.csv.
    static func leads(org: URL) throws -> CSVRows {
        try CSVRows(url: org.appendingPathComponent("Lead.csv"))
    }

    init(url: URL) throws {
        let reader = try CSVReader(url: url)
        var rows: [[String]] = []
        while let record = try reader.next() {
            if case let .row(row) = record { rows.append(row.values) }
        }
        header = reader.header
        self.rows = rows
    }

    func value(_ field: String, row: Int) -> String {
        rows[row][header.firstIndex(of: field)!]
    }

    /// The rows whose `field` is `value`, in file order (`IsConverted` = `false`: leads a write may change).
    func rows(where field: String, is value: String) -> [Int] {
        rows.indices.filter { self.value(field, row: $0) == value }
    }
}
