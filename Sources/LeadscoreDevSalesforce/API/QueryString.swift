import Hummingbird

/// Query-string parameters as HTML forms encode them: `+` is a space, then percent escapes. The REST
/// API Developer Guide ("Query") says to "replace spaces in the query string with a plus sign + or
/// with %20", and clients such as simple-salesforce send `q=SELECT+Id+FROM+Lead`.
enum QueryString {
    static func value(_ name: String, in request: Request) -> String? {
        guard let query = request.uri.query else { return nil }
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2, parts[0] == name else { continue }
            let spaced = parts[1].replacingOccurrences(of: "+", with: " ")
            return spaced.removingPercentEncoding ?? spaced
        }
        return nil
    }
}
