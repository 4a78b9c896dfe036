/// Case-insensitive text matching in SQLite, which folds only ASCII letters by itself.
///
/// SOQL compares text case-insensitively ("String comparisons using the equals operator are
/// case-insensitive"; "The LIKE operator performs a case-insensitive match"). SQLite's `upper()`,
/// `NOCASE` and `LIKE` know only A–Z, so `'Müller' = 'MÜLLER'` would be false there: a wrong answer.
/// Two forms are used:
/// - Values with no cased letter outside ASCII compare as `upper(column) = ?` with the value
///   upper-cased the same way here (letters outside ASCII then have no case to ignore).
/// - Other values, and every LIKE pattern, become a GLOB pattern in which each letter is a class of
///   its cases (`Müller` → `[mM][üÜ][lL][lL][eE][rR]`), `_` becomes `?` and `%` becomes `*`. GLOB is
///   exact and case-sensitive, so the classes say precisely which characters match.
///
/// Letters whose case mapping is not one character to one character (`ß` → `SS`) or crosses into
/// ASCII (the Kelvin sign `K` → `k`) are refused rather than compared approximately.
enum CaseInsensitiveText {
    /// Whether `upper()` alone folds every letter of `text` (no cased letter outside ASCII).
    static func isFoldedByUpper(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { $0.isASCII || !isCased($0) }
    }

    /// `text` with a–z upper-cased, exactly as SQLite's `upper()` does without ICU.
    static func upper(_ text: String) -> String {
        var folded = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            let isLower = ("a"..."z").contains(scalar)
            folded.append(isLower ? Unicode.Scalar(scalar.value - 32) ?? scalar : scalar)
        }
        return String(folded)
    }

    /// The GLOB pattern matching what `elements` match case-insensitively.
    static func globPattern(_ elements: [SOQLLikePattern.Element], field: String) throws(SOQLError) -> String {
        var pattern = ""
        for element in elements {
            switch element {
            case .anyCharacter: pattern += "?"
            case .anyCharacters: pattern += "*"
            case .text(let text):
                for scalar in text.unicodeScalars { pattern += try globClass(scalar, field: field) }
            }
        }
        return pattern
    }

    /// One character of a GLOB pattern: a class of its cases, a bracketed special character, or itself.
    private static func globClass(_ scalar: Unicode.Scalar, field: String) throws(SOQLError) -> String {
        if scalar == "*" || scalar == "?" || scalar == "[" { return "[\(scalar)]" }
        guard isCased(scalar) else { return String(scalar) }
        let lower = String(scalar).lowercased().unicodeScalars
        let upper = String(scalar).uppercased().unicodeScalars
        guard lower.count == 1, upper.count == 1, let lowerScalar = lower.first, let upperScalar = upper.first,
              scalar.isASCII == lowerScalar.isASCII, scalar.isASCII == upperScalar.isASCII else {
            throw .unsupported(
                "Comparing field '\(field)' case-insensitively with the letter '\(scalar)'",
                instead: "this server folds only letters with a one-to-one upper case; filter without that letter"
            )
        }
        var members = String.UnicodeScalarView()
        for member in [upperScalar, lowerScalar, scalar] where !members.contains(member) { members.append(member) }
        return "[\(String(members))]"
    }

    private static func isCased(_ scalar: Unicode.Scalar) -> Bool {
        String(scalar).lowercased() != String(scalar).uppercased()
    }
}
