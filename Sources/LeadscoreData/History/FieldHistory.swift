import Foundation

/// The changes Salesforce recorded for a lead's tracked fields (the `LeadHistory` object), per lead and field.
///
/// Today's value of a field reps fill in after the first call (Status, Rating, a "Lead Quality"
/// picklist) already knows how the lead went. When the org tracks the field, its history tells what
/// the value was at any earlier moment, so a snapshot can hold the value as of the scoring moment
/// instead (see ``value(of:leadId:today:at:)``). Both routes into a snapshot read the same CSV
/// columns, ``exportColumns``: a Data Loader export of Lead History, or the rows the Salesforce
/// extract queried; ``load(from:description:)`` reads either.
///
/// Leads are matched on the first 15 characters of their Id, so 15- and 18-character Ids meet.
/// Changes of one field are ordered by CreatedDate, then by history Id, then by their values: the
/// order never depends on the order of the file's rows, so the same history gives the same snapshot.
///
/// ```swift
/// let history = try FieldHistory.load(from: URL(fileURLWithPath: "LeadHistory.csv"))
/// history.isTracked("Rating")                                                       // true
/// history.value(of: "Rating", leadId: "00Q5e00000AbCdE", today: "Hot", at: createdPlus7Days) // "" (not yet rated)
/// ```
public struct FieldHistory: Sendable {
    /// One recorded change. Salesforce writes null as an empty value, so `""` means "no value".
    public struct Change: Sendable, Equatable {
        public var time: Double
        public var oldValue: String
        public var newValue: String

        public init(time: Double, oldValue: String, newValue: String) {
            self.time = time
            self.oldValue = oldValue
            self.newValue = newValue
        }
    }

    /// Where the history came from, for the snapshot's manifest.
    public let source: SourceDescription
    /// Good rows read.
    public let rowCount: Int
    /// Rows left out because they could not be read, and the first of their problems (by line).
    public let rejectedRowCount: Int
    public let problems: [InputError]
    /// Every `Field` value in the file (fields and events such as `created`), in the file's spelling, sorted.
    public var fieldNames: [String] { names.sorted() }

    /// The 15 significant characters of a Salesforce Id packed into two words, compared byte by byte.
    struct IdKey: Hashable, Comparable {
        var high: UInt64
        var low: UInt64

        static let none = IdKey(high: 0, low: 0)

        /// `nil` unless `id` has 15 or 18 characters.
        init?(_ id: String) {
            var high: UInt64 = 0, low: UInt64 = 0, count = 0
            for byte in id.utf8 {
                if count < 8 { high = high << 8 | UInt64(byte) } else if count < 15 { low = low << 8 | UInt64(byte) }
                count += 1
            }
            guard count == 15 || count == 18 else { return nil }
            self.init(high: high, low: low)
        }

        init(high: UInt64, low: UInt64) {
            self.high = high
            self.low = low
        }

        static func < (left: IdKey, right: IdKey) -> Bool {
            (left.high, left.low) < (right.high, right.low)
        }
    }

    /// A change with its field and values as indexes into `names` and `values`.
    struct StoredChange: Sendable {
        var field: Int32
        var oldValue: Int32
        var newValue: Int32
        var time: Double
    }

    /// Field names by lower-cased name (API names are case-insensitive), and in the file's spelling.
    private let fieldIndex: [String: Int32]
    private let names: [String]
    /// Distinct values; index 0 is the empty value.
    private let values: [String]
    private let leadIndex: [IdKey: Int32]
    /// Changes grouped by lead (`offsets[lead]..<offsets[lead + 1]`), then by field, then in time order.
    private let changes: [StoredChange]
    private let offsets: [Int32]

    init(source: SourceDescription, rowCount: Int, rejectedRowCount: Int, problems: [InputError],
         fieldIndex: [String: Int32], names: [String], values: [String], leadIndex: [IdKey: Int32],
         changes: [StoredChange], offsets: [Int32]) {
        self.source = source
        self.rowCount = rowCount
        self.rejectedRowCount = rejectedRowCount
        self.problems = problems
        self.fieldIndex = fieldIndex
        self.names = names
        self.values = values
        self.leadIndex = leadIndex
        self.changes = changes
        self.offsets = offsets
    }

    /// Whether the file has any row for `field` (case-insensitive): an org records history only for
    /// the fields it tracks.
    public func isTracked(_ field: String) -> Bool {
        fieldIndex[field.lowercased()] != nil
    }

    /// Whether any row concerns `leadId` (15 or 18 characters).
    public func hasRows(leadId: String) -> Bool {
        IdKey(leadId).flatMap { leadIndex[$0] } != nil
    }

    /// The changes of `field` for `leadId`, oldest first; empty when there are none.
    public func changes(of field: String, leadId: String) -> [Change] {
        guard let fieldNumber = fieldIndex[field.lowercased()] else { return [] }
        return storedChanges(field: fieldNumber, leadId: leadId).map {
            Change(time: $0.time, oldValue: values[Int($0.oldValue)], newValue: values[Int($0.newValue)])
        }
    }

    /// The value `field` had at `moment`: the old value of the earliest change after `moment`, or
    /// `today` when nothing changed after it. A change at exactly `moment` is already in effect.
    public func value(of field: String, leadId: String, today: String, at moment: Double) -> String {
        guard let fieldNumber = fieldIndex[field.lowercased()] else { return today }
        return value(field: fieldNumber, leadId: leadId, today: today, at: moment).value
    }

    // MARK: For the snapshot

    /// The field's number when it is tracked, for repeated look-ups without lower-casing.
    func fieldNumber(_ field: String) -> Int32? {
        fieldIndex[field.lowercased()]
    }

    /// The value at `moment`, and whether the lead has any change of the field, and any after `moment`.
    func value(field: Int32, leadId: String, today: String, at moment: Double)
        -> (value: String, hasChanges: Bool, changedAfter: Bool) {
        let changes = storedChanges(field: field, leadId: leadId)
        guard !changes.isEmpty else { return (today, false, false) }
        guard let later = changes.first(where: { $0.time > moment }) else { return (today, true, false) }
        return (values[Int(later.oldValue)], true, true)
    }

    private func storedChanges(field: Int32, leadId: String) -> ArraySlice<StoredChange> {
        guard let key = IdKey(leadId), let lead = leadIndex[key] else { return [] }
        let all = changes[Int(offsets[Int(lead)])..<Int(offsets[Int(lead) + 1])]
        guard let start = all.firstIndex(where: { $0.field == field }) else { return [] }
        let end = all[start...].firstIndex(where: { $0.field != field }) ?? all.endIndex
        return all[start..<end]
    }
}
