namespace Bench.Sdk.Running;

/// <summary>A scenario's steps in the order they first ran, by the name results.json records (<see cref="RecordedName"/>).</summary>
internal sealed class StepNames(string scenario, ILogger log)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, string> _recorded = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];

    public IReadOnlyList<string> All
    {
        get
        {
            lock (_lock)
            {
                return [.. _order];
            }
        }
    }

    /// <summary>The recorded name of step <paramref name="name"/>, registering it on first use.</summary>
    public string Register(string name)
    {
        lock (_lock)
        {
            if (_recorded.TryGetValue(name, out string? known))
            {
                return known;
            }

            string recorded = RecordedName.Of(name);
            if (recorded == scenario || _order.Contains(recorded))
            {
                // The scenario's own row, or another step's, already has this name: keep them apart.
                recorded = RecordedName.Of($"{recorded}-{_order.Count + 2}");
            }

            if (recorded != name)
            {
                log.Warning("step {Name} is recorded as {Recorded} (results.json names are letters, digits, '.', '-', '_' and unique in a scenario)", name, recorded);
            }

            _recorded[name] = recorded;
            _order.Add(recorded);
            return recorded;
        }
    }
}
