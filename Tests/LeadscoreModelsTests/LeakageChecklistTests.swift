import Foundation
import Testing
@testable import LeadscoreData
@testable import LeadscoreModels

/// Training names every input the leakage review doubts before it fits anything, and the model card asks
/// "Were these known when the lead arrived?" of the fields that drive the score, with the evidence.
struct LeakageChecklistTests {
    @Test func aSuspectTheContractStillAllowsIsNamedWithItsEvidence() throws {
        let org = try TrainedSampleOrg.shared.get()
        // The drafted contract marks the outcome fields leakage: nothing the model reads is suspect.
        #expect(LeakageCheck.suspectsInUse(org.snapshot).isEmpty)
        #expect(org.bundle.evaluation.leakageReview == [])

        // A user who lets Rating (reps' judgement, set after the lead is worked) back in is told so.
        var contract = org.snapshot.contract
        let rating = try #require(contract.fields.firstIndex { $0.name == "Rating" })
        contract.fields[rating].scoring = .allowed
        let snapshot = Snapshot(directory: org.snapshot.directory, manifest: org.snapshot.manifest, contract: contract,
                                table: org.snapshot.table)
        let suspects = LeakageCheck.suspectsInUse(snapshot)
        let suspect = try #require(suspects.first { $0.name == "Rating" })
        #expect(suspect.level == .leakage && !suspect.evidence.isEmpty)
        #expect(!suspects.contains { $0.name == "Status" }, "Status is still marked leakage: the model never reads it")
        #expect(LeakageCheck.line(suspect).contains("Rating") && LeakageCheck.line(suspect).contains("scoring: leakage"))
    }

    /// A field carrying most of the importance gets a review line even when the profile found nothing.
    @Test func aDominantFieldIsQuestionedEvenWithoutProfileEvidence() {
        let importance = [FieldImportance(field: "PageValues", label: "Page Values", meanAbsoluteImpact: 3),
                          FieldImportance(field: "Month", label: "Month", meanAbsoluteImpact: 1)]
        let review = LeakageCheck.withDominance([], importance: importance)
        #expect(review.map(\.name) == ["PageValues"] && review.first?.level == .review)
    }

    @Test func theCardAsksOfEveryTopFieldAndHighlightsTheSuspects() throws {
        var evaluation = try TrainedSampleOrg.shared.get().bundle.evaluation
        let top = try #require(evaluation.importance.first)
        evaluation.leakageReview = [LeakageSuspect(name: top.field, level: .review, evidence: ["filled in by reps"])]
        let markdown = ModelCardMarkdown.render(evaluation, header: ModelCardFixture.header)
        #expect(markdown.contains("### Were these known when the lead arrived?"))
        #expect(markdown.contains("review: filled in by reps"))
        #expect(markdown.contains("no evidence found"), "the other top fields are listed too")
        let html = ModelCardHTML.render(evaluation, header: ModelCardFixture.header)
        #expect(html.contains("<tr class=\"warning\">") && html.contains("review: filled in by reps"))

        evaluation.leakageReview = nil
        #expect(ModelCardMarkdown.render(evaluation, header: ModelCardFixture.header).contains(ModelCardLeakageChecklist.missing))
    }
}
