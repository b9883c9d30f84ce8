namespace Kessan.Kpi;

/// <summary>
/// What a synthetic register must reproduce: for each period end date, the count of every count concept and the
/// contract bandwidth (Gbps, as shown to 0.1) of every bandwidth concept.
/// </summary>
public sealed record RegisterTargets(
    IReadOnlyList<DateOnly> Dates,
    IReadOnlyDictionary<string, long[]> Counts,
    IReadOnlyDictionary<string, decimal[]> BandwidthGbps)
{
    /// <summary>
    /// IIJ's first quarter of fiscal 2003 release, Tables 3 and 4, at the ends of 1Q02 (2002-06-30), 4Q02 (2003-03-31)
    /// and 1Q03 (2003-06-30).
    /// </summary>
    public static RegisterTargets Iij2003Q1 { get; } = new(
        [new DateOnly(2002, 6, 30), new DateOnly(2003, 3, 31), new DateOnly(2003, 6, 30)],
        new Dictionary<string, long[]>
        {
            [KpiConcepts.Ip64kTo128k] = [108, 112, 90],
            [KpiConcepts.Ip192kTo768k] = [33, 35, 26],
            [KpiConcepts.Ip1mTo2m] = [263, 268, 239],
            [KpiConcepts.Ip3mTo1200m] = [183, 248, 294],
            [KpiConcepts.DcConnectivityContracts] = [122, 156, 171],
            [KpiConcepts.OtherDedicatedContracts] = [3_269, 4_489, 5_056],
            [KpiConcepts.Ij4uDialupAccounts] = [86_297, 79_464, 76_209],
            [KpiConcepts.OtherDialupAccounts] = [232_330, 450_320, 515_363],
        },
        new Dictionary<string, decimal[]>
        {
            [KpiConcepts.DedicatedBandwidth] = [12.2m, 32.1m, 41.1m],
            [KpiConcepts.DcConnectivityBandwidth] = [2.2m, 9.9m, 10.3m],
        });
}
