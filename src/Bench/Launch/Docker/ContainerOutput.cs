using Docker.DotNet;

namespace Bench.Launch.Docker;

/// <summary>
/// Follows a container's log stream (stdout and stderr, demultiplexed) to its end: stdout lines go to a readiness
/// check, the last stderr lines are kept for error messages, as <see cref="TargetProcess"/> does for a process.
/// </summary>
internal sealed class ContainerOutput
{
    private readonly OutputTail _stderr = new();
    private readonly Action<string> _onStdout;

    public ContainerOutput(Action<string> onStdout) => _onStdout = onStdout;

    public string StderrTail => _stderr.ToString();

    /// <summary>Reads until the container's streams end (it exited) or <paramref name="cancellationToken"/> fires.</summary>
    public Task FollowAsync(DockerClient client, string id, CancellationToken cancellationToken) =>
        FollowAsync(
            token => client.Containers.GetContainerLogsAsync(
                id, tty: false, new global::Docker.DotNet.Models.ContainerLogsParameters { Follow = true, ShowStdout = true, ShowStderr = true }, token),
            cancellationToken);

    /// <summary>Reads the multiplexed log stream <paramref name="open"/> gives (a container's, or a swarm service's) until it ends.</summary>
    public async Task FollowAsync(Func<CancellationToken, Task<MultiplexedStream>> open, CancellationToken cancellationToken)
    {
        try
        {
            using var stream = await open(cancellationToken);
            var stdout = new LineSplitter();
            var stderr = new LineSplitter();
            byte[] buffer = new byte[16 * 1024];
            while (true)
            {
                var read = await stream.ReadOutputAsync(buffer, 0, buffer.Length, cancellationToken);
                if (read.EOF)
                {
                    break;
                }

                bool isError = read.Target == MultiplexedStream.TargetStream.StandardError;
                foreach (string line in (isError ? stderr : stdout).Feed(buffer.AsSpan(0, read.Count)))
                {
                    Deliver(line, isError);
                }
            }

            Deliver(stdout.Flush(), isError: false);
            Deliver(stderr.Flush(), isError: true);
        }
        catch (Exception e) when (e is OperationCanceledException or DockerApiException or IOException or HttpRequestException)
        {
            // Stopped following, or the container is gone.
        }
    }

    private void Deliver(string? line, bool isError)
    {
        if (line is null)
        {
            return;
        }

        if (!isError)
        {
            _onStdout(line);
            return;
        }

        _stderr.Add(line);
    }
}
