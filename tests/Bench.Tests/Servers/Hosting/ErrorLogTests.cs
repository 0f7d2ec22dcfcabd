using Bench.Servers.Hosting;

namespace Bench.Tests.Servers.Hosting;

public sealed class ErrorLogTests
{
    [Fact]
    public void A_flood_of_errors_is_cut_to_the_rate_limit()
    {
        using var writer = new StringWriter();
        var log = new ErrorLog(writer, linesPerSecond: 3);

        for (int i = 0; i < 100; i++)
        {
            log.Write($"error {i}");
        }

        var lines = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["error 0", "error 1", "error 2"], lines);
    }
}
