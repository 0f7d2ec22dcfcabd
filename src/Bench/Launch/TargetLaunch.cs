using System.Diagnostics;

namespace Bench.Launch;

/// <summary>
/// What exactly is executed for a target: its argument array with the launch placeholders filled in, behind
/// <c>taskset -c &lt;cpus&gt;</c> when pinned (taskset execs the target, so the pid is the target's own), and its own
/// fresh folder with its files rendered, when it uses one (<see cref="Dir"/>; whoever runs it removes it afterwards).
/// </summary>
internal sealed record TargetLaunch(ProcessStartInfo StartInfo, int PlannedPort, string? Dir)
{

    public static TargetLaunch Plan(TargetDefinition definition, TargetLaunchOptions options)
    {
        // A target that announces its port picks it (port 0); any other is given a free one.
        int port = definition.AnnouncesPort ? 0 : FreePort.Find();
        string? dir = definition.UsesDir ? CreateDir(definition.Name) : null;
        var values = new LaunchValues(port, dir ?? "", options.HeaderTimeout) { DependencyPorts = options.DependencyPorts, ExtraPorts = ExtraPorts(definition, port) };
        try
        {
            foreach (var file in definition.Files)
            {
                file.Render(values);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            RemoveDir(dir);
            throw new TargetStartException(definition.Name, $"cannot write its files into {dir}: {e.Message}", "");
        }

        IEnumerable<string> command = definition.CommandFor(values);
        if (options.Cpus is { } cpus)
        {
            command = ["taskset", "--cpu-list", cpus.ToString(), .. command];
        }

        var arguments = command.ToArray();
        var info = new ProcessStartInfo(arguments[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (string arg in arguments.Skip(1))
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in definition.EnvironmentFor(values))
        {
            info.Environment[key] = value;
        }

        // Every process a launch starts, wherever it goes, names this Bench: a second Ctrl-C kills them all at once by it.
        info.Environment[OwnerMarker] = Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (dir is not null)
        {
            // Inherited by everything it starts, even what daemonizes out of its tree (RabbitMQ's epmd): how the stop finds it.
            info.Environment[LaunchMarker] = dir;
        }

        return new TargetLaunch(info, port, dir);
    }

    /// <summary>The environment variable naming a launch's own folder in every process it starts (<see cref="Plan"/>).</summary>
    public const string LaunchMarker = "BENCH_LAUNCH_DIR";

    /// <summary>The environment variable naming the pid of the Bench that started a launch, in every process it starts.</summary>
    public const string OwnerMarker = "BENCH_OWNER_PID";

    /// <summary>Free ports for the extra-port placeholders the entry uses, distinct from its own port and each other.</summary>
    private static List<int> ExtraPorts(TargetDefinition definition, int port)
    {
        var texts = definition.Command.Concat(definition.Environment.Values).Concat(definition.Files.Select(f => f.Text)).ToArray();
        int used = LaunchValues.ExtraPortPlaceholders.Count(p => texts.Any(t => t.Contains($"{{{p}}}", StringComparison.Ordinal)));
        var ports = new List<int>();
        while (ports.Count < (used == 0 ? 0 : LaunchValues.ExtraPortPlaceholders.Count))
        {
            int candidate = FreePort.Find();
            if (candidate != port && !ports.Contains(candidate))
            {
                ports.Add(candidate);
            }
        }

        return ports;
    }

    /// <summary>
    /// A fresh folder, readable by all: a server started as root may run its workers as another user (NGINX's do), and
    /// they read and write under it.
    /// </summary>
    private static string CreateDir(string name)
    {
        var dir = Directory.CreateTempSubdirectory($"bench-{name}-{CheckoutTag()}-");
        File.SetUnixFileMode(dir.FullName, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        return dir.FullName;
    }

    /// <summary>
    /// The first 8 hex digits of the SHA-256 of the checkout's root: in every folder name, so scripts/test.sh finds a
    /// leftover server by its working folder even when it rewrites its command line and environment (redis-server
    /// does), and never takes another checkout's for its own.
    /// </summary>
    public static string CheckoutTag()
    {
        string root;
        try
        {
            root = TargetsBinary.RepositoryRoot();
        }
        catch (InvalidOperationException)
        {
            root = "";
        }

        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(root)))[..8];
    }

    /// <summary>Removes a target's folder once nothing of it runs; a folder already gone is fine.</summary>
    public static void RemoveDir(string? dir)
    {
        if (dir is not null && Directory.Exists(dir))
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
