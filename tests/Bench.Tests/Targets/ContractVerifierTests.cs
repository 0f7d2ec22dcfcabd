using Bench.Cli;
using Bench.Targets;
using Bench.Targets.Verification;
using Bench.Tests.Support;

namespace Bench.Tests.Targets;

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
        Assert.True(result.Checks.Count >= 10);
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
            while (!stop.IsCancellationRequested)
            {
                using var client = await listener.AcceptTcpClientAsync(stop.Token);
                var stream = client.GetStream();
                var buffer = new byte[4096];
                _ = await stream.ReadAsync(buffer, stop.Token);
                await stream.WriteAsync("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nConnection: close\r\n\r\nwrong"u8.ToArray(), stop.Token);
            }
        }, stop.Token);

        var checks = await new ContractVerifier(TimeSpan.FromSeconds(2)).VerifyAsync(port, Ct);
        await stop.CancelAsync();

        Assert.Contains(checks, c => c.Name == "hello" && !c.Passed && c.Detail.Contains("wrong", StringComparison.Ordinal));
        Assert.Contains(checks, c => c.Name == "cpu digest" && !c.Passed);
        Assert.Contains(checks, c => c.Name == "unknown path 404" && !c.Passed);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => serving);
    }
}
