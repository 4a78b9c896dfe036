import Foundation
import Testing
@testable import LeadscoreData

/// The byte-level fast paths for ASCII text (trimming, placeholder folding, e-mail domain classes,
/// multi-select splitting) against the Unicode-aware code they short-cut, on random texts built from
/// the characters where the two could part: ASCII white space of every kind, letters of both cases,
/// the separators, and non-ASCII spaces, letters and marks (`İ` and the Kelvin sign lowercase to ASCII
/// letters with something after them, or to one).
struct ASCIIFastPathTests {
    private static let pieces = [
        " ", "\t", "\r", "\n", "\r\n", "\u{0B}", "\u{0C}", "a", "Z", "k", "gmail", "GMail", "yahoo", "co", "com",
        "uk", "N/A", "NULL", "@", ".", ";", "-", "\u{00A0}", "\u{3000}", "\u{2003}", "é", "\u{301}", "İ", "\u{212A}", "\u{85}",
    ]

    /// `count` random texts of 0–8 pieces, the same on every run.
    private static func texts(_ count: Int, seed: UInt64) -> [String] {
        var generator = SeededRandom(seed: seed)
        return (0..<count).map { _ in
            (0..<Int.random(in: 0...8, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
        }
    }

    @Test func trimmingMatchesFoundation() {
        // The rule kept: only text with a space-like byte at an end is trimmed, and then as Foundation trims it.
        let spaceLike: Set<UInt8> = [0x20, 0x09, 0x0A, 0x0D, 0xC2, 0xE2, 0xE3]
        for text in Self.texts(20_000, seed: 1) {
            let trims = text.utf8.first.map(spaceLike.contains) == true || text.utf8.last.map(spaceLike.contains) == true
            let reference = trims ? text.trimmingCharacters(in: .whitespacesAndNewlines) : text
            #expect(FieldParser.trimmed(text) == reference, "\(text.debugDescription)")
        }
    }

    @Test func placeholderFoldingMatchesFoundation() {
        for text in Self.texts(20_000, seed: 2) {
            #expect(MissingValues.fold(text) == text.trimmingCharacters(in: .whitespacesAndNewlines).lowercased(),
                    "\(text.debugDescription)")
        }
    }

    @Test func emailClassesMatchTheUnicodePath() {
        var generator = SeededRandom(seed: 3)
        let emails = Self.texts(20_000, seed: 4).map { text in
            // Mostly address-shaped, so that the domain rules are reached.
            Bool.random(using: &generator) ? "x\(text)@\(Self.texts(1, seed: generator.next())[0]).com" : text
        }
        for email in emails + ["Ann@Gmail.com", "a@b.co.uk", "a@yahoo.co.uk", "a@@b.com", "@b.com", "a@.com", "a@b..com"] {
            #expect(EmailDomainClassifier.classify(email) == EmailDomainClassifier.classifyUnicode(email),
                    "\(email.debugDescription)")
        }
    }

    @Test func multiSelectSplittingMatchesTheUnicodePath() {
        for text in Self.texts(20_000, seed: 5) {
            #expect(MultiSelect.values(of: text) == MultiSelect.unicodeValues(text), "\(text.debugDescription)")
        }
    }
}

/// The CSV reader's in-place UTF-8 check against the standard library's validating decoder.
struct UTF8ValidationTests {
    @Test func agreesWithTheStandardLibraryOnEveryShortSequence() {
        // Every 1- and 2-byte sequence, and 3- and 4-byte sequences around each boundary of table 3-7.
        var sequences: [[UInt8]] = (0...255).map { [UInt8($0)] }
        for a in 0...255 { for b in stride(from: 0, through: 255, by: 1) { sequences.append([UInt8(a), UInt8(b)]) } }
        let edges: [UInt8] = [0x00, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xE1, 0xEC, 0xED,
                              0xEE, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xFF]
        for a in edges { for b in edges { for c in edges {
            sequences.append([a, b, c])
            for d in edges { sequences.append([a, b, c, d]) }
        } } }
        for sequence in sequences + [Array("Café ☕️ 日本 𝄞".utf8)] {
            let expected = String(validating: sequence, as: UTF8.self) != nil
            #expect(sequence.withUnsafeBufferPointer { UTF8Validation.isValid($0) } == expected, "\(sequence)")
        }
    }
}
