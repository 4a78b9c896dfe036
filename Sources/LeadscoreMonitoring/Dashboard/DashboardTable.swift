import LeadscoreModels

/// A table of the dashboard. Cells hold plain text (escaped when rendered) or a severity, shown as a
/// coloured badge; a row at ticket or page severity is tinted so the eye lands on it.
struct DashboardTable {
    struct Column {
        let title: String
        /// Numbers are right-aligned so digits line up.
        var numeric = false
    }

    enum Cell {
        case text(String)
        /// A severity badge; `acknowledged` is the note of the acknowledgement that silences it.
        case severity(Severity, acknowledged: String?)
    }

    struct Row {
        let cells: [Cell]
        /// Tints the row: ticket amber, page red.
        var severity: Severity = .info
    }

    let columns: [Column]
    let rows: [Row]
    /// Shown instead of the table when there are no rows.
    var emptyMessage = "None."

    func html() -> String {
        guard !rows.isEmpty else { return "<p class=\"empty\">\(ReportFormat.html(emptyMessage))</p>" }
        var lines = ["<table>",
                     "<thead><tr>" + columns.map { "<th\(alignment($0))>\(ReportFormat.html($0.title))</th>" }.joined() + "</tr></thead>",
                     "<tbody>"]
        for row in rows {
            let rowClass = row.severity > .info ? " class=\"\(row.severity.rawValue)\"" : ""
            let cells = zip(columns, row.cells).map { column, cell in "<td\(alignment(column))>\(Self.html(cell))</td>" }
            lines.append("<tr\(rowClass)>" + cells.joined() + "</tr>")
        }
        return (lines + ["</tbody>", "</table>"]).joined(separator: "\n")
    }

    static func html(_ cell: Cell) -> String {
        switch cell {
        case let .text(text):
            return ReportFormat.html(text)
        case let .severity(severity, acknowledged):
            return badge(severity) + (acknowledged.map { " <span class=\"ack\">acknowledged: \(ReportFormat.html($0))</span>" } ?? "")
        }
    }

    /// `<span class="sev page">page</span>`: the word is there for screen readers and print.
    static func badge(_ severity: Severity) -> String {
        "<span class=\"sev \(severity.rawValue)\">\(severity.rawValue)</span>"
    }

    private func alignment(_ column: Column) -> String {
        column.numeric ? " class=\"num\"" : ""
    }
}
