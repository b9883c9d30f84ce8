using Kessan.Build;
using Kessan.Publish;
using Kessan.Render;
using Kessan.Tests.Build;

namespace Kessan.Tests.Publish;

/// <summary>The whole release, masthead to notice, from the example's document.yaml and authored passages.</summary>
public class WholeDocumentTests
{
    private static readonly ReleaseFrame Frame = ReleaseFrameLoader.Load(ExampleRelease.Output.Definition!).Value!;

    private static string Text => TextRenderer.Render(ExampleRelease.Output.Document!, Frame);

    [Fact]
    public void Release_txt_holds_the_whole_document_in_the_reference_release_order()
    {
        var text = Text;
        string[] order =
        [
            "For Immediate Release", "Akari Sato / Hiroaki Tsuno", "IIJ Announces First Quarter 2003 Results",
            "IIJ Maintains 2003 Annual Revenue Growth Expectations", "Tokyo, August 13, 2003 / New York, August 12, 2003",
            "First Quarter 2003 Highlights¹", "Adjusted EBITDA² was", "¹ Unless otherwise stated", "² Please refer to the Reconciliation of Non-GAAP Financial Measures",
            "Overview of 1st Quarter FY2003 Financial Results and Business Outlook³", "said Koichi Suzuki", "³ This Overview and Business Outlook",
            "Table 1. Revenues", "Table 10. CAPEX", "1st Quarter Business Review", "Company Information",
            "Statements made in this press release", "Tables to follow", "CONSOLIDATED STATEMENTS OF OPERATIONS", "CONDENSED CONSOLIDATED STATEMENTS OF CASH FLOWS",
        ];
        var at = order.Select(s => text.IndexOf(s, StringComparison.Ordinal)).ToList();
        at.ShouldAllBe(i => i >= 0);
        at.ShouldBeInOrder(SortDirection.Ascending);
    }

    [Fact]
    public void Release_txt_carries_no_markdown_escapes_or_link_syntax()
    {
        var text = Text;
        text.ShouldNotContain("\\$");
        text.ShouldContain("($ 69.6 million)");
        text.ShouldNotContain("](#");
        text.ShouldNotContain("**");
    }

    [Fact]
    public void Authored_passages_quote_figures_through_the_narrative_expressions()
    {
        Text.ShouldContain("IIJ’s revenues in 1Q03 declined by 36.0% from 4Q02.");
    }

    [Fact]
    public void Every_marker_has_its_note_and_every_link_resolves_in_the_example()
    {
        ReleaseFrameLoader.Check(ExampleRelease.Output.Document!, Frame).ShouldBeEmpty();
        var html = HtmlRenderer.Render(ExampleRelease.Output.Document!, new HtmlOptions(ExampleRelease.Output.Definition, Frame: Frame));
        html.ShouldContain("<a href=\"#reconciliation-ebitda\">Reconciliation of Non-GAAP Financial Measures</a>");
        html.ShouldContain("id=\"reconciliation-ebitda\"");
        html.ShouldContain("<p class=\"dateline\">");
        html.ShouldContain("counter(pages)");
    }

    private static ReleaseDocument Document(params object[] blocks) => new(
        "Example Co.",
        blocks.OfType<RenderedTable>().ToList(),
        [],
        blocks.OfType<RenderedText>().ToList(),
        blocks.Select(b => b is RenderedTable t ? t.Id : ((RenderedText)b).Id).ToList());

    [Fact]
    public void A_marker_without_a_note_is_a_problem()
    {
        var document = Document(new RenderedText("highlights", ["Adjusted EBITDA² was negative."]));
        var problem = ReleaseFrameLoader.Check(document, ReleaseFrame.Empty).Single();
        problem.Code.ShouldBe("publish.missing-note");
        problem.Message.ShouldContain("²");
    }

    [Fact]
    public void A_note_without_a_marker_is_a_problem()
    {
        var document = Document(new RenderedText("highlights", ["Revenues grew."]));
        var frame = ReleaseFrame.Empty with { Footnotes = [new Footnote("⁴", "An orphan note.")] };
        ReleaseFrameLoader.Check(document, frame).Single().Message.ShouldContain("not marked anywhere");
    }

    [Fact]
    public void A_table_marker_needs_the_tables_own_numbered_note()
    {
        var table = new RenderedTable("balance-sheet", ["BALANCE SHEETS ⁽¹⁾"], [], [], [], 0);
        ReleaseFrameLoader.Check(Document(table), ReleaseFrame.Empty).Single().Code.ShouldBe(PublishCodesCore.MissingNote);
        ReleaseFrameLoader.Check(Document(table with { Notes = ["Note (1): Translated at the quarter-end rate."] }), ReleaseFrame.Empty).ShouldBeEmpty();
    }

    [Fact]
    public void A_link_to_no_table_or_passage_is_a_problem()
    {
        var document = Document(new RenderedText("highlights", ["See the [reconciliation](#nowhere)."]));
        var problem = ReleaseFrameLoader.Check(document, ReleaseFrame.Empty).Single();
        problem.Code.ShouldBe("publish.unresolved-reference");
        problem.Message.ShouldContain("'#nowhere'");
    }
}
