import Foundation
import Testing
@testable import LeadscoreData

/// `FieldParser.parse(utf8:as:missingValues:)` reads plain values from a CSV field's bytes and sends
/// the rest through the String path: for every text and type both must give the same result, down to
/// a number's sign bit and a refusal's wording.
struct FieldParserBytesTests {
    static let missingLists = [MissingValues.standard, MissingValues(["Unknown", "0", "-", "n/a", "Sélect"])]

    /// Hand-picked texts at the edges of each fast path.
    static let corpus = [
        "", " ", "\t", "42", "-42", "-0", "0", "007", "+5", "123456789012345", "1234567890123456", "-123456789012345",
        "12.5", "1e3", "1,200", "$2,500", "12%", "- 3", "4 ", " 4", "\u{00A0}4", "4\u{00A0}", "9" + String(repeating: "9", count: 40),
        "true", "TRUE", "False", "yes", "Y", "n", "t", "F", "1.0", "0.0", "no", "truth", "yes!",
        "2025-03-04", "2025-03-04T15:22:10.000+0000", "2025-03-04T15:22:10Z", "2025-03-04 15:22", "3/4/2025 3:22 PM",
        "3/4/2025 3:22 pm", "3/4/2025, 15:22", "2025-02-30", "2025-03-04T15:22:10.000+00", "2025-03-04T25:00:00Z",
        "00Q5e0003m4UYNLEA4", "00Q5e0003m4UYNLEA5", "00Q5e00000AbCdE", "00Q5e00000AbCd!", "00q5e0003m4uynlea4",
        "N/A", "n/a", "#N/A", "--None--", "--none--", "Select", "select one", "Please select", "null", "NULL", "nil",
        "NaN", "nan", "undefined", "-", "--", "Unknown", "unknown", "Sélect", "SÉLECT", "\u{200B}", "\u{FEFF}", "\u{00AD}",
        "Partner Referral", "Café", "Ünïcödé", "日本", "a\u{0301}", "  padded  ", "Automation;Security", "K\u{212A}",
    ]

    @Test func handPickedTextsReadTheSameFromBytes() {
        for missingValues in Self.missingLists {
            for text in Self.corpus { expectSame(text, missingValues: missingValues) }
        }
    }

    @Test func randomTextsReadTheSameFromBytes() {
        // Texts drawn from the characters every fast path looks at, seeded for a reproducible run.
        let alphabet = Array("0123456789-+.,$% \tTZ:/eEaNnAulsSyYtrfF#\u{00A0}é\u{200B}") .map(String.init)
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        for _ in 0..<4_000 {
            let text = (0..<next(22)).map { _ in alphabet[next(alphabet.count)] }.joined()
            for missingValues in Self.missingLists { expectSame(text, missingValues: missingValues) }
        }
    }

    @Test func placeholdersAreFoundFromBytesInAnyCase() {
        let missing = MissingValues.standard
        for text in ["N/A", "n/a", "--NONE--", "Please Select", "undefined", "NaN", "-"] {
            var bytes = Array(text.utf8)
            #expect(bytes.withUnsafeMutableBufferPointer { missing.isMissing(utf8: UnsafeBufferPointer($0)) } == true, "\(text)")
        }
        for text in ["Partner", "Nope", "--x", "5"] {
            var bytes = Array(text.utf8)
            #expect(bytes.withUnsafeMutableBufferPointer { missing.isMissing(utf8: UnsafeBufferPointer($0)) } == false, "\(text)")
        }
    }

    private func expectSame(_ text: String, missingValues: MissingValues, sourceLocation: SourceLocation = #_sourceLocation) {
        for type in FieldType.allCases {
            let expected = FieldParser.parse(text, as: type, missingValues: missingValues)
            var bytes = Array(text.utf8)
            let actual = bytes.withUnsafeMutableBufferPointer {
                FieldParser.parse(utf8: UnsafeBufferPointer($0), as: type, missingValues: missingValues)
            }
            #expect(Self.identical(actual, expected), "'\(text)' as \(type): \(actual) vs \(expected)", sourceLocation: sourceLocation)
        }
    }

    /// Equal, with numbers and times compared bit for bit (`-0` is not `0`).
    private static func identical(_ a: Result<FieldValue, FieldParser.Problem>, _ b: Result<FieldValue, FieldParser.Problem>) -> Bool {
        switch (a, b) {
        case let (.success(.number(x)), .success(.number(y))), let (.success(.time(x)), .success(.time(y))):
            return x.bitPattern == y.bitPattern
        default:
            return a == b
        }
    }
}
