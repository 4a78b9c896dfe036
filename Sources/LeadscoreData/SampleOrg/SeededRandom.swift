import Foundation

/// A small, fast, seedable pseudo-random generator (xoshiro256**, seeded through SplitMix64).
///
/// The sample org must be byte-identical for a given seed on every run, so it cannot use
/// `SystemRandomNumberGenerator`, and Swift's own algorithms on `RandomNumberGenerator` (for example
/// `Int.random(in:using:)`) are not promised to stay the same across Swift releases. Every draw the
/// generator makes therefore goes through the helpers below, whose arithmetic is fixed here.
///
/// xoshiro256** passes BigCrush, needs four words of state and a handful of shifts per draw, which
/// keeps a million-lead org generation dominated by formatting rather than by random numbers.
struct SeededRandom: RandomNumberGenerator, Sendable {
    private var state0: UInt64
    private var state1: UInt64
    private var state2: UInt64
    private var state3: UInt64

    /// Expands `seed` into the 256-bit state with SplitMix64, as the xoshiro authors recommend, so that
    /// nearby seeds (0, 1, 2, …) still give unrelated streams and the state is never all zero.
    init(seed: UInt64) {
        var mixer = seed
        state0 = SeededRandom.splitMix64(&mixer)
        state1 = SeededRandom.splitMix64(&mixer)
        state2 = SeededRandom.splitMix64(&mixer)
        state3 = SeededRandom.splitMix64(&mixer)
    }

    private static func splitMix64(_ state: inout UInt64) -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    @inline(__always)
    private static func rotateLeft(_ value: UInt64, _ count: UInt64) -> UInt64 {
        (value << count) | (value >> (64 &- count))
    }

    @inline(__always)
    mutating func next() -> UInt64 {
        let result = SeededRandom.rotateLeft(state1 &* 5, 7) &* 9
        let shifted = state1 << 17
        state2 ^= state0
        state3 ^= state1
        state1 ^= state2
        state0 ^= state3
        state2 ^= shifted
        state3 = SeededRandom.rotateLeft(state3, 45)
        return result
    }

    /// Uniform in [0, 1) with 53 random bits.
    @inline(__always)
    mutating func uniform() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// Uniform in [lower, upper).
    mutating func uniform(_ lower: Double, _ upper: Double) -> Double {
        lower + (upper - lower) * uniform()
    }

    /// Uniform integer in 0..<bound (bound > 0), by Lemire's multiply-high; the bias is below 2⁻³² for
    /// the bounds used here, far under anything the sample's statistics could show.
    @inline(__always)
    mutating func int(below bound: Int) -> Int {
        Int(truncatingIfNeeded: next().multipliedFullWidth(by: UInt64(bound)).high)
    }

    /// Uniform integer in `range`.
    mutating func int(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + int(below: range.upperBound - range.lowerBound + 1)
    }

    /// `true` with probability `probability`.
    @inline(__always)
    mutating func bernoulli(_ probability: Double) -> Bool {
        uniform() < probability
    }

    /// One element of a non-empty array, uniformly.
    mutating func pick<Element>(_ elements: [Element]) -> Element {
        elements[int(below: elements.count)]
    }

    /// Standard normal by Box–Muller (one value per call keeps the stream position easy to reason about).
    mutating func normal() -> Double {
        let radius = (-2.0 * log(1.0 - uniform())).squareRoot()
        return radius * cos(2.0 * Double.pi * uniform())
    }

    /// Normal with the given mean and standard deviation.
    mutating func normal(mean: Double, standardDeviation: Double) -> Double {
        mean + standardDeviation * normal()
    }

    /// Exponential with the given mean.
    mutating func exponential(mean: Double) -> Double {
        -mean * log(1.0 - uniform())
    }

    /// Poisson count: Knuth's product method for small means (what engagement counts use), a rounded
    /// normal approximation above 30 where the product method gets slow.
    mutating func poisson(mean: Double) -> Int {
        guard mean > 0 else { return 0 }
        if mean > 30 {
            return max(0, Int((mean + mean.squareRoot() * normal()).rounded()))
        }
        let limit = exp(-mean)
        var product = uniform()
        var count = 0
        while product > limit {
            count += 1
            product *= uniform()
        }
        return count
    }

    /// Number of failures before the first success, each trial succeeding with `successProbability`.
    mutating func geometric(successProbability: Double) -> Int {
        guard successProbability < 1 else { return 0 }
        return Int(log(1.0 - uniform()) / log(1.0 - successProbability))
    }

    /// A fixed set of elements with relative weights, sampled by binary search over cumulative weights.
    ///
    /// Built once per vocabulary list, so each draw costs one uniform and a log₂(n) search.
    struct WeightedTable<Element: Sendable>: Sendable {
        let elements: [Element]
        private let cumulative: [Double]

        /// `pairs` must be non-empty with positive weights; weights need not sum to one.
        init(_ pairs: [(Element, Double)]) {
            precondition(!pairs.isEmpty, "a weighted table needs at least one element")
            elements = pairs.map(\.0)
            var running = 0.0
            cumulative = pairs.map { pair in
                running += pair.1
                return running
            }
        }

        func pick(using random: inout SeededRandom) -> Element {
            elements[index(using: &random)]
        }

        func index(using random: inout SeededRandom) -> Int {
            let target = random.uniform() * cumulative[cumulative.count - 1]
            var low = 0
            var high = cumulative.count - 1
            while low < high {
                let middle = (low + high) / 2
                if cumulative[middle] > target { high = middle } else { low = middle + 1 }
            }
            return low
        }
    }
}
