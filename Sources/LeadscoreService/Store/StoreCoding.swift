import Foundation

/// Column encodings shared by both stores.
enum StoreCoding {
    static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func decode<T: Decodable>(_ type: T.Type, from text: String) throws -> T {
        try JSONDecoder().decode(type, from: Data(text.utf8))
    }

    static func scopes(_ scopes: Set<Scope>) -> String {
        scopes.sorted().map(\.rawValue).joined(separator: ",")
    }

    static func scopes(_ text: String) throws -> Set<Scope> {
        Set(try text.split(separator: ",").map { try value(Scope.self, String($0), column: "api_keys.scopes") })
    }

    /// The case a stored text names. An unknown text (a row written by a newer version, or edited by
    /// hand) is an error, never a default: an unknown registry action must not read as a promotion.
    static func value<T: RawRepresentable>(_ type: T.Type, _ raw: String, column: String) throws -> T where T.RawValue == String {
        guard let value = T(rawValue: raw) else {
            throw StoreError.unreadable("\(column) holds '\(raw.prefix(40))', which this version of leadscore does not know; "
                + "run the version that wrote it, or correct the row")
        }
        return value
    }
}
