/// A record id written in a filter (`Id = '00Q5g00000AbCdE'`), reduced to the form ids compare by.
///
/// Salesforce ids have a case-sensitive 15-character form and an 18-character form whose last three
/// characters encode the case of the first fifteen, so that systems ignoring case can still tell ids
/// apart. A filter may use either form and must find the same record, so both are reduced to the
/// case-correct 15-character form and compared with the first 15 characters of the stored id.
enum RecordIdLiteral {
    private static let suffixAlphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ012345")

    /// The case-correct 15-character form of `text`, or `nil` when it is not a 15- or 18-character id.
    static func canonical(_ text: String) -> String? {
        let characters = Array(text)
        guard characters.count == 15 || characters.count == 18,
              characters.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else { return nil }
        guard characters.count == 18 else { return text }

        var canonical = Array(characters[0..<15])
        for chunk in 0..<3 {
            guard let bits = suffixAlphabet.firstIndex(of: Character(characters[15 + chunk].uppercased())) else { return nil }
            for position in 0..<5 {
                let index = chunk * 5 + position
                let isUpper = bits & (1 << position) != 0
                guard canonical[index].isLetter else {
                    if isUpper { return nil }
                    continue
                }
                canonical[index] = Character(isUpper ? canonical[index].uppercased() : canonical[index].lowercased())
            }
        }
        return String(canonical)
    }
}
