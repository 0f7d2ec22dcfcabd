using System.Globalization;
using Docker.DotNet.Models;

namespace Bench.Launch.Docker;

/// <summary>
/// The container a docker target runs as: its command with the launch placeholders filled in ({dir} excepted), on the host's network (loopback only,
/// as every target), on the target cores under the same CFS quota a process gets, with its memory limit and no swap,
/// as an unprivileged user with no capabilities, a read-only root and a small scratch folder in memory ($TMPDIR), and
/// Bench's labels.
/// </summary>
public static class ContainerRequest
{
    /// <summary>nobody:nogroup — the images hold nothing it needs to write.</summary>
    public const string User = "65534:65534";

    /// <summary>
    /// The writable folder, a tmpfs, given as $TMPDIR. Not /tmp: the image holds host paths at their own paths, and a
    /// checkout under /tmp (a CI clone) would vanish under a tmpfs mounted there.
    /// </summary>
    public const string ScratchDirectory = "/run/bench-tmp";

    public static CreateContainerParameters For(TargetDefinition definition, string image, int port, TargetLaunchOptions options, ContainerLabels labels)
    {
        var spec = definition.Container ?? throw new ArgumentException($"'{definition.Name}' is not a docker target", nameof(definition));
        long memory = options.MemoryLimitBytes ?? spec.MemoryBytes;
        // No {dir}: the catalogue refuses it for a container. Dependencies listen on 127.0.0.1, which host networking shares.
        var values = new LaunchValues(port, "", options.HeaderTimeout) { DependencyPorts = options.DependencyPorts };
        var host = new HostConfig
        {
            NetworkMode = "host",
            CpusetCpus = (spec.Cpus ?? options.Cpus)?.ToString(),
            Memory = memory,
            MemorySwap = memory, // equal to Memory: no swap, so exceeding the limit is an OOM kill, not a slowdown
            ReadonlyRootfs = true,
            Tmpfs = new Dictionary<string, string> { [ScratchDirectory] = "rw,nosuid,nodev,size=64m" },
            CapDrop = ["ALL"],
            SecurityOpt = ["no-new-privileges"],
            Privileged = false,
        };
        if (options.CpuQuota is { } cores)
        {
            (host.CPUPeriod, host.CPUQuota) = CpuQuota.Plan(cores);
        }

        return new CreateContainerParameters
        {
            Name = $"bench-{definition.Name}-{labels.Launcher}-{port.ToString(CultureInfo.InvariantCulture)}-{Guid.NewGuid().ToString("N")[..6]}",
            Image = image,
            Cmd = definition.CommandFor(values).ToList(),
            Env = Environment(definition, values),
            User = User,
            WorkingDir = "/",
            Labels = labels.For(definition.Name),
            HostConfig = host,
        };
    }

    /// <summary>The target's environment, with $TMPDIR the scratch folder unless the target sets its own.</summary>
    private static List<string> Environment(TargetDefinition definition, LaunchValues values)
    {
        var environment = definition.EnvironmentFor(values);
        var lines = environment.Select(e => $"{e.Key}={e.Value}").ToList();
        if (!environment.ContainsKey("TMPDIR"))
        {
            lines.Add($"TMPDIR={ScratchDirectory}");
        }

        return lines;
    }
}
