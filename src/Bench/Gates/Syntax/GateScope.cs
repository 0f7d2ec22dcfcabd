namespace Bench.Gates.Syntax;

/// <summary>
/// A gate may only name its own scenario's targets and levels: one naming another is a typo that would
/// otherwise surface only after the whole sweep, as a gate with nothing to measure.
/// </summary>
public static class GateScope
{
    public static IEnumerable<GateSyntaxError> Problems(GateExpression gate, IReadOnlyList<string> targets, IReadOnlyList<int> levels)
    {
        foreach (var operand in gate.Operands)
        {
            var selector = operand.Selector;
            if (selector.Target is { } target && !targets.Contains(target))
            {
                yield return new GateSyntaxError(operand.Offset, $"target '{target}' is not one of this scenario's targets ({string.Join(", ", targets)})");
            }

            if (selector.Level is { } level && !levels.Contains(level))
            {
                int offset = operand.Offset + (selector.Target?.Length ?? 1) + 1;
                yield return new GateSyntaxError(offset, $"level {level} is not one of this scenario's levels ({string.Join(", ", levels)})");
            }
        }
    }
}
