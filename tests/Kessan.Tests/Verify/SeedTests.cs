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

    private static List<Diagnostic> Errors => Report.Findings.Where(f => f.Severity == Severity.Error).ToList();

    [Fact]
    public void Without_explanations_the_same_findings_and_counts_and_no_words()
    {
        var quiet = Verifier.VerifyFile(VerifyTestData.SeedPath, explain: false);
        quiet.Findings.ShouldBe(Report.Findings);
        var (with, without) = (Report.Coverage.ShouldNotBeNull(), quiet.Coverage.ShouldNotBeNull());
        without.Summary().ShouldBe(with.Summary());
        with.Explained.Count.ShouldBe(with.Checked);
        without.Explained.ShouldBeEmpty();
    }

    [Fact]
    public void Exactly_two_errors()
    {
        Errors.Count.ShouldBe(2, string.Join("\n", Errors));
    }

    [Fact]
    public void Table_9_income_tax_has_the_wrong_sign_in_all_three_columns()
    {
        var e = Errors.Single(f => f.Code == FindingCodes.WrongSign);
        e.Line.ShouldBe(192);
        e.Message.ShouldContain("Income tax benefit (expense)");
        e.Message.ShouldContain("all three columns");
        e.Expected.ShouldBe(ComparedValue.Words("390, -161, -97"));
        e.Actual.ShouldBe(ComparedValue.Words("-390, 161, 97"));
    }

    [Fact]
    public void Table_7_international_backbone_QoQ_is_wrong_not_the_text()
    {
        var e = Errors.Single(f => f.Code == FindingCodes.TableContradictsText);
        e.Line.ShouldBe(151);
        var actual = e.Actual.ShouldNotBeNull();
        var expected = e.Expected.ShouldNotBeNull();
        (actual.Text, actual.Value, actual.Low, actual.High).ShouldBe(("-17.2%", -17.2m, -17.25m, -17.15m));
        expected.Text.ShouldBe("-17.1%");
        expected.Low!.Value.ShouldBeInRange(-17.44m, -17.43m);   // 261 against 315, each ± 0.5
        expected.High!.Value.ShouldBeInRange(-16.86m, -16.85m);
    }

    [Fact]
    public void Rounding_adjustments_are_info()
    {
        var infos = Report.Findings.Where(f => f.Code == FindingCodes.RoundingAdjustment).ToList();
        infos.ShouldAllBe(f => f.Severity == Severity.Info);
        infos.ShouldContain(f => f.Line == 286 && f.Actual!.Value.Text == "8,235");   // USD 8,235
        infos.ShouldContain(f => f.Line == 286 && f.Actual!.Value.Text.StartsWith("7.2", StringComparison.Ordinal));     // 7.2% of total revenues
        infos.ShouldContain(f => f.Line == 191 && f.Actual!.Value.Value == -361m);              // Table 9's -361
    }

    [Fact]
    public void Table_1_rounding_differences_are_no_error()
    {
        // 3,321 + 767 = 4,088 against 4,089: explained by rounding.
        Report.Findings.ShouldNotContain(f => f.Line >= 60 && f.Line <= 70 && f.Severity != Severity.Info);
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

        // Figures are typed: the text as printed, the value and the range rounding allows, as JSON numbers.
        var contradicts = first.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("code").GetString() == FindingCodes.TableContradictsText);
        var actual = contradicts.GetProperty("actual");
        actual.GetProperty("text").GetString().ShouldBe("-17.2%");
        (actual.GetProperty("value").GetDecimal(), actual.GetProperty("low").GetDecimal(), actual.GetProperty("high").GetDecimal()).ShouldBe((-17.2m, -17.25m, -17.15m));
        var expected = contradicts.GetProperty("expected");
        expected.GetProperty("text").GetString().ShouldBe("-17.1%");
        expected.GetProperty("low").GetDecimal().ShouldBe(-17.432647m);   // rounded outward to six decimals
        expected.GetProperty("high").GetDecimal().ShouldBe(-16.852146m);
        var sign = first.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("code").GetString() == FindingCodes.WrongSign);
        sign.GetProperty("expected").GetProperty("text").GetString().ShouldBe("390, -161, -97");
        sign.GetProperty("expected").GetProperty("value").ValueKind.ShouldBe(JsonValueKind.Null);
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
