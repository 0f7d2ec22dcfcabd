namespace Bench.Load;

/// <summary>The pause a closed-model virtual user takes after each response: fixed (Min = Max) or uniform in [Min, Max].</summary>
public readonly record struct ThinkTime(TimeSpan Min, TimeSpan Max)
{
    public static ThinkTime None => default;

    public bool IsNone => Max <= TimeSpan.Zero;

    public static ThinkTime Fixed(TimeSpan pause) => new(pause, pause);

    public static ThinkTime Uniform(TimeSpan min, TimeSpan max) => new(min, max);

    public override string ToString() => Min == Max ? $"{Min.TotalMilliseconds:0.###}ms" : $"{Min.TotalMilliseconds:0.###}-{Max.TotalMilliseconds:0.###}ms";
}
