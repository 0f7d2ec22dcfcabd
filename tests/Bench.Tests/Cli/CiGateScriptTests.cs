using System.Diagnostics;
using Bench.Tests.Support;

namespace Bench.Tests.Cli;

/// <summary>scripts/ci-gate.sh runs `bench run … --gate` with the reports in the run folder and passes bench's exit code through.</summary>
public sealed class CiGateScriptTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("bench-ci-gate-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>Runs the script with a stand-in for bench that records its arguments and exits with <paramref name="exitCode"/>.</summary>
    private async Task<(int ExitCode, string Arguments, string Stdout)> RunAsync(int exitCode, params string[] args)
    {
        string stub = Path.Combine(_dir, "bench");
        string recorded = Path.Combine(_dir, "args");
        await File.WriteAllTextAsync(stub, $"#!/usr/bin/env bash\necho \"$* COLUMNS=$COLUMNS\" > '{recorded}'\nexit {exitCode}\n", TestContext.Current.CancellationToken);
        File.SetUnixFileMode(stub, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var info = new ProcessStartInfo(RepositoryFiles.PathOf("scripts", "ci-gate.sh")) { RedirectStandardOutput = true, UseShellExecute = false };
        info.Environment["BENCH"] = stub;
        info.Environment["BENCH_OUT"] = Path.Combine(_dir, "out");
        info.Environment.Remove("COLUMNS");
        info.Environment.Remove("BENCH_BASELINES");
        foreach (string arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var script = Process.Start(info)!;
        string stdout = await script.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        await script.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (script.ExitCode, (await File.ReadAllTextAsync(recorded, TestContext.Current.CancellationToken)).Trim(), stdout);
    }

    [Theory]
    [InlineData(0, "every gate passed")]
    [InlineData(1, "a gate failed")]
    [InlineData(2, "bad input")]
    [InlineData(3, "the run is invalid for gating")]
    public async Task Bench_s_exit_code_is_the_script_s_exit_code(int exitCode, string said)
    {
        var (code, _, stdout) = await RunAsync(exitCode);

        Assert.Equal(exitCode, code);
        Assert.Contains($"ci-gate: {said}", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task It_runs_the_ci_scenario_by_default_with_gates_baselines_and_reports_in_the_run_folder()
    {
        string @out = Path.Combine(_dir, "out");

        var (_, defaults, _) = await RunAsync(0);
        var (_, given, _) = await RunAsync(0, "scenarios/io-bound.yaml", "scenarios/default.yaml");

        Assert.Equal($"run scenarios/ci-gate.yaml --out {@out} --gate --baseline results/baselines --junit {@out}/gates.junit.xml --markdown {@out}/gates.md COLUMNS=160", defaults);
        Assert.StartsWith("run scenarios/io-bound.yaml scenarios/default.yaml --out ", given, StringComparison.Ordinal);
    }
}
