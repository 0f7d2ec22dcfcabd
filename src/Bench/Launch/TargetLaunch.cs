using System.Diagnostics;

namespace Bench.Launch;

/// <summary>
/// What exactly is executed for a target: its argument array with {port} filled in, behind
/// <c>taskset -c &lt;cpus&gt;</c> when pinned (taskset execs the target, so the pid is the target's own).
/// </summary>
internal sealed record TargetLaunch(ProcessStartInfo StartInfo, int PlannedPort)
{
    public static TargetLaunch Plan(TargetDefinition definition, TargetLaunchOptions options)
    {
        // A target that announces its port picks it (port 0); any other is given a free one.
        int port = definition.AnnouncesPort ? 0 : FreePort.Find();
        IEnumerable<string> command = definition.CommandFor(port);
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

        foreach (var (key, value) in definition.EnvironmentFor(port))
        {
            info.Environment[key] = value;
        }

        return new TargetLaunch(info, port);
    }
}
