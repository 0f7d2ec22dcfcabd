using Bench.Reports.Charts;

namespace Bench.Reports;

/// <summary>A scenario with its charts written: what its section of report.html is made from.</summary>
public sealed record ScenarioReport(ScenarioView View, IReadOnlyList<ChartFile> Charts);
