namespace Bench.Reports.Micro;

/// <summary>
/// micro.json: Bench's own summary of a BenchmarkDotNet run of benchmarks/Bench.Micro (scripts/micro.sh writes it),
/// one entry per benchmark with what one operation is and its cost. A run folder holding one shows it in its report,
/// and a lesson can cite a cost from it: <c>MicroResults.TryRead(runDirectory)?.Find("SuspendResume.Awaits")?.MeanNs</c>.
/// </summary>
public sealed record MicroResults(
    int SchemaVersion,
    string BenchmarkDotNetVersion,
    DateTimeOffset Date,
    string Job,
    string Processor,
    IReadOnlyList<MicroBenchmark> Benchmarks)
{
    public const int CurrentSchemaVersion = 1;
    public const string FileName = "micro.json";

    /// <summary>
    /// &lt;runDirectory&gt;/micro.json, or null when the folder has none. A file that is not a micro.json of this version
    /// throws <see cref="InvalidDataException"/> with one line, <c>file:line:column: message</c> where JSON says where.
    /// </summary>
    public static MicroResults? TryRead(string runDirectory)
    {
        string path = Path.Combine(runDirectory, FileName);
        return File.Exists(path) ? MicroJson.Deserialize(File.ReadAllText(path), path) : null;
    }

    /// <summary>The benchmark named "Class.Method" (as micro.json names it), or null.</summary>
    public MicroBenchmark? Find(string name) => Benchmarks.FirstOrDefault(b => string.Equals(b.Name, name, StringComparison.Ordinal));
}
