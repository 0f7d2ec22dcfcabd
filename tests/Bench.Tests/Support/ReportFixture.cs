using Bench.Reports;
using Bench.Results;

namespace Bench.Tests.Support;

/// <summary>A run folder with <see cref="SyntheticRun"/>'s results.json and the report written from it, shared by a test class.</summary>
public sealed class ReportFixture : IAsyncLifetime
{
    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("bench-report-").FullName;

    public RunResults Results { get; private set; } = null!;

    public ReportFiles Files { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Results = await SyntheticRun.WriteAsync(Directory, TestContext.Current.CancellationToken);
        Files = await ReportWriter.WriteAsync(Directory, Results, TestContext.Current.CancellationToken);
    }

    public ValueTask DisposeAsync()
    {
        System.IO.Directory.Delete(Directory, recursive: true);
        return ValueTask.CompletedTask;
    }
}
