using Bench.Launch;
using Bench.Launch.Verification;
using Bench.Tests.Support;

namespace Bench.Tests.Launch;

/// <summary>Launch options beyond the defaults: pinning, readiness kinds, ports Bench picks, cleanup of children.</summary>
public sealed class TargetLaunchTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static TargetDefinition Model(string model, TargetReadiness readiness) =>
        new(model, "test", [TargetsBinary.Locate(), "--model", model, "--port", TargetDefinition.PortPlaceholder], new Dictionary<string, string>()) { Readiness = readiness };

    [Fact]
    public async Task A_pinned_target_runs_every_thread_on_the_given_cores()
    {
        var cores = CpuSet.Of(Environment.ProcessorCount - 1);

        await using var target = await TargetProcess.StartAsync(
            Model("threads", TargetReadiness.ListeningLine), new TargetLaunchOptions { ReadyTimeout = Timeout, Cpus = cores }, Ct);
        await using var connection = await HttpProbe.ConnectAsync(target.Port, Ct); // one more thread, started after launch
        await connection.SendAsync("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n", Ct);
        Assert.Equal(200, (await connection.ReadResponseAsync(Timeout, Ct)).Status);

        Assert.Equal(cores, target.Cpus);
        var threads = Directory.GetDirectories($"/proc/{target.Pid}/task");
        Assert.True(threads.Length > 2);
        Assert.All(threads, t => Assert.Equal(cores, CpuAffinity.Read(int.Parse(Path.GetFileName(t)))));
    }

    [Fact]
    public async Task An_unpinned_target_records_no_cores()
    {
        await using var target = await RunningTarget.StartAsync("async");

        Assert.Null(target.Cpus);
        Assert.Equal(CpuAffinity.Read(Environment.ProcessId), CpuAffinity.Read(target.Pid));
    }

    [Fact]
    public async Task An_http_readiness_target_gets_a_free_port_and_is_ready_when_it_answers()
    {
        await using var target = await TargetProcess.StartAsync(Model("kestrel", new HttpReadiness("/hello")), Timeout, Ct);

        Assert.NotEqual(0, target.Port);
        Assert.Equal("Hello, World!", (await HttpProbe.GetAsync(target.Port, "/hello", Timeout, Ct)).Body);
    }

    [Fact]
    public async Task A_readiness_line_without_a_port_means_the_port_bench_chose()
    {
        await using var target = await TargetProcess.StartAsync(Model("sync", new StdoutReadiness("^listening on ")), Timeout, Ct);

        Assert.NotEqual(0, target.Port);
        Assert.Equal(200, (await HttpProbe.GetAsync(target.Port, "/hello", Timeout, Ct)).Status);
    }

    [Fact]
    public async Task A_target_that_never_answers_its_http_probe_times_out_naming_it()
    {
        var silent = TargetProcessFixtures.Define("mute", "bash", "-c", "sleep 28.5", TargetDefinition.PortPlaceholder) with { Readiness = new HttpReadiness("/") };

        var error = await Assert.ThrowsAsync<TargetStartException>(() => TargetProcess.StartAsync(silent, TimeSpan.FromMilliseconds(500), Ct));

        Assert.Equal("mute", error.Target);
        Assert.Contains("not ready within 0.5 s", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(ProcessList.CommandLines(), line => line.Contains("sleep 28.5", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_child_that_outlives_its_stopped_parent_is_killed()
    {
        var target = await TargetProcessFixtures.StartShellAsync("sleep 27.25 & echo 'listening on http://127.0.0.1:1'; wait");
        // The background child may not have exec'd sleep yet when the ready line arrives: wait until it has.
        using var started = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        started.CancelAfter(TimeSpan.FromSeconds(5));
        while (!ProcessList.CommandLines().Contains("sleep 27.25"))
        {
            await Task.Delay(20, started.Token);
        }

        await target.StopAsync(TimeSpan.FromSeconds(5));
        await target.DisposeAsync();

        Assert.DoesNotContain(ProcessList.CommandLines(), line => line == "sleep 27.25");
    }

    [Fact]
    public void A_free_port_can_be_bound()
    {
        int port = FreePort.Find();
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, port);

        listener.Start();

        Assert.InRange(port, 1024, 65535);
    }
}
