using FsCheck;
using FsCheck.Fluent;
using Kessan.Diagnostics;
using Kessan.Kpi;
using Kessan.Model;

namespace Kessan.Tests.Kpi;

public class BandwidthTiersTests
{
    private static Result<BandwidthTiers> Load(string yaml) => BandwidthTiers.Load(new StringReader(yaml), "kpi-tiers.yaml");

    [Fact]
    public void The_example_tier_file_is_Table_3s_tiers()
    {
        var loaded = BandwidthTiers.LoadFile(Repo.File("examples/iij-2003q1/kpi-tiers.yaml"));
        loaded.Diagnostics.ShouldBeEmpty();
        loaded.Value!.Tiers.Select(t => (t.Id, t.Concept, t.LowerKbps, t.UpperKbps, t.Label))
            .ShouldBe(BandwidthTiers.Table3.Tiers.Select(t => (t.Id, t.Concept, t.LowerKbps, t.UpperKbps, t.Label)));
    }

    [Theory]
    [InlineData(64, KpiConcepts.Ip64kTo128k)]
    [InlineData(128, KpiConcepts.Ip64kTo128k)]
    [InlineData(129, null)]
    [InlineData(191.99, null)]
    [InlineData(192, KpiConcepts.Ip192kTo768k)]
    [InlineData(768, KpiConcepts.Ip192kTo768k)]
    [InlineData(800, null)]
    [InlineData(1_000, KpiConcepts.Ip1mTo2m)]
    [InlineData(2_000, KpiConcepts.Ip1mTo2m)]
    [InlineData(2_500, null)]
    [InlineData(3_000, KpiConcepts.Ip3mTo1200m)]
    [InlineData(1_200_000, KpiConcepts.Ip3mTo1200m)]
    [InlineData(10_000_000, null)]
    [InlineData(56, null)]
    public void Bounds_are_inclusive_and_gaps_are_gaps(double kbps, string? concept) =>
        BandwidthTiers.Table3.Classify(Bandwidth.FromKbps((decimal)kbps))?.Concept.ShouldBe(concept);

    /// <summary>Bandwidths near every tier bound (to 0.01 kbps), and anywhere from 0.001 kbps to 2 Gbps.</summary>
    private static Arbitrary<decimal> Bandwidths()
    {
        var bounds = BandwidthTiers.Table3.Tiers.SelectMany(t => new[] { t.LowerKbps, t.UpperKbps }).ToArray();
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
                    var contract = new Contract("C1", "Kobe Foods K.K.", Service.DedicatedIp, b, new(2001, 4, 1), null);
                    var result = RegisterKpis.Compute([contract], BandwidthTiers.Table3, [date]);
                    var counted = BandwidthTiers.Table3.Tiers.Count(t => result.Value!.Find(t.Concept, Period.Instant(date))!.Value == 1m);
                    var containing = BandwidthTiers.Table3.Tiers.Count(t => t.LowerKbps <= kbps && kbps <= t.UpperKbps);
                    var reported = result.Diagnostics.Count(d => d.Code == "register.no-tier");
                    var bandwidth = result.Value!.Find(KpiConcepts.DedicatedBandwidth, Period.Instant(date))!.Value;
                    return containing <= 1 && counted == containing && counted + reported == 1 && bandwidth == b.Gbps
                        && BandwidthTiers.Table3.Classify(b)?.Concept == BandwidthTiers.Table3.Tiers.SingleOrDefault(t => t.Contains(b))?.Concept;
                })
            .Check(Config.QuickThrowOnFailure.WithMaxTest(2_000));

    [Fact]
    public void Overlapping_tiers_are_an_error()
    {
        var result = Load("""
            tiers:
              - id: low
                concept: kpi.contracts.low
                lower_kbps: 64
                upper_kbps: 256
              - id: mid
                concept: kpi.contracts.mid
                lower_kbps: 256
                upper_kbps: 1000
            """);
        var d = result.Diagnostics.Single();
        d.ToString().ShouldBe("kpi-tiers.yaml:6: error register.tiers-overlap: tiers low and mid overlap; a contract must land in one tier only");
    }

    [Fact]
    public void Missing_bound_and_bad_number_are_errors_with_their_lines()
    {
        var result = Load("""
            tiers:
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
            "kpi-tiers.yaml:2: error register.tiers-bad-shape: the tier low has no upper_kbps",
            "kpi-tiers.yaml:7: error register.tiers-bad-kbps: lower_kbps '1Mbps' of tier mid is not a positive number of kbps",
        ]);
    }

    [Fact]
    public void Inverted_tier_is_an_error() =>
        Load("tiers:\n  - id: x\n    concept: kpi.x\n    lower_kbps: 2000\n    upper_kbps: 1000\n").Diagnostics.Single().Message
            .ShouldBe("tier x: lower_kbps 2000 is above upper_kbps 1000");

    [Fact]
    public void A_tier_cannot_take_another_lines_concept()
    {
        var result = Load("tiers:\n  - id: x\n    concept: kpi.contracts.dc_connectivity\n    lower_kbps: 1\n    upper_kbps: 1000\n");
        result.Value.ShouldBeNull();
        result.Diagnostics.Single().ToString().ShouldBe("kpi-tiers.yaml:2: error register.tiers-taken-concept: tier x cannot use the concept kpi.contracts.dc_connectivity: it is another line of Tables 3 and 4");
    }

    [Fact]
    public void Tiers_in_code_are_checked_too() =>
        BandwidthTiers.Of([new("a", "kpi.a", 1m, 100m), new("b", "kpi.b", 50m, 200m)]).Diagnostics.Single().Code.ShouldBe("register.tiers-overlap");

    [Fact]
    public void No_tiers_is_an_error() => Load("levels: []\n").Diagnostics.Single().Message.ShouldBe("the tier file has no 'tiers:' list");

    [Fact]
    public void Broken_yaml_is_an_error_not_an_exception() =>
        Load("tiers:\n  - id: [x\n").Diagnostics.Single().Code.ShouldBe("register.tiers-bad-yaml");

    [Fact]
    public void Missing_file_is_an_error() => BandwidthTiers.LoadFile("/nonexistent/kpi-tiers.yaml").Diagnostics.Single().Code.ShouldBe("register.tiers-missing-file");
}
