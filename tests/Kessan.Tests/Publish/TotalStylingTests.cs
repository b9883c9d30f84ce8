using AngleSharp.Html.Parser;
using Kessan.Render;
using Kessan.Tests.Build;

namespace Kessan.Tests.Publish;

/// <summary>Totals and subtotals are styled by their role in the calculations, not by their label.</summary>
public class TotalStylingTests
{
    private static readonly AngleSharp.Html.Dom.IHtmlDocument Page =
        new HtmlParser().ParseDocument(HtmlRenderer.Render(ExampleRelease.Output.Document!, ExampleRelease.Output.Definition!));

    private static bool IsTotal(string label)
    {
        var rows = Page.QuerySelectorAll("tr").Where(r => r.QuerySelector("td")?.TextContent == label).ToList();
        rows.ShouldNotBeEmpty(label);
        return rows.All(r => r.ClassList.Contains("total"));
    }

    [Fact]
    public void A_line_item_whose_label_starts_with_net_is_not_a_total()
    {
        IsTotal("Net increase in short-term borrowings").ShouldBeFalse();
        IsTotal("Accounts receivable, net").ShouldBeFalse();
    }

    [Fact]
    public void A_sum_is_a_total_whatever_its_label()
    {
        IsTotal("Total revenues").ShouldBeTrue();
        IsTotal("Net cash provided by operating activities").ShouldBeTrue();
        IsTotal("Loss before income tax expense(benefit)").ShouldBeTrue();
    }
}
