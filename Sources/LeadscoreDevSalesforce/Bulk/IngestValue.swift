import GRDB
import LeadscoreData

/// Reads one CSV value of an ingest job as the JSON value the REST writes take, so both go through the
/// same ``RecordValidator``: `#N/A` is null, numbers and booleans are parsed, dates and datetimes must be
/// in one of Salesforce's formats (Bulk API 2.0 Developer Guide, "Valid Date Format in Records"). A value
/// that is not of the field's type fails its record with INVALID_TYPE_ON_FIELD_IN_RECORD, as Bulk API
/// reports it, rather than failing the job.
enum IngestValue {
    static func json(_ text: String, for field: ObjectDescribe.FieldDescribe) -> Result<JSONValue, RecordError> {
        if text == IngestProcessor.nullValue { return .success(.null) }
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        switch field.kind {
        case .text, .anyType:
            return .success(.string(text))
        case .integer, .double:
            guard let number = Double(trimmed), number.isFinite else { return .failure(wrongType(text, field)) }
            if field.kind == .integer, number.rounded() == number, abs(number) < 1e15 { return .success(.integer(Int64(number))) }
            return .success(.double(number))
        case .boolean:
            guard let flag = FieldParser.parseBoolean(trimmed) else { return .failure(wrongType(text, field)) }
            return .success(.bool(flag))
        case .date, .dateTime:
            guard SalesforceDate.parse(trimmed) != nil else { return .failure(wrongType(text, field)) }
            return .success(.string(trimmed))
        }
    }

    /// The record's fields as stored values, or the first rule they break.
    static func validated(_ members: [(String, JSONValue)], mode: RecordValidator.Mode,
                          validator: RecordValidator) -> Result<[(ObjectDescribe.FieldDescribe, DatabaseValue)], RecordError> {
        do {
            return try validator.validate(members, mode: mode)
        } catch {
            return .failure(recordError(error))
        }
    }

    /// A failure of one record, whatever was thrown: a REST request's error becomes the record's error.
    static func recordError(_ error: any Error) -> RecordError {
        if let problem = error as? RecordError { return problem }
        if let answer = error as? SalesforceError { return RecordError(answer.errorCode, answer.message, fields: answer.fields ?? []) }
        return RecordError("UNKNOWN_EXCEPTION", "the record could not be saved: \(error)")
    }

    private static func wrongType(_ text: String, _ field: ObjectDescribe.FieldDescribe) -> RecordError {
        RecordError("INVALID_TYPE_ON_FIELD_IN_RECORD", "\(field.displayLabel): value not of required type: \(text)", fields: [field.name])
    }
}
