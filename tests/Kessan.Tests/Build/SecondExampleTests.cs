using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Kessan.Build;
using Kessan.Diagnostics;
using Kessan.Model;
using Kessan.Render;
using Kessan.Roll;
using Kessan.Verify;

namespace Kessan.Tests.Build;

/// <summary>
/// The second bundled example, examples/arista-2026q2: a US company's second-quarter release (US dollars, December
/// year end, the quarter beside the six months, basic and diluted EPS, a non-GAAP reconciliation, a balance sheet
/// against the prior year end, six-month cash flows). Built from its line items, it reproduces the published tables.
/// </summary>
public partial class SecondExampleTests(ITestOutputHelper output)
{
    private static readonly string Example = Path.Combine(Repo.Root, "examples", "arista-2026q2");
    private static readonly Lazy<ReleasePipeline.Output> Built = new(() => ReleasePipeline.Run(Example));

    /// <summary>Published figures Kessan shows differently, with the reason (none so far).</summary>
    private static readonly (string Row, int Cell, string Published, string Kessan, string Why)[] Expected = [];

    private static string Text => TextRenderer.Render(Built.Value.Document!);

    [GeneratedRegex(@"^\(?-?[\d,]*\.?\d+\)?$")]
    private static partial Regex Number();

    [Fact]
    public void It_builds_without_errors_or_warnings_and_matches_its_golden_file()
    {
        Built.Value.Diagnostics.Where(d => d.Severity != Severity.Info).ShouldBeEmpty();
        Repo.MatchesGolden(Text, Repo.Golden("arista-2026q2/release.txt"));
    }

    [Fact]
    public void Every_number_of_the_published_tables_is_reproduced()
    {
        var published = Rows(PublishedRows(File.ReadAllText(Path.Combine(Example, "published", "arista_networks_2026q2.htm"))));
        var ours = Rows(Text.Split('\n').Select(l => l.Split('\t')).Where(c => c.Length > 1).Select(c => (c[0], c.Skip(1).ToArray())));
        int total = 0, exact = 0, at = 0;
        var unexplained = new List<string>();
        var seen = new HashSet<int>();
        foreach (var (label, numbers) in published)
        {
            var match = ours.FindIndex(at, r => r.Label == label);
            if (match < 0)
            {
                unexplained.Add($"{label}: not in Kessan's release");
                total += numbers.Count;
                continue;
            }

            at = match + 1;
            for (var i = 0; i < numbers.Count; i++)
            {
                total++;
                var mine = i < ours[match].Numbers.Count ? ours[match].Numbers[i] : "(missing)";
                if (mine == numbers[i])
                {
                    exact++;
                    continue;
                }

                var index = Array.FindIndex(Expected, e => e.Row == label && e.Cell == i && e.Published == numbers[i] && e.Kessan == mine);
                if (index < 0)
                {
                    unexplained.Add($"{label} [{i}]: published {numbers[i]}, Kessan {mine}");
                }
                else
                {
                    seen.Add(index);
                }
            }
        }

        output.WriteLine($"{exact} of {total} published table numbers reproduced exactly ({100m * exact / total:0.00}%)");
        unexplained.ForEach(output.WriteLine);
        unexplained.ShouldBeEmpty();
        seen.Count.ShouldBe(Expected.Length, "an expected difference no longer occurs: update the list");
        total.ShouldBe(300);
        (100m * exact / total).ShouldBeGreaterThanOrEqualTo(98m);
    }

    [Theory]
    [InlineData("release.txt")]
    [InlineData("release.md")]
    [InlineData("release.html")]
    public void Verify_finds_no_error_in_the_built_release(string name)
    {
        var document = Built.Value.Document!;
        var text = ExampleRelease.Render(document, name);
        var report = Verifier.VerifyText(name, text);
        foreach (var f in report.Findings.Where(f => f.Severity == Severity.Error))
        {
            output.WriteLine(f.ToString());
        }

        report.Unusable.ShouldBeFalse();
        report.Findings.Where(f => f.Severity == Severity.Error).ShouldBeEmpty();
    }

    [Fact]
    public void The_highlights_quote_the_published_sentences()
    {
        Text.ShouldContain("Revenue of $3.036 billion, an increase of 12.1% compared to the first quarter of 2026, and an increase of 37.7% from the second quarter of 2025.");
        Text.ShouldContain("GAAP and non-GAAP operating margin of 45.4% and 49.9%, respectively, compared to GAAP and non-GAAP operating margin of 44.7% and 48.8% in the second quarter of 2025.");
        Text.ShouldContain("GAAP and non-GAAP diluted earnings per share of $0.95 and $1.02, respectively, compared to GAAP and non-GAAP diluted earnings per share of $0.70 and $0.73 in the second quarter of 2025.");
    }

