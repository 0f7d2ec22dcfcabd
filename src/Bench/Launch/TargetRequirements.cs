using System.Diagnostics;

namespace Bench.Launch;

/// <summary>
/// What a catalogue entry needs beyond Bench itself (<c>requires:</c> in targets.yaml): Python modules importable by the
/// entry's interpreter, programs, and the Debian package(s) that provide them. A missing one makes the entry unavailable
/// with one line naming the package, and a run measures the others (as docker targets without an engine).
/// </summary>
public sealed record TargetRequirements(
    string Package, string Python, IReadOnlyList<string> PythonModules, IReadOnlyList<string> Programs)
{
    public static readonly TargetRequirements None = new("", "", [], []);

    private static readonly TimeSpan ImportTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Null when everything needed is there, else one line saying what is missing and which package to install.</summary>
    public string? Missing()
    {
        var missing = Programs.Where(p => FindProgram(p) is null).Select(p => $"no program {p}").ToList();
        if (PythonModules.Count > 0)
        {
            if (FindProgram(Python) is null)
            {
                missing.Add($"no Python interpreter {Python}");
            }
            else
            {
                missing.AddRange(MissingModules().Select(m => $"{Python} has no module {m}"));
            }
        }

        return missing.Count == 0 ? null : $"unavailable: {string.Join(", ", missing)} (install Debian's {Package})";
    }

    /// <summary>The program's path: itself when it has a slash and exists, else the first match on PATH.</summary>
    public static string? FindProgram(string program)
    {
        if (program.Contains('/', StringComparison.Ordinal))
        {
            return File.Exists(program) ? program : null;
        }

        return (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, program))
            .FirstOrDefault(File.Exists);
    }

    /// <summary>Asks the interpreter itself (find_spec, nothing imported), the one that will run the target.</summary>
    private List<string> MissingModules()
    {
        var start = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string arg in (string[])["-c", "import importlib.util, sys; print(*[m for m in sys.argv[1:] if importlib.util.find_spec(m) is None])", .. PythonModules])
        {
            start.ArgumentList.Add(arg);
        }

        try
        {
            using var process = Process.Start(start)!;
            string output = process.StandardOutput.ReadToEnd();
            if (!process.WaitForExit(ImportTimeout))
            {
                process.Kill();
                return [.. PythonModules];
            }

            return process.ExitCode == 0 ? [.. output.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)] : [.. PythonModules];
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return [.. PythonModules];
        }
    }
}
