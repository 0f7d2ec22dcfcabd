using Bench.Configuration;
using Bench.Launch;

namespace Bench.Scenarios;

/// <summary>
/// Loads scenario files and validates them completely before anything starts: YAML syntax, field names,
/// types, ranges, the targets against the catalogue (does it exist, does it serve the request's endpoint), and a
/// placement against this machine (<paramref name="host"/>: its cores, and whether a CPU quota can be set).
/// A file may hold several scenarios as YAML documents separated by <c>---</c>.
/// </summary>
public sealed class ScenarioLoader(TargetCatalog catalog, PlacementHost? host = null)
{
    /// <summary>
    /// Every scenario of every file, or a <see cref="ScenarioException"/> listing every problem of all of them. A
    /// folder stands for its own *.yaml files (not its subfolders'), in name order: <c>scenarios/lessons/</c>.
    /// </summary>
    public IReadOnlyList<Scenario> LoadFiles(IEnumerable<string> paths)
    {
        var scenarios = new List<Scenario>();
        var errors = new List<InputError>();
        foreach (string path in paths.SelectMany(p => Directory.Exists(p) ? FolderFiles(p, errors) : [p]))
        {
            var file = new ErrorList(path);
            var roots = YamlFile.Read(path, file);
            scenarios.AddRange(Read(roots, file));
            errors.AddRange(file.Errors);
        }

        // Results are keyed by scenario name: two with one name would overwrite each other.
        foreach (var duplicate in scenarios.GroupBy(s => s.Name).Where(g => g.Count() > 1))
        {
            var first = duplicate.First();
            errors.AddRange(duplicate.Skip(1).Select(s => new InputError(s.Source, $"name: '{s.Name}' is already the name of the scenario at {first.Source}; names must be unique")));
        }

        return errors.Count > 0 ? throw new ScenarioException(errors) : scenarios;
    }

    public IReadOnlyList<Scenario> LoadFile(string path) => LoadFiles([path]);

    private static string[] FolderFiles(string folder, List<InputError> errors)
    {
        var files = Directory.GetFiles(folder, "*.yaml").Order(StringComparer.Ordinal).ToArray();
        if (files.Length == 0)
        {
            errors.Add(new InputError(new SourceLocation(folder, 1, 1), "a folder of scenarios holds no .yaml file"));
        }

        return files;
    }

    /// <summary>Scenarios from text, as if read from <paramref name="file"/> (which names it in errors).</summary>
    public IReadOnlyList<Scenario> Parse(string text, string file)
    {
        var errors = new ErrorList(file);
        var scenarios = Read(YamlFile.Parse(text, errors), errors);
        return errors.Any ? throw new ScenarioException(errors.Errors) : scenarios;
    }

    private List<Scenario> Read(IReadOnlyList<YamlDotNet.RepresentationModel.YamlNode> roots, ErrorList errors)
    {
        if (roots.Count == 0 && !errors.Any)
        {
            errors.Add(SourceLocation.WholeFile(errors.File), "no scenario in the file; expected a mapping with name, description, targets, request and load");
        }

        var scenarios = new List<Scenario>();
        foreach (var root in roots)
        {
            int before = errors.Errors.Count;
            var scenario = new ScenarioReader(catalog, host ?? PlacementHost.System, errors).Read(root);
            if (scenario is not null && errors.Errors.Count == before)
            {
                scenarios.Add(scenario);
            }
        }

        return scenarios;
    }
}
