using Bench.Configuration;

namespace Bench.Scenarios;

/// <summary>The pause of a closed-model connection between a response and its next request: fixed, or uniform in [Min, Max].</summary>
public sealed record ThinkTime(TimeSpan Min, TimeSpan Max)
{
    public const string Example = "a duration like 10ms, or a range like 5ms..20ms";

    public static ThinkTime None { get; } = new(TimeSpan.Zero, TimeSpan.Zero);

    public bool IsNone => Max == TimeSpan.Zero;

    public static bool TryParse(string text, out ThinkTime think)
    {
        think = None;
        string[] parts = text.Split("..", 2);
        if (!DurationText.TryParse(parts[0].Trim(), out var min))
        {
            return false;
        }

        var max = min;
        if (parts.Length == 2 && (!DurationText.TryParse(parts[1].Trim(), out max) || max < min))
        {
            return false;
        }

        think = new ThinkTime(min, max);
        return true;
    }

    public override string ToString() =>
        Min == Max ? DurationText.Format(Min) : $"{DurationText.Format(Min)}..{DurationText.Format(Max)}";
}
