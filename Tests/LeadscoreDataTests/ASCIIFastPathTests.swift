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
