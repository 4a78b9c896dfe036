import Foundation
import LeadscoreSalesforce
import Testing

/// The backoff schedule: exponential steps, jitter within [half, full) of the step, the ceiling, Retry-After.
@Suite struct RetryPolicyTests {
    let policy = SalesforceRetryPolicy(maxAttempts: 6, baseDelay: .milliseconds(500), maxDelay: .seconds(4))

    @Test func doublesUpToTheCeiling() {
        let steps = (1...6).map { policy.delay(beforeRetry: $0, random: 0.999_999_9) }
        #expect(steps == [.milliseconds(500), .seconds(1), .seconds(2), .seconds(4), .seconds(4), .seconds(4)])
    }

    @Test func jitterStaysWithinHalfToFullStep() {
        for retry in 1...6 {
            let step = min(Duration.milliseconds(500) * (1 << (retry - 1)), .seconds(4))
            for draw in stride(from: 0.0, to: 1.0, by: 0.05) {
                let delay = policy.delay(beforeRetry: retry, random: draw)
                #expect(delay >= step / 2 && delay <= step, "retry \(retry), draw \(draw): \(delay)")
            }
            #expect(policy.delay(beforeRetry: retry, random: 0) == step / 2)
        }
    }

    @Test func retryAfterWinsWhenLongerUpToItsCeiling() {
        #expect(policy.delay(beforeRetry: 1, random: 0.5, retryAfter: .seconds(20)) == .seconds(20))
        #expect(policy.delay(beforeRetry: 4, random: 0.999_999_9, retryAfter: .seconds(1)) == .seconds(4))
        #expect(policy.delay(beforeRetry: 1, random: 0.5, retryAfter: .seconds(86_400)) == SalesforceRetryPolicy.retryAfterCeiling)
    }

    @Test func readsRetryAfterHeaders() {
        #expect(SalesforceRetryPolicy.retryAfter(from: "120") == .seconds(120))
        #expect(SalesforceRetryPolicy.retryAfter(from: " 0 ") == .zero)
        #expect(SalesforceRetryPolicy.retryAfter(from: "-3") == nil)
        #expect(SalesforceRetryPolicy.retryAfter(from: "soon") == nil)
        let now = Date(timeIntervalSince1970: 1_445_412_450) // Wed, 21 Oct 2015 07:27:30 GMT
        #expect(SalesforceRetryPolicy.retryAfter(from: "Wed, 21 Oct 2015 07:28:00 GMT", now: now) == .seconds(30))
        #expect(SalesforceRetryPolicy.retryAfter(from: "Wed, 21 Oct 2015 07:00:00 GMT", now: now) == .zero)
    }

    @Test func hugeRetryCountsDoNotOverflow() {
        #expect(policy.delay(beforeRetry: 500, random: 0.5) <= .seconds(4))
    }
}
