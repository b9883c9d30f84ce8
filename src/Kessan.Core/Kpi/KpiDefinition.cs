using System.Globalization;
using Kessan.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Kessan.Kpi;

/// <summary>
/// How a register service's contracts or accounts are made up by <c>kessan synth-register</c>: the speeds they are
/// drawn from (kbps) with their weights for early and late contracts, the first start date, the share that ends each
/// quarter, and, for a service without bandwidth (accounts stored in lots), the partners the lots are booked to.
/// </summary>
public sealed record SynthesisSettings(
    IReadOnlyList<long> SpeedsKbps,
    IReadOnlyList<double> EarlyWeights,
    IReadOnlyList<double> LateWeights,
    DateOnly Since,
    double ChurnPerQuarter,
    IReadOnlyList<(string Name, double Weight)> Partners,
    int SmallPartners,
    string SmallPartnerSuffix);

/// <summary>The customer names <c>kessan synth-register</c> makes up: place, trade and legal form, one of each.</summary>
public sealed record SyntheticCustomers(int Count, IReadOnlyList<string> Places, IReadOnlyList<string> Trades, IReadOnlyList<string> Forms);

/// <summary>
/// One service of the contract register as the KPI file defines it: the code written in the register's service column
/// (and other spellings read as it), the name a reader knows, the concept its contracts or accounts are counted in, or
/// the bandwidth tiers they are counted by, and the concept its contract bandwidth adds to (a service with a bandwidth
/// concept or tiers is dedicated: every contract needs a bandwidth).
/// </summary>
public sealed record ServiceDefinition(
    string Code,
    string Label,
    IReadOnlyList<string> Aliases,
    string? CountConcept,
    BandwidthTiers? Tiers,
    string? BandwidthConcept,
    SynthesisSettings? Synthesis,
    IReadOnlyDictionary<string, SynthesisSettings> TierSynthesis,
    SourceLocation? Source = null)
{
    /// <summary>Dedicated services have a contract bandwidth; accounts (dial-up) do not.</summary>
    public bool IsDedicated => BandwidthConcept is not null || Tiers is not null;
}

/// <summary>
/// The operating KPIs counted from a contract register, read from a definition's text file (<c>kpis.yaml</c>): the
/// services, the concepts each is counted in (by bandwidth tier or as a whole), the concepts their contract
/// bandwidth adds to, and how <c>kessan synth-register</c> makes a register of them. No service is known in code.
/// </summary>
public sealed class KpiDefinition
{
    private readonly Dictionary<string, ServiceDefinition> byKey;

    private KpiDefinition(IReadOnlyList<ServiceDefinition> services, SyntheticCustomers? customers)
    {
        Services = services;
        Customers = customers;
        byKey = new Dictionary<string, ServiceDefinition>(StringComparer.Ordinal);
        foreach (var s in services)
        {
            foreach (var key in Keys(s))
            {
                byKey.TryAdd(key, s);
            }
        }
    }

    /// <summary>The file name a definition folder keeps it in.</summary>
    public const string FileName = "kpis.yaml";

    /// <summary>The services, in the order the file gives them.</summary>
    public IReadOnlyList<ServiceDefinition> Services { get; }

    /// <summary>The customer names a synthetic register uses; null when the file gives none.</summary>
    public SyntheticCustomers? Customers { get; }

    /// <summary>The KPI concepts: every count concept (tiers in their order) in service order, then the bandwidth concepts.</summary>
    public IReadOnlyList<string> Concepts =>
    [
        .. Services.SelectMany(s => s.Tiers is { } t ? t.Tiers.Select(x => x.Concept) : [s.CountConcept!]),
        .. BandwidthConcepts,
    ];

    /// <summary>The concepts contract bandwidth adds to (Gbps), in the order the services first name them.</summary>
    public IReadOnlyList<string> BandwidthConcepts =>
        [.. Services.Select(s => s.BandwidthConcept).OfType<string>().Distinct(StringComparer.Ordinal)];

    /// <summary>The service codes, for messages.</summary>
    public string Codes => string.Join(", ", Services.Select(s => s.Code));

