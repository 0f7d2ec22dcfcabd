using Bench.Tests.Support;

namespace Bench.Tests.Reports;

/// <summary>
/// The design keeps plotting out of the core: only src/Bench/Reports may use ScottPlot or SkiaSharp, so Results,
/// Load and Model never depend on a chart library (and Reports could move to its own project unchanged).
/// </summary>
public sealed class ReportsBoundaryTests
{
    [Fact]
    public void Only_Reports_uses_the_plotting_library()
    {
        string src = RepositoryFiles.PathOf("src", "Bench");
        string reports = Path.Combine(src, "Reports") + Path.DirectorySeparatorChar;

        var offenders = Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.StartsWith(reports, StringComparison.Ordinal) && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => File.ReadLines(f).Select(l => l.Trim()).Any(l => !l.StartsWith("//", StringComparison.Ordinal)
                && (l.Contains("ScottPlot", StringComparison.Ordinal) || l.Contains("SkiaSharp", StringComparison.Ordinal))))
            .Select(f => Path.GetRelativePath(src, f));

        Assert.Empty(offenders);
    }
}
