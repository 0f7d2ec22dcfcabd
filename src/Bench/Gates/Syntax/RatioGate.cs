namespace Bench.Gates.Syntax;

/// <summary>
/// <c>async@256 throughput / sync@256 throughput &gt;= 10</c>: two values of one run divided, which cancels
/// the drift of a noisy machine that moves both alike.
/// </summary>
public sealed record RatioGate(GateOperand Numerator, GateOperand Denominator, Comparison Comparison, double Threshold, string ThresholdText) : GateExpression
{
    public override GateOperand Subject => Numerator;

    public override IReadOnlyList<GateOperand> Operands => [Numerator, Denominator];

    protected override GateExpression Bind(GateSelector concrete) => this with
    {
        Numerator = Numerator with { Selector = concrete },
        Denominator = Denominator with { Selector = Denominator.Selector.Or(concrete) },
    };

    public override string ToString() => $"{Numerator} / {Denominator} {Comparison} {ThresholdText}";
}
