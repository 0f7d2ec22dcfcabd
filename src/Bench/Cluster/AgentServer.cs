using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Bench.Launch.Sampling;
using Bench.Load;

namespace Bench.Cluster;

/// <summary>
/// `bench agent`: the load engine as a long-running process on a generator host. It answers one JSON line per command
/// (<see cref="AgentRequest"/>): "clock", and "run" — wait for the share's start instant on this host's clock, run it,
/// answer its raw measurement. A controller that closes the connection mid-run stops that run. Every share passes the
/// same gate as `bench load` (loopback, or $BENCH_ALLOW_HOSTS), so an agent can never be aimed elsewhere; listening
/// beyond loopback needs a token, and a command without it is refused. Given a /proc (<paramref name="procFs"/>, the
/// host's mounted into the agent's container), it also samples a target's processes there for a controller: "sample"
/// opens the window, "stop" on the same connection closes it and answers the usage.
/// </summary>
public sealed class AgentServer(IPEndPoint listen, string? token, TextWriter log, TimeProvider? timeProvider = null, ProcFs? procFs = null)
{
    /// <summary>The farthest ahead a start instant may be: more means the clocks, or the controller, are wrong.</summary>
    public static readonly TimeSpan MaxStartLead = TimeSpan.FromSeconds(60);

    /// <summary>The longest a sampling window stays open without its "stop": a controller that vanished without closing.</summary>
    public static readonly TimeSpan MaxSampleWindow = TimeSpan.FromHours(6);

    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;
    private readonly byte[] _token = Encoding.UTF8.GetBytes(token ?? "");

    /// <summary>Why these settings cannot serve: beyond loopback without a token of 16 characters or more.</summary>
    public static string? Problem(IPEndPoint listen, string? token) =>
        !IPAddress.IsLoopback(listen.Address) && (token is null || token.Length < 16)
            ? $"listening on {listen} (beyond loopback) needs ${AgentEndpoint.TokenVariable}, at least 16 characters, which every command must carry"
            : null;

    /// <summary>Serves until cancelled; <paramref name="listening"/> hears the bound endpoint (port 0 picks one).</summary>
    public async Task RunAsync(Action<IPEndPoint> listening, CancellationToken cancellationToken)
    {
        using var listener = new TcpListener(listen);
        listener.Start();
        listening((IPEndPoint)listener.LocalEndpoint);
        var connections = new List<Task>();
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var socket = await listener.AcceptSocketAsync(cancellationToken);
                connections.RemoveAll(c => c.IsCompleted);
                connections.Add(ServeAsync(socket, cancellationToken));
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping: the runs in flight see the same token.
        }

