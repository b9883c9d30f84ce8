using System.Text;
using Kessan.Build;
using Kessan.Publish;
using Kessan.Verify;

namespace Kessan.Tests.Verify;

/// <summary>
/// Kessan's own release written as text, Markdown and HTML is one document: verify must read the same tables and
/// check the same relations in each, and find the same things.
/// </summary>
public sealed class FormatParityTests(ITestOutputHelper output)
{
    public static TheoryData<string> Examples() => ["iij-2003q1", "arista-2026q2"];

    [Theory]
    [MemberData(nameof(Examples))]
    public void Every_format_gives_the_same_coverage_and_findings(string example)
    {
        var built = ReleasePipeline.Run(Path.Combine(Repo.Root, "examples", example));
        var files = ReleaseOutputs.Render(built, ["txt", "md", "html"]).Value!;
        var reports = new[] { "release.txt", "release.md", "release.html" }
            .Select(name => Verifier.VerifyText(name, Encoding.UTF8.GetString(files[name])))
            .ToList();
        foreach (var r in reports)
        {
            output.WriteLine($"{r.Path}: {Summary(r)}");
        }

        var text = reports[0];
        text.Coverage!.Checked.ShouldBeGreaterThan(0);
        foreach (var other in reports.Skip(1))
        {
            Summary(other).ShouldBe(Summary(text), $"{other.Path} against release.txt");
            Findings(other).ShouldBe(Findings(text), $"{other.Path} against release.txt");
        }
    }

    private static string Summary(FileReport r)
    {
        var c = r.Coverage!;
        var kinds = c.Kinds.OrderBy(k => k.Key).Select(k => $"{Coverage.Name(k.Key)} {k.Value.Checked}/{k.Value.Passed}/{k.Value.SkippedCount}");
        return $"tables {c.TablesRead}/{c.TablesWithFigures}/{c.TablesWithTotal}/{c.TablesFooted}; {string.Join("; ", kinds)}";
    }

    private static string Findings(FileReport r) =>
        string.Join(", ", r.Findings.GroupBy(f => (f.Code, f.Severity)).OrderBy(g => g.Key.Code, StringComparer.Ordinal).Select(g => $"{g.Key.Code} {g.Key.Severity} x{g.Count()}"));
}
