/// The pattern of a `LIKE` expression, with SOQL's escapes already resolved.
///
/// From the reference ("Comparison Operators", "Quoted String Escape Sequences"): `%` matches zero or
/// more characters, `_` exactly one, and in a LIKE expression only, `\%` and `\_` match a literal percent
/// sign or underscore. Keeping wildcards apart from literal text means no later step has to re-escape
/// anything, and the translator can render SQLite's `LIKE … ESCAPE '\'` form exactly.
public struct SOQLLikePattern: Sendable, Equatable {
    public enum Element: Sendable, Equatable {
        /// Characters that must appear as they are (compared case-insensitively).
        case text(String)
        /// `_`: exactly one character.
        case anyCharacter
        /// `%`: zero or more characters.
        case anyCharacters
    }

    /// The elements in order; adjacent text is merged into one ``Element/text(_:)``.
    public private(set) var elements: [Element]

    public init(_ elements: [Element]) {
        self.elements = []
        for element in elements { append(element) }
    }

    /// The text elements joined: the value of a quoted literal decoded without wildcards.
    var literalText: String {
        elements.reduce(into: "") { text, element in
            if case .text(let part) = element { text += part }
        }
    }

    private mutating func append(_ element: Element) {
        switch (elements.last, element) {
        case (.text(let previous)?, .text(let next)):
            elements[elements.count - 1] = .text(previous + next)
        case (_, .text(let next)) where next.isEmpty:
            break
        default:
            elements.append(element)
        }
    }
}
