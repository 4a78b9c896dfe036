import Foundation
import LeadscoreData
import LeadscoreMonitoring
import LeadscoreSalesforce
import Logging

/// Where `monitor` and `serve`'s schedule learn which leads were created, for the coverage check: a lead
/// export given with `--csv`, else the org when `monitoring.coverage_source: salesforce`, else nowhere.
enum CoverageLeads {
    static func source(settings: MonitoringSettings, config: String?, csv: String? = nil,
                       delimiter: CSVDelimiterChoice = .detect) throws -> (any CreatedLeadSource)? {
        if let csv { return CSVOutcomeSource(url: URL(fileURLWithPath: csv), delimiter: delimiter) }
        guard settings.coverageSource == .salesforce else { return nil }
        guard let config else {
            throw InputError(source: settings.source, field: "monitoring.coverage_source",
                             problem: "coverage_source is salesforce but no config names the org",
                             fix: "pass --config with a salesforce: section, or --csv with a lead export")
        }
        var logger = Logger(label: "leadscore.salesforce")
        logger.logLevel = .warning
        do {
            return OrgCreatedLeadSource(config: try SalesforceConfigLoader.load(from: URL(fileURLWithPath: config)), logger: logger)
        } catch let error as InputError where error.field == "salesforce" {
            throw InputError(source: error.source, field: "monitoring.coverage_source",
                             problem: "coverage_source is salesforce but the config has no salesforce: section",
                             fix: "add the org's salesforce: section (docs/salesforce-setup.md), or set coverage_source: none")
        }
    }
}
