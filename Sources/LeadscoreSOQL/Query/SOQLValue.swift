/// A literal on the right of a field expression, typed by how it was written.
///
/// The spelling decides the type, as in Salesforce: `'42'` is text and `42` a number, `2025-03-04` a
/// date and `2025-03-04T00:00:00Z` a dateTime. ``SOQLTranslator`` checks it against the field's type
/// and refuses mismatches with Salesforce's `INVALID_FIELD` message instead of converting.
public enum SOQLValue: Sendable, Equatable {
    /// A single-quoted literal with its escapes decoded.
    case string(String)
    /// A number written without a decimal point that fits in 64 bits, e.g. `42`, `-3`.
    case integer(Int64)
    /// A number written with a decimal point (or too large for 64 bits), e.g. `2.5`, `-0.75`.
    case decimal(Double)
    /// `true` or `false`, unquoted, any case.
    case boolean(Bool)
    /// `null`, unquoted, any case.
    case null
    /// `YYYY-MM-DD`, unquoted.
    case date(SOQLDay)
    /// `YYYY-MM-DDThh:mm:ss[.sss](Z|±hh:mm)`, unquoted, as milliseconds since the epoch (UTC).
    case dateTime(millisecondsSinceEpoch: Int64)
    /// A relative date literal such as `TODAY` or `LAST_N_DAYS:7`.
    case dateLiteral(SOQLDateLiteral)
}
