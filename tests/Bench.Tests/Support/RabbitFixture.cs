using Bench.Launch;
using Bench.Launch.Docker;

namespace Bench.Tests.Support;

/// <summary>
/// One launcher for a test class whose targets need RabbitMQ: the broker and its RPC worker start once, with the first
/// target (a broker takes seconds to boot), are shared by every test of the class, and stop when the class is done.
/// </summary>
public sealed class RabbitFixture : IAsyncDisposable
{
    public TargetLauncher Launcher { get; } = new(new DockerTargets(dockerHost: null));

    public ValueTask DisposeAsync() => Launcher.DisposeAsync();
}
