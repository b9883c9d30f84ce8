using FsCheck;
using FsCheck.Fluent;
using Kessan.Diagnostics;
using Kessan.Kpi;
using Kessan.Model;

namespace Kessan.Tests.Kpi;

public class BandwidthTiersTests
{
    /// <summary>A KPI file of one service counted by the tiers given (a YAML list, indented as under 'tiers:').</summary>
    private static Result<KpiDefinition> Load(string tiers) =>
        KpiDefinition.Load(new StringReader("services:\n  - code: dedicated_ip\n    tiers:\n" + tiers), "kpis.yaml");

    [Fact]
    public void The_example_KPI_file_has_Table_3s_tiers()
    {
        Repo.Tiers.Tiers.Select(t => (t.Id, t.LowerKbps, t.UpperKbps, t.Label)).ShouldBe(
        [
            ("ip_64k_128k", 64m, 128m, "64kbps – 128kbps"),
            ("ip_192k_768k", 192m, 768m, "192kbps – 768kbps"),
            ("ip_1m_2m", 1_000m, 2_000m, "1Mbps – 2Mbps"),
            ("ip_3m_1200m", 3_000m, 1_200_000m, "3Mbps – 1.2Gbps"),
        ]);
    }

    [Theory]
    [InlineData(64, Tables3And4.Ip64kTo128k)]
    [InlineData(128, Tables3And4.Ip64kTo128k)]
    [InlineData(129, null)]
    [InlineData(191.99, null)]
    [InlineData(192, Tables3And4.Ip192kTo768k)]
    [InlineData(768, Tables3And4.Ip192kTo768k)]
    [InlineData(800, null)]
    [InlineData(1_000, Tables3And4.Ip1mTo2m)]
    [InlineData(2_000, Tables3And4.Ip1mTo2m)]
    [InlineData(2_500, null)]
    [InlineData(3_000, Tables3And4.Ip3mTo1200m)]
    [InlineData(1_200_000, Tables3And4.Ip3mTo1200m)]
    [InlineData(10_000_000, null)]
    [InlineData(56, null)]
    public void Bounds_are_inclusive_and_gaps_are_gaps(double kbps, string? concept) =>
        Repo.Tiers.Classify(Bandwidth.FromKbps((decimal)kbps))?.Concept.ShouldBe(concept);

    /// <summary>Bandwidths near every tier bound (to 0.01 kbps), and anywhere from 0.001 kbps to 2 Gbps.</summary>
    private static Arbitrary<decimal> Bandwidths()
    {
        var bounds = Repo.Tiers.Tiers.SelectMany(t => new[] { t.LowerKbps, t.UpperKbps }).ToArray();
        var nearBound = from b in Gen.Elements(bounds)
                        from off in Gen.Choose(-1_000, 1_000)
                        select b + (off / 100m);
        var anywhere = from n in Gen.Choose(1, 2_000_000)
                       from scale in Gen.Choose(0, 3)
                       select n / Fact.Pow10(scale);
        return Gen.OneOf(nearBound, anywhere).Where(k => k > 0m).ToArbitrary();
    }

    [Fact]
    public void Every_bandwidth_lands_in_exactly_one_tier_or_gives_a_diagnostic() =>
        Prop.ForAll(
                Bandwidths(),
                kbps =>
                {
                    var b = Bandwidth.FromKbps(kbps);
                    var date = new DateOnly(2003, 6, 30);
                    var contract = new Contract("C1", "Kobe Foods K.K.", "dedicated_ip", b, new(2001, 4, 1), null);
                    var result = RegisterKpis.Compute([contract], Repo.Kpis, [date]);
                    var counted = Repo.Tiers.Tiers.Count(t => result.Value!.Find(t.Concept, Period.Instant(date))!.Value == 1m);
                    var containing = Repo.Tiers.Tiers.Count(t => t.LowerKbps <= kbps && kbps <= t.UpperKbps);
                    var reported = result.Diagnostics.Count(d => d.Code == "register.no-tier");
                    var bandwidth = result.Value!.Find(Tables3And4.DedicatedBandwidth, Period.Instant(date))!.Value;
                    return containing <= 1 && counted == containing && counted + reported == 1 && bandwidth == b.Gbps
                        && Repo.Tiers.Classify(b)?.Concept == Repo.Tiers.Tiers.SingleOrDefault(t => t.Contains(b))?.Concept;
                })
            .Check(Config.QuickThrowOnFailure.WithMaxTest(2_000));

    [Fact]
    public void Overlapping_tiers_are_an_error()
    {
        var result = Load("""
                  - id: low
                    concept: kpi.contracts.low
                    lower_kbps: 64
                    upper_kbps: 256
                  - id: mid
                    concept: kpi.contracts.mid
                    lower_kbps: 256
                    upper_kbps: 1000

            """);
        result.Diagnostics.Single().ToString().ShouldBe("kpis.yaml:8: error register.tiers-overlap: tiers low and mid overlap; a contract must land in one tier only");
    }

    [Fact]
    public void Missing_bound_and_bad_number_are_errors_with_their_lines()
    {
        var result = Load("""
                  - id: low
                    concept: kpi.contracts.low
                    lower_kbps: 64
                  - id: mid
                    concept: kpi.contracts.mid
                    lower_kbps: 1Mbps
                    upper_kbps: 2000

            """);
        result.Diagnostics.Select(d => d.ToString()).ShouldBe(
        [
            "kpis.yaml:4: error register.tiers-bad-shape: the tier low has no upper_kbps",
            "kpis.yaml:9: error register.tiers-bad-kbps: lower_kbps '1Mbps' of tier mid is not a positive number of kbps",
        ]);
    }

    [Fact]
    public void Inverted_tier_is_an_error() =>
        Load("      - id: x\n        concept: kpi.x\n        lower_kbps: 2000\n        upper_kbps: 1000\n").Diagnostics.Single().Message
            .ShouldBe("tier x: lower_kbps 2000 is above upper_kbps 1000");

    [Fact]
    public void A_tier_cannot_take_another_lines_concept()
    {
        var result = KpiDefinition.Load(new StringReader("services:\n  - code: dedicated_ip\n    tiers:\n      - id: x\n        concept: kpi.contracts.dc\n        lower_kbps: 1\n        upper_kbps: 1000\n  - code: dc\n    concept: kpi.contracts.dc\n"), "kpis.yaml");
        result.Value.ShouldBeNull();
        result.Diagnostics.Single().ToString().ShouldBe("kpis.yaml:4: error register.tiers-taken-concept: tier x cannot use the concept kpi.contracts.dc: it is another line of the KPIs");
    }

    [Fact]
    public void Tiers_in_code_are_checked_too() =>
        BandwidthTiers.Of([new("a", "kpi.a", 1m, 100m), new("b", "kpi.b", 50m, 200m)]).Diagnostics.Single().Code.ShouldBe("register.tiers-overlap");

    [Fact]
    public void Tiers_that_are_not_a_list_are_an_error() =>
        KpiDefinition.Load(new StringReader("services:\n  - code: dedicated_ip\n    tiers: 64kbps\n"), "kpis.yaml").Diagnostics.Single().ToString()
            .ShouldBe("kpis.yaml:3: error register.tiers-bad-shape: 'tiers:' is not a list of tiers");
}
