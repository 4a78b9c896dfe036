import Foundation

/// The forecast for people: a terminal rendering for `sync --dry-run` and Markdown/HTML tables for
/// the model card. Both are built from the same `ReportTable`s, so the terminal and the card can
/// never disagree on a number. Figures use `ReportFormat` (locale-free, byte-identical everywhere).
extension ArrivalForecast {
    /// What the forecast is, in a sentence a RevOps admin can act on.
    var headline: String {
        guard let firstArrival, let lastArrival else {
            return "No arrivals: there were no leads to forecast from, so no tier's load can be estimated (time zone \(timeZoneIdentifier))."
        }
        return "Expected leads per tier at the current thresholds, by hour of day in \(timeZoneIdentifier), from "
            + "\(ReportFormat.count(leads)) leads that arrived between \(firstArrival) and \(lastArrival) "
            + "(\(ReportFormat.number(weeks, places: 1)) weeks). Each figure is the leads that arrived in that hour "
            + "divided by the number of times the hour occurred, so it reads as the load of a typical week."
    }

    /// Terminal text: the headline, one line per tier, the hour-of-day table (average weekday and
    /// weekend day per tier) and the top tier's full week.
    public func text() -> String {
        var lines = [headline]
        guard !isEmpty else { return lines.joined(separator: "\n") + "\n" }
        lines.append("")
        let nameWidth = tiers.map(\.name.count).max() ?? 0
        for tier in tiers {
            let name = "  " + tier.name.padding(toLength: nameWidth, withPad: " ", startingAt: 0)
            guard let peak = tier.peak else {
                lines.append("\(name)  no arrivals")
                continue
            }
            lines.append("\(name)  \(ReportFormat.number(tier.perWeek, places: 1)) a week · "
                + "\(Self.leadsFigure(tier.perHour)) an hour on average · peak \(Self.slotName(peak)) "
                + "\(Self.leadsFigure(peak.expected)) leads")
        }
        lines += ["", "Expected leads in each hour of an average weekday (Mon–Fri) and weekend day (Sat–Sun):", ""]
        lines += Self.aligned(hourTable())
        if let top = tiers.first {
            lines += ["", "Expected leads of tier \(top.name) in each hour of a typical week:", ""]
            lines += Self.aligned(weekTable(top))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The same content as `text()`, as Markdown tables for the model card.
    public func markdown() -> String {
        var lines = [headline]
        guard !isEmpty else { return lines.joined(separator: "\n") + "\n" }
        lines += ["", summaryTable().markdown(),
                  "", "Expected leads in each hour of an average weekday (Mon–Fri) and weekend day (Sat–Sun):", "",
                  hourTable().markdown()]
        if let top = tiers.first {
            lines += ["", "Expected leads of tier \(ReportFormat.markdownCell(top.name)) in each hour of a typical week:", "",
                      weekTable(top).markdown()]
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// One row per tier: arrivals, per week, per hour on average, and the busiest slot.
    func summaryTable() -> ReportTable {
        ReportTable(
            columns: [ReportTable.Column(title: "Tier", numeric: false)]
                + ["Leads", "Per week", "Per hour on average"].map { ReportTable.Column(title: $0) }
                + [ReportTable.Column(title: "Busiest hour", numeric: false), ReportTable.Column(title: "Leads in it")],
            rows: tiers.map { tier in
                ReportTable.Row(cells: [
                    tier.name, ReportFormat.count(tier.total), ReportFormat.number(tier.perWeek, places: 1),
                    Self.leadsFigure(tier.perHour), tier.peak.map(Self.slotName) ?? "no arrivals",
                    tier.peak.map { Self.leadsFigure($0.expected) } ?? "",
                ])
            },
            emptyMessage: "No tiers are defined.")
    }

    /// 24 rows, one per hour of the day; per tier an average weekday and an average weekend day.
    func hourTable() -> ReportTable {
        let columns = [ReportTable.Column(title: "Hour", numeric: false)]
            + tiers.flatMap { [ReportTable.Column(title: "\($0.name) weekday"), ReportTable.Column(title: "\($0.name) weekend")] }
        let rows = (0..<24).map { hour in
            ReportTable.Row(cells: [Self.hourName(hour)] + tiers.flatMap { tier in
                [Self.leadsFigure(tier.expected(hour: hour, weekdays: 0...4)),
                 Self.leadsFigure(tier.expected(hour: hour, weekdays: 5...6))]
            })
        }
        return ReportTable(columns: columns, rows: rows, emptyMessage: "No arrivals.")
    }

    /// 24 rows by seven weekdays for one tier; the busiest slot is highlighted.
    func weekTable(_ tier: Tier) -> ReportTable {
        let columns = [ReportTable.Column(title: "Hour", numeric: false)] + Self.weekdayNames.map { ReportTable.Column(title: $0) }
        let rows = (0..<24).map { hour in
            ReportTable.Row(cells: [Self.hourName(hour)] + (0..<7).map { Self.leadsFigure(tier.perSlot[$0][hour]) },
                            highlight: tier.peak?.hour == hour ? .warning : .none)
        }
        return ReportTable(columns: columns, rows: rows, emptyMessage: "No arrivals.")
    }

    /// "Tue 10:00–11:00".
    static func slotName(_ slot: Slot) -> String {
        "\(weekdayNames[slot.weekday]) \(hourName(slot.hour))"
    }

    /// "09:00–10:00"; the last hour ends at "24:00".
    static func hourName(_ hour: Int) -> String {
        func clock(_ value: Int) -> String { (value < 10 ? "0" : "") + "\(value):00" }
        return "\(clock(hour))–\(clock(hour + 1))"
    }

    /// Hourly loads are often below one lead, so they keep two decimals.
    static func leadsFigure(_ value: Double) -> String {
        ReportFormat.number(value, places: 2)
    }

    /// A table as fixed-width terminal lines: text columns left-aligned, numbers right-aligned.
    static func aligned(_ table: ReportTable) -> [String] {
        let grid = [table.columns.map(\.title)] + table.rows.map(\.cells)
        let widths = table.columns.indices.map { column in grid.map { $0.indices.contains(column) ? $0[column].count : 0 }.max() ?? 0 }
        return grid.map { cells in
            table.columns.indices.map { column in
                let cell = cells.indices.contains(column) ? cells[column] : ""
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                return table.columns[column].numeric ? padding + cell : cell + padding
            }.joined(separator: "  ")
        }.map { line in String(line.reversed().drop { $0 == " " }.reversed()) }
    }
}
