using System.Globalization;
using System.Text;
using Bench.Reports.Micro;
using static System.Net.WebUtility;

namespace Bench.Reports.Html;

/// <summary>
/// "Micro benchmarks": the costs scripts/micro.sh measured with BenchmarkDotNet and left in the run folder's
/// micro.json — what one operation is, its time and what it allocates — so the page can set a request's microseconds
/// beside the nanoseconds of one switch.
/// </summary>
internal static class MicroSection
{
    public const string Anchor = "micro";

    public static void Append(StringBuilder html, MicroReading? micro)
    {
        if (micro is null)
        {
            return;
        }

        html.Append($"<section id=\"{Anchor}\">\n<h2>Micro benchmarks</h2>\n");
        if (micro.Results is not { } results)
        {
            html.Append($"<p class=\"problem\">{HtmlEncode(micro.Problem ?? "micro.json could not be read")}</p>\n</section>\n");
            return;
        }

        string date = results.Date.ToString("yyyy-MM-dd HH:mm zzz", CultureInfo.InvariantCulture);
        html.Append($"<p class=\"muted\">Each operation measured alone by BenchmarkDotNet {HtmlEncode(results.BenchmarkDotNetVersion)} ")
            .Append($"({HtmlEncode(results.Job)}) on {HtmlEncode(results.Processor)}, {HtmlEncode(date)}, with <code>scripts/micro.sh</code>: ")
            .Append("not under the run's CPU quota, and not inside a request, where the kernel and the protocol cost microseconds. Error is half the 99.9 % confidence interval.</p>\n")
            .Append("<table class=\"summary micro\">\n<thead><tr><th>benchmark</th><th class=\"notes\">what one op is</th><th>ns/op</th><th>± error ns</th><th>allocated</th></tr></thead>\n<tbody>\n");
        foreach (var benchmark in results.Benchmarks)
        {
            html.Append($"<tr><td>{HtmlEncode(benchmark.Name)}</td><td class=\"notes\">{HtmlEncode(benchmark.Op)}</td>")
                .Append($"<td>{Nanoseconds(benchmark.MeanNs)}</td><td>{(benchmark.ErrorNs is { } error ? Nanoseconds(error) : "–")}</td>")
                .Append($"<td>{(benchmark.AllocatedBytes is { } bytes ? Bytes(bytes) : "–")}</td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n</section>\n");
    }

    /// <summary>Three significant digits or so: 1.63, 27.4, 812, 61,204.</summary>
    internal static string Nanoseconds(double ns) =>
        ns.ToString(ns >= 100 ? "#,0" : ns >= 10 ? "0.#" : "0.##", CultureInfo.InvariantCulture);

    internal static string Bytes(long bytes) => bytes < 1024
        ? bytes.ToString(CultureInfo.InvariantCulture) + " B"
        : (bytes / 1024.0).ToString("0.#", CultureInfo.InvariantCulture) + " KiB";
}
