using Kessan.Diagnostics;
using Kessan.Model;

namespace Kessan.Kpi;

/// <summary>
/// The operating KPIs of a contract register, as its KPI file (<see cref="KpiDefinition"/>) defines them: for each
/// period end date, the contracts and accounts in force (<see cref="Contract.InForceAt"/>) counted by concept (by
/// bandwidth tier for a service counted so), and their contract bandwidth summed in Gbps.
/// Every KPI concept gets a fact at every date, zero included. Counts are exact; bandwidth is the register's exact
/// decimal sum (rounding to 0.1 Gbps is presentation). Totals are left to the release build.
/// </summary>
public static class RegisterKpis
{
    /// <summary>KPIs at the end of each quarter.</summary>
    public static Result<FactSet> Compute(IEnumerable<Contract> contracts, KpiDefinition kpis, IEnumerable<FiscalQuarter> quarters, SourceLocation? source = null) =>
        Compute(contracts, kpis, quarters.Select(q => q.End), source);

    /// <summary>
    /// KPIs at each date. A contract in force of a service counted by tiers whose bandwidth is in no tier is an error
    /// (register.no-tier): it is not counted in any tier, though its bandwidth still adds to its bandwidth concept.
    /// </summary>
    /// <param name="source">Where the facts come from (the register file), recorded on each fact.</param>
    public static Result<FactSet> Compute(IEnumerable<Contract> contracts, KpiDefinition kpis, IEnumerable<DateOnly> dates, SourceLocation? source = null)
    {
        var at = dates.Distinct().Order().ToArray();
        var concepts = kpis.Concepts;
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < concepts.Count; i++)
        {
            index[concepts[i]] = i;
        }

        var bandwidthConcepts = kpis.BandwidthConcepts.ToHashSet(StringComparer.Ordinal);
        var counts = new long[concepts.Count, at.Length];
        var kbps = new decimal[concepts.Count, at.Length];
        var diagnostics = new List<Diagnostic>();
        ServiceDefinition? service = null;

        foreach (var c in contracts)
        {
            if (service?.Code != c.Service)
            {
                service = kpis.Service(c.Service);
            }

            var countSlot = -1;
            if (service.Tiers is { } tiers)
            {
                if (c.Bandwidth is { } b && tiers.Classify(b) is { } tier)
                {
                    countSlot = index[tier.Concept];
                }
            }
            else
            {
                countSlot = index[service.CountConcept!];
            }

            var bandwidthSlot = service.BandwidthConcept is { } bandwidthConcept ? index[bandwidthConcept] : -1;
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
                        $"{service.Label} contract {c.Id} ({what}) is in force at {at[d]:yyyy-MM-dd} but its bandwidth is in no tier ({service.Tiers!.Describe()}); it is not counted in any of its tiers"));
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
                var value = bandwidthConcepts.Contains(concept) ? kbps[i, d] / Bandwidth.KbpsPerGbps : counts[i, d];
                facts.Add(new Fact(concept, period, value, null, source));
            }
        }

        return new(FactSet.Of(facts), diagnostics);
    }

    /// <summary>
    /// Reads a register and its KPI file and computes the KPIs at each date, streaming the register so that its size
    /// does not matter. Every problem of both files and of the computation is in the result's diagnostics; the facts
    /// are null only when the KPI file or the register's header is unusable.
    /// </summary>
    public static Result<FactSet> FromFiles(string registerPath, string kpisPath, IEnumerable<DateOnly> dates)
    {
        var kpis = KpiDefinition.LoadFile(kpisPath);
        if (kpis.Value is null || kpis.HasErrors)
        {
            return new(null, kpis.Diagnostics);
        }

        return FromFile(registerPath, kpis.Value, dates);
    }

    /// <summary>KPIs at the end of each quarter, from a register file and its KPI file.</summary>
    public static Result<FactSet> FromFiles(string registerPath, string kpisPath, IEnumerable<FiscalQuarter> quarters) =>
        FromFiles(registerPath, kpisPath, quarters.Select(q => q.End));

    /// <summary>As <see cref="FromFiles(string, string, IEnumerable{DateOnly})"/>, with the KPI file already loaded.</summary>
    public static Result<FactSet> FromFile(string registerPath, KpiDefinition kpis, IEnumerable<DateOnly> dates, System.Text.Encoding? encoding = null)
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
        var result = Compute(ContractRegisterReader.Stream(reader, registerPath, kpis, read), kpis, dates, new SourceLocation(registerPath, 0));
        diagnostics.AddRange(read);
        diagnostics.AddRange(result.Diagnostics);
        var headerUnusable = read.Any(d => d.Code == RegisterCodes.BadHeader);
        return new(headerUnusable ? null : result.Value, diagnostics);
    }
}
