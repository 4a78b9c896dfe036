import Testing
@testable import LeadscoreService
