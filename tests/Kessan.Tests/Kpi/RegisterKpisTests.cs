using Kessan.Kpi;
using Kessan.Model;

namespace Kessan.Tests.Kpi;

public class RegisterKpisTests
{
    private static readonly DateOnly March31 = new(2003, 3, 31);
    private static readonly DateOnly June30 = new(2003, 6, 30);

    private static decimal Value(FactSet facts, string concept, DateOnly date) => facts.Find(concept, Period.Instant(date))!.Value;

    [Fact]
    public void The_example_register_reproduces_Tables_3_and_4_for_all_three_quarters()
    {
        var result = RegisterKpis.FromFiles(
            Repo.File("examples/iij-2003q1/contracts.csv"),
            Repo.File("examples/iij-2003q1/kpis.yaml"),
            Tables3And4.Columns);
        result.Diagnostics.ShouldBeEmpty();
        Tables3And4.ShouldMatch(result.Value!);
    }

    [Fact]
    public void Counts_and_bandwidth_of_contracts_in_force_only()
    {
        Contract[] register =
        [
            new("C1", "Kobe Foods K.K.", "dedicated_ip", Bandwidth.FromKbps(128), new(2001, 4, 1), null),
            new("C2", "Kobe Foods K.K.", "dedicated_ip", Bandwidth.FromMbps(1.5m), new(2003, 4, 1), null),
            new("C3", "Kanda Securities Inc.", "dedicated_ip", Bandwidth.FromGbps(1m), new(2002, 4, 1), June30),
            new("C4", "Kanda Securities Inc.", "dc_connectivity", Bandwidth.FromMbps(100m), new(2002, 4, 1), null),
            new("C5", "Sapporo Steel Inc.", "other_dedicated", Bandwidth.FromMbps(10m), new(2002, 4, 1), null, 3),
            new("D1", "IJ4U retail members", "ij4u_dialup", null, new(1999, 4, 1), null, 1_000),
            new("D2", "IJ4U retail members", "ij4u_dialup", null, new(1999, 4, 1), new(2003, 5, 1), 200),
            new("D3", "NTT East Corporation (L-mode OEM)", "other_dialup", null, new(2003, 3, 31), null, 5_000),
        ];
        var result = RegisterKpis.Compute(register, Repo.Kpis, [June30, March31]);
        result.Diagnostics.ShouldBeEmpty();
        var f = result.Value!;
        f.Count.ShouldBe(20);
        Value(f, Tables3And4.Ip64kTo128k, June30).ShouldBe(1);
        Value(f, Tables3And4.Ip1mTo2m, June30).ShouldBe(1);
        Value(f, Tables3And4.Ip1mTo2m, March31).ShouldBe(0);
        Value(f, Tables3And4.Ip3mTo1200m, June30).ShouldBe(0);
        Value(f, Tables3And4.Ip3mTo1200m, March31).ShouldBe(1);
        Value(f, Tables3And4.Ip192kTo768k, June30).ShouldBe(0);
        Value(f, Tables3And4.DcConnectivityContracts, June30).ShouldBe(1);
        Value(f, Tables3And4.OtherDedicatedContracts, June30).ShouldBe(3);
        Value(f, Tables3And4.Ij4uDialupAccounts, June30).ShouldBe(1_000);
        Value(f, Tables3And4.Ij4uDialupAccounts, March31).ShouldBe(1_200);
        Value(f, Tables3And4.OtherDialupAccounts, March31).ShouldBe(5_000);
        Value(f, Tables3And4.DedicatedBandwidth, June30).ShouldBe(0.000128m + 0.0015m + 0.03m);
        Value(f, Tables3And4.DedicatedBandwidth, March31).ShouldBe(0.000128m + 1m + 0.03m);
        Value(f, Tables3And4.DcConnectivityBandwidth, June30).ShouldBe(0.1m);
        f.All.ShouldAllBe(x => x.Period.IsInstant && x.Decimals == null);
    }

    [Fact]
    public void A_contract_in_a_tier_gap_is_reported_not_dropped()
    {
        var at = new Kessan.Diagnostics.SourceLocation("contracts.csv", 14);
        Contract[] register =
        [
            new("C1", "Kobe Foods K.K.", "dedicated_ip", Bandwidth.FromKbps(160), new(2001, 4, 1), null, 1, at),
            new("C2", "Kobe Foods K.K.", "dedicated_ip", Bandwidth.FromKbps(160), new(2001, 4, 1), new(2002, 1, 1)),
        ];
        var result = RegisterKpis.Compute(register, Repo.Kpis, [June30]);
        result.Diagnostics.Single().ToString().ShouldBe(
            "contracts.csv:14: error register.no-tier: dedicated IP contract C1 (160kbps) is in force at 2003-06-30 but its bandwidth is in no tier " +
            "(64kbps – 128kbps, 192kbps – 768kbps, 1Mbps – 2Mbps, 3Mbps – 1.2Gbps); it is not counted in any of its tiers");
        Value(result.Value!, Tables3And4.DedicatedBandwidth, June30).ShouldBe(0.00016m);
    }

    [Fact]
    public void Tiers_from_a_file_name_their_own_concepts()
    {
        var kpis = KpiDefinition.Load(new StringReader("services:\n  - code: dedicated_ip\n    tiers:\n      - id: all\n        concept: kpi.contracts.ip_all\n        lower_kbps: 1\n        upper_kbps: 10000000\n"), "kpis.yaml").Value!;
        var result = RegisterKpis.Compute([new Contract("C1", "Kobe Foods K.K.", "dedicated_ip", Bandwidth.FromKbps(160), new(2001, 4, 1), null)], kpis, [June30]);
        Value(result.Value!, "kpi.contracts.ip_all", June30).ShouldBe(1);
        kpis.Concepts.ShouldBe(["kpi.contracts.ip_all"]);
    }

    [Fact]
    public void A_register_with_errors_still_gives_the_KPIs_of_its_good_rows()
    {
        var path = Path.Combine(Path.GetTempPath(), $"kessan-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, "contract_id,customer,service,bandwidth,start,end\nC1,Kobe Foods K.K.,dedicated_ip,64kbps,2001-04-01,\nC2,Kobe Foods K.K.,dedicated_ip,64kbps,2001-04-31,\n");
        try
        {
            var result = RegisterKpis.FromFile(path, Repo.Kpis, [June30]);
            result.HasErrors.ShouldBeTrue();
            result.Diagnostics.Single().ToString().ShouldBe($"{path}:3: error register.bad-start: start date 2001-04-31 is not a date; write dates as YYYY-MM-DD, for example 2003-06-30");
            Value(result.Value!, Tables3And4.Ip64kTo128k, June30).ShouldBe(1);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
