namespace Bench.Reports.Html;

/// <summary>The page's only style sheet, inline: the report must read the same offline, from a CI artifact, years later.</summary>
internal static class ReportCss
{
    public const string Text = """
        :root { --ink: #1d1d1f; --muted: #5f6368; --rule: #d9dce1; --invalid: #b00020; --invalid-bg: #fdecee; --paper: #ffffff; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 15px/1.5 "DejaVu Sans", "Liberation Sans", Arial, sans-serif; color: var(--ink); background: #f4f5f7; }
        header, main, footer { max-width: 1400px; margin: 0 auto; padding: 0 24px; }
        header { padding-top: 24px; }
        h1 { font-size: 26px; margin: 0 0 4px; }
        h2 { font-size: 22px; margin: 0 0 6px; }
        h3 { font-size: 16px; margin: 20px 0 8px; }
        p { margin: 6px 0; }
        .muted { color: var(--muted); }
        nav ul { list-style: none; padding: 0; margin: 8px 0 0; display: flex; flex-wrap: wrap; gap: 8px 18px; }
        a { color: #0b57d0; }
        section { background: var(--paper); border: 1px solid var(--rule); border-radius: 8px; padding: 20px 24px; margin: 20px 0; }
        .lesson { font-size: 16px; }
        .problem { color: var(--invalid); background: var(--invalid-bg); border-left: 4px solid var(--invalid); padding: 6px 10px; margin: 6px 0; }
        .model li { margin: 4px 0; }
        .gates li { margin: 4px 0; } .why { color: var(--muted); font-style: italic; }
        .charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(560px, 1fr)); gap: 16px; }
        figure { margin: 0; border: 1px solid var(--rule); border-radius: 6px; padding: 8px; background: var(--paper); }
        figure svg { display: block; width: 100%; height: auto; }
        figcaption { font-size: 13px; color: var(--muted); padding: 6px 4px 0; }
        figcaption b { color: var(--ink); }
        table { border-collapse: collapse; width: 100%; font-size: 13px; margin-top: 8px; }
        th, td { border-bottom: 1px solid var(--rule); padding: 4px 8px; text-align: right; white-space: nowrap; }
        th { background: #eef0f3; position: sticky; top: 0; }
        th:first-child, td:first-child, td.notes, th.notes { text-align: left; }
        td.notes { white-space: normal; min-width: 220px; }
        tr.invalid td { color: var(--invalid); background: var(--invalid-bg); }
        .swatch { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 6px; vertical-align: baseline; }
        .lesson-card { border-top: 1px solid var(--rule); padding-top: 8px; margin-top: 16px; }
        .lesson-card table td { white-space: normal; text-align: left; } .lesson-card figure { max-width: 760px; margin-top: 10px; }
        .held { color: #0b6b2e; background: #e8f5ec; border-left: 4px solid #0b6b2e; padding: 6px 10px; margin: 6px 0; }
        tr.problem td { color: var(--invalid); background: var(--invalid-bg); }
        dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; margin: 0; }
        dl.meta dt { color: var(--muted); }
        dl.meta dd { margin: 0; }
        footer { padding-bottom: 24px; font-size: 13px; color: var(--muted); }
        """;
}
