namespace Bench.Gates.Syntax;

/// <summary>One measured side of a gate: <c>async@64 p99</c>. <paramref name="Offset"/> is where its selector starts in the gate's text, for errors.</summary>
public sealed record GateOperand(GateSelector Selector, GateMetric Metric, int Offset)
{
    public override string ToString() => $"{Selector} {GateMetrics.Name(Metric)}";
}
