using Bench.Cli;
using Bench.Launch;
using Bench.Launch.Verification;
using Bench.Tests.Support;

namespace Bench.Tests.Launch;

public sealed class ContractVerifierTests : IAsyncDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private TargetLauncher Launcher { get; } = TargetLauncher.ForEnvironment();

    public ValueTask DisposeAsync() => Launcher.DisposeAsync();

    [Theory]
    [MemberData(nameof(Models.AllModels), MemberType = typeof(Models))]
    public async Task Every_catalogue_target_passes_verification(string model)
    {
        var definition = RepositoryFiles.Catalog().Targets.Single(t => t.Name == model);

        var result = await VerifyCommand.VerifyOneAsync(Launcher, definition, TimeSpan.FromSeconds(20), Ct);

        Assert.True(result.Valid, result.Reason);
        // Every endpoint's checks for a full contract; the protocol checks on /hello for an entry serving only that (nginx).
        Assert.True(result.Checks.Count >= (Models.Supports(model, ["/io", "/cpu", "/blocking", "/info"]) ? 10 : 5), $"{result.Checks.Count} checks");
    }

    [Fact]
    public async Task A_server_that_answers_wrongly_fails_verification_with_reasons()
    {
        // nginx-free stand-in for a broken target: a static file server that returns the wrong body everywhere.
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        int port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var serving = Task.Run(async () =>
        {
            // Ends only by cancellation (checked below): a loop condition could let it finish quietly instead.
            while (true)
            {
                using var client = await listener.AcceptTcpClientAsync(stop.Token);
                var stream = client.GetStream();
                var buffer = new byte[4096];
                try
                {
                    _ = await stream.ReadAsync(buffer, stop.Token);
                    await stream.WriteAsync("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nConnection: close\r\n\r\nwrong"u8.ToArray(), stop.Token);
                }
                catch (IOException)
                {
                    // The verifier gave up on this connection first: serve the next one.
                }
            }
        }, stop.Token);

        var checks = await new ContractVerifier(TimeSpan.FromSeconds(2)).VerifyAsync(port, Ct);
        await stop.CancelAsync();

        Assert.Contains(checks, c => c.Name == "hello" && !c.Passed && c.Detail.Contains("wrong", StringComparison.Ordinal));
        Assert.Contains(checks, c => c.Name == "cpu digest" && !c.Passed);
        Assert.Contains(checks, c => c.Name == "unknown path 404" && !c.Passed);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => serving);
    }

    [Fact]
    public async Task A_target_that_answers_the_waits_at_once_fails_verification_with_that_reason()
    {
        // 200 "OK" at once for every request: right status, right body, no wait.
        await using var server = new ScriptedServer("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nOK"u8.ToArray());

        var checks = await new ContractVerifier(TimeSpan.FromSeconds(2)).VerifyAsync(server.Port, ["/io", "/blocking"], Ct);

        foreach (string name in new[] { "io wait", "blocking" })
        {
            var check = Assert.Single(checks, c => c.Name == name);
            Assert.False(check.Passed, $"{name} passed against a server that does not wait");
            Assert.Contains($"must wait at least {ContractVerifier.WaitMs} ms", check.Detail, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_wait_that_answers_something_other_than_OK_fails_verification()
    {
        await using var server = new ScriptedServer("HTTP/1.1 200 OK\r\nContent-Length: 4\r\nConnection: close\r\n\r\nnope"u8.ToArray());

        var checks = await new ContractVerifier(TimeSpan.FromSeconds(2)).VerifyAsync(server.Port, ["/io"], Ct);

        Assert.Contains(checks, c => c.Name == "io wait" && !c.Passed && c.Detail.Contains("expected body 'OK'", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("sync")]
    [InlineData("async")]
    public async Task A_target_that_waits_passes_the_wait_checks(string model)
    {
        await using var target = await RunningTarget.StartAsync(model);

        var checks = await new ContractVerifier(TimeSpan.FromSeconds(5)).VerifyAsync(target.Port, ["/io", "/blocking"], Ct);

        Assert.All(checks.Where(c => c.Name is "io wait" or "blocking"), c => Assert.True(c.Passed, $"{c.Name}: {c.Detail}"));
        Assert.Equal(2, checks.Count(c => c.Name is "io wait" or "blocking"));
    }
}
