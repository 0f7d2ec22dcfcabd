using Bench.Configuration;
using Bench.Gates.Syntax;
using Bench.Results;

namespace Bench.Sdk.Running;

/// <summary>
/// A scenario's thresholds as gates of results.json: the short form ("p99 &lt; 50ms") gets the scenario's selector
/// (<c>&lt;scenario&gt;@*</c>), each is parsed by Bench's gate parser up front (same errors, at the file:line of its
/// <see cref="Threshold.Create"/>), and regression gates — which need a baseline — are checked against
/// <c>--baseline</c> after the run, as <c>bench gate</c> does.
/// </summary>
internal static class Thresholds
{
    public static IReadOnlyList<GateDefinition> Of(string scenario, IReadOnlyList<Threshold> thresholds, List<InputError> errors)
    {
        var gates = new List<GateDefinition>();
        foreach (var threshold in thresholds)
        {
            string written = threshold.Expression.Trim();
            string first = written.Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "";
            string expression = first.Contains('@', StringComparison.Ordinal) || written.Length == 0 ? written : $"{scenario}@* {written}";
            var source = new SourceLocation(threshold.File.Length > 0 ? threshold.File : "threshold", Math.Max(1, threshold.Line), 1);
            if (!GateParser.TryParse(expression, out _, out var error))
            {
                errors.Add(new InputError(source, $"threshold '{threshold.Expression}': {error.Message}"));
                continue;
            }

            gates.Add(new GateDefinition(expression, source.ToString()));
        }

        return gates;
    }
}
