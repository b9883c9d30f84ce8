using Kessan.Kpi;

namespace Kessan.Tests.Kpi;

public class RegisterSynthesizerTests
{
    /// <summary>The example's Tables 3 and 4, as its register-targets.csv gives them.</summary>
    private static readonly RegisterTargets Targets = RegisterTargets.Read(Path.Combine(Kessan.Tests.Repo.Example, "register-targets.csv"), Repo.Kpis).Value!;

    /// <summary>The seed the example register was generated with (docs/kpi.md).</summary>
    private const int ExampleSeed = 2003;

    private static string Generate(int seed, bool perAccount = false)
    {
        var generated = RegisterSynthesizer.Generate(seed, Targets, Repo.Kpis);
        generated.Diagnostics.ShouldBeEmpty();
        var text = new StringWriter();
        RegisterSynthesizer.Write(generated.Value!, text, perAccount);
        return text.ToString();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(ExampleSeed)]
    [InlineData(65_535)]
    public void A_generated_register_reproduces_Tables_3_and_4(int seed)
    {
        var read = ContractRegisterReader.Read(new StringReader(Generate(seed)), "contracts.csv", Repo.Kpis);
        read.Diagnostics.ShouldBeEmpty();
        var kpis = RegisterKpis.Compute(read.Value!, Repo.Kpis, Tables3And4.Columns);
        kpis.Diagnostics.ShouldBeEmpty();
        Tables3And4.ShouldMatch(kpis.Value!);
    }

    [Fact]
    public void The_same_seed_gives_the_same_register_and_another_seed_another()
    {
        Generate(5).ShouldBe(Generate(5));
        Generate(5).ShouldNotBe(Generate(6));
    }

    [Fact]
    public void The_example_register_is_the_generator_output_for_its_seed() =>
        File.ReadAllText(Repo.File("examples/iij-2003q1/contracts.csv")).ReplaceLineEndings("\n").ShouldBe(Generate(ExampleSeed));

    [Fact]
    public void The_register_is_realistic()
    {
        var contracts = RegisterSynthesizer.Generate(ExampleSeed, Targets, Repo.Kpis).Value!;
        var dedicated = contracts.Where(c => Repo.Kpis.Service(c.Service).IsDedicated).ToList();
        dedicated.ShouldAllBe(c => c.Count == 1 && c.Bandwidth != null && c.Customer.Length > 0);
        dedicated.Select(c => c.Customer).Distinct().Count().ShouldBeGreaterThan(1_000);
        dedicated.Count(c => c.End is not null).ShouldBeGreaterThan(500);
        dedicated.Min(c => c.Start).ShouldBeLessThan(new DateOnly(1996, 1, 1));
        var speeds = dedicated.Where(c => c.Service == "dedicated_ip").Select(c => c.Bandwidth!.Value).Distinct().ToList();
        foreach (var kbps in new[] { 64m, 128m, 256m, 768m, 1_500m, 10_000m, 100_000m })
        {
            speeds.ShouldContain(Bandwidth.FromKbps(kbps));
        }

        speeds.ShouldContain(b => b.Kbps >= 600_000m);

        contracts.Where(c => !Repo.Kpis.Service(c.Service).IsDedicated).Sum(c => (long)c.Count).ShouldBeGreaterThan(600_000);
        contracts.Select(c => c.Id).Distinct().Count().ShouldBe(contracts.Count);
        contracts.ShouldAllBe(c => c.End == null || c.End > c.Start);

        // The in-force convention matters in the example: contracts start and end exactly on period ends.
        foreach (var q in Tables3And4.Columns)
        {
            contracts.ShouldContain(c => c.End == q.End, $"a contract ending on {q.End}");
            contracts.ShouldContain(c => c.Start == q.End, $"a contract starting on {q.End}");
        }

        // Contracts that must not be counted: closed before the first date, starting after the last.
        contracts.ShouldContain(c => c.End < Tables3And4.Q1Q02.End);
        contracts.ShouldContain(c => c.Start > Tables3And4.Q1Q03.End);
    }

    [Fact]
    public void One_row_per_account_gives_the_same_KPIs()
    {
        var path = Path.Combine(Path.GetTempPath(), $"kessan-{Guid.NewGuid():N}.csv");
        try
        {
            var generated = RegisterSynthesizer.Generate(ExampleSeed, Targets, Repo.Kpis);
            generated.Diagnostics.ShouldBeEmpty();
            long rows;
            using (var writer = new StreamWriter(path))
            {
                rows = RegisterSynthesizer.Write(generated.Value!, writer, oneRowPerAccount: true);
            }

            rows.ShouldBeGreaterThan(700_000);
            var kpis = RegisterKpis.FromFile(path, Repo.Kpis, Tables3And4.Columns.Select(q => q.End));
            kpis.Diagnostics.ShouldBeEmpty();
            Tables3And4.ShouldMatch(kpis.Value!);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Unreachable_targets_are_a_diagnostic()
    {
        var t = Targets;
        var impossible = t with { BandwidthGbps = new Dictionary<string, decimal[]>(t.BandwidthGbps) { [Tables3And4.DcConnectivityBandwidth] = [0.1m, 9.9m, 10.3m] } };
        RegisterSynthesizer.Generate(1, impossible, Repo.Kpis).Diagnostics.Single().Code.ShouldBe("synth.register-bandwidth");
    }
}

public sealed class RegisterTargetsFileTests : IDisposable
{
    private readonly string path = Path.Combine(Path.GetTempPath(), "kessan-targets-" + Guid.NewGuid().ToString("N") + ".csv");

    public void Dispose() => File.Delete(path);

    [Fact]
    public void A_target_line_that_is_not_concept_date_value_is_reported_at_its_line()
    {
        File.WriteAllText(path, "concept,date,value\nkpi.contracts.ip_1m_2m,2003-06-30,239\nkpi.bandwidth.dedicated,30 June 2003,41.1\n");
        var read = RegisterTargets.Read(path, Repo.Kpis);
        read.Value.ShouldBeNull();
        read.Diagnostics.Single().ToString().ShouldStartWith($"{path}:3: error synth.register-targets:");
    }

    [Fact]
    public void Counts_and_bandwidths_are_told_apart_by_the_concepts_unit()
    {
        File.WriteAllText(path, "concept,date,value\nkpi.contracts.ip_1m_2m,2003-06-30,239\nkpi.bandwidth.dedicated,2003-06-30,41.1\n");
        var targets = RegisterTargets.Read(path, Repo.Kpis).Value!;
        targets.Counts["kpi.contracts.ip_1m_2m"].ShouldBe([239L]);
        targets.BandwidthGbps["kpi.bandwidth.dedicated"].ShouldBe([41.1m]);
    }
}
