using System.Globalization;
using System.Text.RegularExpressions;
using Kessan.Build;
using Kessan.Cli;
using Kessan.Definitions;
using Kessan.Facts;
using Kessan.Model;

namespace Kessan.Tests.Roll;

/// <summary>
/// Roll the example (1Q03) forward, build it before its facts are in (exactly the missing facts are listed), enter
/// them, build again (the release of the new quarter, every table footing).
/// </summary>
public sealed partial class RollForwardTests : IDisposable
{
    private readonly string work = Path.Combine(Path.GetTempPath(), "kessan-roll-" + Guid.NewGuid().ToString("N"));

    private string Rolled => Path.Combine(work, "next");

    private string Out => Path.Combine(work, "out");

    public void Dispose()
    {
        if (Directory.Exists(work))
        {
            Directory.Delete(work, recursive: true);
        }
    }

    internal static (int Code, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = KessanCli.Run(args, stdout, stderr);
        return (code, stdout.ToString().ReplaceLineEndings("\n"), stderr.ToString().ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Rolling_to_2Q03_names_exactly_the_missing_facts_and_builds_once_they_are_entered()
    {
        var roll = Run("roll", Repo.Example, "--to", "2Q03", "--out", Rolled);
        roll.Code.ShouldBe(ExitCodes.Ok, roll.Err);
        roll.Err.ShouldBeEmpty();
        roll.Out.ShouldContain("periods: current 2Q03 (was 1Q03), prior_year 2Q02 (was 1Q02), prior_quarter 1Q03 (was 4Q02)");
        roll.Out.ShouldContain($"{Path.Combine(Rolled, "release.yaml")}:18: warning roll.stale-rate: the FX rate 119.87 (JPY per USD) is still the rate of 2003-06-30: replace it with the rate of 2003-09-30");

        var definition = DefinitionLoader.Load(Rolled).Value!;
        definition.Periods.ToDictionary(p => p.Key, p => p.Value.Label).ShouldBe(new Dictionary<string, string> { ["current"] = "2Q03", ["prior_year"] = "2Q02", ["prior_quarter"] = "1Q03" });
        definition.Fx!.AsOf.ShouldBe(new DateOnly(2003, 9, 30));
        definition.Fx!.Rate.ShouldBe(119.87m);

        // Built now, the release lacks exactly the facts of the new quarters, and says nothing else.
        var first = Run("build", Rolled, "--out", Out);
        first.Code.ShouldBe(ExitCodes.BadInput);
        var reported = MissingReported(first.Err);
        var expected = ExpectedMissing(definition);
        reported.Order(StringComparer.Ordinal).ShouldBe(expected.Order(StringComparer.Ordinal));
        reported.Count.ShouldBe(170);
        reported.ShouldContain("'revenue.dedicated.ip_and_dc' for 2Q03");
        reported.ShouldContain("'revenue.dedicated_access' for 2Q02");
        reported.ShouldContain("'bs.cash' for 2003-09-30");
        reported.ShouldContain("'kpi.accounts.other_dialup' for 2002-09-30");
        reported.ShouldNotContain("'revenue.total' for 2Q03");
        reported.ShouldNotContain("'bs.cash' for 2003-06-30");
        Directory.Exists(Out).ShouldBeFalse();

        // Enter them: the quarter before's figures again, the cash moved by the quarter's cash flow so it rolls forward.
        File.AppendAllLines(Path.Combine(Rolled, "facts.csv"), SyntheticFacts(definition, expected));
        var second = Run("build", Rolled, "--out", Out);
        second.Err.ShouldBeEmpty("every table foots and nothing is missing or inconsistent");
        second.Code.ShouldBe(ExitCodes.Ok);

        var text = File.ReadAllText(Path.Combine(Out, "release.txt"));
        text.ShouldMatch(@"Revenues\s+2Q03\s+2Q02\s+YoY % change\s+1Q03\s+QoQ % change");
        text.ShouldContain("For the Three Months Ended Sep 30, 2003, Sep 30, 2002 and Jun 30, 2003");
        text.ShouldContain("As of Sep 30, 2003, Sep 30, 2002 and Jun 30, 2003");
        text.ShouldContain("the approximate rate of exchange on Sep 30, 2003");
        text.ShouldNotContain("Mar 31, 2003");
        text.ShouldNotContain("4Q02");
    }

    [Fact]
    public void Rolling_several_quarters_keeps_the_roles_apart_and_carries_what_they_still_use()
    {
        var roll = Run("roll", Repo.Example, "--to", "4Q2003", "--out", Rolled);
        roll.Code.ShouldBe(ExitCodes.Ok, roll.Err);
        roll.Out.ShouldContain("periods: current 4Q03 (was 1Q03), prior_year 4Q02 (was 1Q02), prior_quarter 3Q03 (was 4Q02)");

        var definition = DefinitionLoader.Load(Rolled).Value!;
        definition.Fx!.AsOf.ShouldBe(new DateOnly(2004, 3, 31));
        var facts = FactsReader.Read(Path.Combine(Rolled, "facts.csv"), definition).Value!;
        facts.All.Select(f => f.Period).Distinct().Order().Select(p => p.ToString()).ShouldBe(
            ["2002-12-31", "2003-01-01..2003-03-31", "2003-03-31"],
            "4Q02 is still the prior year's quarter: its amounts, its balances and the cash it starts with are carried");

        // The comment above the carried opening cash names quarters that the roll did not move.
        roll.Out.ShouldContain("facts.csv:");
        roll.Out.ShouldContain("warning roll.fixed-date-in-text: the text names the quarter '1Q02'");

        var build = Run("build", Rolled, "--out", Out);
        build.Code.ShouldBe(ExitCodes.BadInput);
        MissingReported(build.Err).Order(StringComparer.Ordinal).ShouldBe(ExpectedMissing(definition).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Release_yaml_keeps_its_comments_and_layout()
    {
        Run("roll", Repo.Example, "--to", "2Q03", "--out", Rolled).Code.ShouldBe(ExitCodes.Ok);
        var before = File.ReadAllLines(Path.Combine(Repo.Example, "release.yaml"));
        var after = File.ReadAllLines(Path.Combine(Rolled, "release.yaml"));
        after.Length.ShouldBe(before.Length);
        var changed = Enumerable.Range(0, before.Length).Where(i => before[i] != after[i]).Select(i => after[i]).ToList();
        changed.ShouldBe(
        [
            "  current: 2Q03        # July 1 – September 30, 2003",
            "  prior_year: 2Q02     # the same quarter a year earlier",
            "  prior_quarter: 1Q03  # the quarter before (April 1 – June 30, 2003)",
            "  as_of: 2003-09-30",
        ]);
    }

    [Fact]
    public void The_facts_file_keeps_its_sections_and_drops_those_left_empty()
    {
        Run("roll", Repo.Example, "--to", "2Q03", "--out", Rolled).Code.ShouldBe(ExitCodes.Ok);
        var before = File.ReadAllLines(Path.Combine(Repo.Example, "facts.csv"));
        var after = File.ReadAllLines(Path.Combine(Rolled, "facts.csv"));
        var layout = before.Where(l => l.StartsWith('#') || l.Length == 0).ToList();
        var emptied = layout.FindIndex(l => l.StartsWith("# Cash at the start of 1Q02 and 4Q02", StringComparison.Ordinal));
        layout.RemoveRange(emptied - 1, 2);
        after.Where(l => l.StartsWith('#') || l.Length == 0).ShouldBe(layout, "the section of opening cash of 1Q02 and 4Q02 has nothing left and goes with its blank line");
        after.Take(4).ShouldBe(before.Take(4));
        after.Where(l => l.Length > 0 && !l.StartsWith('#')).ShouldBeSubsetOf(before, "carried facts are the old lines, unchanged");
        after.ShouldContain("bs.cash,2002-06-30,\"6,014,693\",thousands", "2Q02 starts with it");
        after.ShouldContain("bs.cash,2003-03-31,\"3,588,352\",thousands", "1Q03 starts with it");
        after.ShouldNotContain(l => l.StartsWith("bs.accounts_receivable,2002-06-30", StringComparison.Ordinal));
        after.ShouldNotContain(l => l.Contains(",1Q02,", StringComparison.Ordinal) || l.Contains(",4Q02,", StringComparison.Ordinal));

        foreach (var file in Directory.EnumerateFiles(Repo.Example, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(Repo.Example, file);
            if (relative is not "release.yaml" and not "facts.csv")
            {
                File.ReadAllBytes(Path.Combine(Rolled, relative)).ShouldBe(File.ReadAllBytes(file), $"{relative} is copied as it is");
            }
        }
    }

    [Fact]
    public void Dates_written_out_in_the_definition_are_reported_with_file_and_line()
    {
        var roll = Run("roll", Repo.Example, "--to", "2Q03", "--out", Rolled);
        var note = File.ReadAllLines(Path.Combine(Repo.Example, "tables", "balance-sheet.yaml")).ToList().FindIndex(l => l.Contains("June 26, 2003", StringComparison.Ordinal)) + 1;
        roll.Out.ShouldContain($"{Path.Combine(Rolled, "tables", "balance-sheet.yaml")}:{note}: warning roll.fixed-date-in-text: the text names 'June 26, 2003', a date of 1Q03");
        roll.Out.ShouldContain($"{Path.Combine(Rolled, "release.yaml")}:2: warning roll.fixed-date-in-text: the text names 'June 30, 2003'");
        Regex.Count(roll.Out, "roll.fixed-date-in-text").ShouldBe(2, roll.Out);
    }

    /// <summary>The facts named missing by a build's output; fails on any other kind of error or warning.</summary>
    internal static List<string> MissingReported(string stderr)
    {
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines[^1].ShouldStartWith("kessan build: ");
        var reported = new List<string>();
        foreach (var line in lines[..^1])
        {
            var m = MissingLine().Match(line);
            m.Success.ShouldBeTrue($"only missing facts are reported, not: {line}");
            reported.Add(m.Groups["what"].Value);
        }

        reported.Distinct().Count().ShouldBe(reported.Count, "each missing fact is named once");
        return reported;
    }

    [GeneratedRegex(@": error build.missing-fact: missing fact: (?<what>'[^']+' for \S+) is needed by ")]
    private static partial Regex MissingLine();

    /// <summary>
    /// Worked out from the definition alone: every figure the tables show at the release's periods (values, change
    /// bases, percent denominators, opening balances), broken down through the calculations to the facts one enters
    /// (a concept no calculation or ratio makes, or one the facts file gives), less the facts carried.
    /// </summary>
    internal static List<string> ExpectedMissing(ReleaseDefinition definition)
    {
        var carried = FactsReader.Read(Path.Combine(definition.Directory, "facts.csv"), definition).Value!;
        var entered = carried.All.Select(f => f.Concept).ToHashSet();

        IEnumerable<string> Leaves(string concept, int depth)
        {
            var makers = definition.Calculations.Where(c => c.Total == concept).Select(c => c.Items.Select(i => i.Concept))
                .Concat(definition.Ratios.Where(r => r.Concept == concept).Select(r => new[] { r.Numerator, r.Denominator }))
                .ToList();
            return entered.Contains(concept) || makers.Count == 0 || depth > 10
                ? [concept]
                : makers.SelectMany(m => m).SelectMany(i => Leaves(i, depth + 1));
        }

        Period At(string concept, ReportingPeriod q, Anchor at) =>
            definition.Concepts[concept].PeriodType == PeriodType.Duration ? Period.Duration(q.Start, q.End)
            : Period.Instant(at == Anchor.End ? q.End : q.Start.AddDays(-1));

        var needed = new HashSet<(string, Period)>();
        foreach (var table in definition.Tables)
        {
            foreach (var row in table.Rows.Where(r => r.Concept is not null))
            {
                foreach (var col in table.Columns)
                {
                    foreach (var role in new[] { col.Period, col.Base }.OfType<string>())
                    {
                        needed.Add((row.Concept!, At(row.Concept!, definition.Periods[role], row.At)));
                    }

                    if (col.Of is { } of)
                    {
                        needed.Add((of, At(of, definition.Periods[col.Period], Anchor.End)));
                    }
                }
            }
        }

        string Describe(Period p) => p.IsInstant ? p.End.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : definition.Calendar.QuarterOf(p.End).Label;
        return needed.Where(n => !carried.Contains(n.Item1, n.Item2))
            .SelectMany(n => Leaves(n.Item1, 0).Select(leaf => (Concept: leaf, Period: n.Item2)))
            .Where(n => !carried.Contains(n.Concept, n.Period))
            .Select(n => $"'{n.Concept}' for {Describe(n.Period)}")
            .Distinct()
            .ToList();
    }

    /// <summary>
    /// A value for each missing fact: the example's figure a quarter earlier, in the same scale (2Q03 gets 1Q03's,
    /// 2Q02 gets 1Q02's, the balances at Sep 30 those at Jun 30), except that cash moves by the quarter's net change
    /// in cash and other current assets by the opposite, so cash rolls forward and the balance sheet still balances.
    /// </summary>
    private static IEnumerable<string> SyntheticFacts(ReleaseDefinition rolled, List<string> missing)
    {
        var (original, facts, _) = ReleasePipeline.Load(Repo.Example);
        var derived = Calculator.Derive(original!, facts).Value!;
        var lines = File.ReadAllLines(Path.Combine(Repo.Example, "facts.csv"));
        foreach (var what in missing)
        {
            var m = Regex.Match(what, "^'(?<concept>[^']+)' for (?<period>.+)$");
            var concept = m.Groups["concept"].Value;
            var periodText = m.Groups["period"].Value;
            FactsReader.TryParsePeriod(periodText, rolled.Concepts[concept].PeriodType, rolled.Calendar, out var period, out _).ShouldBeTrue();
            var before = rolled.Calendar.QuarterOf(period.End).Previous;
            var earlier = period.IsInstant ? before.EndInstant : before.Period;
            var source = facts.Find(concept, earlier).ShouldNotBeNull($"the example gives {concept} for {earlier}");
            var fields = Regex.Match(lines[source.Source!.Value.Line - 1], "^[^,]+,[^,]+,(?<value>\"[^\"]*\"|[^,]*),(?<scale>.*)$");
            var value = fields.Groups["value"].Value;
            if (concept is "bs.cash" or "bs.other_current_assets")
            {
                var change = derived.Find("cf.net_change_in_cash", before.Period)!.Value * (concept == "bs.cash" ? 1 : -1);
                value = $"\"{(source.Value + change) / 1000m:#,0}\"";
                fields.Groups["scale"].Value.ShouldBe("thousands");
            }

            yield return $"{concept},{periodText},{value},{fields.Groups["scale"].Value}";
        }
    }
}
