import Foundation

/// Parses and formats the date and datetime texts Salesforce exports use, without `DateFormatter`
/// (which is slow and locale-dependent). Times are seconds since 1970-01-01 UTC as `Double`.
///
/// Accepted, with or without seconds and fractions:
/// - `2025-03-04T15:22:10.000+0000` (REST API, Data Loader), `…Z`, `…+01:00`, `2025-03-04 15:22:10`
/// - `2025-03-04` (date fields)
/// - `3/4/2025`, `3/4/2025 3:22 PM`, `3/4/2025, 15:22` (report exports, US month/day order)
public enum SalesforceDate {
    /// Seconds since the epoch, or `nil` if `text` is not one of the accepted forms.
    public static func parse(_ text: String) -> Double? {
        var text = text
        return text.withUTF8 { parse(utf8: $0) }
    }

    /// The same for the text's UTF-8 bytes (a CSV field read in place): nothing is allocated.
    public static func parse(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        var scanner = ByteScanner(bytes)
        scanner.skipSpaces()
        guard let first = scanner.number(maxDigits: 4) else { return nil }
        let year: Int, month: Int, day: Int
        if first.digits == 4, scanner.take(UInt8(ascii: "-")) {
            guard let m = scanner.number(maxDigits: 2), scanner.take(UInt8(ascii: "-")),
                  let d = scanner.number(maxDigits: 2) else { return nil }
            (year, month, day) = (first.value, m.value, d.value)
        } else if first.digits <= 2, scanner.take(UInt8(ascii: "/")) {
            guard let d = scanner.number(maxDigits: 2), scanner.take(UInt8(ascii: "/")),
                  let y = scanner.number(maxDigits: 4), y.digits == 4 else { return nil }
            (year, month, day) = (y.value, first.value, d.value)
        } else {
            return nil
        }
        guard (1...12).contains(month), (1...daysInMonth(year, month)).contains(day) else { return nil }
        var seconds = Double(daysFromCivil(year, month, day)) * 86_400
        if scanner.atEnd { return seconds }

        // Optional time part.
        guard scanner.take(UInt8(ascii: "T")) || scanner.take(UInt8(ascii: " ")) || scanner.take(UInt8(ascii: ","))
        else { return nil }
        scanner.skipSpaces()
        guard let hour = scanner.number(maxDigits: 2), scanner.take(UInt8(ascii: ":")),
              let minute = scanner.number(maxDigits: 2), minute.value < 60 else { return nil }
        var hours = hour.value
        var secondValue = 0.0
        if scanner.take(UInt8(ascii: ":")) {
            guard let s = scanner.number(maxDigits: 2), s.value < 61 else { return nil }
            secondValue = Double(s.value)
            if scanner.take(UInt8(ascii: ".")) {
                guard let fraction = scanner.number(maxDigits: 9) else { return nil }
                secondValue += Double(fraction.value) / pow(10, Double(fraction.digits))
            }
        }
        scanner.skipSpaces()
        if scanner.takeCaseInsensitive(UInt8(ascii: "A"), UInt8(ascii: "M")) {
            guard (1...12).contains(hours) else { return nil }
            if hours == 12 { hours = 0 }
        } else if scanner.takeCaseInsensitive(UInt8(ascii: "P"), UInt8(ascii: "M")) {
            guard (1...12).contains(hours) else { return nil }
            if hours != 12 { hours += 12 }
        }
        guard hours < 24 else { return nil }
        seconds += Double(hours * 3600 + minute.value * 60) + secondValue

        // Optional zone: Z, +HHMM, +HH:MM, -HH. No zone means UTC, as Salesforce APIs use.
        if scanner.take(UInt8(ascii: "Z")) || scanner.atEnd {
            return scanner.atEnd ? seconds : nil
        }
        let sign: Double
        if scanner.take(UInt8(ascii: "+")) { sign = 1 } else if scanner.take(UInt8(ascii: "-")) { sign = -1 } else { return nil }
        guard let zoneHours = scanner.number(maxDigits: 2), zoneHours.digits == 2 else { return nil }
        _ = scanner.take(UInt8(ascii: ":"))
        let zoneMinutes = scanner.number(maxDigits: 2)?.value ?? 0
        guard scanner.atEnd else { return nil }
        return seconds - sign * Double(zoneHours.value * 3600 + zoneMinutes * 60)
    }

    /// `2025-03-04T15:22:10Z`: the snapshot's canonical datetime form (ISO 8601, UTC, whole seconds).
    public static func formatDateTime(_ seconds: Double) -> String {
        let (days, secondOfDay) = Int(seconds.rounded(.down)).floorDivided(by: 86_400)
        let (y, m, d) = civilFromDays(days)
        guard (0...9999).contains(y) else {
            return datePart(days) + "T" + twoDigits(secondOfDay / 3600) + ":" + twoDigits((secondOfDay % 3600) / 60) + ":"
                + twoDigits(secondOfDay % 60) + "Z"
        }
        // Written digit by digit into the string's own storage: snapshots format millions of these.
        return String(unsafeUninitializedCapacity: 20) { text in
            writeDate(y, m, d, into: text)
            writeDigits(secondOfDay / 3600, count: 2, into: text, at: 11)
            writeDigits((secondOfDay % 3600) / 60, count: 2, into: text, at: 14)
            writeDigits(secondOfDay % 60, count: 2, into: text, at: 17)
            (text[10], text[13], text[16], text[19]) = (UInt8(ascii: "T"), UInt8(ascii: ":"), UInt8(ascii: ":"), UInt8(ascii: "Z"))
            return 20
        }
    }

