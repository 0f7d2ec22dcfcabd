using Bench.Configuration;
using Bench.Launch;

namespace Bench.Scenarios;

/// <summary>
/// Where a scenario's targets run when its lesson needs another place than the run's (the GIL lesson needs both
/// cores and no quota): <see cref="TargetCpus"/> null keeps the run's cores; <see cref="SetsQuota"/> false keeps the
/// run's quota, true with <see cref="TargetCpuQuota"/> null means none. The generator stays where the run put it.
/// </summary>
public sealed record ScenarioPlacement(CpuSet? TargetCpus, bool SetsQuota, double? TargetCpuQuota, SourceLocation Source);
