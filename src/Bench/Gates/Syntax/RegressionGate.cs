namespace Bench.Gates.Syntax;

/// <summary>
/// <c>*@* throughput regression &lt; 10%</c>: how much worse than the stored baseline a value may get
/// (<paramref name="Tolerance"/> as a fraction of the baseline's mean). It fails only where the change is
/// worse than both the tolerance and the noise (docs/gates.md).
/// </summary>
public sealed record RegressionGate(GateOperand Measured, Comparison Comparison, double Tolerance, string ToleranceText) : GateExpression
{
    public const string Keyword = "regression";

    public override GateOperand Subject => Measured;

    protected override GateExpression Bind(GateSelector concrete) => this with { Measured = Measured with { Selector = concrete } };

    public override string ToString() => $"{Measured} {Keyword} {Comparison} {ToleranceText}";
}
