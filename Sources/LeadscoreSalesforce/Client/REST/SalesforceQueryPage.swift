/// One page of a REST query: up to 2,000 records (Salesforce's default batch), the query's total size,
/// and whether more pages follow. Pages arrive one at a time so an extract never holds all records.
public struct SalesforceQueryPage: Sendable {
    /// 0 for the first page.
    public let index: Int
    public let records: [SalesforceRecord]
    /// The query's total row count, as Salesforce reports it on every page.
    public let totalSize: Int
    /// True on the last page.
    public let isLast: Bool

    public init(index: Int, records: [SalesforceRecord], totalSize: Int, isLast: Bool) {
        self.index = index
        self.records = records
        self.totalSize = totalSize
        self.isLast = isLast
    }
}
