namespace Bench.Reports;

/// <summary>What a report wrote: report.html and every chart file (PNG and SVG) under charts/.</summary>
public sealed record ReportFiles(string HtmlPath, IReadOnlyList<string> ChartPaths);
