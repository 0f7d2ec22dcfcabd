namespace Bench.Gates.Syntax;

/// <summary>The comparison of a gate: &lt;, &lt;=, &gt; or &gt;=.</summary>
public sealed record Comparison(string Symbol)
{
    public static readonly Comparison Less = new("<");
    public static readonly Comparison LessOrEqual = new("<=");
    public static readonly Comparison Greater = new(">");
    public static readonly Comparison GreaterOrEqual = new(">=");

    public static IReadOnlyList<Comparison> All { get; } = [Less, LessOrEqual, Greater, GreaterOrEqual];

    /// <summary>True for &lt; and &lt;=: the measured value must stay below the threshold.</summary>
    public bool IsUpperBound => Symbol[0] == '<';

    public static Comparison? Find(string symbol) => All.FirstOrDefault(c => c.Symbol == symbol);

    public bool Holds(double measured, double threshold) => Symbol switch
    {
        "<" => measured < threshold,
        "<=" => measured <= threshold,
        ">" => measured > threshold,
        _ => measured >= threshold,
    };

    /// <summary>How far <paramref name="measured"/> is on the passing side of <paramref name="threshold"/> (negative: on the failing side).</summary>
    public double Headroom(double measured, double threshold) => IsUpperBound ? threshold - measured : measured - threshold;

    public override string ToString() => Symbol;
}
