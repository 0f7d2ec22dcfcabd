using Bench.Results;

namespace Bench.Cli;

/// <summary>Reads the results.json of a run folder (or the file itself) named on the command line; a bad one is an input error.</summary>
public static class RunResultsInput
{
    public static async Task<RunResults?> TryReadAsync(string runDirectoryOrFile, string command, TextWriter stderr, CancellationToken cancellationToken)
    {
        string path = Directory.Exists(runDirectoryOrFile) ? Path.Combine(runDirectoryOrFile, ResultsJson.FileName) : runDirectoryOrFile;
        try
        {
            return await ResultsJson.ReadAsync(path, cancellationToken);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            await stderr.WriteLineAsync($"bench {command}: no {ResultsJson.FileName} at {path}; expected a run folder written by bench run");
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            await stderr.WriteLineAsync($"bench {command}: {e.Message}");
        }

        return null;
    }
}
