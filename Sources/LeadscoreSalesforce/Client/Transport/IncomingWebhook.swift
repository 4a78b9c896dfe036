import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// Posts a JSON message to a Slack-compatible incoming webhook, the way the hot-lead notices of the sync
/// and monitoring's alerts both need: `POST` with `Content-Type: application/json`, up to ``attempts``
/// tries on throttling (429), server errors (5xx) or a broken connection — waiting `Retry-After` (capped)
/// or a growing pause between them — and no retry on any other answer. The URL is a secret (it carries
/// the token): it never appears in a ``Failure``, and the client given should refuse redirects.
public enum IncomingWebhook {
    public static let attempts = 3
    /// The longest `Retry-After` honoured between attempts; a longer one is cut to this.
    public static let longestRetryWait = 30.0

    /// Why a post did not go through, without the URL: the caller adds what to do.
    public enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
        /// An answer that retrying cannot change (a revoked or mistyped URL: 403, 404, 410…), with the
        /// start of its body.
        case refused(status: Int, answer: String)
        /// Still throttled, failing or unreachable after every attempt.
        case gaveUp(lastProblem: String)

        public var description: String {
            switch self {
            case let .refused(status, answer): return "the webhook answered \(status) \(answer.prefix(80))"
            case let .gaveUp(problem): return "\(problem) after \(IncomingWebhook.attempts) tries"
            }
        }
    }

    /// A client for webhooks: redirects refused (a redirect would send the message somewhere the admin did
    /// not choose), 10 s to connect, 20 s to answer. Shut it down when done.
    public static func client() -> HTTPClient {
        HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(
            redirectConfiguration: .disallow, timeout: .init(connect: .seconds(10), read: .seconds(20))))
    }

    /// Posts `body` to `url`; throws ``Failure`` (or `CancellationError`).
    public static func post(_ body: Data, to url: String, with http: HTTPClient) async throws {
        var lastProblem = ""
        for attempt in 1...attempts {
            var request = HTTPClientRequest(url: url)
            request.method = .POST
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: body))
            let pause: Double
            do {
                let response = try await http.execute(request, timeout: .seconds(20))
                let answer = String(buffer: try await response.body.collect(upTo: 64 * 1024))
                switch response.status.code {
                case 200..<300:
                    return
                case 429, 500..<600:
                    lastProblem = "the webhook answered \(response.status.code)"
                    pause = response.headers.first(name: "Retry-After").flatMap(Double.init) ?? Double(attempt)
                default:
                    throw Failure.refused(status: Int(response.status.code), answer: answer)
                }
            } catch let failure as Failure {
                throw failure
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                lastProblem = "the webhook could not be reached (\(type(of: error)))"
                pause = Double(attempt)
            }
            if attempt < attempts { try await Task.sleep(for: .seconds(min(max(pause, 0), longestRetryWait))) }
        }
        throw Failure.gaveUp(lastProblem: lastProblem)
    }
}
