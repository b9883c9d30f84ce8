using Kessan.Diagnostics;
using Kessan.Verify;
using Kessan.Verify.Findings;

namespace Kessan.Tests.Verify;

/// <summary>
/// Real published documents of many filers (tests/data/releases): verify must report no error on them except the
/// inconsistencies checked by hand and listed here (docs/verify.md gives the arithmetic).
/// </summary>
public sealed class ReleaseCorpusTests(ITestOutputHelper output)
{
    /// <summary>Errors that are real defects of the published document: file, and a phrase the error's message contains.</summary>
    private static readonly Dictionary<string, string[]> CheckedByHand = new()
    {
        // (1,400) + (95) + (19) = (1,514), but the total is (2,014): a (500) row (the notes repaid in the quarter) is
        // missing; the prior-year column foots ((2,400) + (175) + (29) = (2,604)) and the total ties to the net change.
        ["adobe_fy2023q1.htm"] = ["\"Net cash used for financing activities\""],
        // The five-year summary's basic earnings per share for 2000: continuing 1.75 + discontinued .09 = 1.84, printed
        // .84 (net income 90,520 over 49,106 thousand basic shares is 1.84; the other four years add up).
        ["perkinelmer_2000_10k405.txt"] = ["\"Net income\", 2000 is .84"],
    };

    public static TheoryData<string> Documents()
    {
        var data = new TheoryData<string>();
        foreach (var path in Directory.GetFiles(VerifyTestData.Releases).Where(p => Path.GetFileName(p) != "INDEX.md").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(path));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public void No_error_but_those_checked_by_hand(string file)
    {
        var report = Verifier.VerifyFile(Path.Combine(VerifyTestData.Releases, file));
        var errors = report.Findings.Where(f => f.Severity == Severity.Error).ToList();
        var expected = CheckedByHand.GetValueOrDefault(file, []);
        foreach (var e in errors)
        {
            output.WriteLine(e.ToString());
        }

        report.Unusable.ShouldBeFalse();
        errors.Count.ShouldBe(expected.Length, string.Join("\n", errors));
        foreach (var phrase in expected)
        {
            errors.ShouldContain(e => e.Message.Contains(phrase, StringComparison.Ordinal));
        }
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public void Coverage_is_reported_and_a_clean_result_is_never_silent(string file)
    {
        var report = Verifier.VerifyFile(Path.Combine(VerifyTestData.Releases, file));
        var coverage = report.Coverage.ShouldNotBeNull();
        output.WriteLine(coverage.Summary());
        coverage.Kinds.Count.ShouldBe(Enum.GetValues<RelationKind>().Length);
        if (coverage.Checked == 0)
        {
            report.Findings.ShouldContain(f => f.Severity == Severity.Warning && (f.Code == FindingCodes.NoTables || f.Code == FindingCodes.NothingChecked));
        }

        if (coverage.Skipped > 0 && coverage.Checked > 0)
        {
            report.Findings.ShouldContain(f => f.Code == FindingCodes.RelationsUnchecked);
        }
    }

    [Fact]
    public void The_seed_reports_what_it_checked_in_text_and_json()
    {
        var report = Verifier.VerifyFile(VerifyTestData.SeedPath);
        var kinds = report.Coverage.ShouldNotBeNull().Kinds;
        foreach (var kind in new[] { RelationKind.Footing, RelationKind.PercentChange, RelationKind.PercentOfTotal, RelationKind.Translation, RelationKind.TieOut, RelationKind.Sentence })
        {
            kinds[kind].Checked.ShouldBeGreaterThan(0, kind.ToString());
        }

        var (_, text, _) = SeedTests.Cli("verify", VerifyTestData.SeedPath, "--explain");
        text.ShouldContain("coverage: ");
        text.ShouldContain("footing: ");
        var (_, json, _) = SeedTests.Cli("verify", VerifyTestData.SeedPath, "--format", "json");
        using var doc = System.Text.Json.JsonDocument.Parse(json);
        var coverage = doc.RootElement.GetProperty("files")[0].GetProperty("coverage");
        coverage.GetProperty("footing").GetProperty("checked").GetInt32().ShouldBe(kinds[RelationKind.Footing].Checked);
    }
}
