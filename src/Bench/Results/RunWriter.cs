namespace Bench.Results;

/// <summary>Writes a run folder's results.json, summary.csv and summary.md, each replaced atomically.</summary>
public sealed class RunWriter(string directory)
{
    public string Directory { get; } = directory;

    public string ResultsPath => Path.Combine(Directory, ResultsJson.FileName);

    public async Task WriteAsync(RunResults results, CancellationToken cancellationToken)
    {
        System.IO.Directory.CreateDirectory(Directory);
        // results.json first: it is the record; the summaries are views of it.
        await AtomicFile.WriteAllTextAsync(ResultsPath, ResultsJson.Serialize(results), cancellationToken);
        await AtomicFile.WriteAllTextAsync(Path.Combine(Directory, SummaryCsv.FileName), SummaryCsv.Write(results), cancellationToken);
        await AtomicFile.WriteAllTextAsync(Path.Combine(Directory, SummaryMarkdown.FileName), SummaryMarkdown.Write(results), cancellationToken);
    }
}
