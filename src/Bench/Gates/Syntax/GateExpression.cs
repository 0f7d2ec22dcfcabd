namespace Bench.Gates.Syntax;

/// <summary>
/// A parsed gate (<see cref="GateParser"/>): an absolute threshold, a ratio inside one run, or a regression
/// against a baseline. <see cref="object.ToString"/> writes it back in the documented form.
/// </summary>
public abstract record GateExpression
{
    /// <summary>The side whose selector decides which targets and levels the gate covers.</summary>
    public abstract GateOperand Subject { get; }

    public virtual IReadOnlyList<GateOperand> Operands => [Subject];

    /// <summary>
    /// The concrete gates this one stands for: each <c>*</c> of the subject becomes every target (or level) of the
    /// scenario, in the scenario's order; in a ratio, a <c>*</c> on the right means the left side's value.
    /// </summary>
    public IEnumerable<GateExpression> Expand(IReadOnlyList<string> targets, IReadOnlyList<int> levels)
    {
        var selector = Subject.Selector;
        foreach (string target in selector.Target is { } t ? [t] : targets)
        {
            foreach (int level in selector.Level is { } l ? [l] : levels)
            {
                yield return Bind(new GateSelector(target, level));
            }
        }
    }

    /// <summary>This gate with the subject's selector replaced by <paramref name="concrete"/>.</summary>
    protected abstract GateExpression Bind(GateSelector concrete);
}
