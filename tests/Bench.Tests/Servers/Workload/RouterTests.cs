using System.Text;
using Bench.Servers.Workload;

namespace Bench.Tests.Servers.Workload;

public sealed class RouterTests
{
    private static Work Route(string target, bool isGet = true) => Router.Route(isGet, Encoding.ASCII.GetBytes(target));

    [Theory]
    [InlineData("/io?ms=0", WorkKind.Io, 0)]
    [InlineData("/io?ms=60000", WorkKind.Io, 60000)]
    [InlineData("/blocking?ms=25", WorkKind.Block, 25)]
    [InlineData("/io?x=1&ms=7", WorkKind.Io, 7)]
    public void Waits_carry_their_milliseconds(string target, WorkKind kind, int ms)
    {
        var work = Route(target);

        Assert.Equal(kind, work.Kind);
        Assert.Equal(ms, work.Milliseconds);
    }

    [Theory]
    [InlineData("/redis?key=a.b:c_d-1", WorkKind.Redis, "a.b:c_d-1", null)]
    [InlineData("/redis?set=v1&key=k", WorkKind.Redis, "k", "v1")]
    [InlineData("/redis-blocking?key=k&set=v", WorkKind.RedisBlocking, "k", "v")]
    public void Redis_carries_its_key_and_the_value_to_set(string target, WorkKind kind, string key, string? value)
    {
        var work = Route(target);

        Assert.Equal((kind, key, value), (work.Kind, work.Key, work.Value));
    }

    [Theory]
    [InlineData("/redis")]
    [InlineData("/redis?key=")]
    [InlineData("/redis?key=a%20b")]
    [InlineData("/redis?key=(nil)")]
    [InlineData("/redis?key=k&set=")]
    [InlineData("/redis?key=k&set")]
    [InlineData("/redis-blocking?set=v")]
    public void Redis_without_a_plain_key_or_with_an_empty_value_is_a_bad_parameter(string target)
    {
        var work = Route(target);

        Assert.Equal((WorkKind.Respond, 400), (work.Kind, work.Response.Status));
    }

    [Fact]
    public void Cpu_carries_rounds_and_yield()
    {
        var work = Route("/cpu?n=1000&yield=10");

        Assert.Equal((WorkKind.Cpu, 1000, 10), (work.Kind, work.Rounds, work.YieldEvery));
        Assert.Equal(0, Route("/cpu?n=5").YieldEvery);
    }

    [Theory]
    [InlineData("/io")]
    [InlineData("/io?ms=")]
    [InlineData("/io?ms=-1")]
    [InlineData("/io?ms=60001")]
    [InlineData("/io?ms=1.5")]
    [InlineData("/cpu?n=10000001")]
    [InlineData("/cpu?n=1&yield=0")]
    [InlineData("/blocking?ms=99999999999999999999")]
    public void Bad_parameters_are_400(string target)
    {
        var work = Route(target);

        Assert.Equal(WorkKind.Respond, work.Kind);
        Assert.Equal(400, work.Response.Status);
    }

    [Fact]
    public void Unknown_paths_are_404_and_other_methods_405()
    {
        Assert.Equal(404, Route("/hello/extra").Response.Status);
        Assert.Equal(404, Route("/nope", isGet: false).Response.Status);
        Assert.Equal(405, Route("/hello", isGet: false).Response.Status);
    }

    [Fact]
    public void Cpu_digest_matches_an_independent_reference()
    {
        foreach (int rounds in new[] { 0, 1, 2, 1000 })
        {
            Assert.Equal(Bench.Launch.Verification.ReferenceDigest.Compute(rounds), Encoding.ASCII.GetString(Sha256Chain.Compute(rounds)));
        }

        Assert.Equal("62656e6368", Encoding.ASCII.GetString(Sha256Chain.Compute(0))); // zero rounds leave the seed "bench"
    }
}
