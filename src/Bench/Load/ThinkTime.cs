using Bench.Configuration;

namespace Bench.Load;

/// <summary>
/// The pause a closed-model virtual user takes after each response: fixed (Min = Max) or uniform in [Min, Max].
/// One syntax in scenario files and on the command line: <c>10ms</c>, or a range <c>5ms..20ms</c> (also <c>5ms-20ms</c>).
/// </summary>
public readonly record struct ThinkTime(TimeSpan Min, TimeSpan Max)
{
    public const string Example = "a duration like 10ms, or a range like 5ms..20ms";

    public static ThinkTime None => default;

    public bool IsNone => Max <= TimeSpan.Zero;

    public static ThinkTime Fixed(TimeSpan pause) => new(pause, pause);

    public static ThinkTime Uniform(TimeSpan min, TimeSpan max) => new(min, max);

    /// <summary>A duration, or two with ".." (or "-") between them, low ≤ high.</summary>
    public static bool TryParse(string text, out ThinkTime think)
    {
        think = None;
        string[] parts = text.Contains("..", StringComparison.Ordinal) ? text.Split("..", 2) : text.Split('-', 2);
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
