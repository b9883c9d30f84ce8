using Kessan.Build;
using Kessan.Cli;
using Kessan.Definitions;
using Kessan.Diagnostics;
using Kessan.Model;
using Kessan.Render;
using Kessan.Roll;

namespace Kessan.Tests.Build;

/// <summary>
/// A small third definition (tests/data/definitions/eur-small): euros, a September year end, the quarter beside the nine
/// months to date, amount and percent changes, "n/m", per-row decimals, currency symbols on first and total rows, a
/// US-dollar translation and a balance sheet against the prior year end — all from definition files.
/// </summary>
public sealed class AnyCompanyTests : IDisposable
{
    private static readonly string Source = Path.Combine(Repo.Root, "tests", "data", "definitions", "eur-small");
    private static readonly Lazy<ReleasePipeline.Output> Built = new(() => ReleasePipeline.Run(Source));
    private readonly string work = Path.Combine(Path.GetTempPath(), "kessan-eur-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(work))
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static string Text => TextRenderer.Render(Built.Value.Document!);

    private static string Line(string label) => Text.Split('\n').Single(l => l.StartsWith(label + "\t", StringComparison.Ordinal));

    [Fact]
    public void It_builds_without_errors_and_matches_its_golden_file()
    {
        Built.Value.Diagnostics.Where(d => d.Severity == Severity.Error).ShouldBeEmpty();
        Repo.MatchesGolden(Text, Repo.Golden("eur-small/release.txt"));
    }

    [Fact]
    public void Quarter_and_nine_months_side_by_side_with_amount_and_percent_changes()
    {
        Line("Total revenue").ShouldBe("Total revenue\t€12,355\t€11,305\t€1,050\t9.3%\t€35,750\t€32,740\t9.2%\t$14,366");
        Line("Services").ShouldBe("Services\t4,115\t3,705\t410\t11.1%\t11,850\t10,940\t8.3%\t4,785");
    }

    [Fact]
    public void A_growing_loss_divides_by_the_size_of_its_base_and_a_sign_change_is_not_meaningful()
    {
        Line("Net income (loss)").ShouldBe("Net income (loss)\t€(1,000)\t€(400)\t€(600)\t-150.0%\t€(950)\t€(620)\t-53.2%\t$(1,163)");
        Line("Operating income (loss)").ShouldBe("Operating income (loss)\t120\t(50)\t170\tn/m\t130\t(170)\tn/m\t140");
    }

    [Fact]
    public void Per_share_rows_keep_two_decimals_and_their_percents_one()
    {
        Line("Diluted earnings (loss) per share").ShouldBe("Diluted earnings (loss) per share\t€(0.25)\t€(0.10)\t€(0.15)\t-146.9%\t€(0.24)\t€(0.16)\t-51.3%\t$(0.29)");
    }

    [Fact]
    public void The_balance_sheet_compares_with_the_prior_fiscal_year_end()
    {
        Text.ShouldContain("\tJune 30, 2026\tSeptember 30, 2025");
        Line("Total assets").ShouldBe("Total assets\t€18,800\t€18,760");
    }

    [Fact]
    public void Sentences_quote_amounts_changes_and_translations_with_the_currencys_symbol_and_scale_word()
    {
        Text.ShouldContain("Revenue for the quarter was €12.4 million, up 9.3% or €1.1 million from a year earlier ($14.4 million at the convenience rate).");
        Text.ShouldContain("For the nine months, revenue was €35,750 thousand, 9.2% more than in the same period of fiscal 2025.");
        Text.ShouldContain("The net loss grew to €1,000 thousand from €400 thousand, 150.0% worse.");
    }

    [Fact]
    public void A_translation_without_a_rate_is_a_problem_at_the_column_and_the_sentence()
    {
        var def = Copy();
        var release = Path.Combine(def, "release.yaml");
        File.WriteAllLines(release, File.ReadAllLines(release).Where(l => !l.StartsWith("fx:", StringComparison.Ordinal)));
        var (code, stderr) = Build(def);
        code.ShouldBe(ExitCodes.BadInput);
        stderr.ShouldContain($"{Path.Combine(def, "tables", "income.yaml")}:17:5: error definition.missing-rate");
        stderr.ShouldContain($"{Path.Combine(def, "text", "summary.txt")}:2:");
        Directory.Exists(Path.Combine(work, "out")).ShouldBeFalse();
    }

    [Fact]
    public void A_period_role_that_is_no_period_is_reported_at_its_line()
    {
        var def = Copy();
        var release = Path.Combine(def, "release.yaml");
        File.WriteAllText(release, File.ReadAllText(release).Replace("ytd: year_to_date\n", "ytd: year_to_month\n", StringComparison.Ordinal));
        var (code, stderr) = Build(def);
        code.ShouldBe(ExitCodes.BadInput);
        stderr.ShouldContain($"{release}:13:8: error definition.bad-period: period 'ytd': 'year_to_month' is not a period");
    }

    [Fact]
    public void Without_a_reporting_currency_a_concept_needs_its_unit()
    {
        var def = Copy();
        var release = Path.Combine(def, "release.yaml");
        File.WriteAllLines(release, File.ReadAllLines(release).Where(l => !l.StartsWith("currency:", StringComparison.Ordinal)));
        var (code, stderr) = Build(def);
        code.ShouldBe(ExitCodes.BadInput);
        stderr.ShouldContain($"{Path.Combine(def, "concepts.yaml")}:2:5: error definition.missing-key: concept 'revenue.products' has no unit");
    }

    [Theory]
    [InlineData("4Q26", "2025-10-01..2026-09-30", "FY26", "2025-09-30")]
    [InlineData("1Q27", "2026-10-01..2026-12-31", "3M27", "2026-09-30")]
    [InlineData("3Q27", "2026-10-01..2027-06-30", "9M27", "2026-09-30")]
    public void Rolling_grows_the_year_to_date_and_keeps_the_balance_sheet_at_the_prior_year_end(string to, string ytd, string ytdLabel, string yearEnd)
    {
        var rolled = ReleaseRoller.Roll(Source, to);
        rolled.Diagnostics.Where(d => d.Severity == Severity.Error).ShouldBeEmpty();
        var periods = rolled.Value!.Periods;
        periods["current"].After.Label.ShouldBe(to);
        periods["ytd"].After.At(PeriodType.Duration).ToString().ShouldBe(ytd);
        periods["ytd"].After.Label.ShouldBe(ytdLabel);
        periods["prior_year_end"].After.Label.ShouldBe(yearEnd);
        periods["prior_year"].After.Quarter.ShouldBe(periods["current"].After.Quarter!.Value.PriorYear);
        periods["prior_ytd"].After.End.ShouldBe(periods["ytd"].After.End.AddYears(-1));
    }

    [Fact]
    public void Percent_change_base_signed_or_absolute()
    {
        Fact F(decimal v) => new("x", Period.Instant(new DateOnly(2026, 6, 30)), v);
        ReleaseBuilder.PercentChange(F(-1000), F(-400)).ShouldBe(150m);
        ReleaseBuilder.PercentChange(F(-1000), F(-400), PercentBase.Absolute).ShouldBe(-150m);
        ReleaseBuilder.PercentChange(F(100), F(-400), PercentBase.Absolute, signChangeNotMeaningful: true).ShouldBeNull();
        ReleaseBuilder.PercentChange(F(100), F(0)).ShouldBeNull();
    }

    private string Copy()
    {
        var def = Path.Combine(work, "def");
        foreach (var file in Directory.EnumerateFiles(Source, "*", SearchOption.AllDirectories))
        {
            var to = Path.Combine(def, Path.GetRelativePath(Source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(file, to);
        }

        return def;
    }

    private (int Code, string Stderr) Build(string def)
    {
        var stderr = new StringWriter();
        var code = KessanCli.Run(["build", def, "--out", Path.Combine(work, "out")], new StringWriter(), stderr);
        return (code, stderr.ToString());
    }
}
