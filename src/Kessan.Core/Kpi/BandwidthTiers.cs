using System.Globalization;
using Kessan.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Kessan.Kpi;

/// <summary>One bandwidth tier of dedicated IP contracts: both bounds in kbps and inclusive.</summary>
public sealed record BandwidthTier(string Id, string Concept, decimal LowerKbps, decimal UpperKbps, string? Label = null, SourceLocation? Source = null)
{
    public bool Contains(Bandwidth bandwidth) => bandwidth.Kbps >= LowerKbps && bandwidth.Kbps <= UpperKbps;

    public string Describe() => Label ?? $"{Bandwidth.FromKbps(LowerKbps)} – {Bandwidth.FromKbps(UpperKbps)}";
}

/// <summary>
/// The tiers that Table 3 counts dedicated IP contracts by. Tiers do not overlap; they may leave gaps
/// (Table 3 has none for 129–191 kbps), and a contract in a gap is reported, never dropped silently.
/// </summary>
public sealed class BandwidthTiers
{
    private readonly BandwidthTier[] tiers;

    private BandwidthTiers(IEnumerable<BandwidthTier> tiers) => this.tiers = tiers.OrderBy(t => t.LowerKbps).ToArray();

    public IReadOnlyList<BandwidthTier> Tiers => tiers;

    /// <summary>Table 3's tiers: 64kbps–128kbps, 192kbps–768kbps, 1Mbps–2Mbps, 3Mbps–1.2Gbps.</summary>
    public static BandwidthTiers Table3 { get; } = new(
    [
        new("ip_64k_128k", KpiConcepts.Ip64kTo128k, 64m, 128m, "64kbps – 128kbps"),
        new("ip_192k_768k", KpiConcepts.Ip192kTo768k, 192m, 768m, "192kbps – 768kbps"),
        new("ip_1m_2m", KpiConcepts.Ip1mTo2m, 1_000m, 2_000m, "1Mbps – 2Mbps"),
        new("ip_3m_1200m", KpiConcepts.Ip3mTo1200m, 3_000m, 1_200_000m, "3Mbps – 1.2Gbps"),
    ]);

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

    /// <summary>Reads a tier file (YAML); see docs/kpi.md for its form.</summary>
    public static Result<BandwidthTiers> LoadFile(string path)
    {
        if (!File.Exists(path))
        {
            return new(null, [Diagnostic.Error(RegisterCodes.TiersMissingFile, new SourceLocation(path, 0), "the bandwidth tier file does not exist")]);
        }

        var text = TextInput.ReadAllText(path);
        if (text.Value is null)
        {
            return new(null, text.Diagnostics);
        }

        using var reader = new StringReader(text.Value);
        return Load(reader, path);
    }

    /// <summary>
    /// Reads tiers from YAML text:
    /// <code>
    /// tiers:
    ///   - id: ip_64k_128k
    ///     concept: kpi.contracts.ip_64k_128k
    ///     label: 64kbps – 128kbps
    ///     lower_kbps: 64
    ///     upper_kbps: 128
    /// </code>
    /// </summary>
    public static Result<BandwidthTiers> Load(TextReader reader, string fileName)
    {
        var diagnostics = new List<Diagnostic>();
        var stream = new YamlStream();
        var text = reader.ReadToEnd();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (InvalidOperationException)
        {
            // The YAML reader fails so on some malformed input instead of raising a YamlException.
            var (line, column) = Definitions.YamlDocument.LastReadable(text);
            diagnostics.Add(Diagnostic.Error(RegisterCodes.TiersBadYaml, new SourceLocation(fileName, line, column), "the tier file is not valid YAML: it cannot be read past this point; check the quotes, brackets and indentation here"));
            return new(null, diagnostics);
        }
        catch (YamlException e)
        {
            diagnostics.Add(Diagnostic.Error(RegisterCodes.TiersBadYaml, new SourceLocation(fileName, (int)e.Start.Line, (int)e.Start.Column), $"the tier file is not valid YAML: {e.Message}"));
            return new(null, diagnostics);
        }

        SourceLocation At(YamlNode node) => new(fileName, (int)node.Start.Line);

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root
            || !root.Children.TryGetValue(new YamlScalarNode("tiers"), out var tiersNode))
        {
            diagnostics.Add(Diagnostic.Error(RegisterCodes.TiersBadShape, new SourceLocation(fileName, 1), "the tier file has no 'tiers:' list"));
            return new(null, diagnostics);
        }

        if (tiersNode is not YamlSequenceNode sequence || sequence.Children.Count == 0)
        {
            diagnostics.Add(Diagnostic.Error(RegisterCodes.TiersBadShape, At(tiersNode), "'tiers:' is not a list of tiers"));
            return new(null, diagnostics);
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
        return diagnostics.Any(d => d.Severity == Severity.Error)
            ? new(null, diagnostics)
            : new(new BandwidthTiers(list), diagnostics);
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

        string[] reserved =
        [
            KpiConcepts.DcConnectivityContracts, KpiConcepts.OtherDedicatedContracts, KpiConcepts.Ij4uDialupAccounts,
            KpiConcepts.OtherDialupAccounts, KpiConcepts.DedicatedBandwidth, KpiConcepts.DcConnectivityBandwidth,
        ];
        foreach (var t in list.Where(t => reserved.Contains(t.Concept)))
        {
            diagnostics.Add(Diagnostic.Error(RegisterCodes.TiersTakenConcept, t.Source, $"tier {t.Id} cannot use the concept {t.Concept}: it is another line of Tables 3 and 4"));
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
