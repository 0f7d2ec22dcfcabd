using System.Diagnostics;
using Bench.Tests.Support;

namespace Bench.Tests.Scripts;

/// <summary>scripts/micro.sh's arguments: anything but [out-folder] [filter] is a usage line and exit 2, before any build or run.</summary>
public sealed class MicroScriptTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("bench-micro-sh-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("--help")]
    [InlineData("{dir}/out", "*", "extra")]
    public async Task Given_arguments_it_does_not_take_When_run_Then_usage_and_exit_code_two_and_nothing_written(params string[] args)
    {
        var info = new ProcessStartInfo(RepositoryFiles.PathOf("scripts", "micro.sh")) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string arg in args)
        {
            info.ArgumentList.Add(arg.Replace("{dir}", _dir, StringComparison.Ordinal));
        }

        using var script = Process.Start(info)!;
        var stdout = script.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        string stderr = await script.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await script.WaitForExitAsync(TestContext.Current.CancellationToken);

        Assert.Equal(2, script.ExitCode);
        Assert.Equal("usage: scripts/micro.sh [out-folder] [filter]", stderr.TrimEnd());
        Assert.Empty(await stdout);
        Assert.Empty(Directory.GetFileSystemEntries(_dir));
    }
}
