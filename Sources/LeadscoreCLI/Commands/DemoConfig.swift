import Foundation
import LeadscoreDevSalesforce

/// The `leadscore.yaml` the demo writes: the training settings (the sample org's own points sheet,
/// capacity-based tiers, a partner override and reason templates — an example of each setting an admin
/// would use), the store, the sync, and the connection to the local Salesforce.
enum DemoConfig {
    static let yaml = """
        # leadscore.yaml for the sample org (written by `leadscore demo`).
        champion_metric: pr_auc
        refit: true                 # after choosing and measuring, fit the champion again on train + validation
        prior_correction: none      # recent: shift probabilities to the newest leads' base rate when it moved
        rules:                      # the points sheet marketing ops runs today
          max_total: 100
          points:
            - {field: Demo_Requested__c, equals: "true", points: 30, engagement: true}
            - {field: Webinar_Attended__c, equals: "true", points: 10, engagement: true}
            - {field: Pricing_Page_Visits__c, each: 5, cap: 20, engagement: true}
            - {field: Web_Page_Views__c, each: 1, cap: 10, engagement: true}
            - {field: Email.domain_class, equals: free, points: -10}
            - {field: Title.seniority, in: [c_level, vp, director], points: 10}
            - {field: NumberOfEmployees, at_least: 200, points: 10}
            - {field: HasOptedOutOfEmail, equals: "true", points: -15}
        tiers:
          by: capacity
          min_top_precision: 0.4
          levels:
            - {name: A, label: Hot, capacity: 8/day, route: SDR_Hot_Queue}
            - {name: B, label: Warm, capacity: 20/day, route: SDR_Queue}
            - {name: C, label: Nurture, route: Marketing_Nurture}
        overrides:
          - {field: LeadSource, equals: Partner Referral, route: Partner_Queue, reason: Partner-sourced leads go to the partner team}
        explanations:
          top: 4
          templates:
            Pricing_Page_Visits__c: "Visited the pricing page {value} times"
            Web_Page_Views__c: "Viewed {value} web pages"
            Demo_Requested__c: "Demo requested: {value}"
        """

    /// Writes `leadscore.yaml` into `root` (the training settings, the demo's store, the sync in recommend
    /// mode and the `salesforce:` connection to the local server) and the client secret beside it (mode
    /// 0600, never in the YAML). Written again each time the server starts, as its port changes.
    static func write(connection info: DevSalesforceInfo, into root: URL) throws -> URL {
        let secretURL = root.appendingPathComponent("salesforce-client-secret")
        FileManager.default.createFile(atPath: secretURL.path, contents: Data(info.clientSecret.utf8),
                                       attributes: [.posixPermissions: 0o600])
        let text = yaml + """

            service:                    # the store the demo registers the model in; scripts/demo-serve serves it
              store:
                url: \(root.appendingPathComponent("leadscore.sqlite").path)

            sync:                       # leadscore sync --config this file; with every: 15m, leadscore serve syncs too
              mode: recommend

            salesforce:                 # the local Salesforce-compatible server this run started (its port changes per run)
              login_url: \(info.loginUrl)
              auth: client_credentials
              client_id: \(info.clientId)
              client_secret_file: \(secretURL.path)
              ca_file: \(info.caFile)

            """
        let url = root.appendingPathComponent("leadscore.yaml")
        try Data(text.utf8).write(to: url)
        return url
    }
}
