import Foundation

/// The access tokens (sessions) the token endpoint issued, and whether each is still good.
///
/// Sessions live in memory, so a restarted server answers 401 INVALID_SESSION_ID to old tokens, as an
/// org does after a session is revoked: clients must re-authenticate, which is what they are tested
/// for. A session ends after two hours without use (Salesforce's default session timeout) and, when
/// the fault plan says so, after a fixed number of calls.
actor SessionStore {
    private struct Session {
        var lastUsed: Date
        var calls: Int
    }

    enum Check: Equatable {
        case valid
        /// Unknown, revoked or timed out.
        case invalid
        /// Ended by the fault plan's `session_expires_after_calls`.
        case expiredByFault
    }

    private var sessions: [String: Session] = [:]
    private let organizationId: String
    private let expiresAfterCalls: Int?
    private let inactivityTimeout: TimeInterval = 2 * 3_600

    init(organizationId: String, expiresAfterCalls: Int?) {
        self.organizationId = organizationId
        self.expiresAfterCalls = expiresAfterCalls
    }

    /// A new access token in Salesforce's shape: the org's 15-character Id, `!`, and random characters.
    func issue(now: Date) -> String {
        let token = String(organizationId.prefix(15)) + "!" + RandomText.make(count: 96)
        sessions[token] = Session(lastUsed: now, calls: 0)
        if sessions.count > 10_000 { dropIdle(now: now) }
        return token
    }

    /// Counts one call on `token` and says whether the session may make it.
    func use(_ token: String, now: Date) -> Check {
        guard var session = sessions[token], now.timeIntervalSince(session.lastUsed) < inactivityTimeout else {
            sessions[token] = nil
            return .invalid
        }
        if let expiresAfterCalls, session.calls >= expiresAfterCalls {
            sessions[token] = nil
            return .expiredByFault
        }
        session.calls += 1
        session.lastUsed = now
        sessions[token] = session
        return .valid
    }

    private func dropIdle(now: Date) {
        sessions = sessions.filter { now.timeIntervalSince($0.value.lastUsed) < inactivityTimeout }
    }
}
