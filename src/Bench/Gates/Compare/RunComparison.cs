using Bench.Gates.Baselines;
using Bench.Gates.Syntax;
using Bench.Results;
using Bench.Launch.Sampling;

namespace Bench.Gates.Compare;

/// <summary>
/// `bench compare`: per scenario, target and level present in both runs, the change in throughput and latency
/// percentiles, judged against the noise as regression gates judge it (<see cref="NoiseModel"/>).
/// </summary>
public static class RunComparison
{
    public static readonly IReadOnlyList<GateMetric> Metrics = [GateMetric.Throughput, GateMetric.P50, GateMetric.P90, GateMetric.P99, GateMetric.P999];

    public static ComparisonReport Compare(RunResults a, RunResults b, NoiseModel noise)
    {
        var rows = new List<ComparisonRow>();
        var notes = new List<string>();
        notes.AddRange(a.Scenarios.Where(s => b.Scenarios.All(o => o.Name != s.Name)).Select(s => $"scenario {s.Name} is in run A only"));
        notes.AddRange(b.Scenarios.Where(s => a.Scenarios.All(o => o.Name != s.Name)).Select(s => $"scenario {s.Name} is in run B only"));
        foreach (var sa in a.Scenarios)
        {
            if (b.Scenarios.FirstOrDefault(s => s.Name == sa.Name) is not { } sb)
            {
                continue;
            }

            string requestA = BaselineBuilder.RequestOf(sa.Definition);
            string requestB = BaselineBuilder.RequestOf(sb.Definition);
            if (requestA != requestB || sa.Definition.Load.Model != sb.Definition.Load.Model)
            {
                notes.Add($"scenario {sa.Name} measured {requestA} ({sa.Definition.Load.Model}) in run A and {requestB} ({sb.Definition.Load.Model}) in run B");
            }

            var cellsA = new MeasuredCells(sa).All.Where(c => c.IsMeasured).ToArray();
            var cellsB = new MeasuredCells(sb).All.Where(c => c.IsMeasured).ToArray();
            notes.AddRange(cellsA.Where(c => !cellsB.Any(o => Same(c, o))).Select(c => $"{sa.Name} {c} is measured in run A only"));
            notes.AddRange(cellsB.Where(c => !cellsA.Any(o => Same(c, o))).Select(c => $"{sa.Name} {c} is measured in run B only"));
            foreach (var cellA in cellsA)
            {
                if (cellsB.FirstOrDefault(c => Same(c, cellA)) is { } cellB)
                {
                    rows.AddRange(Metrics.Select(m => Row(sa.Name, cellA, cellB, m, noise)));
                }
            }
        }

        return new ComparisonReport(rows, notes);
    }

    private static IEnumerable<string> Noisy(string side, MeasuredCell cell) =>
        Interference.NoteFor(cell.Counted.Select(r => r.Interference)) is { } note ? [$"{side}: {note}"] : [];

    private static bool Same(MeasuredCell x, MeasuredCell y) => x.Target == y.Target && x.Level == y.Level;

    private static ComparisonRow Row(string scenario, MeasuredCell a, MeasuredCell b, GateMetric metric, NoiseModel noiseModel)
    {
        var statsA = a.Stats(metric);
        var statsB = b.Stats(metric);
        var problems = a.Problems.Select(p => $"run A: {p}").Concat(b.Problems.Select(p => $"run B: {p}")).ToList();
        if (statsA is null || statsB is null)
        {
            // Nothing to compare with: shown as "–", never as a change from or to 0.
            problems.AddRange(new[] { ("A", a), ("B", b) }.Select(x => x.Item2.Absence(metric) is { } why ? $"run {x.Item1}: {why}" : null).OfType<string>());
            return new ComparisonRow(scenario, a.Target, a.Level, metric, statsA, statsB, null, null, ChangeVerdict.NotJudged, string.Join("; ", problems));
        }

        double change = statsA.Mean != 0 ? (statsB.Mean - statsA.Mean) / Math.Abs(statsA.Mean)
            : statsB.Mean == 0 ? 0 : double.PositiveInfinity * Math.Sign(statsB.Mean);
        var noise = noiseModel.Estimate(metric, statsA, statsB);
        bool worse = GateVerdicts.WorseBy(metric, statsA.Mean, statsB.Mean) > 0;
        var verdict = problems.Count > 0 ? ChangeVerdict.NotJudged
            : noise.Explains(statsB.Mean - statsA.Mean) ? ChangeVerdict.Noise
            : worse ? ChangeVerdict.Worse
            : ChangeVerdict.Better;
        // A side measured on a noisy machine is still judged, but says so (docs/gates.md, "Noise").
        var notes = problems.Concat(Noisy("run A", a)).Concat(Noisy("run B", b)).ToArray();
        return new ComparisonRow(scenario, a.Target, a.Level, metric, statsA, statsB, change, noise, verdict, notes.Length > 0 ? string.Join("; ", notes) : null);
    }
}