        await Task.WhenAll(connections);
    }

    private async Task ServeAsync(Socket socket, CancellationToken cancellationToken)
    {
        using var _ = socket;
        socket.NoDelay = true;
        await using var stream = new NetworkStream(socket, ownsSocket: false);
        try
        {
            var request = await AgentLine.ReadAsync(stream, AgentJsonContext.Default.AgentRequest, cancellationToken);
            if (request is null)
            {
                return;
            }

            var reply = !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(request.Token), _token) ? Refuse("wrong token")
                : request.Command == AgentRequest.Clock ? new AgentReply(_time.GetUtcNow())
                : request.Command == AgentRequest.Run && request.Share is { } share ? await RunShareAsync(share, stream, socket.RemoteEndPoint, cancellationToken)
                : request.Command == AgentRequest.Sample ? await SampleAsync(request.Pid, stream, socket.RemoteEndPoint, cancellationToken)
                : Refuse($"unknown command '{request.Command}'");
            if (reply is not null)
            {
                await AgentLine.WriteAsync(stream, reply, AgentJsonContext.Default.AgentReply, cancellationToken);
            }
        }
        catch (Exception e) when (e is IOException or SocketException or InvalidDataException or OperationCanceledException)
        {
            // A controller gone, or a stranger speaking another protocol: this connection ends, the agent serves on.
            if (e is InvalidDataException)
            {
                await log.WriteLineAsync($"bench agent: {socket.RemoteEndPoint}: {e.Message}");
            }
        }
    }

    private AgentReply Refuse(string why) => new(_time.GetUtcNow(), Error: why);

    private async Task<AgentReply> RunShareAsync(AgentShare share, NetworkStream stream, EndPoint? controller, CancellationToken cancellationToken)
    {
        var problems = share.Options.Validate();
        if (problems.Count > 0)
        {
            return Refuse(string.Join("; ", problems));
        }

        var lead = share.StartAt - _time.GetUtcNow();
        if (lead > MaxStartLead)
        {
            return Refuse($"the start instant is {lead.TotalSeconds:0.0} s ahead of this host's clock (at most {MaxStartLead.TotalSeconds:0} s): are the clocks apart?");
        }

        // The controller closing its connection (Ctrl-C, a lost level) stops this run: nothing is left loading.
        using var run = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var hangUp = WatchHangUpAsync(stream, run);
        await log.WriteLineAsync($"bench agent: {controller}: {Describe(share.Options)} at {share.StartAt:HH:mm:ss.fff}");
        try
        {
            var result = await new LoadEngine(_time).RunAtAsync(share.Options, share.StartAt, run.Token);
            return new AgentReply(_time.GetUtcNow(), AgentReport.From(result));
        }
        finally
        {
            await run.CancelAsync();
            await hangUp;
        }
    }

    /// <summary>
    /// Samples <paramref name="pid"/>'s process tree from the first reading (answered at once) to the controller's "stop"
    /// (answered with the usage); null when the controller hung up first, as nobody waits for the usage then.
    /// </summary>
    private async Task<AgentReply?> SampleAsync(int? pid, NetworkStream stream, EndPoint? controller, CancellationToken cancellationToken)
    {
        if (procFs is null)
        {
            return Refuse("this agent reads no /proc: start it with --proc <the host's /proc, as mounted>");
        }

        if (pid is not { } root || procFs.Stat(root) is null)
        {
            return Refuse($"no process {pid?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "(none given)"} in {procFs.Root}");
        }

        await using var sampler = ResourceSampler.Prepare(root, timeProvider: _time, procFs: procFs);
        sampler.Open();
        await log.WriteLineAsync($"bench agent: {controller}: sampling process {root} in {procFs.Root}");
        await AgentLine.WriteAsync(stream, new AgentReply(_time.GetUtcNow()), AgentJsonContext.Default.AgentReply, cancellationToken);
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(MaxSampleWindow);
        try
        {
            var next = await AgentLine.ReadAsync(stream, AgentJsonContext.Default.AgentRequest, bounded.Token);
            return next is null ? null
                : next.Command == AgentRequest.Stop ? new AgentReply(_time.GetUtcNow(), Usage: await sampler.StopAsync(cancellationToken))
                : Refuse($"expected \"{AgentRequest.Stop}\" while sampling, not '{next.Command}'");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Refuse($"no \"{AgentRequest.Stop}\" within {MaxSampleWindow.TotalHours:0} h: the window was closed");
        }
    }

    private static string Describe(LoadOptions options) => options.Model == LoadModel.Closed
        ? $"{options.Connections} connection(s) to {options.Url}, {options.Warmup.TotalSeconds:0.#} s + {options.Duration.TotalSeconds:0.#} s"
        : $"{options.Rate:0.#} req/s to {options.Url}, {options.Warmup.TotalSeconds:0.#} s + {options.Duration.TotalSeconds:0.#} s";

    /// <summary>Cancels <paramref name="run"/> when the controller closes its side; ends quietly when the run ends first.</summary>
    private static async Task WatchHangUpAsync(NetworkStream stream, CancellationTokenSource run)
    {
        try
        {
            byte[] one = new byte[1];
            if (await stream.ReadAsync(one, run.Token) == 0)
            {
                await run.CancelAsync();
            }
        }
        catch (OperationCanceledException)
        {
            // The run ended first.
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
        {
            await run.CancelAsync(); // the connection broke: nobody is waiting for this run
        }
    }
}
