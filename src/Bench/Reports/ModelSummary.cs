using Bench.Queueing;

namespace Bench.Reports;

/// <summary>
/// The queueing model in words, one statement per target: the predictions from level 1, how far the measurement
/// stays from the ideal line and where it departs (the knee), and which prediction it ends on.
/// </summary>
public static class ModelSummary
{
    public static IReadOnlyList<(string Target, string Text)> For(ScenarioView view) =>
        view.Targets.Select(t => (t, view.IsClosed ? Closed(view, t) : Open(view, t))).ToArray();

    private static string Closed(ScenarioView view, string target)
    {
        string leftOut = LeftOut(view, target);
        if (view.ModelFor(target) is not { Fit: { } fit })
        {
            return $"No model: {view.ModelFor(target)?.Missing ?? "no levels"}.{leftOut}";
        }

        var m = fit.Model;
        string inputs = $"R₀ = {Format.Ms(m.ServiceMs)} ms, Z = {Format.Ms(m.ThinkMs)} ms, S = {Format.Ms(m.CpuMsPerRequest)} ms CPU on {m.Cores} core{(m.Cores == 1 ? "" : "s")}: "
            + $"ideal {Format.Rps(m.IdealRps(1))} requests/s per connection, one at a time {Format.Rps(m.OneAtATimeRps)}/s, "
            + (m.CpuCapRps is { } cap ? $"CPU cap {Format.Rps(cap)}/s" : "no CPU cap (no CPU time measured)")
            + (m is { ConcurrencyLimit: > 1, LimitRps: { } limit } ? $", its own limit of {m.ConcurrencyLimit} at once {Format.Rps(limit)}/s." : ".");
        string knee = fit.Knee switch
        {
            null => $" It follows the ideal line at every level measured (within {Format.Percent(fit.WorstDeviationBeforeKnee)}).",
            var k when fit.FollowingIdeal.Count == 0 => $" It is below the ideal line from its first level: {Format.Rps(k.MeasuredRps)} requests/s at {k.Level}, {Format.Percent(k.ShareOfIdeal)} of the ideal {Format.Rps(k.IdealRps)}.",
            var k => $" It follows the ideal up to {view.LevelText(fit.FollowingIdeal[^1].Level)} (within {Format.Percent(fit.WorstDeviationBeforeKnee)}) and departs at {k.Level}: "
                + $"{Format.Rps(k.MeasuredRps)} requests/s, {Format.Percent(k.ShareOfIdeal)} of the ideal {Format.Rps(k.IdealRps)} — the knee.",
        };
        return inputs + knee + " " + Ending(fit, view) + leftOut;
    }

    private static string Ending(ModelFit fit, ScenarioView view)
    {
        var (m, top) = (fit.Model, fit.Top);
        string at = $"At {view.LevelText(top.Level)} ({Format.Rps(top.MeasuredRps)} requests/s)";
        return fit.Regime switch
        {
            ModelRegime.Ideal => $"{at} it is still at {Format.Percent(top.ShareOfIdeal)} of the ideal: no knee yet"
                + (m.CpuKnee is { } n ? $"; the CPU cap puts one near N* = (R₀+Z)·cores/S = {Knee(n)}." : "."),
            ModelRegime.CpuCap => $"{at} it is at {Format.Percent(top.MeasuredRps / m.CpuCapRps!.Value)} of the CPU cap: CPU-bound, as the model predicts past N* = (R₀+Z)·cores/S = {Knee(m.CpuKnee!.Value)}.",
            ModelRegime.ConcurrencyLimit => $"{at} it sits on its own limit ({Format.Percent(top.MeasuredRps / m.LimitRps!.Value)} of L/R₀ with L = {m.ConcurrencyLimit}): it serves at most {m.ConcurrencyLimit} requests at a time, as its catalogue entry declares, flat past N* = (R₀+Z)·L/R₀ = {Knee(m.LimitKnee!.Value)}.",
            ModelRegime.OneAtATime => $"{at} it sits on the one-at-a-time bound ({Format.Percent(top.MeasuredRps / m.OneAtATimeRps)} of 1/R₀): it serves one request at a time{(m.ConcurrencyLimit == 1 ? ", its declared limit" : "")}, flat past N* = (R₀+Z)/R₀ = {Knee(m.OneAtATimeKnee)}.",
            ModelRegime.Between => $"{at} it reaches {Format.Percent(top.ShareOfIdeal)} of the ideal, above one at a time but short of the CPU cap{(m.ConcurrencyLimit is { } l ? $" and of its own limit ({l} at once)" : "")}: something other than waiting, CPU and the model's own limit holds it (threads, locks, scheduling, or the generator).",
            _ => $"{at} it falls below even one at a time ({Format.Percent(top.MeasuredRps / m.OneAtATimeRps)} of 1/R₀): errors, timeouts or thrashing — see the error rate.",
        };
    }

    /// <summary>An open scenario offers a rate: the prediction is that throughput equals it, until the target cannot keep up.</summary>
    private static string Open(ScenarioView view, string target)
    {
        var row = view.Row(target, trustedOnly: true);
        var behind = row.FirstOrDefault(c => c.ThroughputRps < (1 - ModelFit.Tolerance) * c.Level);
        string text = behind is null
            ? $"Keeps up with every rate offered (within {Format.Percent(ModelFit.Tolerance)})."
            : (row[0] == behind ? "Falls behind from the first rate" : $"Keeps up with the rate up to {view.LevelText(row.TakeWhile(c => c != behind).Last().Level)}, falls behind")
                + $" at {Format.Number(behind.Level)}: "
                + $"{Format.Rps(behind.ThroughputRps)} requests/s, {Format.Percent(behind.ThroughputRps / behind.Level)} of the rate.";
        return text + LeftOut(view, target);
    }

    /// <summary>N* is a number of connections: one decimal is all it can tell.</summary>
    private static string Knee(double connections) => Format.Fixed(connections, "0.#");

    private static string LeftOut(ScenarioView view, string target)
    {
        var untrusted = view.Row(target).Where(c => !c.Trusted).Select(c => Format.Number(c.Level)).ToArray();
        return untrusted.Length == 0 ? "" : $" Left out as invalid: level{(untrusted.Length == 1 ? "" : "s")} {string.Join(", ", untrusted)}.";
    }
}
