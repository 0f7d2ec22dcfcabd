namespace Bench.Gates.Syntax;

/// <summary><c>async@64 p99 &lt; 5ms</c>: a measured value against a fixed threshold (kept in the metric's unit; the text as written).</summary>
public sealed record AbsoluteGate(GateOperand Measured, Comparison Comparison, double Threshold, string ThresholdText) : GateExpression
{
    public override GateOperand Subject => Measured;

    protected override GateExpression Bind(GateSelector concrete) => this with { Measured = Measured with { Selector = concrete } };

    public override string ToString() => $"{Measured} {Comparison} {ThresholdText}";
}
