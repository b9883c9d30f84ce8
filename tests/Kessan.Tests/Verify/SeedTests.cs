using System.Text.Json;
using Kessan.Cli;
using Kessan.Diagnostics;
using Kessan.Verify;
using Kessan.Verify.Findings;

namespace Kessan.Tests.Verify;

/// <summary>The IIJ 1Q03 release: exactly its two published defects are errors, the rounding adjustments are info.</summary>
public sealed class SeedTests
{
    private static readonly FileReport Report = Verifier.VerifyFile(VerifyTestData.SeedPath);

    private static List<Finding> Errors => Report.Findings.Where(f => f.Severity == Severity.Error).ToList();

    [Fact]
    public void Exactly_two_errors()
    {
        Errors.Count.ShouldBe(2, string.Join("\n", Errors));
    }

    [Fact]
    public void Table_9_income_tax_has_the_wrong_sign_in_all_three_columns()
    {
        var e = Errors.Single(f => f.Code == FindingCodes.WrongSign);
        e.Location.Line.ShouldBe(192);
        e.Message.ShouldContain("Income tax benefit (expense)");
        e.Message.ShouldContain("all three columns");
        e.Expected.ShouldBe("390, -161, -97");
        e.Actual.ShouldBe("-390, 161, 97");
    }

    [Fact]
    public void Table_7_international_backbone_QoQ_is_wrong_not_the_text()
    {
        var e = Errors.Single(f => f.Code == FindingCodes.TableContradictsText);
        e.Location.Line.ShouldBe(151);
        e.Actual!.ShouldStartWith("-17.2%");
        e.Expected!.ShouldStartWith("-17.1%");
    }

    [Fact]
    public void Rounding_adjustments_are_info()
    {
        var infos = Report.Findings.Where(f => f.Code == FindingCodes.RoundingAdjustment).ToList();
        infos.ShouldAllBe(f => f.Severity == Severity.Info);
        infos.ShouldContain(f => f.Location.Line == 286 && f.Actual!.StartsWith("8,235"));   // USD 8,235
        infos.ShouldContain(f => f.Location.Line == 286 && f.Actual!.StartsWith("7.2"));     // 7.2% of total revenues
        infos.ShouldContain(f => f.Location.Line == 191 && f.Actual == "-361");              // Table 9's -361
    }

    [Fact]
    public void Table_1_rounding_differences_are_no_error()
    {
        // 3,321 + 767 = 4,088 against 4,089: explained by rounding.
        Report.Findings.ShouldNotContain(f => f.Location.Line >= 60 && f.Location.Line <= 70 && f.Severity != Severity.Info);
    }

    [Fact]
    public void The_corrected_seed_has_no_error()
    {
        var report = Verifier.VerifyText("corrected.txt", VerifyTestData.CorrectedSeed);
        report.Findings.Where(f => f.Severity == Severity.Error).ShouldBeEmpty();
    }

    [Fact]
    public void Cli_prints_findings_and_exits_1()
    {
        var (code, output, _) = Cli("verify", VerifyTestData.SeedPath);
        code.ShouldBe(ExitCodes.Findings);
        output.ShouldContain(":192:30: error verify.wrong-sign:");
        output.ShouldContain(":151:49: error verify.table-contradicts-text:");
        output.ShouldContain("1 file verified: 2 errors, 1 warning");
    }

    [Fact]
    public void Cli_json_is_one_document_with_the_agreed_shape()
    {
        var (code, output, _) = Cli("verify", "--format", "json", VerifyTestData.SeedPath, VerifyTestData.SeedPath);
        code.ShouldBe(ExitCodes.Findings);
        using var doc = JsonDocument.Parse(output);
        var files = doc.RootElement.GetProperty("files");
        files.GetArrayLength().ShouldBe(2);
        var first = files[0];
        first.GetProperty("path").GetString().ShouldBe(VerifyTestData.SeedPath);
        var finding = first.GetProperty("findings").EnumerateArray().First(f => f.GetProperty("severity").GetString() == "error");
        finding.EnumerateObject().Select(p => p.Name).ShouldBe(["code", "severity", "line", "column", "message", "expected", "actual"]);
    }

    [Fact]
    public void Cli_exits_0_on_a_clean_release_and_2_on_a_missing_file()
    {
        var clean = Path.Combine(Path.GetTempPath(), $"kessan-clean-{Guid.NewGuid():N}.txt");
        File.WriteAllText(clean, VerifyTestData.CorrectedSeed);
        try
        {
            Cli("verify", clean).Code.ShouldBe(ExitCodes.Ok);
            Cli("verify", clean, "/no/such/file.txt").Code.ShouldBe(ExitCodes.BadInput);
            Cli("verify").Code.ShouldBe(ExitCodes.BadInput);
            Cli("verify", "--format", "xml", clean).Code.ShouldBe(ExitCodes.BadInput);
        }
        finally
        {
            File.Delete(clean);
        }
    }

    internal static (int Code, string Output, string Error) Cli(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = KessanCli.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
