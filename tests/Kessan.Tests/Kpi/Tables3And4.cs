using Kessan.Kpi;
using Kessan.Model;

namespace Kessan.Tests.Kpi;

/// <summary>Tables 3 and 4 of IIJ's 1Q03 release, as printed: columns 1Q03, 1Q02, 4Q02.</summary>
internal static class Tables3And4
{
    // The example's KPI concepts, as its kpis.yaml names them.
    public const string Ip64kTo128k = "kpi.contracts.ip_64k_128k";
    public const string Ip192kTo768k = "kpi.contracts.ip_192k_768k";
    public const string Ip1mTo2m = "kpi.contracts.ip_1m_2m";
    public const string Ip3mTo1200m = "kpi.contracts.ip_3m_1200m";
    public const string DcConnectivityContracts = "kpi.contracts.dc_connectivity";
    public const string OtherDedicatedContracts = "kpi.contracts.other_dedicated";
    public const string Ij4uDialupAccounts = "kpi.accounts.ij4u_dialup";
    public const string OtherDialupAccounts = "kpi.accounts.other_dialup";
    public const string DedicatedBandwidth = "kpi.bandwidth.dedicated";
    public const string DcConnectivityBandwidth = "kpi.bandwidth.dc_connectivity";

    public static readonly FiscalQuarter Q1Q03 = FiscalCalendar.MarchYearEnd.Quarter(2003, 1);
    public static readonly FiscalQuarter Q1Q02 = FiscalCalendar.MarchYearEnd.Quarter(2002, 1);
    public static readonly FiscalQuarter Q4Q02 = FiscalCalendar.MarchYearEnd.Quarter(2002, 4);

    public static readonly FiscalQuarter[] Columns = [Q1Q03, Q1Q02, Q4Q02];

    /// <summary>Table 3. Number of Contracts.</summary>
    public static readonly (string Concept, long[] Values)[] Table3 =
    [
        (Ip64kTo128k, [90, 108, 112]),
        (Ip192kTo768k, [26, 33, 35]),
        (Ip1mTo2m, [239, 263, 268]),
        (Ip3mTo1200m, [294, 183, 248]),
        (DcConnectivityContracts, [171, 122, 156]),
        (OtherDedicatedContracts, [5_056, 3_269, 4_489]),
        (Ij4uDialupAccounts, [76_209, 86_297, 79_464]),
        (OtherDialupAccounts, [515_363, 232_330, 450_320]),
    ];

    public static readonly long[] TotalDedicatedAccess = [5_876, 3_978, 5_308];
    public static readonly long[] TotalDialup = [591_572, 318_627, 529_784];

    /// <summary>Table 4. Number of Contract Bandwidth (Unit: Gbps).</summary>
    public static readonly (string Concept, decimal[] Values)[] Table4 =
    [
        (DedicatedBandwidth, [41.1m, 12.2m, 32.1m]),
        (DcConnectivityBandwidth, [10.3m, 2.2m, 9.9m]),
    ];

    public static readonly decimal[] TotalContractBandwidth = [51.4m, 14.4m, 42.0m];

    /// <summary>Checks every figure of both tables, totals included, against KPIs computed from a register.</summary>
    public static void ShouldMatch(FactSet kpis)
    {
        decimal V(string concept, FiscalQuarter q) =>
            (kpis.Find(concept, q.EndInstant) ?? throw new ShouldAssertException($"no fact {concept} at {q.EndInstant}")).Value;

        for (var c = 0; c < Columns.Length; c++)
        {
            var q = Columns[c];
            foreach (var (concept, values) in Table3)
            {
                V(concept, q).ShouldBe(values[c], $"{concept} at {q.Label}");
            }

            var dedicated = new[]
            {
                Ip64kTo128k, Ip192kTo768k, Ip1mTo2m, Ip3mTo1200m,
                DcConnectivityContracts, OtherDedicatedContracts,
            }.Sum(k => V(k, q));
            dedicated.ShouldBe(TotalDedicatedAccess[c], $"Total Dedicated Access Services at {q.Label}");
            (V(Ij4uDialupAccounts, q) + V(OtherDialupAccounts, q)).ShouldBe(TotalDialup[c], $"Total Dial-Up Access Services at {q.Label}");

            foreach (var (concept, values) in Table4)
            {
                Shown(V(concept, q)).ShouldBe(values[c], $"{concept} at {q.Label}");
            }

            // The total both ways: of the exact sums, and of the figures as shown.
            var exact = V(DedicatedBandwidth, q) + V(DcConnectivityBandwidth, q);
            Shown(exact).ShouldBe(TotalContractBandwidth[c], $"Total Contract Bandwidth at {q.Label}");
            (Shown(V(DedicatedBandwidth, q)) + Shown(V(DcConnectivityBandwidth, q))).ShouldBe(TotalContractBandwidth[c]);
        }
    }

    /// <summary>Table 4 shows Gbps to one decimal.</summary>
    public static decimal Shown(decimal gbps) => Math.Round(gbps, 1, MidpointRounding.AwayFromZero);
}
