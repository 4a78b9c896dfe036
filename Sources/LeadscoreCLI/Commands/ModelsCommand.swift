import ArgumentParser
import Foundation
import LeadscoreMonitoring
import LeadscoreService

/// `leadscore models register|list|promote|shadow|rollback|history|gates`
struct ModelsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "models",
        abstract: "The model registry: register bundles, promote, canary, shadow, roll back.",
        discussion: """
            Every change is kept forever with who, when and why; running servers follow it within seconds.
            A version registered by `leadscore retrain` carries its gate report: promote refuses it when a gate \
            failed, unless given --force and a --reason (kept as a forced approval).
            Examples:
              leadscore models register var/demo/model --reason "Q3 retrain"
              leadscore models promote trees-1a2b3c4d5e6f --canary 10 --reason "canary the retrain"
              leadscore models rollback --reason "canary lifts fewer conversions"
              leadscore models history --at 2026-11-01T00:00:00Z
              leadscore models gates trees-1a2b3c4d5e6f
            """,
        subcommands: [Register.self, List.self, Promote.self, Shadow.self, Rollback.self, History.self, Gates.self])

    struct Register: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a bundle (the first one becomes production).")
        @OptionGroup var options: StoreOptions
        @Argument(help: "A bundle folder written by `leadscore train`.") var bundle: String
        @Option(help: "Why (kept in the history).") var reason = "registered"
        @Option(help: "Who (default $USER).") var actor: String?

        func run() async throws {
            let store = try await options.openStore()
            let model = try await ModelRegistry(store: store).register(bundleAt: URL(fileURLWithPath: bundle),
                                                                         actor: currentActor(actor), reason: reason)
            let state = try await store.latestRegistryEvent()?.state
            print("Registered \(model.version) (\(model.kind))" + (state?.production == model.version ? "; it is production" : ""))
            try await store.close()
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Registered models and their roles.")
        @OptionGroup var options: StoreOptions

        func run() async throws {
            let store = try await options.openStore()
            let state = try await store.latestRegistryEvent()?.state ?? RolloutState()
            let approvals = Dictionary(grouping: try await store.approvals(version: nil), by: \.version)
            for model in try await store.models() {
                var role = "-"
                if state.production == model.version { role = "production" }
                if state.canary == model.version { role = "canary \(state.canaryPercent)%" }
                if state.shadow == model.version { role = "shadow" }
                let gates = try await store.gateReport(version: model.version).map { $0.passed ? "gates passed" : "gates FAILED" }
                    ?? "no gate report"
                print("\(model.version)  \(role)  \(model.kind)  \(gates)  registered \(ISO8601DateFormatter().string(from: model.registeredAt)) by \(model.registeredBy)  \(model.bundlePath)")
                if let last = approvals[model.version]?.last { print("    last approved: \(describe(last))") }
            }
            try await store.close()
        }
    }

    struct Promote: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make a version production, or a canary with --canary PERCENT.",
            discussion: """
                A version whose retraining gates failed (stored by `leadscore retrain`; see `leadscore models gates \
                VERSION`) is refused unless given --force with a --reason saying why; the approval is kept with the \
                version as forced, with who and when. A version registered by hand has no gate report and is promoted \
                as before. Every promotion and canary is recorded as an approval (`models list`, `models history`).
                """)
        @OptionGroup var options: StoreOptions
        @Argument var version: String
        @Option(help: "Serve it to this percentage of leads (by lead id) instead of all.") var canary: Int?
        @Option(help: "Why (kept in the history).") var reason: String
        @Option(help: "Who (default $USER).") var actor: String?
        @Flag(help: "Promote although its retraining gates failed; --reason must say why.") var force = false

        func run() async throws {
            let store = try await options.openStore()
            do {
                let change = try await ModelRegistry(store: store).promote(version, canaryPercent: canary, actor: currentActor(actor),
                                                                           reason: reason, force: force)
                if change.changed, change.event.reason.hasPrefix(ModelRegistry.forcedPrefix) {
                    print("Forced past failed gates by \(change.event.actor): \(reason)")
                }
                print(describe(change))
                try await store.close()
            } catch {
                try? await store.close()
                throw error
            }
        }
    }

    struct Shadow: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Score a version beside production, logged but never returned.")
        @OptionGroup var options: StoreOptions
        @Argument(help: "The version to shadow (omit with --clear).") var version: String?
        @Flag(help: "Stop shadowing.") var clear = false
        @Option(help: "Why (kept in the history).") var reason: String
        @Option(help: "Who (default $USER).") var actor: String?

        func validate() throws {
            guard (version == nil) == clear else { throw ValidationError("give a VERSION or --clear, not both") }
        }

        func run() async throws {
            let store = try await options.openStore()
            print(describe(try await ModelRegistry(store: store).shadow(version, actor: currentActor(actor), reason: reason)))
            try await store.close()
        }
    }

    struct Rollback: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "End the canary, or return to the previous production version.")
        @OptionGroup var options: StoreOptions
        @Option(help: "Why (kept in the history).") var reason: String
        @Option(help: "Who (default $USER).") var actor: String?

        func run() async throws {
            let store = try await options.openStore()
            print(describe(try await ModelRegistry(store: store).rollback(actor: currentActor(actor), reason: reason)))
            try await store.close()
        }
    }

    struct History: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Every registry change; with --at, what served at that moment.")
        @OptionGroup var options: StoreOptions
        @Option(help: "An ISO-8601 moment, e.g. 2026-11-01T00:00:00Z.") var at: String?

        func run() async throws {
            let store = try await options.openStore()
            if let at {
                guard let date = ISO8601DateFormatter().date(from: at) else {
                    throw ValidationError("--at \(at) is not an ISO-8601 moment; use e.g. 2026-11-01T00:00:00Z")
                }
                let state = try await ModelRegistry(store: store).state(at: date)
                print(state.map(describe) ?? "nothing was registered at \(at)")
            } else {
                let approvals = Dictionary(try await store.approvals(version: nil).compactMap { approval in
                    approval.eventId.map { ($0, approval) }
                }, uniquingKeysWith: { first, _ in first })
                for event in try await store.registryEvents() {
                    let gates = event.id.flatMap { approvals[$0] }
                        .map { "  [gates \($0.gates.rawValue)\($0.forced ? ", forced" : "")]" } ?? ""
                    print("\(ISO8601DateFormatter().string(from: event.at))  \(event.actor)  \(event.action.rawValue) "
                        + "\(event.version ?? "")  \"\(event.reason)\"\(gates)  → \(describe(event.state))")
                }
            }
            try await store.close()
        }
    }

    struct Gates: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The retraining gate report stored with a version, and its approvals.")
        @OptionGroup var options: StoreOptions
        @Argument var version: String
        @Option(help: "text or json.") var format: String = "text"

        func validate() throws {
            guard ["text", "json"].contains(format) else { throw ValidationError("--format is text or json") }
        }

        func run() async throws {
            let store = try await options.openStore()
            let record = try await store.gateReport(version: version)
            let approvals = try await store.approvals(version: version)
            try await store.close()
            guard let record else {
                print("\(version) has no gate report: it was registered by hand, not by `leadscore retrain`")
                for approval in approvals { print("approved: \(describe(approval))") }
                return
            }
            if format == "json" {
                print(record.report)
                return
            }
            print(GateReportText.render(try GateReport.decode(record.report)))
            for approval in approvals { print("approved: \(describe(approval))") }
        }
    }
}

/// One line: who approved, when, what for, why, and what the gates said.
func describe(_ approval: ModelApproval) -> String {
    "\(ISO8601DateFormatter().string(from: approval.at))  \(approval.actor)  \(approval.action.rawValue)  gates \(approval.gates.rawValue)"
        + (approval.forced ? " (FORCED)" : "") + "  \"\(approval.reason)\""
}

/// One line: production, canary and shadow.
/// The rollout after a command, saying when it was already so (nothing was written to the history).
func describe(_ change: RegistryChange) -> String {
    (change.changed ? "" : "No change: the rollout was already so; nothing was added to the history.\n")
        + describe(change.event.state)
}

func describe(_ state: RolloutState) -> String {
    var parts = ["production \(state.production ?? "none")"]
    if let canary = state.canary { parts.append("canary \(canary) on \(state.canaryPercent)% of leads") }
    if let shadow = state.shadow { parts.append("shadow \(shadow)") }
    return parts.joined(separator: ", ")
}
