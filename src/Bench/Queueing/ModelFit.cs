namespace Bench.Queueing;

/// <summary>One measured level beside the ideal prediction N / (R₀ + Z).</summary>
public sealed record ModelPoint(int Level, double MeasuredRps, double IdealRps)
{
    public double ShareOfIdeal => IdealRps > 0 ? MeasuredRps / IdealRps : 0;
}

/// <summary>
/// How a target's measured throughput compares with its <see cref="QueueingModel"/>: the share of the ideal at every
/// level, the knee (the level from which on every level stays more than <see cref="Tolerance"/> below the ideal
/// line; a dip that recovers is noise, not a knee), and which prediction the highest level sits on.
/// </summary>
public sealed record ModelFit(QueueingModel Model, IReadOnlyList<ModelPoint> Points, ModelPoint? Knee, ModelRegime Regime)
{
    /// <summary>20 %: a measurement closer than this to a prediction is on it; run-to-run drift here reaches 30 %, so tighter would flag noise.</summary>
    public const double Tolerance = 0.2;

    /// <summary>The highest level.</summary>
    public ModelPoint Top => Points[^1];

    /// <summary>The levels before the knee: those that follow the ideal line.</summary>
    public IReadOnlyList<ModelPoint> FollowingIdeal => Knee is null ? Points : Points.TakeWhile(p => p != Knee).ToArray();

    /// <summary>The largest distance from the ideal line before the knee, as a fraction (0.05 = 5 %); 0 when no level follows it.</summary>
    public double WorstDeviationBeforeKnee => FollowingIdeal.Select(p => Math.Abs(p.ShareOfIdeal - 1)).DefaultIfEmpty(0).Max();

    /// <summary>Fits <paramref name="measured"/> (level, requests/s; trustworthy levels only); null without any level.</summary>
    public static ModelFit? Of(QueueingModel model, IEnumerable<(int Level, double Rps)> measured)
    {
        var points = measured.OrderBy(m => m.Level).Select(m => new ModelPoint(m.Level, m.Rps, model.IdealRps(m.Level))).ToArray();
        if (points.Length == 0)
        {
            return null;
        }

        int after = Array.FindLastIndex(points, p => p.ShareOfIdeal >= 1 - Tolerance) + 1;
        var knee = after < points.Length ? points[after] : null;
        return new ModelFit(model, points, knee, RegimeOf(model, points[^1]));
    }

    private static ModelRegime RegimeOf(QueueingModel model, ModelPoint top)
    {
        double x = top.MeasuredRps;
        if (top.ShareOfIdeal >= 1 - Tolerance)
        {
            return ModelRegime.Ideal;
        }

        if (model.CpuCapRps is { } cap && x >= (1 - Tolerance) * cap)
        {
            return ModelRegime.CpuCap;
        }

        if (model is { ConcurrencyLimit: > 1, LimitRps: { } limit } && x >= (1 - Tolerance) * limit && x <= (1 + Tolerance) * limit)
        {
            return ModelRegime.ConcurrencyLimit;
        }

        double oneAtATime = model.OneAtATimeRps;
        return x > (1 + Tolerance) * oneAtATime ? ModelRegime.Between
            : x >= (1 - Tolerance) * oneAtATime ? ModelRegime.OneAtATime
            : ModelRegime.BelowOneAtATime;
    }
}
