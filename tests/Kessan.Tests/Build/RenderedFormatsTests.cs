using AngleSharp.Html.Parser;
using Kessan.Render;
using Markdig;
using Markdig.Extensions.Tables;
using Markdig.Syntax;

namespace Kessan.Tests.Build;

/// <summary>The Markdown and HTML outputs read back, with real parsers, as the same tables as the text output.</summary>
public class RenderedFormatsTests
{
    private static readonly global::Kessan.Build.RenderedTable[] Tables = [.. ExampleRelease.Output.Document!.Tables];

    [Fact]
    public void Markdown_parses_into_every_table_with_every_row()
    {
        var markdown = MarkdownRenderer.Render(ExampleRelease.Output.Document!);
        var document = Markdown.Parse(markdown, new MarkdownPipelineBuilder().UseAdvancedExtensions().Build());
        var tables = document.Descendants<Table>().ToList();
        tables.Count.ShouldBe(Tables.Length);
        for (var i = 0; i < tables.Count; i++)
        {
            var bodyRows = tables[i].Count - 1; // the first row is the header
            bodyRows.ShouldBe(Tables[i].Rows.Count + Math.Max(0, Tables[i].Header.Count - 1), Tables[i].Id);
        }
    }

    [Fact]
    public void Html_is_one_self_contained_page_whose_cells_are_the_text_outputs()
    {
        var html = HtmlRenderer.Render(ExampleRelease.Output.Document!);
        var page = new HtmlParser().ParseDocument(html);
        page.QuerySelectorAll("script, link, img").ShouldBeEmpty("the page needs no other file");
        page.QuerySelector("style").ShouldNotBeNull();
        var tables = page.QuerySelectorAll("table");
        tables.Length.ShouldBe(Tables.Length);
        for (var i = 0; i < Tables.Length; i++)
        {
            var rows = tables[i].QuerySelectorAll("tbody tr");
            rows.Length.ShouldBe(Tables[i].Rows.Count);
            for (var r = 0; r < rows.Length; r++)
            {
                var cells = rows[r].QuerySelectorAll("td").Select(td => td.TextContent).ToList();
                cells[0].ShouldBe(Tables[i].Rows[r].Label);
                cells.Skip(1).ShouldBe(Tables[i].Rows[r].Cells.Select(c => c.Text));
            }
        }

        page.QuerySelectorAll("td[data-rounding=adjusted]").Length.ShouldBe(Tables.SelectMany(t => t.Rows).SelectMany(r => r.Cells).Count(c => c.Adjusted));
        page.QuerySelectorAll("section.text p, section.text li").Length.ShouldBeGreaterThan(25);
    }
}
