namespace Bench.Reports.Micro;

/// <summary>
/// What a run folder's micro.json gave the report: its results, or the one-line problem that kept them out (so
/// <c>bench run</c> still writes its report, and the page says what is wrong with the file).
/// </summary>
public sealed record MicroReading(MicroResults? Results, string? Problem)
{
    /// <summary>null when the folder has no micro.json.</summary>
    public static MicroReading? Of(string runDirectory)
    {
        try
        {
            return MicroResults.TryRead(runDirectory) is { } results ? new MicroReading(results, null) : null;
        }
        catch (InvalidDataException e)
        {
            return new MicroReading(null, e.Message);
        }
    }
}
