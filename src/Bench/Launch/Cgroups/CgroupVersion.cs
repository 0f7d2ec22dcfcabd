namespace Bench.Launch.Cgroups;

/// <summary>Which cgroup hierarchy holds a controller: v1 (one mount per controller) or v2 (the unified hierarchy).</summary>
public enum CgroupVersion
{
    V1 = 1,
    V2 = 2,
}
