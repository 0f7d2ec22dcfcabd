namespace Bench.Servers.Hosting;

/// <summary>Command-line settings of a target process.</summary>
public sealed record ServerOptions(string Model, int Port, int Workers, TimeSpan HeaderTimeout)
{
    public const int DefaultWorkers = 16;

    public static readonly TimeSpan DefaultHeaderTimeout = TimeSpan.FromSeconds(10);
}
