using Bench.Configuration;
using Bench.Gates.Baselines;
using Bench.Gates.Syntax;
using Bench.Results;

namespace Bench.Gates;

/// <summary>
/// Checks every gate of a run's scenarios against its results.json (and, for regression gates, the stored baselines).
/// A gate that cannot be checked at all (malformed, no baseline) throws <see cref="GateInputException"/> with every such
/// problem; a check whose numbers cannot be trusted is <see cref="GateStatus.Invalid"/> (docs/gates.md, "Validity").
/// </summary>
public sealed class GateEvaluator(BaselineStore baselines, NoiseModel noise)
{
    private sealed record Parsed(ScenarioResults Scenario, GateDefinition Written, GateExpression Gate);

    public async Task<GateReport> EvaluateAsync(RunResults run, CancellationToken cancellationToken)
    {
        var errors = new List<InputError>();
        var parsed = Parse(run, errors);
        var scenarioBaselines = await BaselinesAsync(parsed, errors, cancellationToken);
        if (errors.Count > 0)
        {
            throw new GateInputException(errors);
        }

        var checks = new List<GateCheck>();
        foreach (var group in parsed.GroupBy(p => p.Scenario))
        {
            var cells = new MeasuredCells(group.Key);
            var definition = group.Key.Definition;
            foreach (var (scenario, written, gate) in group)
            {
                var baseline = scenarioBaselines.GetValueOrDefault(scenario.Name);
                checks.AddRange(gate.Expand(definition.Targets, definition.Load.Levels).Select(concrete => Check(cells, written, concrete, baseline, noise)));
            }
        }

        return new GateReport(checks, RunCompleteness.Problems(run));
    }

    /// <summary>
    /// The checks one scenario's results can settle alone — absolute and ratio gates; a regression gate needs the
    /// baseline store, which only `bench gate` reads — for summary.md and report.html, which show each gate's outcome
    /// beside its explanation. A gate that does not parse is left out (`bench gate` reports it).
    /// </summary>
    public static IReadOnlyList<GateCheck> CheckWithinRun(ScenarioResults scenario)
    {
        var cells = new MeasuredCells(scenario);
        var definition = scenario.Definition;
        return definition.Gates
            .Select(written => (Written: written, Parsed: GateParser.TryParse(written.Expression, out var gate, out _) ? gate : null))
            .Where(g => g.Parsed is not null and not RegressionGate && !GateScope.Problems(g.Parsed, definition.Targets, definition.Load.Levels).Any())
            .SelectMany(g => g.Parsed!.Expand(definition.Targets, definition.Load.Levels).Select(concrete => Check(cells, g.Written, concrete, null, null)))
            .ToArray();
    }

    private static List<Parsed> Parse(RunResults run, List<InputError> errors)
    {
        var parsed = new List<Parsed>();
        foreach (var scenario in run.Scenarios)
        {
            var definition = scenario.Definition;
            foreach (var written in definition.Gates)
            {
                var problems = !GateParser.TryParse(written.Expression, out var gate, out var error) ? [error]
                    : GateScope.Problems(gate, definition.Targets, definition.Load.Levels).ToArray();
                if (problems.Length == 0)
                {
                    parsed.Add(new Parsed(scenario, written, gate!));
                }

                errors.AddRange(problems.Select(p => new InputError(p.LocationIn(SourceLocation.Parse(written.Source), written.Expression), $"gate '{written.Expression}': {p.Message}")));
            }
        }

        return parsed;
    }

    /// <summary>The baseline of each scenario that has regression gates; every regressed-on cell must be in it.</summary>
    private async Task<Dictionary<string, Baseline>> BaselinesAsync(List<Parsed> parsed, List<InputError> errors, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, Baseline>();
        foreach (var group in parsed.Where(p => p.Gate is RegressionGate).GroupBy(p => p.Scenario))
        {
            var scenario = group.Key;
            string path = baselines.PathFor(scenario.Name);
            Baseline? baseline;
            try
            {
                baseline = await baselines.ReadAsync(scenario.Name, cancellationToken);
            }
            catch (InvalidDataException e)
            {
                errors.Add(new InputError(SourceLocation.WholeFile(path), e.Message));
                continue;
            }

            string? mismatch = baseline is null ? $"no baseline {path}; make one with 'bench baseline update <run-dir>'"
                : baseline.Request != BaselineBuilder.RequestOf(scenario.Definition) || baseline.Model != scenario.Definition.Load.Model
                    ? $"the baseline {path} measured {baseline.Request} ({baseline.Model}), this run {BaselineBuilder.RequestOf(scenario.Definition)} ({scenario.Definition.Load.Model}); update the baseline"
                : null;
            var missing = baseline is null || mismatch is not null ? [] : group
                .SelectMany(p => p.Gate.Expand(scenario.Definition.Targets, scenario.Definition.Load.Levels).Select(g => (p.Written, g.Subject)))
                .Where(x => baseline.Find(x.Subject.Selector.Target!, x.Subject.Selector.Level!.Value)?.Metrics.ContainsKey(GateMetrics.Name(x.Subject.Metric)) != true)
                .Select(x => new InputError(SourceLocation.Parse(x.Written.Source), $"gate '{x.Written.Expression}': the baseline {path} has no {x.Subject}; update it from a run that measured it"));
            errors.AddRange(mismatch is not null ? group.Select(p => new InputError(SourceLocation.Parse(p.Written.Source), $"gate '{p.Written.Expression}': {mismatch}")) : missing);
            if (baseline is not null && mismatch is null)
            {
                found[scenario.Name] = baseline;
            }
        }

        return found;
    }

    private static GateCheck Check(MeasuredCells cells, GateDefinition written, GateExpression gate, Baseline? baseline, NoiseModel? noise)
    {
        var operands = gate.Operands.Select(o => cells.Find(o.Selector.Target!, o.Selector.Level!.Value)).ToArray();
        var problems = operands.SelectMany(c => c.Problems).Distinct().ToList();
        bool measured = operands.All(c => c.IsMeasured);
        var verdict = measured
            ? gate switch
            {
                AbsoluteGate a => GateVerdicts.Absolute(a, operands[0]),
                RatioGate r => GateVerdicts.Ratio(r, operands[0], operands[1]),
                RegressionGate g => GateVerdicts.Regression(g, operands[0], baseline!.Find(operands[0].Target, operands[0].Level)!.Metrics[GateMetrics.Name(g.Measured.Metric)], noise!),
                _ => throw new InvalidOperationException($"unknown gate kind {gate.GetType().Name}"),
            }
            : new GateVerdict(GateVerdicts.Expected(gate), "not measured", "", Passed: false);
        if (verdict.NoValue is { } none)
        {
            problems.Add(none); // no value to compare is never a pass
        }

        var status = problems.Count > 0 ? GateStatus.Invalid : verdict.Passed ? GateStatus.Passed : GateStatus.Failed;
        string? note = problems.Count > 0
            ? string.Join("; ", problems) + (measured && verdict.NoValue is null ? $" (its numbers would {(verdict.Passed ? "pass" : "fail")})" : "")
            : verdict.Note;
        var noisy = operands.Select(c => Launch.Sampling.Interference.NoteFor(c.Counted.Select(r => r.Interference)) is { } n ? $"{c}: {n}" : null).OfType<string>().ToArray();
        note = noisy.Length == 0 ? note : string.Join("; ", noisy.Prepend(note).OfType<string>());
        return new GateCheck(cells.Scenario.Name, gate.ToString()!, written.Expression, SourceLocation.Parse(written.Source), verdict.Expected, verdict.Measured, verdict.Margin, status, note) { Why = written.Why };
    }
}
