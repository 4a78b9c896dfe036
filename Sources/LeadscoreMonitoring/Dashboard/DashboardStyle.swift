/// The dashboard's additions to the model card's stylesheet: a wider page, severity badges and tinted
/// rows, and the panel that stands in for a chart with nothing to show. Like the card's, it uses no
/// URL, font file or `&`/`<`, so the page loads nothing and stays well-formed XML.
enum DashboardStyle {
    static let css = """
    main.dashboard { max-width: 1280px; }
    main.dashboard h1 { display: flex; align-items: center; gap: 12px; }
    .panels { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); column-gap: 40px; }
    .panels section { min-width: 0; overflow-x: auto; }
    .panels section.wide { grid-column: 1 / -1; }
    @media (max-width: 1100px) { .panels { grid-template-columns: minmax(0, 1fr); } }
    .sev { display: inline-block; min-width: 4.2em; padding: 0 6px; border-radius: 10px; font-size: 11px; font-weight: 600;
           text-align: center; text-transform: uppercase; letter-spacing: 0.03em; background: #eee; color: #444; }
    h1 .sev { font-size: 14px; padding: 2px 10px; }
    .sev.page { background: #b3261e; color: #fff; }
    .sev.ticket { background: #f2a900; color: #222; }
    .sev.ok { background: #1b7f3b; color: #fff; }
    .ack { font-size: 12px; color: var(--muted); }
    main.dashboard table { font-size: 13px; }
    main.dashboard th, main.dashboard td { padding: 4px 7px; }
    .figure .value { overflow-wrap: anywhere; }
    .figures.names .value { font-size: 15px; }
    tr.ticket td { background: #fff4d6; }
    tr.page td { background: #fde3e1; }
    .panel.empty { border: 1px dashed var(--rule); border-radius: 6px; padding: 16px 20px; max-width: 640px; background: #fafafa; }
    .panel.empty p { margin: 4px 0 0; color: var(--muted); }
    .charts svg.chart { flex: 0 1 520px; }
    """
}
