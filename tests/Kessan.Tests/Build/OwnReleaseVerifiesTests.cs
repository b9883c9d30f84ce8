using Kessan.Diagnostics;
using Kessan.Render;
using Kessan.Verify;

namespace Kessan.Tests.Build;

/// <summary>Kessan's own release, in every format it writes, passes Kessan's verify with no error, sentences included.</summary>
public class OwnReleaseVerifiesTests(ITestOutputHelper output)
{
    public static TheoryData<string> Formats() => ["release.txt", "release.md", "release.html"];

    [Theory]
    [MemberData(nameof(Formats))]
    public void The_built_release_has_no_error(string name)
    {
        var document = ExampleRelease.Output.Document!;
        var text = ExampleRelease.Render(document, name);
        var report = Verifier.VerifyText(name, text);
        foreach (var f in report.Findings.Where(f => f.Severity != Severity.Info))
        {
            output.WriteLine(f.ToString());
        }

        report.Unusable.ShouldBeFalse();
        report.Findings.Where(f => f.Severity == Severity.Error).ShouldBeEmpty();

        // The sentences were read and checked, not skipped: the narrative states figures the tables also state.
        text.ShouldContain("Dedicated access services revenues were JPY3,321 million");
    }

    [Fact]
    public void A_sentence_that_contradicts_its_table_is_caught_in_the_built_release()
    {
        var text = TextRenderer.Render(ExampleRelease.Output.Document!)
            .Replace("Dedicated access services revenues were JPY3,321 million", "Dedicated access services revenues were JPY3,421 million", StringComparison.Ordinal);
        Verifier.VerifyText("release.txt", text).Errors.ShouldBeGreaterThan(0);
    }
}
