using Kessan.Cli;

namespace Kessan.Tests.Build;

/// <summary>One small reproducer per input problem: the message names file and line, exit code 2, nothing written.</summary>
public sealed class BadInputTests : IDisposable
{
    private readonly string work = Path.Combine(Path.GetTempPath(), "kessan-bad-" + Guid.NewGuid().ToString("N"));

    public BadInputTests() => Repo.CopyExample(Path.Combine(work, "def"));

    private string Def => Path.Combine(work, "def");

    private string Out => Path.Combine(work, "out");

    public void Dispose() => Directory.Delete(work, recursive: true);

    private (int Code, string Stderr) Build()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = KessanCli.Run(["build", Def, "--out", Out], stdout, stderr);
        return (code, stderr.ToString());
    }

    private void AppendFacts(params string[] lines) => File.AppendAllLines(Path.Combine(Def, "facts.csv"), lines);

    private int FactsLines => File.ReadAllLines(Path.Combine(Def, "facts.csv")).Length;

    private void ShouldFailWith(params string[] fragments)
    {
        var (code, stderr) = Build();
        code.ShouldBe(ExitCodes.BadInput);
        foreach (var f in fragments)
        {
            stderr.ShouldContain(f);
        }

        stderr.ShouldContain("nothing was written");
        Directory.Exists(Out).ShouldBeFalse("no output may be written when the input has problems");
    }

    [Fact]
    public void The_example_itself_builds()
    {
        var (code, stderr) = Build();
        stderr.ShouldBeEmpty();
        code.ShouldBe(ExitCodes.Ok);
        File.Exists(Path.Combine(Out, "release.txt")).ShouldBeTrue();
        File.Exists(Path.Combine(Out, "release.md")).ShouldBeTrue();
        File.Exists(Path.Combine(Out, "release.html")).ShouldBeTrue();
        Directory.GetDirectories(work).ShouldNotContain(d => Path.GetFileName(d).StartsWith('.'), "the staging folder is cleaned up");
    }

    [Fact]
    public void A_missing_facts_file_is_named()
    {
        File.Delete(Path.Combine(Def, "facts.csv"));
        ShouldFailWith("facts.csv", "does not exist");
    }

    [Fact]
    public void A_missing_definition_folder_is_named()
    {
        Directory.Delete(Def, recursive: true);
        ShouldFailWith("does not exist");
    }

    [Fact]
    public void An_unknown_concept_is_named_with_its_line()
    {
        AppendFacts("revenue.dedicated_acess,1Q03,\"3,321,229\",thousands");
        ShouldFailWith($"facts.csv:{FactsLines}: error facts.unknown-concept: unknown concept 'revenue.dedicated_acess'");
    }

    [Fact]
    public void A_duplicate_fact_names_both_lines()
    {
        var first = File.ReadAllLines(Path.Combine(Def, "facts.csv")).ToList().FindIndex(l => l.StartsWith("revenue.other,1Q03", StringComparison.Ordinal)) + 1;
        AppendFacts("revenue.other,1Q03,\"519,709\",thousands");
        ShouldFailWith($"facts.csv:{FactsLines}: error facts.duplicate: 'revenue.other' for 1Q03 is given twice (first at line {first})");
    }

    [Fact]
    public void A_malformed_number_is_quoted_back()
    {
        AppendFacts("cf.other_operating,2Q03,\"12,34.5\",thousands");
        ShouldFailWith($"facts.csv:{FactsLines}: error facts.bad-value: '12,34.5' is not a number");
    }

    [Fact]
    public void A_malformed_date_is_explained()
    {
        AppendFacts("bs.cash,2003-02-30,\"1,000\",thousands");
        ShouldFailWith($"facts.csv:{FactsLines}: error facts.bad-period: '2003-02-30' is not a period");
    }

    [Fact]
    public void A_balance_given_for_a_span_of_time_is_explained()
    {
        AppendFacts("bs.cash,2003-04-01..2003-06-30,\"1,000\",thousands");
        ShouldFailWith("facts.wrong-period-type: 'bs.cash' is a balance at a date, but the period '2003-04-01..2003-06-30' is a span of time");
    }

    [Fact]
    public void A_missing_leaf_fact_is_listed_as_missing()
    {
        var lines = File.ReadAllLines(Path.Combine(Def, "facts.csv")).Where(l => !l.StartsWith("revenue.other,4Q02", StringComparison.Ordinal));
        File.WriteAllLines(Path.Combine(Def, "facts.csv"), lines);
        ShouldFailWith("build.missing-fact: missing fact: 'revenue.other' for 4Q02");
    }

    [Fact]
    public void Facts_that_contradict_their_total_are_reported()
    {
        AppendFacts("revenue.total,1Q03,\"8,400,000\",thousands");
        ShouldFailWith("calculation.disagrees: the facts disagree: 'revenue.total' for 1Q03 is given as 8,400,000,000 but its items add up to 8,344,046,000");
    }

    [Fact]
    public void An_unknown_concept_in_a_table_definition_is_named_with_its_line()
    {
        var table = Path.Combine(Def, "tables", "10-capex.yaml");
        File.WriteAllText(table, File.ReadAllText(table).Replace("concept: capex.capital_leases", "concept: capex.capital_lease", StringComparison.Ordinal));
        ShouldFailWith("10-capex.yaml:", "unknown concept 'capex.capital_lease'");
    }

    [Fact]
    public void Invalid_yaml_is_reported_with_its_line()
    {
        File.WriteAllText(Path.Combine(Def, "calculations.yaml"), "calculations:\n  - { total: x, items: [a, b\n");
        ShouldFailWith("calculations.yaml:", "not valid YAML");
    }

    [Fact]
    public void All_problems_are_reported_at_once()
    {
        AppendFacts(
            "revenue.dedicated_acess,1Q03,1,thousands",
            "revenue.other,1Q03,\"519,709\",thousands",
            "cf.other_operating,2Q03,abc,thousands",
            "bs.cash,2003-13-01,1,thousands");
        var (code, stderr) = Build();
        code.ShouldBe(ExitCodes.BadInput);
        stderr.ShouldContain("facts.unknown-concept");
        stderr.ShouldContain("facts.duplicate");
        stderr.ShouldContain("facts.bad-value");
        stderr.ShouldContain("facts.bad-period");
        stderr.ShouldContain("4 problems in the input");
    }

    [Fact]
    public void A_usage_mistake_exits_2()
    {
        var stderr = new StringWriter();
        KessanCli.Run(["build"], new StringWriter(), stderr).ShouldBe(ExitCodes.BadInput);
        stderr.ToString().ShouldContain("kessan");
    }
}
