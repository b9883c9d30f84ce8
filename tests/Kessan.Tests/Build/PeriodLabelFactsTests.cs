using Kessan.Build;
using Kessan.Definitions;
using Kessan.Facts;
using Kessan.Model;
using Kessan.Render;

namespace Kessan.Tests.Build;

/// <summary>
/// Facts name year-to-date, fiscal-year and balance periods by the labels the release's periods have (6M26, FY25),
/// as they name quarters (2Q26): the second example written so builds the same release.
/// </summary>
public sealed class PeriodLabelFactsTests : IDisposable
{
    private static readonly string Example = Path.Combine(Repo.Root, "examples", "arista-2026q2");
    private readonly string work = Path.Combine(Path.GetTempPath(), "kessan-labels-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(work))
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private string CopyWithFacts(Func<string, string> edit)
    {
        foreach (var file in Directory.EnumerateFiles(Example, "*", SearchOption.AllDirectories))
        {
            var to = Path.Combine(work, Path.GetRelativePath(Example, file));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(file, to);
        }

        var facts = Path.Combine(work, "facts.csv");
        File.WriteAllText(facts, edit(File.ReadAllText(facts)));
        return work;
    }

    private static string Labelled(string facts)
    {
        var lines = facts.Split('\n').Select(line =>
        {
            var fields = line.Split(',');
            if (fields.Length > 2)
            {
                fields[1] = fields[1] switch
                {
                    "2026-01-01..2026-06-30" => "6M26",
                    "2025-01-01..2025-06-30" => "6m2025",
                    "2025-12-31" => "FY25",
                    var other => other,
                };
            }

            return string.Join(',', fields);
        });
        return string.Join('\n', lines);
    }

    [Fact]
    public void The_second_example_with_its_periods_named_by_label_builds_the_same_release()
    {
        var facts = File.ReadAllText(Path.Combine(Example, "facts.csv"));
        Labelled(facts).ShouldNotBe(facts);
        Labelled(facts).ShouldContain(",6M26,");
        Labelled(facts).ShouldContain(",FY25,");

        var built = ReleasePipeline.Run(CopyWithFacts(Labelled));
        built.Diagnostics.Where(d => d.Severity == Kessan.Diagnostics.Severity.Error).ShouldBeEmpty();
        TextRenderer.Render(built.Document!).ShouldBe(TextRenderer.Render(ReleasePipeline.Run(Example).Document!));
    }

    [Theory]
    [InlineData("6M26", PeriodType.Duration, "2026-01-01..2026-06-30")]
    [InlineData("12M26", PeriodType.Duration, "2026-01-01..2026-12-31")]
    [InlineData("FY2025", PeriodType.Duration, "2025-01-01..2025-12-31")]
    [InlineData("FY25", PeriodType.Instant, "2025-12-31")]
    [InlineData("6M26", PeriodType.Instant, "2026-06-30")]
    public void A_label_is_the_period_of_the_definitions_calendar(string label, PeriodType type, string expected)
    {
        var definition = DefinitionLoader.Load(Example).Value!;
        FactsReader.TryParsePeriod(label, type, definition.Calendar, out var period, out var problem).ShouldBeTrue(problem);
        period.ToString().ShouldBe(expected);
    }

    [Fact]
    public void Labels_follow_a_fiscal_year_that_is_not_the_calendar_year()
    {
        // eur-small: a September year end; fiscal 2026 runs from October 2025.
        var definition = DefinitionLoader.Load(Path.Combine(Repo.Root, "tests", "data", "definitions", "eur-small")).Value!;
        FactsReader.TryParsePeriod("9M26", PeriodType.Duration, definition.Calendar, out var period, out _).ShouldBeTrue();
        period.ToString().ShouldBe("2025-10-01..2026-06-30");
    }

    [Theory]
    [InlineData("7M26", "'7M26' is not a period: a year to date runs 3, 6, 9 or 12 months from the start of the fiscal year (3M26, 6M26, 9M26, 12M26); this release's periods are 2Q26, 2Q25, 1Q26, 6M26, 6M25, 2025-12-31")]
    [InlineData("ytd", "'ytd' is a period role of release.yaml, which moves when the release is rolled; a fact names the period itself: write 6M26")]
    [InlineData("H1 2026", "'H1 2026' is not a period: write a quarter such as 2Q26, a year to date such as 6M26, a fiscal year such as FY26, a date such as 2026-06-30 (YYYY-MM-DD), or a range 2026-01-01..2026-06-30; this release's periods are 2Q26, 2Q25, 1Q26, 6M26, 6M25, 2025-12-31")]
    public void An_unknown_label_is_facts_bad_period_naming_the_releases_periods(string label, string message)
    {
        var definition = DefinitionLoader.Load(Example).Value!;
        var read = FactsReader.Read(new StringReader($"concept,period,value,scale\nrevenue.product,{label},1,millions\n"), "facts.csv", definition.Concepts, definition.Calendar, definition.Periods);
        read.Diagnostics.Single().ToString().ShouldBe($"facts.csv:2: error facts.bad-period: {message}");
    }
}
