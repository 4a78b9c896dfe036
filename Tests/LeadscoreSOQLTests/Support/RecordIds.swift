/// Salesforce's 15 → 18 character id conversion, written here from the published algorithm so the
/// tests do not check the module against itself: for each block of five characters, a bit per
/// upper-case letter picks one character of `A…Z0…5`.
enum RecordIds {
    static func eighteenCharacter(_ fifteen: String) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ012345")
        let characters = Array(fifteen)
        var suffix = ""
        for block in 0..<3 {
            var bits = 0
            for position in 0..<5 where characters[block * 5 + position].isUppercase {
                bits |= 1 << position
            }
            suffix.append(alphabet[bits])
        }
        return fifteen + suffix
    }
}
