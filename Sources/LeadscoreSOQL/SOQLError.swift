/// Why a SOQL query was refused, with the `errorCode` Salesforce's REST API would answer
/// (`MALFORMED_QUERY`, `INVALID_FIELD`, `INVALID_TYPE`, …) and a message in its words.
///
/// The messages Salesforce itself sends are reproduced word for word where they are known (unknown
/// fields and objects, filter values of the wrong type), so a client that works against the local server
/// sees what it will see against a real org. Constructs this server does not implement are refused as
/// `MALFORMED_QUERY` naming the construct and what to write instead: a refusal, never a wrong answer.
public struct SOQLError: Error, Sendable, Equatable, CustomStringConvertible {
    public var code: String
    public var message: String

    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code): \(message)" }
}

extension SOQLError {
    static func malformed(_ message: String) -> SOQLError {
        SOQLError(code: "MALFORMED_QUERY", message: message)
    }

    /// A valid SOQL construct this server does not implement, with what to write instead.
    static func unsupported(_ construct: String, instead: String) -> SOQLError {
        malformed("\(construct) is not supported by this local Salesforce-compatible server; \(instead)")
    }

    /// Salesforce's message for a field the sObject does not have.
    static func noSuchColumn(_ field: String, on object: String) -> SOQLError {
        SOQLError(
            code: "INVALID_FIELD",
            message: "No such column '\(field)' on entity '\(object)'. If you are attempting to use a custom field, "
                + "be sure to append the '__c' after the custom field name. Please reference your WSDL or the "
                + "describe call for the appropriate names."
        )
    }

    /// Salesforce's message for an sObject the org does not have.
    static func unsupportedObject(_ object: String) -> SOQLError {
        SOQLError(
            code: "INVALID_TYPE",
            message: "sObject type '\(object)' is not supported. If you are attempting to use a custom object, "
                + "be sure to append the '__c' after the entity name. Please reference your WSDL or the "
                + "describe call for the appropriate names."
        )
    }

    /// Salesforce's message for a filter value whose type does not match the field's, e.g. a quoted
    /// date for a dateTime field: only text is quoted, everything else is written bare.
    static func filterValue(field: String, mustBe type: SOQLFieldType) -> SOQLError {
        let quoting = type == .text || type == .id ? "should be enclosed in quotes" : "should not be enclosed in quotes"
        return SOQLError(
            code: "INVALID_FIELD",
            message: "value of filter criterion for field '\(field)' must be of type \(type.salesforceName) and \(quoting)"
        )
    }

    /// An operator the field's type does not support, e.g. LIKE on a number or `<` on a boolean.
    static func invalidOperator(_ operatorText: String, field: String, type: SOQLFieldType, allowed: String) -> SOQLError {
        SOQLError(
            code: "INVALID_QUERY_FILTER_OPERATOR",
            message: "invalid operator \(operatorText) on \(type.salesforceName) field '\(field)'; \(allowed)"
        )
    }

    /// Salesforce's message for text that cannot be a record id in a filter on an id field.
    static func invalidID(_ value: String) -> SOQLError {
        SOQLError(code: "INVALID_QUERY_FILTER_OPERATOR", message: "invalid ID field: \(value)")
    }

    static func notFilterable(_ field: String) -> SOQLError {
        SOQLError(code: "INVALID_FIELD", message: "field '\(field)' can not be filtered in a query call")
    }

    static func notSortable(_ field: String) -> SOQLError {
        SOQLError(code: "INVALID_FIELD", message: "field '\(field)' can not be sorted in a query call")
    }

    static func numberOutsideValidRange(_ message: String) -> SOQLError {
        SOQLError(code: "NUMBER_OUTSIDE_VALID_RANGE", message: message)
    }
}
