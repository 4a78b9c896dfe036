/// The `leadscore.yaml` the demo trains with: the sample org's own points sheet, capacity-based
/// tiers, a partner override and reason templates — an example of each setting an admin would use.
enum DemoConfig {
    static let yaml = """
        # leadscore.yaml for the sample org (written by `leadscore demo`).
        champion_metric: pr_auc
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
}
