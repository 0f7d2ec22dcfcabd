using Bench.Configuration;
using ThinkTime = Bench.Load.ThinkTime;

namespace Bench.Scenarios;

/// <summary>Reads the <c>load:</c> mapping of a scenario, with the defaults of <see cref="LoadProfile"/> and the rules of each model.</summary>
internal static class LoadProfileReader
{
    public static readonly string[] Fields =
        ["model", "levels", "think", "iterations", "rampUp", "maxConnections", "warmup", "duration", "repeats", "timeout", "cooldown"];

    private static readonly string[] ClosedOnly = ["think", "iterations"];
    private static readonly string[] OpenOnly = ["maxConnections"];
    private static readonly string[] Models = ["closed", "open"];

    // Loopback has about 28 000 ephemeral ports; a closed level above that could never open its connections.
    private const int MaxConnectionsLimit = 28_000;
    private const int MaxRate = 10_000_000;

    public static LoadProfile? Read(YamlMap map)
    {
        var errors = map.Errors;
        var model = map.Get("model", false, "") is { } modelNode
            ? YamlValues.Choice(modelNode, map.PathOf("model"), Models, errors) switch
            {
                "closed" => LoadModel.Closed,
                "open" => LoadModel.Open,
                _ => (LoadModel?)null,
            }
            : LoadModel.Closed;

        int maxLevel = model == LoadModel.Open ? MaxRate : MaxConnectionsLimit;
        string levelMeaning = model == LoadModel.Open ? "requests per second" : "connections";
        var levels = ReadLevels(map, maxLevel, levelMeaning);

        foreach (string field in model == LoadModel.Open ? ClosedOnly : model == LoadModel.Closed ? OpenOnly : [])
        {
            if (map.Has(field))
            {
                errors.Add(map.Get(field, false, "")!, $"{map.PathOf(field)}: applies to the {(model == LoadModel.Open ? "closed" : "open")} model only; this load is {(model == LoadModel.Open ? "open" : "closed")}");
            }
        }

        var think = ThinkTime.None;
        if (map.Get("think", false, "") is { } thinkNode && model == LoadModel.Closed)
        {
            if (YamlValues.Text(thinkNode, map.PathOf("think"), ThinkTime.Example, errors) is { } text && !ThinkTime.TryParse(text, out think))
            {
                YamlValues.Mismatch(thinkNode, map.PathOf("think"), ThinkTime.Example + " (low ≤ high)", errors);
            }
        }

        int? iterations = model == LoadModel.Closed ? map.WholeNumber("iterations", 1) : null;
        var rampUp = map.Duration("rampUp", allowZero: true) ?? TimeSpan.Zero;
        int maxConnections = model == LoadModel.Open ? map.WholeNumber("maxConnections", 1, MaxConnectionsLimit) ?? LoadProfile.DefaultMaxConnections : LoadProfile.DefaultMaxConnections;
        var warmup = map.Duration("warmup", allowZero: true) ?? LoadProfile.DefaultWarmup;
        var duration = map.Duration("duration", allowZero: false) ?? LoadProfile.DefaultDuration;
        var (repeats, autoRepeats) = RepeatsReader.Read(map);
        var timeout = map.Duration("timeout", allowZero: false) ?? LoadProfile.DefaultTimeout;
        if (timeout > Load.LoadOptions.MaxTimeout)
        {
            errors.Add(map.Get("timeout", false, "")!, $"{map.PathOf("timeout")}: at most 1h (the latency histograms' range)");
        }
        var cooldown = map.Duration("cooldown", allowZero: true) ?? LoadProfile.DefaultCooldown;

        if (model is not { } m || levels is null)
        {
            return null;
        }

        return new LoadProfile(m, levels, think, iterations, rampUp, maxConnections, warmup, duration, repeats, timeout, cooldown) { AutoRepeats = autoRepeats };
    }

    private static List<int>? ReadLevels(YamlMap map, int maxLevel, string meaning)
    {
        var items = map.List("levels", $"a non-empty list of {meaning}, like [1, 4, 16, 64]", required: true, allowEmpty: false);
        if (items is null)
        {
            return null;
        }

        var levels = new List<int>();
        bool valid = true;
        for (int i = 0; i < items.Count; i++)
        {
            int? level = YamlValues.WholeNumber(items[i], $"{map.PathOf("levels")}[{i}]", 1, maxLevel, map.Errors);
            if (level is { } value && levels.Contains(value))
            {
                map.Errors.Add(items[i], $"{map.PathOf("levels")}[{i}]: {value} is listed twice; each level runs once per repeat");
                valid = false;
            }
            else if (level is { } ok)
            {
                levels.Add(ok);
            }
            else
            {
                valid = false;
            }
        }

        return valid ? levels : null;
    }
}
