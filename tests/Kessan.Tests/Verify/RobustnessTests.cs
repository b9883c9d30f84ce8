using FsCheck;
using FsCheck.Fluent;
using Kessan.Diagnostics;
using Kessan.Verify;
using Kessan.Verify.Output;

namespace Kessan.Tests.Verify;

/// <summary>Whatever text comes in, verify returns findings and never throws; the seed's full report is a golden file.</summary>
public sealed class RobustnessTests
{
    private static readonly string[] Pieces =
    [
        "\t", "\n", "\t\t", "1,234", "(5.7%)", "-", "—", "Total", "Total revenues", "Net loss", "Revenues", "JPY", "\\$",
        "99999999999999999999", "0", "0.0", "100.0%", "1Q03", "4Q02", "Jun 30, 2003", "in millions", "(Expressed in Thousands of Japanese Yen (JPY) and U.S. Dollars (USD))",
        "USD", "% of Total Revenues", "YoY % change", "a decrease of 15.3% compared to 1Q02", "increased", "JPY 1,060 million", "Less:", "⁽¹⁾",
        "Cash, End of Period", "Cash, Beginning of Period", "Total assets", "Per Share", "reconciliation", "JPY119.87 = US\\$1", " ", "|", "<table>", "<td>",
    ];

    [Fact]
    public void Random_releases_never_throw() =>
        Prop.ForAll(Gen.ArrayOf(Gen.Elements(Pieces)).ToArbitrary(), ArbMap.Default.ArbFor<bool>(), (parts, md) =>
        {
            var text = string.Concat(parts);
            var report = Verifier.VerifyText(md ? "r.md" : "r.txt", text);
            return report.Findings.All(f => f.Code.StartsWith("verify.", StringComparison.Ordinal));
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void Huge_and_tiny_figures_do_not_overflow()
    {
        const string text = "Table 1 (JPY in billions)\n\n\t1Q03\t1Q02\tYoY % change\nA\t999,999,999,999,999\t0.000000001\t1.0%\nTotal\t999,999,999,999,999\t0.000000001\t1.0%\n";
        Should.NotThrow(() => Verifier.VerifyText("t.txt", text));
    }

    [Fact]
    public void Seed_report_matches_the_golden_file()
    {
        var report = Verifier.VerifyText("002_55af39662756e4d2.txt", VerifyTestData.Seed);
        var writer = new StringWriter { NewLine = "\n" };
        ReportWriter.WriteText(writer, report);
        var golden = Path.Combine(VerifyTestData.RepoRoot, "tests", "Kessan.Tests", "Verify", "Expectations", "seed.verify.txt");
        if (Environment.GetEnvironmentVariable("KESSAN_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(golden, writer.ToString());
        }

        writer.ToString().ShouldBe(File.ReadAllText(golden));
        report.Findings.Count(f => f.Severity == Severity.Error).ShouldBe(2);
    }
}
