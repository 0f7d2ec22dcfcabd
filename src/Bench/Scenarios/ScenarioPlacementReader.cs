using System.Globalization;
using Bench.Configuration;
using Bench.Launch;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Bench.Scenarios;

/// <summary>Reads a scenario's <c>placement:</c> mapping against this machine: its cores, and whether a quota can be set.</summary>
internal static class ScenarioPlacementReader
{
    public static readonly string[] Fields = ["targetCpus", "targetQuota"];

    public const string Expected = "a mapping like { targetCpus: all, targetQuota: none }";

    public static ScenarioPlacement? Read(YamlMap map, PlacementHost host)
    {
        string cores = host.Cores == 1 ? "0" : $"0-{host.Cores - 1}";
        CpuSet? cpus = null;
        bool valid = true;
        if (map.Get("targetCpus", false, "") is { } cpuNode)
        {
            cpus = ReadCpus(cpuNode, map, host, cores);
            valid &= cpus is not null;
        }

        double? quota = null;
        var quotaNode = map.Get("targetQuota", false, "");
        bool setsQuota = quotaNode is not null;
        if (quotaNode is not null && !TryReadQuota(quotaNode, map, host, cpus, out quota))
        {
            valid = false;
        }

        if (map.Node.Children.Count == 0)
        {
            map.Errors.Add(map.Node, $"{map.Path}: empty; expected {Expected} (leave placement out to keep the run's)");
            valid = false;
        }

        return valid ? new ScenarioPlacement(cpus, setsQuota, quota, map.Location) : null;
    }

    private static CpuSet? ReadCpus(YamlNode node, YamlMap map, PlacementHost host, string cores)
    {
        string path = map.PathOf("targetCpus");
        string expected = $"a list of this machine's cores like 0 or 0-1 ({cores}), or all";
        if (YamlValues.Text(node, path, expected, map.Errors) is not { } text)
        {
            return null;
        }

        if (text == "all")
        {
            return CpuSet.Of(Enumerable.Range(0, host.Cores).ToArray());
        }

        if (!CpuSet.TryParse(text, out var set))
        {
            YamlValues.Mismatch(node, path, expected, map.Errors);
            return null;
        }

        if (set.Cores.FirstOrDefault(c => c >= host.Cores, -1) is var missing and >= 0)
        {
            map.Errors.Add(node, $"{path}: core {missing} is not on this machine (its cores are {cores})");
            return null;
        }

        return set;
    }

    private static bool TryReadQuota(YamlNode node, YamlMap map, PlacementHost host, CpuSet? cpus, out double? quota)
    {
        string path = map.PathOf("targetQuota");
        quota = null;
        if (node is YamlScalarNode { Value: "none" })
        {
            return true;
        }

        if (node is not YamlScalarNode { Style: ScalarStyle.Plain, Value: { } text }
            || !double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double cores)
            || cores <= 0)
        {
            YamlValues.Mismatch(node, path, "a CPU quota in cores more than 0, like 0.5, or none", map.Errors);
            return false;
        }

        int available = cpus?.Cores.Count ?? host.Cores;
        if (cores > available)
        {
            string of = cpus is null ? $"this machine has {host.Cores}" : $"targetCpus {cpus} has {available}";
            map.Errors.Add(node, $"{path}: {cores.ToString(CultureInfo.InvariantCulture)} cores is more than the cores it can use ({of})");
            return false;
        }

        if (!host.Cpu.IsAvailable)
        {
            map.Errors.Add(node, $"{path}: needs a cgroup cpu controller Bench can use, and {host.Cpu.Reason} (write targetQuota: none)");
            return false;
        }

        quota = cores;
        return true;
    }
}
