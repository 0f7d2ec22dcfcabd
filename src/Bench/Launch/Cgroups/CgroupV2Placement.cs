namespace Bench.Launch.Cgroups;

/// <summary>
/// Where the targets' groups go on the unified (v2) hierarchy, and making their controllers available there.
/// <para>
/// Bench's own group (the "0::/path" line of /proc/self/cgroup) holds Bench — and usually the shell or CI runner
/// that started it. cgroup v2's "no internal processes" rule forbids enabling a controller for the children of a
/// group that holds processes (except the root), and Bench does not move processes it did not start. So the targets'
/// groups go BESIDE Bench's own, in its parent (the parent of a group holds no processes once controllers are on
/// there, which is why systemd's slices can be used so); at the hierarchy's root they go under the root itself. The
/// controllers the targets need are enabled (+cpu, +memory) in that parent's cgroup.subtree_control when they are not
/// on yet; Bench leaves them on (a service manager may rely on them by then).
/// </para>
/// </summary>
internal static class CgroupV2Placement
{
    /// <summary>The unified hierarchy: the root itself on a v2 host, root/unified on a hybrid one; null when there is none.</summary>
    public static string? Mount(ICgroupFiles files, string root)
    {
        foreach (string candidate in new[] { root, Path.Combine(root, "unified") })
        {
            if (files.Exists(Path.Combine(candidate, "cgroup.controllers")))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>The path of the "0::" line of a /proc/&lt;pid&gt;/cgroup text, e.g. "/user.slice/session-2.scope"; null when there is none.</summary>
    public static string? OwnGroup(string? procCgroup) =>
        (procCgroup ?? "").Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("0::", StringComparison.Ordinal)).Select(l => l[3..]).FirstOrDefault();

    /// <summary>
    /// One access per controller: where the groups go (the same parent for every controller, since a process is in
    /// exactly one v2 group), or why not, in one line.
    /// </summary>
    public static IReadOnlyList<CgroupAccess> Find(ICgroupFiles files, string mount, string? procSelfCgroup, IReadOnlyList<string> controllers)
    {
        if (OwnGroup(procSelfCgroup) is not { } own)
        {
            return All(controllers, $"cgroup v2 at {mount}: Bench's own group is not in /proc/self/cgroup (no '0::' line)");
        }

        string home = Path.Join(mount, own.TrimStart('/')).TrimEnd('/');
        if (!files.Exists(home))
        {
            return All(controllers, $"cgroup v2 at {mount}: Bench's own group {own} is not under it (another cgroup namespace?)");
        }

        string parent = own is "/" or "" ? mount : Path.GetDirectoryName(home)!;
        var reasons = controllers.Select(c => Enable(files, mount, parent, c)).ToArray();
        if (reasons.Any(r => r is null) && Probe(files, mount, parent) is { } cannotCreate)
        {
            reasons = reasons.Select(r => r ?? cannotCreate).ToArray();
        }

        return controllers.Select((c, i) => reasons[i] is { } reason
            ? CgroupAccess.Unavailable(c, reason)
            : CgroupAccess.Available(c, CgroupVersion.V2, parent, home)).ToArray();
    }

    /// <summary>Null when <paramref name="controller"/> is (now) enabled for <paramref name="parent"/>'s children, else why not.</summary>
    private static string? Enable(ICgroupFiles files, string mount, string parent, string controller)
    {
        if (Words(files.Read(Path.Combine(parent, "cgroup.subtree_control"))).Contains(controller))
        {
            return null;
        }

        string where = Name(mount, parent);
        string available = files.Read(Path.Combine(parent, "cgroup.controllers"))?.Trim() ?? "";
        if (!Words(available).Contains(controller))
        {
            return $"cgroup v2: the {controller} controller is not available in {where} (cgroup.controllers: '{available}'; cgroup v1 may hold it, or the parent does not pass it down)";
        }

        try
        {
            files.Write(Path.Combine(parent, "cgroup.subtree_control"), "+" + controller);
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return $"cgroup v2: {where} is not delegated to this user (cannot enable +{controller} in its cgroup.subtree_control); run as root or in a delegated group";
        }
        catch (IOException e)
        {
            return $"cgroup v2: cannot enable +{controller} in {where}: {e.Message.TrimEnd('.')} (a group holding processes cannot enable controllers for its children, and Bench moves none it did not start)";
        }
    }

    /// <summary>Creates and removes a group where the targets' will go: null when that works, else why not.</summary>
    private static string? Probe(ICgroupFiles files, string mount, string parent)
    {
        string probe = Path.Combine(parent, $"{Cgroup.Prefix}{Environment.ProcessId}-probe");
        try
        {
            files.CreateDirectory(probe);
            files.DeleteDirectory(probe);
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return $"cgroup v2: {Name(mount, parent)} is not delegated to this user (cannot create a group in it); run as root or in a delegated group";
        }
        catch (IOException e)
        {
            return $"cgroup v2: cannot create a group in {Name(mount, parent)}: {e.Message.TrimEnd('.')}";
        }
    }

    private static CgroupAccess[] All(IReadOnlyList<string> controllers, string reason) =>
        controllers.Select(c => CgroupAccess.Unavailable(c, reason)).ToArray();

    // cgroupfs lists "cpu memory"; a stand-in that stored the write may say "+cpu".
    private static HashSet<string> Words(string? text) =>
        (text ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Select(w => w.TrimStart('+')).ToHashSet(StringComparer.Ordinal);

    private static string Name(string mount, string directory) => directory == mount ? $"the root group ({mount})" : directory;
}
