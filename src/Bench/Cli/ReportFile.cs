namespace Bench.Cli;

/// <summary>Writes a report a command was asked for (--junit, --markdown, --csv), creating its folder; CI often names one not made yet.</summary>
public static class ReportFile
{
    public static async Task WriteAsync(string path, string content, CancellationToken cancellationToken)
    {
        if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } folder)
        {
            Directory.CreateDirectory(folder);
        }

        await File.WriteAllTextAsync(path, content, cancellationToken);
    }
}
