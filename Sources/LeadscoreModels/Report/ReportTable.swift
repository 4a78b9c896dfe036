/// A table of the model card, built once from the evaluation and rendered as HTML or Markdown, so
/// both outputs always carry the same numbers. Cells hold plain text; each renderer escapes it.
struct ReportTable {
    struct Column {
        let title: String
        /// Numbers are right-aligned so digits line up.
        var numeric = true
    }

    /// Rows the reader's eye should land on.
    enum Highlight: String {
        case none
        case champion
        case warning
    }

    struct Row {
        let cells: [String]
        var highlight = Highlight.none
    }

    let columns: [Column]
    let rows: [Row]
    /// Shown instead of the table when there are no rows.
    var emptyMessage = "None."

    func html() -> String {
        guard !rows.isEmpty else { return "<p class=\"empty\">\(ReportFormat.html(emptyMessage))</p>" }
        var lines = ["<table>", "<thead><tr>" + columns.map { "<th\(alignment($0))>\(ReportFormat.html($0.title))</th>" }.joined() + "</tr></thead>", "<tbody>"]
        for row in rows {
            let rowClass = row.highlight == .none ? "" : " class=\"\(row.highlight.rawValue)\""
            let cells = zip(columns, padded(row)).map { "<td\(alignment($0))>\(ReportFormat.html($1))</td>" }
            lines.append("<tr\(rowClass)>" + cells.joined() + "</tr>")
        }
        return (lines + ["</tbody>", "</table>"]).joined(separator: "\n")
    }

    /// A GitHub-flavoured Markdown table; highlighted rows are set in bold, since Markdown has no
    /// row styling.
    func markdown() -> String {
        guard !rows.isEmpty else { return emptyMessage }
        var lines = [
            "| " + columns.map { ReportFormat.markdownCell($0.title) }.joined(separator: " | ") + " |",
            "|" + columns.map { $0.numeric ? " ---: " : " --- " }.joined(separator: "|") + "|",
        ]
        for row in rows {
            let cells = padded(row).map { cell -> String in
                let text = ReportFormat.markdownCell(cell)
                return row.highlight == .none || text.isEmpty ? text : "**\(text)**"
            }
            lines.append("| " + cells.joined(separator: " | ") + " |")
        }
        return lines.joined(separator: "\n")
    }

    /// The row's cells, cut or filled with blanks to the column count.
    private func padded(_ row: Row) -> [String] {
        Array((row.cells + Array(repeating: "", count: max(columns.count - row.cells.count, 0))).prefix(columns.count))
    }

    private func alignment(_ column: Column) -> String {
        column.numeric ? " class=\"num\"" : ""
    }
}
