using Bench.Targets;
using Bench.Targets.Verification;

namespace Bench.Running;

/// <summary>
/// One target across the levels of a scenario: started pinned, verified against the contract, restarted when it
/// died or has not settled after a level (a sync server still working through a backlog of abandoned connections
/// would otherwise start the next level behind), always stopped at the end.
/// </summary>
public sealed class TargetSession(TargetDefinition definition, SweepSettings settings) : IAsyncDisposable
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(5);

    private TargetProcess? _process;

    public TargetDefinition Definition { get; } = definition;

    public TargetProcess? Process => _process;

    /// <summary>Starts the target and checks it; a target that cannot start is an invalid result, not an exception.</summary>
    public async Task<VerificationResult> StartAndVerifyAsync(CancellationToken cancellationToken)
    {
        try
        {
            await StartAsync(cancellationToken);
            var checks = await new ContractVerifier(ProbeTimeout).VerifyAsync(_process!.Port, Definition.Supports, cancellationToken);
            return new VerificationResult(Definition.Name, checks);
        }
        catch (TargetStartException e)
        {
            return new VerificationResult(Definition.Name, [], e.Message);
        }
    }

    /// <summary>Before a level: the target runs and answers at once, else it is restarted.</summary>
    public async Task<string?> EnsureReadyAsync(CancellationToken cancellationToken)
    {
        string? reason = _process switch
        {
            null => "not running",
            { HasExited: true } p => $"exited with code {p.ExitCode}",
            _ => await SettledAsync(_process.Port, cancellationToken) ? null : $"did not answer /hello within {settings.SettleTimeout.TotalSeconds:0.#} s",
        };
        if (reason is not null)
        {
            await StopAsync();
            await StartAsync(cancellationToken);
        }

        return reason;
    }

    public async Task StopAsync()
    {
        if (_process is { } process)
        {
            _process = null;
            await process.StopAsync(settings.StopGrace);
            await process.DisposeAsync();
        }
    }

    public ValueTask DisposeAsync() => new(StopAsync());

    private async Task StartAsync(CancellationToken cancellationToken)
    {
        var options = new TargetLaunchOptions { ReadyTimeout = settings.ReadyTimeout, Cpus = settings.TargetCpus, CpuQuota = settings.TargetCpuQuota };
        _process = await TargetProcess.StartAsync(Definition, options, cancellationToken);
    }

    private async Task<bool> SettledAsync(int port, CancellationToken cancellationToken)
    {
        try
        {
            var response = await HttpProbe.GetAsync(port, "/hello", settings.SettleTimeout, cancellationToken);
            return response.Status < 500;
        }
        catch (Exception e) when (HttpProbe.IsProbeFailure(e))
        {
            return false;
        }
    }
}
