using Kessan.Model;

namespace Kessan.Kpi;

/// <summary>The concept ids of the operating KPIs of Tables 3 and 4. All are instants: measured at a period end.</summary>
public static class KpiConcepts
{
    public const string Ip64kTo128k = "kpi.contracts.ip_64k_128k";
    public const string Ip192kTo768k = "kpi.contracts.ip_192k_768k";
    public const string Ip1mTo2m = "kpi.contracts.ip_1m_2m";
    public const string Ip3mTo1200m = "kpi.contracts.ip_3m_1200m";
    public const string DcConnectivityContracts = "kpi.contracts.dc_connectivity";
    public const string OtherDedicatedContracts = "kpi.contracts.other_dedicated";
    public const string Ij4uDialupAccounts = "kpi.accounts.ij4u_dialup";
    public const string OtherDialupAccounts = "kpi.accounts.other_dialup";

    /// <summary>Total contract bandwidth of dedicated access services other than DC connectivity, in Gbps.</summary>
    public const string DedicatedBandwidth = "kpi.bandwidth.dedicated";

    /// <summary>Total contract bandwidth of DC connectivity services, in Gbps.</summary>
    public const string DcConnectivityBandwidth = "kpi.bandwidth.dc_connectivity";

    /// <summary>The concept counting a service's contracts or accounts; null for dedicated IP, which is counted by tier.</summary>
    public static string? CountConcept(Service service) => service switch
    {
        Service.DcConnectivity => DcConnectivityContracts,
        Service.OtherDedicated => OtherDedicatedContracts,
        Service.Ij4uDialup => Ij4uDialupAccounts,
        Service.OtherDialup => OtherDialupAccounts,
        _ => null,
    };

    /// <summary>The concept a service's contract bandwidth adds to; null for dial-up.</summary>
    public static string? BandwidthConcept(Service service) => service switch
    {
        Service.DedicatedIp or Service.OtherDedicated => DedicatedBandwidth,
        Service.DcConnectivity => DcConnectivityBandwidth,
        _ => null,
    };

    /// <summary>Definitions of the KPI concepts for the default tiers, with Table 3 and 4's labels.</summary>
    public static IReadOnlyList<Concept> All { get; } =
    [
        new(Ip64kTo128k, "64kbps – 128kbps", PeriodType.Instant, Balance.None, "contracts"),
        new(Ip192kTo768k, "192kbps – 768kbps", PeriodType.Instant, Balance.None, "contracts"),
        new(Ip1mTo2m, "1Mbps – 2Mbps", PeriodType.Instant, Balance.None, "contracts"),
        new(Ip3mTo1200m, "3Mbps – 1.2Gbps", PeriodType.Instant, Balance.None, "contracts"),
        new(DcConnectivityContracts, "Number of Contracts of DC Connectivity Services", PeriodType.Instant, Balance.None, "contracts"),
        new(OtherDedicatedContracts, "Other", PeriodType.Instant, Balance.None, "contracts"),
        new(Ij4uDialupAccounts, "IJ4U (Dial-up access services for retail market)", PeriodType.Instant, Balance.None, "accounts"),
        new(OtherDialupAccounts, "Other Dial-Up Access Services", PeriodType.Instant, Balance.None, "accounts"),
        new(DedicatedBandwidth, "Dedicated Access Services", PeriodType.Instant, Balance.None, "Gbps"),
        new(DcConnectivityBandwidth, "DC Connectivity Services", PeriodType.Instant, Balance.None, "Gbps"),
    ];
}
