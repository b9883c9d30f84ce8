using Kessan.Diagnostics;
using Kessan.Render;

namespace Kessan.Tests.Build;

public class GoldenReleaseTests
{
    [Fact]
    public void The_example_builds_without_errors_or_warnings()
    {
        var output = ExampleRelease.Output;
        output.Diagnostics.Where(d => d.Severity != Severity.Info).ShouldBeEmpty();
        output.Document.ShouldNotBeNull();
        output.Document.Tables.Count.ShouldBe(13);
    }

    [Fact]
    public void Release_txt_matches_its_golden_file() =>
        Repo.MatchesGolden(ExampleRelease.Text, Repo.Golden("iij-2003q1/release.txt"));

    [Fact]
    public void Release_md_matches_its_golden_file() =>
        Repo.MatchesGolden(MarkdownRenderer.Render(ExampleRelease.Output.Document!, ReleaseFrameLoader.Load(ExampleRelease.Output.Definition!).Value!), Repo.Golden("iij-2003q1/release.md"));

    [Fact]
    public void Release_html_matches_its_golden_file() =>
        Repo.MatchesGolden(HtmlRenderer.Render(ExampleRelease.Output.Document!, new HtmlOptions(ExampleRelease.Output.Definition!, Frame: ReleaseFrameLoader.Load(ExampleRelease.Output.Definition!).Value!)), Repo.Golden("iij-2003q1/release.html"));

    [Fact]
    public void Every_rounding_adjustment_is_listed_and_marked_in_the_tables()
    {
        var output = ExampleRelease.Output;
        var listed = output.Diagnostics.Count(d => d.Code == "rounding.adjusted");
        listed.ShouldBeGreaterThan(0);
        var marked = output.Document!.Tables.SelectMany(t => t.Rows).SelectMany(r => r.Cells).Where(c => c.Adjusted).ToList();
        marked.ShouldNotBeEmpty();
        marked.ShouldAllBe(c => c.Exact.HasValue && Math.Abs(c.Exact!.Value - c.Shown!.Value) < 1m);
    }

    [Fact]
    public void Percent_changes_are_computed_on_signed_values_from_the_most_precise_figures()
    {
        var text = ExampleRelease.Text;
        text.ShouldContain("Operating loss\t(8,839)\t(1,059,574)\t(12.7)\t(464,155)\t(4.7)\t128.3\t(446,432)\t(3.4)\t137.3");
        text.ShouldContain("Other expenses\t(1,706)\t(204,398)\t(2.4)\t(520,836)\t(5.3)\t(60.8)");
        // Table 1: 36.3% is computed from thousands (519,709 / 381,206), not 36.5% from millions (520 / 381).
        text.Split('\n').ShouldContain(l => l.StartsWith("Other\t520\t409\t27.1%\t", StringComparison.Ordinal) && l.EndsWith("\t36.3%", StringComparison.Ordinal));
    }
}
