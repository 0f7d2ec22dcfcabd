using System.Net;
using System.Text.RegularExpressions;

namespace Bench.Reports.Html;

/// <summary>
/// Makes a standalone SVG document fit to sit inside HTML beside others: no XML declaration, a viewBox so CSS can
/// scale it, a label for screen readers, and ids made unique — every chart's clip paths are called cl_1, cl_2…, and
/// in one page a url(#cl_1) would otherwise clip with the first chart's rectangle.
/// </summary>
public static partial class SvgInline
{
    /// <summary>
    /// Renames every id to &lt;prefix&gt;-1, -2… in order of appearance, and every reference with it. Skia numbers
    /// clip paths with a process-wide counter, so without this the same chart differs from one run to the next.
    /// </summary>
    public static string RenumberIds(string svg, string prefix)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        string renamed = Ids().Replace(svg, m => $"id=\"{names[m.Groups[2].Value] = $"{prefix}-{names.Count + 1}"}\"");
        return References().Replace(renamed, m => names.TryGetValue(m.Groups[2].Value, out string? name) ? $"{m.Groups[1].Value}#{name}{m.Groups[3].Value}" : m.Value);
    }

    public static string Prepare(string svg, string idPrefix, string title)
    {
        string body = RenumberIds(XmlDeclaration().Replace(svg, "").Trim(), idPrefix);
        return SvgOpening().Replace(body, m =>
        {
            string attributes = m.Groups[1].Value;
            string viewBox = Size().Match(attributes) is { Success: true } size ? $" viewBox=\"0 0 {size.Groups[1].Value} {size.Groups[2].Value}\"" : "";
            return $"<svg{attributes}{viewBox} role=\"img\" aria-label=\"{WebUtility.HtmlEncode(title)}\">";
        }, 1);
    }

    [GeneratedRegex(@"<\?xml[^>]*\?>")]
    private static partial Regex XmlDeclaration();

    [GeneratedRegex(@"\b(id)=""([^""]+)""")]
    private static partial Regex Ids();

    [GeneratedRegex(@"(url\(|href="")#([^)""]+)(\)|"")")]
    private static partial Regex References();

    [GeneratedRegex(@"<svg\b([^>]*)>")]
    private static partial Regex SvgOpening();

    [GeneratedRegex(@"\bwidth=""([\d.]+)""\s+height=""([\d.]+)""")]
    private static partial Regex Size();
}
