using ScottPlot;

namespace Bench.Reports.Charts;

/// <summary>
/// A chart ready to save: <see cref="Slug"/> names its files (&lt;scenario&gt;-&lt;slug&gt;.png|svg), <see cref="Caption"/> says
/// what to look at. Owns its <see cref="Plot"/>.
/// </summary>
public sealed class Chart(string slug, string title, string caption, Plot plot) : IDisposable
{
    public string Slug { get; } = slug;

    public string Title { get; } = title;

    public string Caption { get; } = caption;

    public Plot Plot { get; } = plot;

    public void Dispose() => Plot.Dispose();
}
