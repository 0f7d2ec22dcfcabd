using System.Text;
using Bench.Results;
using static System.Net.WebUtility;

namespace Bench.Reports.Html;

/// <summary>
/// For targets that are a proxy in front of replicas: one row per target × level with the CPU per request of the whole
/// topology, of the proxy and of the replicas together, and the proxy's share — what the hop costs beside the work
/// (median over the counted repeats), and, when a cache in front said what it did (X-Cache-Status), its hits, misses and
/// other answers over the counted repeats. Nothing when no level of the scenario has components.
/// </summary>
internal static class ComponentsTable
{
    public static void Append(StringBuilder html, ScenarioView view, TargetPalette palette)
    {
        var rows = view.Targets.SelectMany(t => view.Row(t)).Where(c => c.Counted.Any(r => r.Components is { Count: > 0 })).ToArray();
        if (rows.Length == 0)
        {
            return;
        }

        bool cached = rows.Any(c => c.Counted.Any(r => r.Cache is not null));
        html.Append("<h3>Components</h3>\n<p class=\"note\">A proxy in front of replicas: CPU milliseconds per successful response of the whole topology, of the proxy alone, and of all replicas together (each component sampled apart over the same window; the median over the repeats).</p>\n")
            .Append("<table class=\"summary components\">\n<thead><tr><th>target</th><th>").Append(view.IsClosed ? "connections" : "offered req/s")
            .Append("</th><th>replicas</th><th title=\"CPU of every component per successful response\">total CPU ms/request</th><th>proxy CPU ms/request</th><th>replicas CPU ms/request</th><th>proxy share</th><th>proxy peak RSS MiB</th>")
            .Append(cached ? "<th title=\"responses by X-Cache-Status over the counted repeats\">cache hits / misses / other</th>" : "").Append("</tr></thead>\n<tbody>\n");
        foreach (var cell in rows)
        {
            var counted = cell.Counted.Where(r => r.Components is { Count: > 0 }).ToArray();
            double? total = Median(counted, r => r.Resources.CpuMsPerRequest);
            double? proxy = Median(counted, r => Proxy(r)?.Resources.CpuMsPerRequest);
            double? replicas = Median(counted, r => Sum(r.Components!.Where(c => c != Proxy(r)).Select(c => c.Resources.CpuMsPerRequest)));
            double? rss = Median(counted, r => Proxy(r)?.Resources.PeakRssBytes / 1048576.0);
            int count = counted[0].Components!.Count - 1;
            html.Append($"<tr><td><span class=\"swatch\" style=\"background:{palette.HexOf(cell.Target)}\"></span>{HtmlEncode(cell.Target)}</td>")
                .Append($"<td>{Format.Number(cell.Level)}</td><td>{count}</td><td>{Optional(total, "0.###")}</td><td>{Optional(proxy, "0.###")}</td>")
                .Append($"<td>{Optional(replicas, "0.###")}</td><td>{(proxy is { } p && total is { } t && t > 0 ? Format.Percent(p / t) : "–")}</td><td>{Optional(rss, "0.#")}</td>")
                .Append(cached ? $"<td>{Cache(counted)}</td>" : "").Append("</tr>\n");
        }

        html.Append("</tbody>\n</table>\n");
    }

    private static string Cache(IReadOnlyList<LevelResult> levels)
    {
        var records = levels.Select(r => r.Cache).OfType<CacheResult>().ToArray();
        if (records.Length == 0)
        {
            return "–";
        }

        long hits = records.Sum(c => c.Hits), misses = records.Sum(c => c.Misses), other = records.Sum(c => c.Other);
        return $"{Format.Number(hits)} / {Format.Number(misses)} / {Format.Number(other)} ({Format.Percent((double)hits / Math.Max(1, hits + misses + other))} hits)";
    }

    private static ComponentResult? Proxy(LevelResult level) => level.Components?.FirstOrDefault(c => c.Name == Launch.Sampling.ComponentUsage.ProxyName);

    private static double? Sum(IEnumerable<double?> values)
    {
        var list = values.ToArray();
        return list.Any(v => v is null) ? null : list.Sum(v => v!.Value);
    }

    private static double? Median(IReadOnlyList<LevelResult> levels, Func<LevelResult, double?> value) => Results.Repeats.Median(levels, value);

    private static string Optional(double? value, string format) => value is { } v ? Format.Fixed(v, format) : "–";
}
