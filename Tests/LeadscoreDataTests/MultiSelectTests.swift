import Foundation
import Testing
@testable import LeadscoreData

/// Multi-select values are split and trimmed without Foundation on the scoring path; Foundation's
/// `CharacterSet.whitespaces` (spaces, tabs and every Unicode space separator) is the reference.
struct MultiSelectTests {
    @Test(arguments: [" A;\tB ;\u{00A0}C\u{00A0};; ", "Analytics;Security", "", ";;", " \u{2003}x\u{3000} ; y\t",
                      "Zeta; alpha;Beta", "a\nb; c", "é ;e\u{301}"])
    func selectionsAreTrimmedAsFoundationTrimsThem(text: String) {
        let reference = text.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        #expect(MultiSelect.values(of: text) == reference)
        #expect(MultiSelect.canonical(text) == reference.sorted().joined(separator: ";"))
    }
}
