namespace Bench.Launch;

/// <summary>
/// When a starting target is ready, however it says so (<see cref="TargetReadiness"/>): a stdout line that matches,
/// with the port read from it when it captures one, or an HTTP probe (or a Redis PING, or an AMQP handshake) answering on the port Bench planned; or why it
/// never will be. One for a process and a container alike, and for a swarm service, whose HTTP probe goes to its node's
/// <paramref name="address"/> (loopback unless given).
/// </summary>
internal sealed class ReadinessSignal(TargetDefinition definition, int plannedPort, System.Net.IPAddress? address = null)
{
    private readonly TaskCompletionSource<int> _port = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The port it listens on, once ready; faults with the reason it never will be.</summary>
    public Task<int> Port => _port.Task;

    public bool IsSet => _port.Task.IsCompleted;

    /// <summary>Probes the planned port until it answers, when the readiness is an HTTP probe; else does nothing.</summary>
    public void StartProbing(TimeSpan interval, CancellationToken cancellationToken)
    {
        if (definition.Readiness is HttpReadiness http)
        {
            _ = ProbeAsync(token => HttpReadinessProbe.WaitAsync(address ?? System.Net.IPAddress.Loopback, plannedPort, http.Path, interval, token), cancellationToken);
        }
        else if (definition.Readiness is RedisPingReadiness)
        {
            _ = ProbeAsync(token => RedisPing.WaitAsync(plannedPort, interval, token), cancellationToken);
        }
        else if (definition.Readiness is AmqpHandshakeReadiness)
        {
            _ = ProbeAsync(token => AmqpHandshake.WaitAsync(plannedPort, interval, token), cancellationToken);
        }
    }

    public void OnStdout(string line)
    {
        if (!IsSet && definition.Readiness is StdoutReadiness stdout && stdout.Match(line) is { } port)
        {
            _port.TrySetResult(stdout.CapturesPort ? port : plannedPort);
        }
    }

    public void Fail(Exception reason) => _port.TrySetException(reason);

    private async Task ProbeAsync(Func<CancellationToken, Task> probe, CancellationToken cancellationToken)
    {
        try
        {
            await probe(cancellationToken);
            _port.TrySetResult(plannedPort);
        }
        catch (OperationCanceledException)
        {
            // Ready another way, exited, or timed out: the starter reports which.
        }
    }
}
