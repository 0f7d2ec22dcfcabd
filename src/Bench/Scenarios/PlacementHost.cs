using Bench.Launch.Cgroups;

namespace Bench.Scenarios;

/// <summary>What a scenario's placement is checked against when it loads: the machine's cores and whether Bench can set a CPU quota here.</summary>
public sealed record PlacementHost(int Cores, CgroupAccess Cpu)
{
    public static PlacementHost System => new(Environment.ProcessorCount, CgroupHost.System.Cpu);
}
