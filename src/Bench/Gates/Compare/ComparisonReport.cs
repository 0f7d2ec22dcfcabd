namespace Bench.Gates.Compare;

/// <summary>Every compared metric, and what could not be compared (scenarios or cells in one run only, changed definitions).</summary>
public sealed record ComparisonReport(IReadOnlyList<ComparisonRow> Rows, IReadOnlyList<string> Notes)
{
    public int Count(ChangeVerdict verdict) => Rows.Count(r => r.Verdict == verdict);

    public string Summary =>
        $"{Rows.Count} measures compared: {Count(ChangeVerdict.Worse)} worse, {Count(ChangeVerdict.Better)} better beyond the noise, {Count(ChangeVerdict.Noise)} within it, {Count(ChangeVerdict.NotJudged)} not judged";
}
