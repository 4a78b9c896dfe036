/// `YYYY-MM-DD` bytes and the month of every day the export can mention, computed once.
struct SampleDayTable {
    private let firstDay: Int
    private let dateBytes: [UInt8]
    private let months: [Int]

    init(firstDay: Int, lastDay: Int) {
        self.firstDay = firstDay
        var bytes: [UInt8] = []
        var months: [Int] = []
        for day in firstDay...lastDay {
            let date = SampleOrgGenerator.civilDate(epochDay: day)
            let text = "\(date.year)-\(date.month < 10 ? "0" : "")\(date.month)-\(date.day < 10 ? "0" : "")\(date.day)"
            bytes += Array(text.utf8)
            months.append(date.month)
        }
        dateBytes = bytes
        self.months = months
    }

    func date(_ day: Int) -> ArraySlice<UInt8> {
        let start = (day - firstDay) * 10
        return dateBytes[start..<start + 10]
    }

    func month(of day: Int) -> Int { months[day - firstDay] }
}
