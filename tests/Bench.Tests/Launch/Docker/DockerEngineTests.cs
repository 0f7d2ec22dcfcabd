using Bench.Launch.Docker;
using Bench.Tests.Support;

namespace Bench.Tests.Launch.Docker;

public sealed class DockerEngineTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_unreachable_engine_is_one_clear_error_naming_where_and_how_to_start_one()
    {
        string socket = $"unix:///tmp/bench-no-engine-{Guid.NewGuid():N}.sock";

        var error = await Assert.ThrowsAsync<DockerUnavailableException>(() => DockerEngine.ConnectAsync(socket, TimeSpan.FromSeconds(2), Ct));

        Assert.Equal(socket, error.Endpoint);
        Assert.StartsWith($"Docker engine not reachable at {socket} (", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("; scripts/setup.sh docker starts one", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Theory]
    [InlineData(null, DockerEngine.DefaultEndpoint)]
    [InlineData("", DockerEngine.DefaultEndpoint)]
    [InlineData(" unix:///run/other.sock ", "unix:///run/other.sock")]
    public void The_engine_is_docker_host_else_the_default_socket(string? dockerHost, string endpoint) =>
        Assert.Equal(endpoint, DockerEngine.EndpointFor(dockerHost));

    [Fact]
    public async Task A_running_engine_answers_with_its_version()
    {
        using var engine = await DockerSupport.EngineAsync();

        Assert.Matches(@"^\d+\.\d+", engine.Version);
    }
}
