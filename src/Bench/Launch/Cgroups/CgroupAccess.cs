namespace Bench.Launch.Cgroups;

/// <summary>
/// Whether Bench can put a target's processes under one controller (cpu, memory) here, and where: the groups go
/// under <see cref="Parent"/>, and anything still in one when it is removed goes back to <see cref="Home"/>. When it
/// cannot, <see cref="Reason"/> says why in one line (what `bench run` prints and records).
/// </summary>
public sealed record CgroupAccess(string Controller, CgroupVersion? Version, string? Parent, string? Home, string? Reason)
{
    public bool IsAvailable => Reason is null;

    public static CgroupAccess Available(string controller, CgroupVersion version, string parent, string home) =>
        new(controller, version, parent, home, null);

    public static CgroupAccess Unavailable(string controller, string reason) => new(controller, null, null, null, reason);
}
