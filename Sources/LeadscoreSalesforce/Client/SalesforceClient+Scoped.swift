import Foundation
import Logging

extension SalesforceClient {
    /// Runs `body` with a new client and shuts the client down afterwards, also when `body` throws:
    /// the usual way to use one for a command or a test.
    public static func withClient<T>(config: SalesforceConfig, logger: Logger, clock: BackoffClock = .live,
                                     environment: [String: String] = ProcessInfo.processInfo.environment,
                                     _ body: (SalesforceClient) async throws -> T) async throws -> T {
        let client = try SalesforceClient(config: config, logger: logger, clock: clock, environment: environment)
        do {
            let result = try await body(client)
            try await client.shutdown()
            return result
        } catch {
            try? await client.shutdown()
            throw error
        }
    }
}
