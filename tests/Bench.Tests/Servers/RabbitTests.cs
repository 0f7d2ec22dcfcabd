using System.Diagnostics;
using Bench.Launch;
using Bench.Launch.Verification;
using Bench.Tests.Support;

namespace Bench.Tests.Servers;

/// <summary>
/// /rpc on every entry behind RabbitMQ, each started beside a real broker and RPC worker as a run starts them (one broker
/// for the class): the digest the worker computes is /cpu's for every n; a worker that does not answer is a 504 within the
/// timeout, and the next start brings a worker back.
/// </summary>
public sealed class RabbitTests(RabbitFixture rabbit) : IClassFixture<RabbitFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private static readonly TargetLaunchOptions Options = new() { ReadyTimeout = TimeSpan.FromSeconds(20) };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> BehindRabbit => Models.Needing("rabbitmq");

    private static Task<ProbeResponse> GetAsync(IRunningTarget target, string path) => HttpProbe.GetAsync(target.Port, path, Timeout, Ct);

    [Theory]
    [MemberData(nameof(BehindRabbit))]
    public async Task Given_an_entry_behind_rabbitmq_then_rpc_answers_the_cpu_digest_of_each_n_and_400_for_a_bad_n(string entry)
    {
        await using var target = await rabbit.Launcher.StartAsync(RepositoryFiles.Catalog().Find(entry)!, Options, Ct);

        foreach (int n in (int[])[0, 1, 1000, 20_000])
        {
            var response = await GetAsync(target, $"/rpc?n={n}");
            Assert.Equal((200, ReferenceDigest.Compute(n)), (response.Status, response.Body));
        }

        Assert.Equal(400, (await GetAsync(target, "/rpc?n=x")).Status);
        Assert.Equal(400, (await GetAsync(target, "/rpc")).Status);
    }

    [Theory]
    [InlineData("async-rabbit")]
    [InlineData("sync-rabbit")]
    [InlineData("py-sync-rabbit")]
    [InlineData("py-asyncio-streams-rabbit")]
    public async Task Given_the_worker_is_gone_then_rpc_answers_504_in_one_line_within_its_timeout_and_the_next_start_brings_a_worker_back(string entry)
    {
        var definition = RepositoryFiles.Catalog().Find(entry)!;
        await using (var target = await rabbit.Launcher.StartAsync(definition, Options, Ct))
        {
            Assert.Equal(200, (await GetAsync(target, "/rpc?n=1")).Status);
            using (var worker = Process.GetProcessById(rabbit.Launcher.Dependencies.Pids["rabbitmq-rpc"]))
            {
                worker.Kill();
                await worker.WaitForExitAsync(Ct);
            }

            var clock = Stopwatch.StartNew();
            var response = await GetAsync(target, "/rpc?n=1");

            Assert.Equal(504, response.Status);
            Assert.StartsWith("rpc: no answer from the worker within 1.5 s", response.Body, StringComparison.Ordinal);
            Assert.Equal(1, response.Body.Count(c => c == '\n'));
            Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(1.4), TimeSpan.FromSeconds(5));
            Assert.Equal("Hello, World!", (await GetAsync(target, "/hello")).Body);
            Assert.StartsWith("rabbitmq-rpc exited with code", await rabbit.Launcher.Dependencies.ProblemAsync(definition, Ct));
        }

        await using var again = await rabbit.Launcher.StartAsync(definition, Options, Ct);
        Assert.Null(await rabbit.Launcher.Dependencies.ProblemAsync(definition, Ct));
        var answered = await GetAsync(again, "/rpc?n=3");
        Assert.Equal((200, ReferenceDigest.Compute(3)), (answered.Status, answered.Body));
    }
}
