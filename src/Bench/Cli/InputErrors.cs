using Bench.Configuration;

namespace Bench.Cli;

/// <summary>Prints a bad input file's problems as <c>file:line:column: message</c> lines (editors jump to them); exit code 2.</summary>
public static class InputErrors
{
    public static async Task<int> ReportAsync(InputException error, TextWriter stderr)
    {
        foreach (var line in error.Errors)
        {
            await stderr.WriteLineAsync(line.ToString());
        }

        return ExitCodes.UsageError;
    }

    /// <summary>Runs <paramref name="load"/>; on bad input prints its errors and returns null.</summary>
    public static async Task<T?> TryLoadAsync<T>(Func<T> load, TextWriter stderr)
        where T : class
    {
        try
        {
            return load();
        }
        catch (InputException e)
        {
            await ReportAsync(e, stderr);
            return null;
        }
    }
}
