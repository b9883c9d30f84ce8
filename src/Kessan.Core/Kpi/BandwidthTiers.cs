using System.Globalization;
using Kessan.Diagnostics;
using YamlDotNet.RepresentationModel;

namespace Kessan.Kpi;

/// <summary>One bandwidth tier of a service's contracts: both bounds in kbps and inclusive.</summary>
public sealed record BandwidthTier(string Id, string Concept, decimal LowerKbps, decimal UpperKbps, string? Label = null, SourceLocation? Source = null)
{
    public bool Contains(Bandwidth bandwidth) => bandwidth.Kbps >= LowerKbps && bandwidth.Kbps <= UpperKbps;

    public string Describe() => Label ?? $"{Bandwidth.FromKbps(LowerKbps)} – {Bandwidth.FromKbps(UpperKbps)}";
}

/// <summary>
/// The tiers a service's contracts are counted by, by their bandwidth. Tiers do not overlap; they may leave gaps
/// (64–128 kbps and 192–768 kbps leave 129–191 kbps), and a contract in a gap is reported, never dropped silently.
/// </summary>
public sealed class BandwidthTiers
{
    private readonly BandwidthTier[] tiers;

    private BandwidthTiers(IEnumerable<BandwidthTier> tiers) => this.tiers = tiers.OrderBy(t => t.LowerKbps).ToArray();

    public IReadOnlyList<BandwidthTier> Tiers => tiers;

    /// <summary>Tiers given in code; overlapping or inverted tiers are reported as diagnostics, and then there is no value.</summary>
    public static Result<BandwidthTiers> Of(IEnumerable<BandwidthTier> tiers)
    {
        var list = tiers.ToList();
        var diagnostics = new List<Diagnostic>();
        Validate(list, diagnostics);
        return diagnostics.Count > 0 ? new(null, diagnostics) : new(new BandwidthTiers(list), diagnostics);
    }

    /// <summary>The tier a bandwidth lands in, or null when it falls in a gap or outside every tier.</summary>
    public BandwidthTier? Classify(Bandwidth bandwidth)
    {
        foreach (var t in tiers)
        {
            if (t.Contains(bandwidth))
            {
                return t;
            }
        }

        return null;
    }

    public string Describe() => string.Join(", ", tiers.Select(t => t.Describe()));

    /// <summary>
    /// Reads the tiers of a service of the KPI file (<see cref="KpiDefinition"/>), every problem at its line:
    /// <code>
    /// tiers:
    ///   - id: t1
    ///     concept: kpi.contracts.t1
    ///     label: 64kbps – 128kbps
    ///     lower_kbps: 64
    ///     upper_kbps: 128
    /// </code>
    /// Null when a tier has a problem.
    /// </summary>
    internal static BandwidthTiers? Read(YamlNode tiersNode, string fileName, List<Diagnostic> diagnostics)
    {
        var problems = diagnostics.Count;
        SourceLocation At(YamlNode node) => new(fileName, (int)node.Start.Line);

        if (tiersNode is not YamlSequenceNode sequence || sequence.Children.Count == 0)
        {
            diagnostics.Add(Diagnostic.Error(RegisterCodes.TiersBadShape, At(tiersNode), "'tiers:' is not a list of tiers"));
            return null;
        }

        var list = new List<BandwidthTier>();
        foreach (var item in sequence.Children)
        {
            if (item is not YamlMappingNode map)
            {
                diagnostics.Add(Diagnostic.Error(RegisterCodes.TiersBadShape, At(item), "a tier has the fields id, concept, lower_kbps and upper_kbps"));
                continue;
            }

            string? Text(string key) =>
                map.Children.TryGetValue(new YamlScalarNode(key), out var v) && v is YamlScalarNode s && !string.IsNullOrWhiteSpace(s.Value)
                    ? s.Value.Trim()
                    : null;

            var ok = true;
            var id = Text("id");
            var concept = Text("concept");
            foreach (var (key, value) in new[] { ("id", id), ("concept", concept) })
            {
                if (value is null)
                {
                    diagnostics.Add(Diagnostic.Error(RegisterCodes.TiersBadShape, At(map), $"the tier {(id is null ? "" : id + " ")}has no {key}"));
                    ok = false;
                }
            }

            decimal Bound(string key)
            {
                var text = Text(key);
                if (text is null)
                {
                    diagnostics.Add(Diagnostic.Error(RegisterCodes.TiersBadShape, At(map), $"the tier {id ?? ""} has no {key}"));
                    ok = false;
                    return 0m;
                }

                if (!decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var kbps) || kbps <= 0m)
                {
                    var node = map.Children[new YamlScalarNode(key)];
                    diagnostics.Add(Diagnostic.Error(RegisterCodes.TiersBadKbps, At(node), $"{key} '{text}' of tier {id ?? ""} is not a positive number of kbps"));
                    ok = false;
                }

                return kbps;
            }

            var lower = Bound("lower_kbps");
            var upper = Bound("upper_kbps");
            if (ok)
            {
                list.Add(new BandwidthTier(id!, concept!, lower, upper, Text("label"), At(map)));
            }
        }

        Validate(list, diagnostics);
        return diagnostics.Skip(problems).Any(d => d.Severity == Severity.Error) ? null : new BandwidthTiers(list);
    }

    private static void Validate(List<BandwidthTier> list, List<Diagnostic> diagnostics)
    {
        foreach (var t in list.Where(t => t.LowerKbps > t.UpperKbps))
        {
            diagnostics.Add(Diagnostic.Error(RegisterCodes.TiersLowerAboveUpper, t.Source, $"tier {t.Id}: lower_kbps {t.LowerKbps} is above upper_kbps {t.UpperKbps}"));
        }

        foreach (var g in list.GroupBy(t => t.Id).Where(g => g.Count() > 1))
        {
            diagnostics.Add(Diagnostic.Error(RegisterCodes.TiersDuplicate, g.Last().Source, $"tier id {g.Key} is used twice"));
        }

        foreach (var g in list.GroupBy(t => t.Concept).Where(g => g.Count() > 1))
        {
            diagnostics.Add(Diagnostic.Error(RegisterCodes.TiersDuplicate, g.Last().Source, $"concept {g.Key} is given to two tiers"));
        }

        var sorted = list.Where(t => t.LowerKbps <= t.UpperKbps).OrderBy(t => t.LowerKbps).ToList();
        for (var i = 1; i < sorted.Count; i++)
        {
            if (sorted[i].LowerKbps <= sorted[i - 1].UpperKbps)
            {
                diagnostics.Add(Diagnostic.Error(RegisterCodes.TiersOverlap, sorted[i].Source, $"tiers {sorted[i - 1].Id} and {sorted[i].Id} overlap; a contract must land in one tier only"));
            }
        }
    }
}
