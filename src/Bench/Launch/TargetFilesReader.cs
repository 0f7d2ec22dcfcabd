using Bench.Configuration;
using YamlDotNet.RepresentationModel;

namespace Bench.Launch;

/// <summary>
/// Reads an entry's <c>files: { nginx.conf: "{repo}/targets/nginx/nginx.conf" }</c>: each a file name in the target's
/// own folder and the template it is rendered from. The template is read here, so a missing one or an unknown
/// placeholder in it is reported before anything starts, with the template's own file:line:column.
/// </summary>
internal static class TargetFilesReader
{
    private const string Expected = "a mapping of file names to templates, like { nginx.conf: \"{repo}/targets/nginx/nginx.conf\" }";

    /// <summary>Empty when absent; null (reported) when wrong.</summary>
    public static IReadOnlyList<TargetFile>? Read(YamlMap target, Func<string, string, string> fill, IReadOnlyDictionary<string, string> placeholders)
    {
        if (target.Get("files", false, Expected) is not { } node)
        {
            return [];
        }

        var errors = target.Errors;
        if (node is not YamlMappingNode { Children.Count: > 0 } mapping)
        {
            target.Reject("files", Expected);
            return null;
        }

        int errorsBefore = errors.Errors.Count;
        var files = new List<TargetFile>();
        foreach (var (key, value) in mapping.Children)
        {
            string? name = YamlValues.Text(key, target.PathOf("files"), "a file name", errors);
            string? path = YamlValues.Text(value, $"{target.PathOf("files")}.{name}", "the path of a template file", errors);
            if (name is null || path is null)
            {
                continue;
            }

            if (name.Length == 0 || name.Contains('/', StringComparison.Ordinal) || name is "." or "..")
            {
                errors.Add(key, $"{target.PathOf("files")}: a plain file name written into the target's folder, like nginx.conf (not '{name}')");
                continue;
            }

            string template = fill(path, "files");
            if (!File.Exists(template))
            {
                errors.Add(value, $"{target.PathOf("files")}.{name}: no template at {template}");
                continue;
            }

            files.Add(new TargetFile(name, Render(template, placeholders, errors), SourceLocation.WholeFile(template)));
        }

        return errors.Errors.Count == errorsBefore ? files : null;
    }

    /// <summary>Fills the load-time placeholders; the launch ones stay, anything else is an error at the template's line.</summary>
    private static string Render(string template, IReadOnlyDictionary<string, string> placeholders, ErrorList errors)
    {
        var lines = File.ReadAllLines(template);
        for (int i = 0; i < lines.Length; i++)
        {
            int line = i + 1;
            lines[i] = TargetCatalogLoader.FillLoadTime(lines[i], placeholders, (column, unknown, known) =>
                errors.Add(new SourceLocation(template, line, column), $"unknown placeholder {unknown}; a template may use {known}"));
        }

        return string.Join('\n', lines) + "\n";
    }
}
