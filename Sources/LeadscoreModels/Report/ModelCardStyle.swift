/// The model card's inline stylesheet. It uses system fonts only (no web fonts, no URLs) so the
/// card renders the same offline, reads comfortably on a laptop and prints cleanly on A4/Letter.
/// It contains no `&` or `<`, so the page stays well-formed XML. The monitoring dashboard builds on it.
public enum ModelCardStyle {
    public static let css = """
    :root { color-scheme: light; --ink: #222; --muted: #666; --rule: #ddd; --champion: #eaf3fb; --warning: #fff1e0; }
    * { box-sizing: border-box; }
    body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif;
           color: var(--ink); background: #fff; }
    main { max-width: 1080px; margin: 0 auto; padding: 24px 32px 48px; }
    header.card { border-bottom: 2px solid var(--ink); margin-bottom: 8px; }
    h1 { font-size: 26px; margin: 0 0 4px; }
    h2 { font-size: 20px; margin: 36px 0 8px; padding-top: 8px; border-top: 1px solid var(--rule); }
    h3 { font-size: 16px; margin: 20px 0 6px; }
    p, li { max-width: 72ch; }
    .subtitle, .empty, .meaning, footer { color: var(--muted); }
    nav ol { columns: 3; padding-left: 20px; margin: 8px 0 0; font-size: 14px; }
    nav a { color: inherit; }
    .headline { font-size: 17px; }
    .figures { display: grid; grid-template-columns: repeat(auto-fill, minmax(230px, 1fr)); gap: 10px; margin: 12px 0; }
    .figure { border: 1px solid var(--rule); border-radius: 6px; padding: 8px 12px; }
    .figure .label { font-size: 13px; color: var(--muted); }
    .figure .value { font-size: 19px; font-weight: 600; font-variant-numeric: tabular-nums; }
    .figure .meaning { font-size: 12px; margin: 2px 0 0; }
    table { border-collapse: collapse; margin: 8px 0 16px; font-size: 14px; }
    th, td { padding: 4px 10px; border-bottom: 1px solid var(--rule); text-align: left; vertical-align: top; }
    th { border-bottom: 2px solid var(--ink); font-weight: 600; }
    td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
    tr.champion td { background: var(--champion); font-weight: 600; }
    tr.warning td { background: var(--warning); }
    .charts { display: flex; flex-wrap: wrap; gap: 16px; }
    svg.chart { max-width: 100%; height: auto; border: 1px solid var(--rule); border-radius: 6px; background: #fff; }
    dl { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; }
    dt { font-weight: 600; }
    dd { margin: 0; }
    footer { margin-top: 40px; padding-top: 12px; border-top: 2px solid var(--ink); font-size: 13px; }
    @media print {
      body { font-size: 11pt; }
      main { max-width: none; padding: 0; }
      nav { display: none; }
      h2 { break-after: avoid; }
      table, svg.chart, .figure { break-inside: avoid; }
    }
    """
}
