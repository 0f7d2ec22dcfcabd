using System.Globalization;

namespace Bench.Launch.Dependencies;

/// <summary>
/// The dependencies (catalogue <c>dependencies:</c>, such as redis-server) running for one run: each started the first
/// time a target that needs it starts, pinned where that target is but under no quota of its own, shared by every
/// target after it, checked before each use (its process alive, and a Redis answering PING) and restarted when it is
/// not, stopped when the run ends. One that cannot start is remembered: every target needing it is then refused at
/// once with the same one-line reason, rather than each waiting out a start that failed already.
/// </summary>
public sealed class DependencySet : IAsyncDisposable
{
    private static readonly TimeSpan PingTimeout = TimeSpan.FromSeconds(1);
    // RabbitMQ boots for about 10 s here before it opens its AMQP port, and over 30 s while other builds load both cores
    // (docs/targets.md, "Dependencies").
    private static readonly TimeSpan BrokerReadyTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan HandshakeTimeout = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(5);

    private readonly Dictionary<string, TargetProcess> _running = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _failed = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>The pids of the dependencies running now, by name.</summary>
    public IReadOnlyDictionary<string, int> Pids
    {
        get
        {
            lock (_running)
            {
                return _running.ToDictionary(r => r.Key, r => r.Value.Pid, StringComparer.Ordinal);
            }
        }
    }

    /// <summary>The ports of the dependencies running now, by name.</summary>
    public IReadOnlyDictionary<string, int> Ports
    {
        get
        {
            lock (_running)
            {
                return _running.ToDictionary(r => r.Key, r => r.Value.Port, StringComparer.Ordinal);
            }
        }
    }

    /// <summary>
    /// Starts what <paramref name="target"/> needs and is not running healthy, and returns the port of each thing it needs;
    /// a dependency that cannot start is a <see cref="TargetStartException"/> naming the target and why, in one line.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, int>> EnsureAsync(TargetDefinition target, TargetLaunchOptions options, CancellationToken cancellationToken)
    {
        var ports = new Dictionary<string, int>(StringComparer.Ordinal);
        var started = new HashSet<string>(StringComparer.Ordinal);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            foreach (var dependency in target.Needs)
            {
                await EnsureAsync(target, dependency, options, ports, started, cancellationToken);
            }

            return ports;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// What <paramref name="dependency"/> needs first, then itself: kept when it runs healthy and nothing it needs was just
    /// (re)started, else (re)started with their ports; a worker bound to a broker that restarted is restarted with it.
    /// </summary>
    private async Task EnsureAsync(TargetDefinition target, TargetDefinition dependency, TargetLaunchOptions options, Dictionary<string, int> ports, HashSet<string> started, CancellationToken cancellationToken)
    {
        if (ports.ContainsKey(dependency.Name))
        {
            return;
        }

        if (_failed.TryGetValue(dependency.Name, out string? failure))
        {
            throw new TargetStartException(target.Name, failure, "");
        }

        foreach (var needed in dependency.Needs)
        {
            await EnsureAsync(target, needed, options, ports, started, cancellationToken);
        }

        if (!dependency.Needs.Any(n => started.Contains(n.Name)) && Running(dependency.Name) is { } running && await ProblemAsync(running, cancellationToken) is null)
        {
            ports[dependency.Name] = running.Port;
            return;
        }

        await StopAsync(dependency.Name);
        var own = options with { DependencyPorts = dependency.Needs.ToDictionary(n => n.Name, n => ports[n.Name], StringComparer.Ordinal) };
        ports[dependency.Name] = (await StartAsync(target, dependency, own, cancellationToken)).Port;
        started.Add(dependency.Name);
    }

    /// <summary>
    /// Null when every dependency of <paramref name="target"/> runs and answers; else what is wrong with the first that does
    /// not ("redis exited with code 137"), leaving it to <see cref="EnsureAsync"/> to restart it.
    /// </summary>
    public async Task<string?> ProblemAsync(TargetDefinition target, CancellationToken cancellationToken)
    {
        foreach (var dependency in target.Needs)
        {
            string? problem = Running(dependency.Name) is { } running ? await ProblemAsync(running, cancellationToken) : "is not running";
            if (problem is not null)
            {
                return $"{dependency.Name} {problem}";
            }
        }

        return null;
    }

    public async ValueTask DisposeAsync()
    {
        // The last started first: a worker before the broker it is connected to.
        foreach (string name in Order().Reverse())
        {
            await StopAsync(name);
        }

        _gate.Dispose();
    }

    private string[] Order()
    {
        lock (_running)
        {
            return _order.Where(_running.ContainsKey).ToArray();
        }
    }

    private TargetProcess? Running(string name)
    {
        lock (_running)
        {
            return _running.GetValueOrDefault(name);
        }
    }

    private static async Task<string?> ProblemAsync(TargetProcess running, CancellationToken cancellationToken)
    {
        if (await running.CheckExitAsync(cancellationToken) is { } exit)
        {
            return exit.Description;
        }

        string port = running.Port.ToString(CultureInfo.InvariantCulture);
        return running.Definition.Readiness switch
        {
            RedisPingReadiness when !await RedisPing.AnswersAsync(running.Port, PingTimeout, cancellationToken) =>
                $"did not answer PING on port {port} within {PingTimeout.TotalSeconds:0.#} s",
            AmqpHandshakeReadiness when !await AmqpHandshake.AnswersAsync(running.Port, HandshakeTimeout, cancellationToken) =>
                $"did not answer the AMQP handshake on port {port} within {HandshakeTimeout.TotalSeconds:0.#} s",
            _ => null,
        };
    }

    private async Task<TargetProcess> StartAsync(TargetDefinition target, TargetDefinition dependency, TargetLaunchOptions options, CancellationToken cancellationToken)
    {
        // Beside the target, so it does not take the generator's core, but under no quota: its CPU is not the target's.
        var own = new TargetLaunchOptions
        {
            ReadyTimeout = Max(options.ReadyTimeout, dependency.Readiness is AmqpHandshakeReadiness ? BrokerReadyTimeout : TimeSpan.Zero),
            Cpus = options.Cpus, ProbeInterval = options.ProbeInterval, DependencyPorts = options.DependencyPorts,
        };
        try
        {
            if (dependency.Requires.Missing() is { } missing)
            {
                throw new TargetStartException(dependency.Name, missing, "");
            }

            var started = await TargetProcess.StartAsync(dependency, own, cancellationToken);
            lock (_running)
            {
                _running[dependency.Name] = started;
                _order.Remove(dependency.Name);
                _order.Add(dependency.Name);
            }

            return started;
        }
        catch (TargetStartException e)
        {
            string last = e.StderrTail.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() is { } line ? $" ({line})" : "";
            string reason = $"not run: it needs {dependency.Name}, which did not start: {e.Reason}{last}";
            _failed[dependency.Name] = reason;
            throw new TargetStartException(target.Name, reason, "");
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private async Task StopAsync(string name)
    {
        TargetProcess? running;
        lock (_running)
        {
            if (_running.Remove(name, out running) is false)
            {
                return;
            }
        }

        await running!.StopAsync(StopGrace);
        await running.DisposeAsync();
    }
}