    /// <summary>The service by its code, label or another spelling, ignoring case, spaces, hyphens and underscores.</summary>
    public ServiceDefinition? Find(string? text) => text is null ? null : byKey.GetValueOrDefault(Normalize(text));

    /// <summary>The service with this code (as <see cref="Contract.Service"/> holds it).</summary>
    public ServiceDefinition Service(string code) => Find(code) ?? throw new ArgumentException($"no service '{code}'", nameof(code));

    private static IEnumerable<string> Keys(ServiceDefinition s) => new[] { s.Code, s.Label }.Concat(s.Aliases).Select(Normalize);

    private static string Normalize(string text) =>
        new([.. text.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant)]);

    /// <summary>The KPI file of a definition or register folder; every problem at its line.</summary>
    public static Result<KpiDefinition> LoadFile(string path)
    {
        if (!File.Exists(path))
        {
            return new(null, [Diagnostic.Error(RegisterCodes.KpisMissingFile, new SourceLocation(path, 0),
                $"the KPI file '{path}' does not exist: it says which services the register has and what each is counted in (docs/kpi.md); give it with --kpis")]);
        }

        var text = TextInput.ReadAllText(path);
        if (text.Value is null)
        {
            return new(null, text.Diagnostics);
        }

        return Load(new StringReader(text.Value), path);
    }

    /// <summary>Reads a KPI file from text; <paramref name="fileName"/> is what messages call it.</summary>
    public static Result<KpiDefinition> Load(TextReader reader, string fileName)
    {
        var diagnostics = new List<Diagnostic>();
        var text = reader.ReadToEnd();
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            // The YAML reader fails so on some malformed input instead of raising a YamlException ("The current event
            // is of an unsupported type" for a node it cannot place).
            var (line, column) = Definitions.YamlDocument.LastReadable(text);
            return new(null, [Diagnostic.Error(RegisterCodes.KpisBadYaml, new SourceLocation(fileName, line, column), "the KPI file is not valid YAML: it cannot be read past this point; check the quotes, brackets and indentation here")]);
        }
        catch (YamlException e)
        {
            return new(null, [Diagnostic.Error(RegisterCodes.KpisBadYaml, new SourceLocation(fileName, (int)e.Start.Line, (int)e.Start.Column), $"the KPI file is not valid YAML: {e.InnerException?.Message ?? e.Message}")]);
        }

        SourceLocation At(YamlNode node) => new(fileName, (int)node.Start.Line);
        void Problem(string code, YamlNode node, string message) => diagnostics.Add(Diagnostic.Error(code, At(node), message));

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root
            || !root.Children.TryGetValue(new YamlScalarNode("services"), out var servicesNode))
        {
            diagnostics.Add(Diagnostic.Error(RegisterCodes.KpisBadShape, new SourceLocation(fileName, 1), "the KPI file has no 'services:' list (each service: code, label, and concept or tiers)"));
            return new(null, diagnostics);
        }

        if (servicesNode is not YamlSequenceNode sequence || sequence.Children.Count == 0)
        {
            Problem(RegisterCodes.KpisBadShape, servicesNode, "'services:' is not a list of services");
            return new(null, diagnostics);
        }

        var services = new List<ServiceDefinition>();
        foreach (var item in sequence.Children)
        {
            if (item is not YamlMappingNode map)
            {
                Problem(RegisterCodes.KpisBadShape, item, "a service has the keys code, label, and concept or tiers (and bandwidth_concept for a dedicated service)");
                continue;
            }

            var code = Text(map, "code");
            var label = Text(map, "label") ?? code;
            var concept = Text(map, "concept");
            var bandwidth = Text(map, "bandwidth_concept");
            var name = code is null ? "a service" : $"service {code}";
            if (code is null)
            {
                Problem(RegisterCodes.KpisBadShape, map, "a service has no code (what the register's service column says)");
                continue;
            }

            BandwidthTiers? tiers = null;
            var tierSynthesis = new Dictionary<string, SynthesisSettings>(StringComparer.Ordinal);
            if (Node(map, "tiers") is { } tiersNode)
            {
                if (concept is not null)
                {
                    Problem(RegisterCodes.KpisBadShape, map, $"{name} has both a concept and tiers: its contracts are counted either in one concept or by bandwidth tier");
                }

                tiers = BandwidthTiers.Read(tiersNode, fileName, diagnostics);
                if (tiersNode is YamlSequenceNode tierList)
                {
                    foreach (var tier in tierList.Children.OfType<YamlMappingNode>())
                    {
                        if (Text(tier, "id") is { } id && Node(tier, "synth") is { } s && Synthesis(s, $"tier {id}", dedicated: true) is { } settings)
                        {
                            tierSynthesis[id] = settings;
                        }
                    }
                }
            }
            else if (concept is null)
            {
                Problem(RegisterCodes.KpisBadShape, map, $"{name} has neither a concept nor tiers: say which KPI its contracts or accounts are counted in");
                continue;
            }

            var aliases = Node(map, "also") switch
            {
                YamlSequenceNode list => list.Children.OfType<YamlScalarNode>().Select(s => s.Value ?? "").Where(s => s.Length > 0).ToList(),
                YamlScalarNode one when !string.IsNullOrWhiteSpace(one.Value) => [one.Value.Trim()],
                _ => [],
            };
            var dedicated = bandwidth is not null || tiers is not null;
            var synthesis = Node(map, "synth") is { } synth ? Synthesis(synth, name, dedicated) : null;
            services.Add(new ServiceDefinition(code, label!, aliases, concept, tiers, bandwidth, synthesis, tierSynthesis, At(map)));
        }

        // One meaning per spelling, one line per concept.
        var keys = new Dictionary<string, ServiceDefinition>(StringComparer.Ordinal);
        foreach (var s in services)
        {
            foreach (var key in Keys(s).Distinct())
            {
                if (keys.TryGetValue(key, out var other) && other != s)
                {
                    diagnostics.Add(Diagnostic.Error(RegisterCodes.KpisBadShape, s.Source, $"service {s.Code} is spelled like service {other.Code} ('{key}'): a register row could not say which it is"));
                }

                keys.TryAdd(key, s);
            }
        }

        var counted = services.Where(s => s.CountConcept is not null).Select(s => (s.CountConcept!, s.Source)).ToList();
        foreach (var g in counted.GroupBy(c => c.Item1).Where(g => g.Count() > 1))
        {
            diagnostics.Add(Diagnostic.Error(RegisterCodes.KpisBadShape, g.Last().Source, $"the concept {g.Key} counts two services; give each its own"));
        }

        var others = counted.Select(c => c.Item1).Concat(services.Select(s => s.BandwidthConcept).OfType<string>()).ToHashSet(StringComparer.Ordinal);
        foreach (var s in services.Where(s => s.Tiers is not null))
        {
            foreach (var t in s.Tiers!.Tiers.Where(t => others.Contains(t.Concept)))
            {
                diagnostics.Add(Diagnostic.Error(RegisterCodes.TiersTakenConcept, t.Source, $"tier {t.Id} cannot use the concept {t.Concept}: it is another line of the KPIs"));
            }
        }

        var customers = Node(root, "synth") is YamlMappingNode synthRoot ? Customers(synthRoot) : null;
        return diagnostics.Any(d => d.Severity == Severity.Error)
            ? new(null, diagnostics)
            : new(new KpiDefinition(services, customers), diagnostics);

        SyntheticCustomers? Customers(YamlMappingNode map)
        {
            var count = Number(map, "customers", "synth");
            var parts = new[] { "places", "trades", "forms" }.Select(k => Strings(map, k)).ToArray();
            if (count is null || parts.Any(p => p.Count == 0))
            {
                Problem(RegisterCodes.KpisBadSynth, map, "'synth:' gives the synthetic customers: customers (how many), places, trades and forms (lists of words a name is made of)");
                return null;
            }

            return new SyntheticCustomers((int)count.Value, parts[0], parts[1], parts[2]);
        }

        SynthesisSettings? Synthesis(YamlNode node, string what, bool dedicated)
        {
            if (node is not YamlMappingNode map)
            {
                Problem(RegisterCodes.KpisBadSynth, node, $"'synth:' of {what} is not a set of keys (since, churn, and speeds_kbps or partners)");
                return null;
            }

            var problems = diagnostics.Count;
            var since = Text(map, "since");
            DateOnly start = default;
            if (since is null || !DateOnly.TryParseExact(since, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out start))
            {
                Problem(RegisterCodes.KpisBadSynth, map, $"'since' of {what} should be the date its first contracts start, as YYYY-MM-DD");
            }

            var churn = Number(map, "churn", what);
            var speeds = Numbers(map, "speeds_kbps", what);
            var early = Numbers(map, "early", what);
            var late = Numbers(map, "late", what);
            var partners = new List<(string, double)>();
            if (Node(map, "partners") is YamlSequenceNode list)
            {
                foreach (var p in list.Children)
                {
                    switch (p)
                    {
                        case YamlScalarNode s when !string.IsNullOrWhiteSpace(s.Value):
                            partners.Add((s.Value.Trim(), 1d));
                            break;
                        case YamlMappingNode m when Text(m, "name") is { } partner:
                            partners.Add((partner, Node(m, "weight") is null ? 1d : Number(m, "weight", what) ?? 1d));
                            break;
                        default:
                            Problem(RegisterCodes.KpisBadSynth, p, $"a partner of {what} is a name, or 'name:' and 'weight:'");
                            break;
                    }
                }
            }

            var small = Node(map, "small_partners") is YamlMappingNode smallMap ? Number(smallMap, "count", what) ?? 0d : 0d;
            var suffix = Node(map, "small_partners") is YamlMappingNode sm ? Text(sm, "suffix", trim: false) ?? "" : "";
            if (dedicated && (speeds.Count == 0 || early.Count != speeds.Count || late.Count != speeds.Count))
            {
                Problem(RegisterCodes.KpisBadSynth, map, $"{what} has contract bandwidth: its 'synth:' needs speeds_kbps and, for each speed, a weight in 'early' and in 'late'");
            }
            else if (!dedicated && partners.Count == 0)
            {
                Problem(RegisterCodes.KpisBadSynth, map, $"{what} has no bandwidth, so its accounts are written in lots: its 'synth:' needs 'partners' (the names the lots are booked to)");
            }

            return diagnostics.Count > problems || churn is null
                ? null
                : new SynthesisSettings([.. speeds.Select(s => (long)s)], early, late, start, churn.Value, partners, (int)small, suffix);
        }

        // Numbers are read as doubles straight from their text, so that a weight of 0.02 is the same double as in code.
        double? Number(YamlMappingNode map, string key, string what)
        {
            if (Text(map, key) is not { } text)
            {
                Problem(RegisterCodes.KpisBadSynth, map, $"'{key}' of {what} is missing");
                return null;
            }

            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= 0d)
            {
                return value;
            }

            Problem(RegisterCodes.KpisBadSynth, map.Children[new YamlScalarNode(key)], $"'{key}' of {what} is '{text}', not a number");
            return null;
        }

        List<double> Numbers(YamlMappingNode map, string key, string what)
        {
            var result = new List<double>();
            if (Node(map, key) is not YamlSequenceNode list)
            {
                return result;
            }

            foreach (var n in list.Children)
            {
                if (n is YamlScalarNode s && double.TryParse(s.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v >= 0d)
                {
                    result.Add(v);
                }
                else
                {
                    Problem(RegisterCodes.KpisBadSynth, n, $"'{key}' of {what} holds '{(n as YamlScalarNode)?.Value}', not a number");
                }
            }

            return result;
        }
    }

    private static YamlNode? Node(YamlMappingNode map, string key) => map.Children.TryGetValue(new YamlScalarNode(key), out var v) ? v : null;

    private static string? Text(YamlMappingNode map, string key, bool trim = true) =>
        Node(map, key) is YamlScalarNode s && !string.IsNullOrWhiteSpace(s.Value) ? (trim ? s.Value.Trim() : s.Value) : null;

    private static List<string> Strings(YamlMappingNode map, string key) =>
        Node(map, key) is YamlSequenceNode list ? [.. list.Children.OfType<YamlScalarNode>().Select(s => s.Value ?? "").Where(s => s.Length > 0)] : [];
}