    /// `2025-03-04T15:22:10.000+0000`: the form Salesforce's REST API writes and accepts.
    public static func formatSalesforceDateTime(_ seconds: Double) -> String {
        let (wholeSeconds, milli) = Int((seconds * 1000).rounded()).floorDivided(by: 1000)
        let (days, secondOfDay) = wholeSeconds.floorDivided(by: 86_400)
        let millis = String(milli).leftPadded(to: 3)
        return datePart(days) + "T" + twoDigits(secondOfDay / 3600) + ":" + twoDigits((secondOfDay % 3600) / 60) + ":"
            + twoDigits(secondOfDay % 60) + "." + millis + "+0000"
    }

    /// `2025-03-04`: the canonical date form.
    public static func formatDate(_ seconds: Double) -> String {
        let days = Int(seconds.rounded(.down)).floorDivided(by: 86_400).quotient
        let (y, m, d) = civilFromDays(days)
        guard (0...9999).contains(y) else { return datePart(days) }
        return String(unsafeUninitializedCapacity: 10) { text in
            writeDate(y, m, d, into: text)
            return 10
        }
    }

    /// `YYYY-MM-DD` into the first 10 bytes of `text` (a year of four digits).
    private static func writeDate(_ y: Int, _ m: Int, _ d: Int, into text: UnsafeMutableBufferPointer<UInt8>) {
        writeDigits(y, count: 4, into: text, at: 0)
        writeDigits(m, count: 2, into: text, at: 5)
        writeDigits(d, count: 2, into: text, at: 8)
        (text[4], text[7]) = (UInt8(ascii: "-"), UInt8(ascii: "-"))
    }

    /// `value`'s last `count` decimal digits, zero-padded, at `offset`.
    private static func writeDigits(_ value: Int, count: Int, into text: UnsafeMutableBufferPointer<UInt8>, at offset: Int) {
        var rest = value
        for position in stride(from: offset + count - 1, through: offset, by: -1) {
            text[position] = UInt8(ascii: "0") + UInt8(rest % 10)
            rest /= 10
        }
    }

    // Years beyond 0–9999 (the digit-by-digit forms above take four digits); String(format:) is slow on Linux.
    private static func datePart(_ days: Int) -> String {
        let (y, m, d) = civilFromDays(days)
        return String(y).leftPadded(to: 4) + "-" + twoDigits(m) + "-" + twoDigits(d)
    }

    private static func twoDigits(_ value: Int) -> String {
        value < 10 ? "0" + String(value) : String(value)
    }

    /// Days since 1970-01-01 for a proleptic Gregorian date (H. Hinnant's algorithm).
    public static func daysFromCivil(_ year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The inverse of `daysFromCivil`.
    public static func civilFromDays(_ days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    static func daysInMonth(_ year: Int, _ month: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}

extension Int {
    /// Floor division with a non-negative remainder (for dates before 1970).
    func floorDivided(by divisor: Int) -> (quotient: Int, remainder: Int) {
        let quotient = (self >= 0 ? self : self - divisor + 1) / divisor
        return (quotient, self - quotient * divisor)
    }
}

/// A tiny cursor over ASCII bytes for the date parser (trailing spaces ignored), reading them in place.
private struct ByteScanner {
    let bytes: UnsafeBufferPointer<UInt8>
    let end: Int
    var index = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        var end = bytes.count
        while end > 0, bytes[end - 1] == UInt8(ascii: " ") { end -= 1 }
        self.bytes = bytes
        self.end = end
    }

    var atEnd: Bool { index >= end }

    mutating func skipSpaces() {
        while index < end, bytes[index] == UInt8(ascii: " ") { index += 1 }
    }

    mutating func take(_ byte: UInt8) -> Bool {
        guard index < end, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    /// Two letters in either case (`first` and `second` given in upper case).
    mutating func takeCaseInsensitive(_ first: UInt8, _ second: UInt8) -> Bool {
        guard index + 2 <= end, bytes[index] & 0xDF == first, bytes[index + 1] & 0xDF == second else { return false }
        index += 2
        return true
    }

    mutating func number(maxDigits: Int) -> (value: Int, digits: Int)? {
        var value = 0, digits = 0
        while index < end, digits < maxDigits, bytes[index] >= 48, bytes[index] <= 57 {
            value = value * 10 + Int(bytes[index] - 48)
            digits += 1
            index += 1
        }
        return digits > 0 ? (value, digits) : nil
    }
}
