using Kessan.Definitions;
using Kessan.Roll;

namespace Kessan.Tests.Roll;

/// <summary>
/// A table or text that writes a period out — a year header "2026 / 2025", "Six Months Ended June 30, 2026", "the first
/// quarter" — cannot be rolled: the roll warns at its line with the placeholder that would move.
/// </summary>
public sealed class LiteralPeriodTests : IDisposable
{
    private static readonly string Example = Path.Combine(Repo.Root, "examples", "arista-2026q2");
    private static readonly Lazy<ReleaseDefinition> Arista = new(() => DefinitionLoader.Load(Example).Value!);
    private readonly string work = Path.Combine(Path.GetTempPath(), "kessan-literal-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(work))
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static IEnumerable<(string Text, string Replacement)> Found(string line) =>
        LiteralPeriods.Find(line, Arista.Value.Periods, DateMentions.Find(line, Arista.Value.Calendar)).Select(l => (l.Text, l.Replacement));

    [Fact]
    public void A_year_header_is_the_fiscal_year_of_a_period() =>
        Found("  - [\"\", \"2026\", \"2025\", \"FY2026\"]").ShouldBe(
        [
            ("2026", "{current.fiscal_year}"),
            ("2025", "{prior_year.fiscal_year}"),
            ("FY2026", "FY{current.fiscal_year}"),
        ]);

    [Fact]
    public void Six_months_is_the_length_of_the_year_to_date_and_three_months_a_quarter() =>
        Found("Three Months Ended {current:MMMM d,} / Six Months Ended {ytd:MMMM d,} / six-month").ShouldBe(
        [
            ("Six Months", "{ytd.months_word:Title} Months"),
            ("six-month", "{ytd.months_word}-month"),
        ]);

    [Fact]
    public void A_quarter_in_words_is_a_quarter_of_the_release() =>
        Found("compared to the first quarter and the 2nd Quarter").ShouldBe(
        [
            ("first quarter", "{prior_quarter.quarter_word} quarter"),
            ("2nd Quarter", "{current.quarter_ordinal} Quarter"),
        ]);

    [Theory]
    [InlineData("{current.fiscal_year} and {ytd.months_word} months, the third quarter")]
    [InlineData("revenue of $2,025.3 million, 2019 and 1,2026")]
    [InlineData("June 30, 2026")]
    public void Placeholders_amounts_other_years_and_dates_are_not_literal_periods(string line) => Found(line).ShouldBeEmpty();

    [Fact]
    public void Rolling_warns_of_each_literal_period_with_its_line_and_the_placeholder_to_write()
    {
        foreach (var source in Directory.EnumerateFiles(Example, "*", SearchOption.AllDirectories))
        {
            var to = Path.Combine(work, Path.GetRelativePath(Example, source));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(source, to);
        }

        var table = Path.Combine(work, "tables", "income-statement.yaml");
        File.WriteAllText(table, File.ReadAllText(table)
            .Replace("{ytd.months_word:Title} Months Ended {ytd:MMMM d,}", "Six Months Ended June 30, 2026", StringComparison.Ordinal)
            .Replace("\"{current.fiscal_year}\", \"{prior_year.fiscal_year}\"", "\"2026\", \"2025\"", StringComparison.Ordinal));

        var rolled = ReleaseRoller.Roll(work, "3Q26");
        rolled.Diagnostics.ShouldBeEmpty();
        var warnings = rolled.Value!.Warnings.Where(w => w.Location?.File == Path.Combine("tables", "income-statement.yaml")).Select(w => w.ToString()).ToList();
        var file = Path.Combine("tables", "income-statement.yaml");
        warnings.ShouldBe(
        [
            $"{file}:8: warning roll.fixed-date-in-text: the text names 'June 30, 2026', a date of 2Q26 (current before the roll, now 3Q26): it does not move with the periods; write {{current:MMMM d, yyyy}} if it should",
            $"{file}:8: warning roll.literal-period: 'Six Months' is written out, the length of ytd (6M26 before the roll, now 9M26): it does not move with the periods; write {{ytd.months_word:Title}} Months if it should",
            $"{file}:9: warning roll.literal-period: '2026' is written out, the fiscal year of current (2Q26 before the roll, now 3Q26): it does not move with the periods; write {{current.fiscal_year}} if it should",
            $"{file}:9: warning roll.literal-period: '2025' is written out, the fiscal year of prior_year (2Q25 before the roll, now 3Q25): it does not move with the periods; write {{prior_year.fiscal_year}} if it should",
        ]);
    }
}
