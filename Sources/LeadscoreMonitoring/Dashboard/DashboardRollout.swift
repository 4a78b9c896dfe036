import Foundation
import LeadscoreModels
import LeadscoreService

/// The registry as the dashboard shows it: what serves now (production, canary and its share, shadow),
/// every registered model, and the newest changes with who made them and why.
enum DashboardRollout {
    static func section(_ data: DashboardData) -> DashboardHTML.Section {
        let rollout = data.rollout
        var body = DashboardHTML.figures([
            ("Production", rollout.production ?? "none", "Answers every lead outside the canary."),
            ("Canary", rollout.canary.map { "\($0) · \(rollout.canaryPercent)%" } ?? "none",
             "Answers this share of leads, chosen by lead Id."),
            ("Shadow", rollout.shadow ?? "none", "Scored beside production on every lead; logged, never returned."),
        ], names: true)
        body.append("<h3>Registered models</h3>")
        body.append(DashboardTable(
            columns: [.init(title: "Version"), .init(title: "Kind"), .init(title: "Serves as"), .init(title: "Registered"),
                      .init(title: "By"), .init(title: "Note")],
            rows: data.models.reversed().map { model in
                DashboardTable.Row(cells: [
                    .text(model.version), .text(model.kind), .text(data.role(of: model.version) ?? "—"),
                    .text(DashboardHTML.timestamp(model.registeredAt)), .text(model.registeredBy), .text(model.note),
                ])
            },
            emptyMessage: "No model is registered: `leadscore models register` adds one.").html())
        body.append("<h3>Recent changes</h3>")
        body.append(DashboardTable(
            columns: [.init(title: "When"), .init(title: "Who"), .init(title: "Action"), .init(title: "Version"), .init(title: "Why")],
            rows: data.changes.map { event in
                DashboardTable.Row(cells: [
                    .text(DashboardHTML.timestamp(event.at)), .text(event.actor), .text(event.action.rawValue),
                    .text(event.version ?? "—"), .text(event.reason),
                ])
            },
            emptyMessage: "The registry has no history yet.").html())
        return DashboardHTML.Section(id: "rollout", title: "Models and rollout", body: body)
    }
}
