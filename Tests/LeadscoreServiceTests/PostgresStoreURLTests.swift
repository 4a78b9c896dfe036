import Foundation
import Testing
@testable import LeadscoreService

/// `store.url` for PostgreSQL reads as libpq reads it, and no message ever shows the password.
/// Only the last test needs a server (`LEADSCORE_TEST_POSTGRES_URL`).
struct PostgresStoreURLTests {
    @Test func readsTheURLAsLibpqDoes() throws {
        let url = try PostgresStoreURL("postgresql://lead%20score:p%40ss%2Fw0rd@db.internal/scores%2D1")
        #expect(url.host == "db.internal")
        #expect(url.port == 5432)
        #expect(url.user == "lead score")
        #expect(url.password == "p@ss/w0rd")
        #expect(url.database == "scores-1")
        #expect(url.sslMode == .prefer)
        #expect(url.options == nil)
        #expect(url.description == "postgres://lead score:***@db.internal:5432/scores-1")
    }

    @Test func localhostSkipsTLSUnlessTheURLAsksForIt() throws {
        #expect(try PostgresStoreURL("postgres://u@localhost:6432").sslMode == .disable)
        #expect(try PostgresStoreURL("postgres://u@127.0.0.1/db").sslMode == .disable)
        #expect(try PostgresStoreURL("postgres://u@[::1]/db").host == "::1")
        let url = try PostgresStoreURL("postgres://u:pw@127.0.0.1/db?sslmode=require&options=-c%20search_path%3Dls")
        #expect(url.sslMode == .require)
        #expect(url.options == "-c search_path=ls")
        #expect(url.database == "db")
        #expect(try PostgresStoreURL("postgres://u@localhost:6432").database == nil)
    }

    @Test(arguments: [
        ("mysql://u:pw@host/db", "not a valid postgres:// URL"),
        ("postgres://u:pw@/db", "names no host"),
        ("postgres://host/db", "names no user"),
        ("postgres://u:pw@host/db?sslmode=always", "use one of disable, prefer, require, verify-full"),
        ("postgres://u:pw@host/db?connect_timeout=3", "unknown parameter connect_timeout"),
    ])
    func refusesAnUnusableURLAndSaysWhy(url: String, message: String) throws {
        let error = try #require(throws: StoreError.self) { try PostgresServiceStore(url: url) }
        #expect(error.description.contains(message))
        #expect(!error.description.contains("pw"))
    }

    @Test func anUnreachableServerIsReportedAtOnceWithoutThePassword() async throws {
        // Port 1 on the loopback interface: nothing listens, the connection is refused at once.
        let store = try PostgresServiceStore(url: "postgres://leadscore:s3cret-pw@127.0.0.1:1/leadscore")
        let error = try await #require(throws: StoreError.self) { try await store.migrate() }
        #expect(error.description.contains("cannot reach PostgreSQL at postgres://leadscore:***@127.0.0.1:1/leadscore"))
        #expect(error.description.contains("check the host and port in store.url"))
        #expect(!error.description.contains("s3cret-pw"))
        try await store.close()
    }

    @Test(.enabled(if: StoreKind.postgresURL != nil, "needs LEADSCORE_TEST_POSTGRES_URL"))
    func aRefusedLoginIsReportedWithoutThePassword() async throws {
        let base = try #require(StoreKind.postgresURL)
        var components = try #require(URLComponents(string: base))
        components.password = "not-the-password"
        let store = try PostgresServiceStore(url: try #require(components.string))
        let error = try await #require(throws: StoreError.self) { try await store.migrate() }
        #expect(error.description.contains("refused the login"))
        #expect(error.description.contains("check the user and password in store.url"))
        #expect(!error.description.contains("not-the-password"))
        try await store.close()
    }
}
