using Bench.Reports.Html;

namespace Bench.Tests.Reports.Html;

public sealed class SvgInlineTests
{
    private const string Skia = """
        <?xml version="1.0" encoding="utf-8" ?>
        <svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="960" height="540">
        <clipPath id="cl_6e"><rect width="5" height="5"/></clipPath>
        <g clip-path="url(#cl_6e)"><use xlink:href="#cl_6e"/></g>
        <clipPath id="cl_70"><rect width="5" height="5"/></clipPath>
        <g clip-path="url(#cl_70)"/>
        </svg>
        """;

    [Fact]
    public void Ids_are_renumbered_in_order_so_the_same_chart_writes_the_same_file()
    {
        string svg = SvgInline.RenumberIds(Skia, "latency");

        Assert.Contains("<clipPath id=\"latency-1\">", svg, StringComparison.Ordinal);
        Assert.Contains("<g clip-path=\"url(#latency-1)\"><use xlink:href=\"#latency-1\"/></g>", svg, StringComparison.Ordinal);
        Assert.Contains("<g clip-path=\"url(#latency-2)\"/>", svg, StringComparison.Ordinal);
        Assert.DoesNotContain("cl_", svg, StringComparison.Ordinal);
    }

    [Fact]
    public void Inlined_it_has_no_xml_declaration_a_view_box_to_scale_and_a_label()
    {
        string svg = SvgInline.Prepare(Skia, "io-latency", "Latency <p50> & p99");

        Assert.StartsWith("<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" width=\"960\" height=\"540\" viewBox=\"0 0 960 540\" role=\"img\" aria-label=\"Latency &lt;p50&gt; &amp; p99\">", svg, StringComparison.Ordinal);
        Assert.Contains("url(#io-latency-2)", svg, StringComparison.Ordinal);
    }
}