    [Theory]
    [InlineData("3Q26", "2026-01-01..2026-09-30", "9M26", "2025-12-31", "3Q25")]
    [InlineData("4Q26", "2026-01-01..2026-12-31", "FY26", "2025-12-31", "4Q25")]
    [InlineData("1Q27", "2027-01-01..2027-03-31", "3M27", "2026-12-31", "1Q26")]
    public void Rolling_forward_a_quarter_and_into_a_new_year_moves_each_period_its_own_way(string to, string ytd, string ytdLabel, string yearEnd, string priorYear)
    {
        var rolled = ReleaseRoller.Roll(Example, to);
        rolled.Diagnostics.Where(d => d.Severity == Severity.Error).ShouldBeEmpty();
        var periods = rolled.Value!.Periods;
        periods["ytd"].After.At(PeriodType.Duration).ToString().ShouldBe(ytd);
        periods["ytd"].After.Label.ShouldBe(ytdLabel);
        periods["prior_ytd"].After.End.ShouldBe(periods["ytd"].After.End.AddYears(-1));
        periods["prior_year_end"].After.Label.ShouldBe(yearEnd);
        periods["prior_year"].After.Label.ShouldBe(priorYear);
        periods["prior_quarter"].After.Quarter.ShouldBe(periods["current"].After.Quarter!.Value.Previous);

        // The release.yaml written keeps its relative roles as they were: only current moved.
        var release = rolled.Value.Files.Single(f => f.RelativePath == "release.yaml").Text!;
        release.ShouldContain($"current: {to} ");
        release.ShouldContain("ytd: year_to_date ");
        release.ShouldContain("prior_year_end: year_end -1y ");
    }

    /// <summary>Rows by normalised label with their figures, blanks and symbols dropped, "—" read as 0.</summary>
    private static List<(string Label, List<string> Numbers)> Rows(IEnumerable<(string Label, string[] Cells)> rows)
    {
        var result = new List<(string, List<string>)>();
        foreach (var (label, cells) in rows)
        {
            var numbers = cells.Select(c => c.Replace("$", "", StringComparison.Ordinal).Replace("%", "", StringComparison.Ordinal).Trim())
                .Select(c => c == "—" ? "0" : c)
                .Where(c => Number().IsMatch(c))
                .ToList();
            if (numbers.Count >= 2)
            {
                result.Add((Normalise(label), numbers));
            }
        }

        return result;
    }

    private static string Normalise(string label) =>
        Regex.Replace(label.Replace("(1)", "", StringComparison.Ordinal).ToLowerInvariant(), @"[^a-z0-9]+", " ").Trim();

    /// <summary>
    /// The published HTML's table rows (label, cells) from the income statement on; a label whose figures wrap onto the
    /// next row is joined to them; column headings (the years under "Six Months Ended") are not figures.
    /// </summary>
    private static IEnumerable<(string Label, string[] Cells)> PublishedRows(string html)
    {
        html = Regex.Replace(html, "(?is)<script.*?</script>|<style.*?</style>", "");
        var start = html.IndexOf("Condensed Consolidated Income Statements", StringComparison.Ordinal);
        var rows = Regex.Split(html[start..], "(?i)</tr>")
            .Select(r => Regex.Split(r, "(?i)</td>").Select(c => WebUtility.HtmlDecode(Regex.Replace(c, "<[^>]+>", "")).Replace('\u00a0', ' ').Trim()).Where(c => c.Length > 0).ToArray())
            .Where(c => c.Length > 0)
            .ToList();
        for (var i = 0; i < rows.Count; i++)
        {
            var label = rows[i][0];
            var cells = rows[i].Skip(1).ToArray();
            if (cells.Length == 0 && i + 1 < rows.Count && IsFigure(rows[i + 1][0]))
            {
                cells = rows[++i];
            }

            if (!IsFigure(label) && !label.Contains("Months Ended", StringComparison.Ordinal))
            {
                yield return (label, cells);
            }
        }
    }

    private static bool IsFigure(string cell) => cell == "$" || Number().IsMatch(cell.Replace("$", "", StringComparison.Ordinal).Trim());
}
