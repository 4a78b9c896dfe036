import Foundation
import PostgresNIO

/// A `store.url` such as `postgres://leadscore:secret@db.internal:5432/leadscore?sslmode=require`,
/// read the way libpq (psql) reads it, so an admin can paste the URL they already use.
///
/// - `user` is required; the password and the database name are percent-decoded (`%40` for `@`);
///   the port defaults to 5432 and the database to the user's name, as in libpq.
/// - `sslmode`: `disable`, `prefer` (the default, except `disable` for localhost), `require`, or
///   `verify-full`. As in libpq, `prefer` and `require` encrypt without checking the server's
///   certificate (Debian's PostgreSQL ships a self-signed one); `verify-full` checks it and the host
///   name against the system's trusted roots.
/// - `options`: passed to the server as libpq does, e.g. `options=-c%20search_path%3Dleadscore` to keep
///   the tables in their own schema.
///
/// The password never appears in `description` or in any error this type throws.
struct PostgresStoreURL: Sendable, CustomStringConvertible {
    enum SSLMode: String, Sendable, CaseIterable {
        case disable, prefer, require, verifyFull = "verify-full"
    }

    var host: String
    var port: Int
    var user: String
    var password: String?
    var database: String?
    var sslMode: SSLMode
    /// The libpq `options` parameter: command-line options for the server session.
    var options: String?

    init(_ text: String) throws {
        // URLComponents refuses characters a URL cannot hold; the usual culprit is an unencoded password.
        guard let components = URLComponents(string: text),
              let scheme = components.scheme, ["postgres", "postgresql"].contains(scheme) else {
            throw StoreError.unusable("""
                store.url is not a valid postgres:// URL; write it as postgres://USER:PASSWORD@HOST:5432/DATABASE \
                and percent-encode special characters in the password (@ as %40, / as %2F, # as %23)
                """)
        }
        guard let host = components.host, !host.isEmpty else {
            throw StoreError.unusable("store.url names no host; write postgres://USER:PASSWORD@HOST:5432/DATABASE")
        }
        guard let user = components.user, !user.isEmpty else {
            throw StoreError.unusable("store.url names no user; write postgres://USER:PASSWORD@\(host)/DATABASE")
        }
        // IPv6 literals come back from some Foundation versions still in their URL brackets.
        self.host = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        self.port = components.port ?? 5432
        self.user = user
        self.password = components.password
        let path = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        self.database = path.isEmpty ? nil : path

        var sslMode: SSLMode?
        for item in components.queryItems ?? [] {
            switch item.name {
            case "sslmode":
                guard let mode = item.value.flatMap(SSLMode.init(rawValue:)) else {
                    let modes = SSLMode.allCases.map(\.rawValue).joined(separator: ", ")
                    throw StoreError.unusable("store.url has sslmode=\(item.value ?? ""); use one of \(modes)")
                }
                sslMode = mode
            case "options":
                options = item.value
            default:
                throw StoreError.unusable(
                    "store.url has an unknown parameter \(item.name); leadscore understands sslmode and options")
            }
        }
        self.sslMode = sslMode ?? (Self.isLocal(self.host) ? .disable : .prefer)
    }

    /// The URL with the password masked, for messages and logs.
    var description: String {
        let database = database.map { "/\($0)" } ?? ""
        let host = self.host.contains(":") ? "[\(self.host)]" : self.host
        return "postgres://\(user)\(password == nil ? "" : ":***")@\(host):\(port)\(database)"
    }

    /// The settings for the connection pool that serves queries.
    func clientConfiguration() -> PostgresClient.Configuration {
        let tls: PostgresClient.Configuration.TLS
        switch sslMode {
        case .disable: tls = .disable
        case .prefer: tls = .prefer(Self.unverifiedTLS())
        case .require: tls = .require(Self.unverifiedTLS())
        case .verifyFull: tls = .require(.makeClientConfiguration())
        }
        var configuration = PostgresClient.Configuration(host: host, port: port, username: user, password: password,
                                                         database: database, tls: tls)
        configuration.options.additionalStartupParameters = startupParameters
        return configuration
    }

    /// The settings for one connection outside the pool (see `PostgresServiceStore.migrate()`).
    func connectionConfiguration() throws -> PostgresConnection.Configuration {
        let tls: PostgresConnection.Configuration.TLS
        do {
            switch sslMode {
            case .disable: tls = .disable
            case .prefer: tls = .prefer(try NIOSSLContext(configuration: Self.unverifiedTLS()))
            case .require: tls = .require(try NIOSSLContext(configuration: Self.unverifiedTLS()))
            case .verifyFull: tls = .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
            }
        } catch {
            throw StoreError.unusable("cannot set up TLS for \(self): \(error); try sslmode=disable on a trusted network")
        }
        var configuration = PostgresConnection.Configuration(host: host, port: port, username: user,
                                                             password: password, database: database, tls: tls)
        configuration.options.additionalStartupParameters = startupParameters
        return configuration
    }

    private var startupParameters: [(String, String)] {
        options.map { [("options", $0)] } ?? []
    }

    /// Encryption without authentication, as libpq's `prefer` and `require` do.
    private static func unverifiedTLS() -> TLSConfiguration {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.certificateVerification = .none
        return configuration
    }

    private static func isLocal(_ host: String) -> Bool {
        ["localhost", "127.0.0.1", "::1"].contains(host)
    }
}
