namespace Bench.Reports.Charts;

/// <summary>A chart as written: its PNG and SVG files, and the SVG markup prepared for inlining in report.html.</summary>
public sealed record ChartFile(string Slug, string Title, string Caption, string PngPath, string SvgPath, string InlineSvg);
