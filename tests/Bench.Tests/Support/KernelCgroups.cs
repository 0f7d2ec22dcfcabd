using Bench.Launch.Cgroups;

namespace Bench.Tests.Support;

/// <summary>Where the kernel says a process is, for a controller Bench used: its group's directory, v1 or v2 alike.</summary>
public static class KernelCgroups
{
    public static string GroupOf(int pid, CgroupAccess access)
    {
        string text = File.ReadAllText($"/proc/{pid}/cgroup");
        if (access.Version == CgroupVersion.V2)
        {
            string mount = CgroupV2Placement.Mount(CgroupFiles.Kernel, CgroupHost.DefaultRoot)!;
            return Path.Join(mount, CgroupV2Placement.OwnGroup(text)!.TrimStart('/'));
        }

        string path = text.Split('\n').Select(l => l.Split(':')).Single(f => f.Length == 3 && f[1].Split(',').Contains(access.Controller))[2];
        return Path.Join(access.Parent, path.TrimStart('/'));
    }
}
