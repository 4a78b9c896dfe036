/// The `error` object of an error response (also used per lead in batch results).
struct APIErrorBody: Encodable {
    var code: String
    var message: String
    var details: [APIError.Detail]

    init(_ error: APIError) {
        code = error.code
        message = error.message
        details = error.details
    }
}

/// A whole error response: `{"error": {...}, "requestId": "..."}`.
struct APIErrorResponse: Encodable {
    var error: APIErrorBody
    var requestId: String
}
