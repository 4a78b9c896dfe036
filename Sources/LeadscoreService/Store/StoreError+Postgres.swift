import PostgresNIO
// ConnectionPoolError: what PostgresClient throws when it cannot lease a connection at all.
import _ConnectionPoolModule

extension StoreError {
    /// The error `PostgresServiceStore` throws for a PostgresNIO failure.
    ///
    /// PostgresNIO's errors describe themselves as a generic "PSQLError" on purpose (so raw server
    /// text does not reach end users), which leaves an admin with nothing to act on. Connection and
    /// configuration problems become `StoreError.unusable` with what happened and how to fix it; the
    /// server's message is included because PostgreSQL never echoes a password. Anything else
    /// (a constraint violation, a bug in a query) is returned unchanged, as the SQLite store does
    /// with GRDB's errors.
    static func translating(_ error: any Error, from url: PostgresStoreURL) -> any Error {
        switch error {
        case is StoreError:
            return error
        case let error as PostgresTransactionError:
            // The closure's error is the cause; BEGIN, COMMIT and ROLLBACK fail when the connection does.
            guard let cause = error.closureError ?? error.beginError ?? error.commitError ?? error.rollbackError else {
                return error
            }
            return translating(cause, from: url)
        case let error as ConnectionPoolError where error == .connectionCreationCircuitBreakerTripped:
            return StoreError.unusable("""
                PostgreSQL at \(url) has refused connections for a minute; check that it is running and that \
                store.url names the right host, port, user and password
                """)
        case let error as ConnectionPoolError where error == .poolShutdown:
            return StoreError.unusable("the PostgreSQL store for \(url) is closed; open a new one")
        case let error as PSQLError:
            return translating(error, from: url) ?? error
        default:
            return error
        }
    }

    private static func translating(_ error: PSQLError, from url: PostgresStoreURL) -> StoreError? {
        switch error.code {
        case .server:
            return translating(serverState: error.serverInfo?[.sqlState] ?? "",
                               message: error.serverInfo?[.message] ?? "no message", from: url)
        case .connectionError:
            let cause = error.underlying.map { "\($0)" } ?? "connection failed"
            return .unusable("""
                cannot reach PostgreSQL at \(url) (\(cause)); check the host and port in store.url and that \
                PostgreSQL is running (scripts/setup-postgres starts a local one)
                """)
        case .sslUnsupported:
            return .unusable("""
                PostgreSQL at \(url) does not offer TLS, which sslmode=\(url.sslMode.rawValue) requires; enable ssl \
                on the server or set sslmode=prefer in store.url
                """)
        case .authMechanismRequiresPassword:
            return .unusable("PostgreSQL at \(url) asks for a password; add it to store.url (postgres://USER:PASSWORD@…)")
        case .unsupportedAuthMechanism, .saslError:
            return .unusable("""
                PostgreSQL at \(url) asks for a login method leadscore does not speak (\(error.code)); use \
                scram-sha-256 or md5 for this user in pg_hba.conf
                """)
        case .serverClosedConnection, .clientClosedConnection, .uncleanShutdown, .poolClosed:
            return .unusable("""
                the connection to PostgreSQL at \(url) closed (\(error.code)); check that PostgreSQL is running \
                and reachable, then retry
                """)
        default:
            return nil
        }
    }

    /// Maps the SQLSTATEs that mean "this URL cannot be used" (PostgreSQL manual, appendix A).
    private static func translating(serverState state: String, message: String, from url: PostgresStoreURL)
        -> StoreError? {
        switch state {
        case "28P01", "28000":
            return .unusable("""
                PostgreSQL at \(url) refused the login: \(message); check the user and password in store.url \
                and the server's pg_hba.conf
                """)
        case "3D000":
            return .unusable("""
                PostgreSQL at \(url): \(message); create the database (createdb -O \(url.user) NAME) or fix its \
                name in store.url
                """)
        case "3F000":
            return .unusable("""
                PostgreSQL at \(url): \(message); create the schema named in store.url's search_path option, or \
                drop the option to use the public schema
                """)
        case "42501":
            return .unusable("""
                PostgreSQL at \(url): \(message); grant the privilege to \(url.user) or point store.url at a \
                database that user owns
                """)
        case "53300", "57P01", "57P02", "57P03":
            return .unusable("""
                PostgreSQL at \(url) is not accepting connections: \(message); check that it is running and has \
                connections to spare, then retry
                """)
        case let state where state.hasPrefix("08"):
            return .unusable("""
                the connection to PostgreSQL at \(url) failed: \(message); check that it is running and reachable
                """)
        default:
            return nil
        }
    }
}
