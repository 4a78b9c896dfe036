/// The outcome of writing one record through sObject Collections, mapped back to the caller's input.
///
/// Collections run with `allOrNone: false`: one bad record (a validation rule, a deleted lead) does not
/// roll back the other 199, so each input gets its own result.
public struct SalesforceRecordResult: Sendable, Equatable {
    /// One entry of the record's `errors`: `{"statusCode", "message", "fields"}`.
    public struct Problem: Sendable, Equatable, CustomStringConvertible {
        /// e.g. `FIELD_CUSTOM_VALIDATION_EXCEPTION`, `ENTITY_IS_DELETED`.
        public let statusCode: String
        public let message: String
        public let fields: [String]

        public init(statusCode: String, message: String, fields: [String] = []) {
            self.statusCode = statusCode
            self.message = message
            self.fields = fields
        }

        public var description: String {
            fields.isEmpty ? "\(statusCode): \(message)" : "\(statusCode) on \(fields.joined(separator: ", ")): \(message)"
        }
    }

    /// The record's position in the array passed to `update`, `create` or `upsert`.
    public let index: Int
    /// The record's Id: the created Id, or the updated record's Id.
    public let id: String?
    public let success: Bool
    public let problems: [Problem]
    /// For `upsert` (an UpsertResult): true when the external id matched no record and one was created,
    /// false when an existing record was updated. Nil for `create` and `update`, whose results do not say.
    public let created: Bool?

    public init(index: Int, id: String?, success: Bool, problems: [Problem], created: Bool? = nil) {
        self.index = index
        self.id = id
        self.success = success
        self.problems = problems
        self.created = created
    }

    /// Reads one SaveResult or UpsertResult; nil when it lacks `success`.
    init?(json: SalesforceValue, index: Int, inputId: String?) {
        guard let success = json["success"]?.boolValue else { return nil }
        let problems = json["errors"]?.arrayValue?.map { item in
            Problem(statusCode: item["statusCode"]?.stringValue ?? "UNKNOWN",
                    message: item["message"]?.stringValue ?? "",
                    fields: item["fields"]?.arrayValue?.compactMap(\.stringValue) ?? [])
        } ?? []
        self.init(index: index, id: json["id"]?.stringValue ?? inputId, success: success, problems: problems,
                  created: json["created"]?.boolValue)
    }

    /// Whether the record failed only because another transaction held its lock: worth sending again.
    var failedOnLock: Bool {
        !success && !problems.isEmpty && problems.allSatisfy { $0.statusCode == "UNABLE_TO_LOCK_ROW" }
    }
}

/// A write stopped part-way: `completed` holds the results of the chunks Salesforce did process (those
/// records are written), and `error` why the rest was not sent.
public struct SalesforceWriteInterrupted: Error, Sendable, CustomStringConvertible {
    public let completed: [SalesforceRecordResult]
    public let remaining: Int
    public let error: any Error

    public var description: String {
        "the write stopped after \(completed.count) record\(completed.count == 1 ? "" : "s") (\(remaining) not sent): \(error)"
    }
}
