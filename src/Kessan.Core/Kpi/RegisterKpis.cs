using Kessan.Diagnostics;
using Kessan.Model;

namespace Kessan.Kpi;

/// <summary>
/// Tables 3 and 4 from the contract register: for each period end date, the contracts and accounts in force
/// (<see cref="Contract.InForceAt"/>) counted by concept, and their contract bandwidth summed in Gbps.
/// Every KPI concept gets a fact at every date, zero included. Counts are exact; bandwidth is the register's exact
/// decimal sum (rounding to 0.1 Gbps is presentation). Totals are left to the release build.
/// </summary>
public static class RegisterKpis
{
    /// <summary>The KPI concepts produced with the given tiers, in Table 3 then Table 4 order.</summary>
    public static IReadOnlyList<string> Concepts(BandwidthTiers tiers) =>
    [
        .. tiers.Tiers.Select(t => t.Concept),
        KpiConcepts.DcConnectivityContracts,
        KpiConcepts.OtherDedicatedContracts,
        KpiConcepts.Ij4uDialupAccounts,
        KpiConcepts.OtherDialupAccounts,
        KpiConcepts.DedicatedBandwidth,
        KpiConcepts.DcConnectivityBandwidth,
    ];

    /// <summary>KPIs at the end of each quarter.</summary>
    public static Result<FactSet> Compute(IEnumerable<Contract> contracts, BandwidthTiers tiers, IEnumerable<FiscalQuarter> quarters, SourceLocation? source = null) =>
        Compute(contracts, tiers, quarters.Select(q => q.End), source);

    /// <summary>
    /// KPIs at each date. A dedicated IP contract in force whose bandwidth is in no tier is an error (KPI001): it is
    /// not counted in any tier, though its bandwidth still adds to the dedicated total.
    /// </summary>
    /// <param name="source">Where the facts come from (the register file), recorded on each fact.</param>
    public static Result<FactSet> Compute(IEnumerable<Contract> contracts, BandwidthTiers tiers, IEnumerable<DateOnly> dates, SourceLocation? source = null)
    {
        var at = dates.Distinct().Order().ToArray();
        var concepts = Concepts(tiers);
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < concepts.Count; i++)
        {
            index[concepts[i]] = i;
        }

        var counts = new long[concepts.Count, at.Length];
        var kbps = new decimal[concepts.Count, at.Length];
        var tierIndex = tiers.Tiers.Select(t => index[t.Concept]).ToArray();
        var diagnostics = new List<Diagnostic>();

        foreach (var c in contracts)
        {
            int countSlot;
            if (c.Service == Service.DedicatedIp)
            {
                countSlot = -1;
                if (c.Bandwidth is { } b)
                {
                    for (var t = 0; t < tiers.Tiers.Count; t++)
                    {
                        if (tiers.Tiers[t].Contains(b))
                        {
                            countSlot = tierIndex[t];
                            break;
                        }
                    }
                }
            }
            else
            {
                countSlot = index[KpiConcepts.CountConcept(c.Service)!];
            }

            var bandwidthConcept = KpiConcepts.BandwidthConcept(c.Service);
            var bandwidthSlot = bandwidthConcept is null ? -1 : index[bandwidthConcept];
            for (var d = 0; d < at.Length; d++)
            {
                if (!c.InForceAt(at[d]))
                {
                    continue;
                }

                if (countSlot >= 0)
                {
                    counts[countSlot, d] += c.Count;
                }
                else
                {
                    var what = c.Bandwidth is { } b ? b.ToString() : "no bandwidth";
                    diagnostics.Add(Diagnostic.Error(RegisterCodes.NoTier, c.Source,
                        $"dedicated IP contract {c.Id} ({what}) is in force at {at[d]:yyyy-MM-dd} but its bandwidth is in no tier ({tiers.Describe()}); it is not counted in any IP Services line"));
                }

                if (bandwidthSlot >= 0 && c.Bandwidth is { } bw)
                {
                    kbps[bandwidthSlot, d] += bw.Kbps * c.Count;
                }
            }
        }

        var facts = new List<Fact>();
        for (var d = 0; d < at.Length; d++)
        {
            var period = Period.Instant(at[d]);
            foreach (var concept in concepts)
            {
                var i = index[concept];
                var value = concept is KpiConcepts.DedicatedBandwidth or KpiConcepts.DcConnectivityBandwidth
                    ? kbps[i, d] / Bandwidth.KbpsPerGbps
                    : counts[i, d];
                facts.Add(new Fact(concept, period, value, null, source));
            }
        }

        return new(FactSet.Of(facts), diagnostics);
    }

    /// <summary>
    /// Reads a register and a tier file and computes the KPIs at each date, streaming the register so that its size
    /// does not matter. Every problem of both files and of the computation is in the result's diagnostics; the facts
    /// are null only when the tier file or the register's header is unusable.
    /// </summary>
    public static Result<FactSet> FromFiles(string registerPath, string tiersPath, IEnumerable<DateOnly> dates)
    {
        var tiers = BandwidthTiers.LoadFile(tiersPath);
        if (tiers.Value is null || tiers.HasErrors)
        {
            return new(null, tiers.Diagnostics);
        }

        return FromFile(registerPath, tiers.Value, dates);
    }

    /// <summary>KPIs at the end of each quarter, from a register file and a tier file.</summary>
    public static Result<FactSet> FromFiles(string registerPath, string tiersPath, IEnumerable<FiscalQuarter> quarters) =>
        FromFiles(registerPath, tiersPath, quarters.Select(q => q.End));

    /// <summary>As <see cref="FromFiles(string, string, IEnumerable{DateOnly})"/>, with tiers already loaded.</summary>
    public static Result<FactSet> FromFile(string registerPath, BandwidthTiers tiers, IEnumerable<DateOnly> dates, System.Text.Encoding? encoding = null)
    {
        var diagnostics = new List<Diagnostic>();
        if (!File.Exists(registerPath))
        {
            diagnostics.Add(Diagnostic.Error(RegisterCodes.MissingFile, new SourceLocation(registerPath, 0), "the contract register file does not exist"));
            return new(null, diagnostics);
        }

        var text = TextInput.ReadAllText(registerPath, registerPath, encoding);
        if (text.Value is null)
        {
            return new(null, text.Diagnostics);
        }

        using var reader = new StringReader(text.Value);
        var read = new List<Diagnostic>();
        var result = Compute(ContractRegisterReader.Stream(reader, registerPath, read), tiers, dates, new SourceLocation(registerPath, 0));
        diagnostics.AddRange(read);
        diagnostics.AddRange(result.Diagnostics);
        var headerUnusable = read.Any(d => d.Code == RegisterCodes.BadHeader);
        return new(headerUnusable ? null : result.Value, diagnostics);
    }
}
