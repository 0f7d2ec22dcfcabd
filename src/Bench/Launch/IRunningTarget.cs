using Bench.Launch.Sampling;

namespace Bench.Launch;

/// <summary>
/// A started, ready target, whatever runs it: a child process (<see cref="TargetProcess"/>) or a container
/// (<see cref="Docker.ContainerTarget"/>). The sweep measures, checks and stops both the same way.
/// </summary>
public interface IRunningTarget : IAsyncDisposable
{
    TargetDefinition Definition { get; }

    /// <summary>The port it listens on.</summary>
    int Port { get; }

    /// <summary>Where it listens: loopback, or the address of the swarm node a cluster run placed it on.</summary>
    System.Net.IPAddress Address => System.Net.IPAddress.Loopback;

    /// <summary>The last lines it wrote to stderr, for a failure's message; empty where none are kept (a topology: its parts keep theirs).</summary>
    string StderrTail => "";

    /// <summary>The cores it runs on, for the results; null when unpinned.</summary>
    CpuSet? Cpus { get; }

    /// <summary>Null while it runs; once it has ended, how (exit code, killed for memory).</summary>
    Task<TargetExit?> CheckExitAsync(CancellationToken cancellationToken);

    /// <summary>A meter of its CPU and memory, ready to read: its OpenAsync opens the window, StopAsync ends it.</summary>
    Task<IResourceMeter> PrepareMeterAsync(TimeProvider timeProvider, CancellationToken cancellationToken);

    /// <summary>SIGTERM, then a kill after <paramref name="grace"/>; returns the exit code.</summary>
    Task<int> StopAsync(TimeSpan grace);
}
