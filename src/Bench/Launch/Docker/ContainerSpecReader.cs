using Bench.Configuration;

namespace Bench.Launch.Docker;

/// <summary>
/// Reads the docker part of a targets.yaml entry: <c>kind</c>, and for <c>kind: docker</c> its <c>image</c>
/// (<c>copy</c>, <c>libraries</c>), <c>memory</c> and <c>cpus</c>. Problems go to the file's error list with line and column.
/// </summary>
internal static class ContainerSpecReader
{
    public static readonly string[] Fields = ["kind", "image", "memory", "cpus"];

    private static readonly string[] Kinds = ["process", "docker"];
    private static readonly string[] ImageFields = ["copy", "libraries"];

    /// <summary>
    /// The container spec of a docker entry; null for a process entry, and null (reported) when something is wrong —
    /// <paramref name="valid"/> tells the two apart. <paramref name="fill"/> fills placeholders in a text of a key.
    /// </summary>
    public static ContainerSpec? Read(YamlMap target, Func<string, string, string> fill, out bool valid)
    {
        int errorsBefore = target.Errors.Errors.Count;
        var kindNode = target.Get("kind", false, "process or docker");
        string kind = kindNode is null ? "process" : YamlValues.Choice(kindNode, target.PathOf("kind"), Kinds, target.Errors) ?? "";
        if (kind != "docker")
        {
            foreach (string key in Fields.Skip(1).Where(target.Has))
            {
                target.Reject(key, $"nothing: {key} is only for kind: docker");
            }

            valid = target.Errors.Errors.Count == errorsBefore;
            return null;
        }

        var image = ReadImage(target, fill);
        long memory = ContainerSpec.DefaultMemoryBytes;
        if (target.Text("memory", ByteSizeText.Example) is { } memoryText)
        {
            if (!ByteSizeText.TryParse(memoryText, out memory) || memory < ContainerSpec.MinimumMemoryBytes)
            {
                target.Reject("memory", $"{ByteSizeText.Example}, at least {ByteSizeText.Format(ContainerSpec.MinimumMemoryBytes)} (the engine's minimum)");
            }
        }

        CpuSet? cpus = null;
        if (target.Text("cpus", "a CPU list like 0, 1-3 or 0,2") is { } cpuText && !CpuSet.TryParse(cpuText, out cpus))
        {
            target.Reject("cpus", "a CPU list like 0, 1-3 or 0,2 (quote it: \"0\")");
        }

        valid = target.Errors.Errors.Count == errorsBefore;
        return valid && image is not null ? new ContainerSpec(image) { MemoryBytes = memory, Cpus = cpus } : null;
    }

    private static ImageRecipe? ReadImage(YamlMap target, Func<string, string, string> fill)
    {
        const string Expected = "{ copy: [host paths put at the same place in the image], libraries: [libssl.so.3] }";
        if (target.Map("image", Expected, ImageFields, required: true) is not { } image)
        {
            return null;
        }

        var copy = TargetCatalogLoader.ReadTexts(image, "copy", "a list of absolute host paths, like [\"{targets_dir}\", /usr/sbin/nginx]", required: true);
        var libraries = TargetCatalogLoader.ReadTexts(image, "libraries", "a list of library names loaded at run time, like [libssl.so.3]", required: false) ?? [];
        if (copy is null)
        {
            return null;
        }

        var paths = copy.Select(p => fill(p, "image")).ToList();
        bool valid = true;
        // A path still holding "{" had an unknown placeholder, reported already.
        if (paths.FirstOrDefault(p => !Path.IsPathRooted(p) && !p.Contains('{', StringComparison.Ordinal)) is { } relative)
        {
            image.Reject("copy", $"absolute paths (not '{relative}')");
            valid = false;
        }

        if (libraries.FirstOrDefault(l => l.Contains('/', StringComparison.Ordinal)) is { } path)
        {
            image.Reject("libraries", $"library names as ldconfig -p lists them, like libssl.so.3 (not the path '{path}'); put paths in copy");
            valid = false;
        }

        if (!valid)
        {
            return null;
        }

        return new ImageRecipe(paths, libraries);
    }
}
