import Foundation
import NIOConcurrencyHelpers

/// Slows down credential guessing: after repeated failed authentications a subject is refused (429
/// with `Retry-After`) before its credential is even checked, for `firstBlock` seconds, doubling with
/// each further failure up to `maxBlock`.
///
/// Subjects are a source network (`source:`), and a client id from that source (`client:<id>@<source>`),
/// each with its own allowance. Blocking a client id everywhere would let anyone lock a real client
/// out by guessing its secret, so the right secret from another source still works. A success clears
/// that client's record for the source; failures are forgotten after `window` without one.
///
/// Callers can invent sources (IPv6) and client ids, so at most `maxSubjects` are kept: subjects not
/// blocked go first, then the oldest.
public final class AuthFailureThrottle: Sendable {
    /// Something that can be blocked, and how many failures it may have before the first block.
    public struct Subject: Sendable, Hashable {
        public var key: String
        public var allowedFailures: Int
    }

    private struct Record {
        var failures: Int
        var lastFailure: Double
        var blockedUntil: Double
    }

    public static let maxSubjects = 10_000

    public let sourceAllowance: Int
    public let clientAllowance: Int
    public let window: Double
    public let firstBlock: Double
    public let maxBlock: Double
    private let records = NIOLockedValueBox<[String: Record]>([:])

    /// - Parameters:
    ///   - sourceAllowance: failures from one source network before it is blocked.
    ///   - clientAllowance: failures for one client id from one source before that pair is blocked.
    ///   - window: seconds without a failure after which a subject's failures are forgotten.
    ///   - firstBlock: the first block, in seconds.
    ///   - maxBlock: the longest block, in seconds.
    public init(sourceAllowance: Int = 20, clientAllowance: Int = 5, window: Double = 900, firstBlock: Double = 1,
                maxBlock: Double = 300) {
        self.sourceAllowance = max(1, sourceAllowance)
        self.clientAllowance = max(1, clientAllowance)
        self.window = window
        self.firstBlock = max(0.1, firstBlock)
        self.maxBlock = max(self.firstBlock, maxBlock)
    }

    /// The subjects of an attempt from `source` (an IP address), naming `client` when the caller sent one.
    public func subjects(source: String?, client: String?) -> [Subject] {
        let network = Self.network(source ?? "unknown")
        var subjects = [Subject(key: "source:\(network)", allowedFailures: sourceAllowance)]
        if let client { subjects.append(Subject(key: "client:\(client.prefix(200))@\(network)", allowedFailures: clientAllowance)) }
        return subjects
    }

    /// Seconds until the attempt may be made, or nil when none of its subjects is blocked.
    public func wait(_ subjects: [Subject], now: Double = Date().timeIntervalSince1970) -> Int? {
        records.withLockedValue { records in
            let until = subjects.compactMap { records[$0.key]?.blockedUntil }.max() ?? 0
            return until > now ? max(1, Int((until - now).rounded(.up))) : nil
        }
    }

    /// Records a failed attempt; returns the seconds of the block it starts, or nil when it starts none.
    @discardableResult
    public func failed(_ subjects: [Subject], now: Double = Date().timeIntervalSince1970) -> Int? {
        records.withLockedValue { records in
            if records.count + subjects.count > Self.maxSubjects { evict(&records, now: now) }
            var block: Double?
            for subject in subjects {
                var record = records[subject.key] ?? Record(failures: 0, lastFailure: now, blockedUntil: 0)
                if now - record.lastFailure > window { record = Record(failures: 0, lastFailure: now, blockedUntil: 0) }
                record.failures += 1
                record.lastFailure = now
                let beyond = record.failures - subject.allowedFailures
                if beyond > 0 {
                    let seconds = min(maxBlock, firstBlock * pow(2, Double(min(beyond - 1, 30))))
                    record.blockedUntil = max(record.blockedUntil, now + seconds)
                    block = max(block ?? 0, seconds)
                }
                records[subject.key] = record
            }
            return block.map { Int($0.rounded(.up)) }
        }
    }

    /// Clears a client's record for the source it succeeded from.
    public func succeeded(_ subjects: [Subject]) {
        records.withLockedValue { records in
            for subject in subjects where subject.key.hasPrefix("client:") { records[subject.key] = nil }
        }
    }

    /// Subjects in memory.
    var subjectCount: Int { records.withLockedValue { $0.count } }

    private func evict(_ records: inout [String: Record], now: Double) {
        records = records.filter { $0.value.blockedUntil > now || now - $0.value.lastFailure <= window / 10 }
        if records.count + 2 > Self.maxSubjects {
            let newest = records.sorted { $0.value.lastFailure > $1.value.lastFailure }.prefix(Self.maxSubjects / 2)
            records = Dictionary(uniqueKeysWithValues: newest.map { ($0.key, $0.value) })
        }
    }

    /// An IPv4 address as it is; an IPv6 address by its /64 network (one subscriber gets a whole /64).
    static func network(_ address: String) -> String {
        guard address.contains(":") else { return address }
        var groups = address.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        if let gap = groups.firstIndex(of: ""), address.contains("::") {
            let present = groups.filter { !$0.isEmpty }.count
            groups.removeAll { $0.isEmpty }
            groups.insert(contentsOf: Array(repeating: "0", count: max(0, 8 - present)), at: min(gap, groups.count))
        }
        return groups.prefix(4).map { String(Int($0, radix: 16) ?? 0, radix: 16) }.joined(separator: ":") + "::/64"
    }
}
