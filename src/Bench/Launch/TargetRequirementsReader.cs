using Bench.Configuration;

namespace Bench.Launch;

/// <summary>
/// Reads an entry's <c>requires: { python: [uvloop], programs: [gunicorn], package: python3-uvloop }</c>; problems go to
/// the file's error list with line and column (docs/targets.md, "What an entry needs").
/// </summary>
internal static class TargetRequirementsReader
{
    private const string Expected = "{ python: [modules], programs: [names], package: <Debian package(s)> }";
    private static readonly string[] Fields = ["python", "programs", "package"];

    /// <summary><see cref="TargetRequirements.None"/> when absent; null (reported) when wrong.</summary>
    public static TargetRequirements? Read(YamlMap target, IReadOnlyDictionary<string, string> placeholders)
    {
        if (target.Get("requires", false, Expected) is null)
        {
            return TargetRequirements.None;
        }

        if (target.Map("requires", Expected, Fields) is not { } map)
        {
            return null;
        }

        int errorsBefore = map.Errors.Errors.Count;
        var modules = TargetCatalogLoader.ReadTexts(map, "python", "a list of Python module names, like [uvloop]", required: false) ?? [];
        var programs = TargetCatalogLoader.ReadTexts(map, "programs", "a list of program names or absolute paths, like [gunicorn]", required: false) ?? [];
        string? package = map.Text("package", "the Debian package(s) that provide them, like python3-uvloop", required: true);
        if (modules.FirstOrDefault(m => !IsModuleName(m)) is { } badModule)
        {
            map.Reject("python", $"Python module names like uvloop or a.b (not '{badModule}')");
        }

        if (modules.Count == 0 && programs.Count == 0 && map.Errors.Errors.Count == errorsBefore)
        {
            map.Errors.Add(map.Location, $"{map.Path}: expected python or programs (or both), like {Expected}");
        }

        if (map.Errors.Errors.Count != errorsBefore || package is null)
        {
            return null;
        }

        string python = placeholders.TryGetValue(TargetCatalogLoader.PythonPlaceholder, out string? p) ? p : TargetCatalogLoader.DefaultPython();
        return new TargetRequirements(package, python, modules, programs);
    }

    private static bool IsModuleName(string name) =>
        name.Split('.').All(part => part.Length > 0 && !char.IsAsciiDigit(part[0]) && part.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'));
}
