using Bench.Launch;
using Bench.Launch.Verification;

namespace Bench.Running;

/// <summary>
/// One target across the levels of a scenario: started pinned, verified against the contract, restarted when it
/// died or has not settled after a level (a sync server still working through a backlog of abandoned connections
/// would otherwise start the next level behind) or when a dependency it needs died (restarted with it), always stopped
/// at the end.
/// </summary>
public sealed class TargetSession(TargetDefinition definition, SweepSettings settings, TargetLauncher launcher) : IAsyncDisposable
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(5);

    private IRunningTarget? _target;

    public TargetDefinition Definition { get; } = definition;

    public IRunningTarget? Target => _target;

    /// <summary>Starts the target and checks it; a target that cannot start is an invalid result, not an exception.</summary>
    public async Task<VerificationResult> StartAndVerifyAsync(CancellationToken cancellationToken)
    {
        try
        {
            await StartAsync(cancellationToken);
            var checks = await new ContractVerifier(ProbeTimeout).VerifyAsync(_target!.Address, _target.Port, Definition.Supports, Definition.Differences, cancellationToken);
            var result = new VerificationResult(Definition.Name, checks)
            {
                Image = _target switch { Launch.Docker.ContainerTarget c => c.Image, Cluster.Swarm.SwarmTarget s => s.Image, _ => null },
                Address = new System.Net.IPEndPoint(_target.Address, _target.Port).ToString(),
            };
            // A target that died right after it said it was ready (a container killed for memory) fails every check:
            // how it ended is the one reason worth reading.
            return !result.Valid && await _target.CheckExitAsync(cancellationToken) is { } exit
                ? result with { StartError = $"target '{Definition.Name}' {exit.Description} right after it was ready" }
                : result;
        }
        catch (TargetStartException e)
        {
            return new VerificationResult(Definition.Name, [], e.Message);
        }
    }

    /// <summary>Before a level: the target runs and answers at once, else it is restarted.</summary>
    public async Task<string?> EnsureReadyAsync(CancellationToken cancellationToken)
    {
        string? reason = _target is null ? "not running"
            : await _target.CheckExitAsync(cancellationToken) is { } exit ? exit.Description
            : await SettledAsync(_target.Address, _target.Port, cancellationToken) ? null
            : $"did not answer /hello within {settings.SettleTimeout.TotalSeconds:0.#} s";
        // A dependency that died (redis-server killed mid-level) is restarted on a port of its own, so the target too.
        if (reason is null && await launcher.Dependencies.ProblemAsync(Definition, cancellationToken) is { } dependency)
        {
            reason = $"needs {dependency}";
        }

        if (reason is not null)
        {
            await StopAsync();
            await StartAsync(cancellationToken);
        }

        return reason;
    }

    public async Task StopAsync()
    {
        if (_target is { } target)
        {
            _target = null;
            await target.StopAsync(settings.StopGrace);
            await target.DisposeAsync();
        }
    }

    public ValueTask DisposeAsync() => new(StopAsync());

    private async Task StartAsync(CancellationToken cancellationToken)
    {
        var options = new TargetLaunchOptions
        {
            ReadyTimeout = settings.ReadyTimeout,
            Cpus = settings.TargetCpus,
            CpuQuota = settings.TargetCpuQuota,
            MemoryLimitBytes = settings.TargetMemoryLimit,
        };
        _target = await launcher.StartAsync(Definition, options, cancellationToken);
    }

    private async Task<bool> SettledAsync(System.Net.IPAddress address, int port, CancellationToken cancellationToken)
    {
        try
        {
            var response = await HttpProbe.GetAsync(address, port, "/hello", settings.SettleTimeout, cancellationToken);
            return response.Status < 500;
        }
        catch (Exception e) when (HttpProbe.IsProbeFailure(e))
        {
            return false;
        }
    }
}
