using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Kessan.Build;
using Kessan.Definitions;
using Kessan.Model;
using Kessan.Render;

namespace Kessan.Publish;

/// <summary>
/// <c>release.xhtml</c>: the release as an Inline XBRL 1.1 document, every figure of every table an
/// <c>ix:nonFraction</c> with its context (entity and period), unit, decimals, scale, format and sign, and beside it the
/// extension taxonomy that defines its concepts: a schema, a label linkbase and a calculation linkbase made from the
/// definition's calculations. The taxonomy imports only the XBRL 2.1 schemas, so the document validates offline.
/// </summary>
/// <remarks>
/// A figure moved by one unit so that its table foots is tagged with one decimal less than it shows: it is accurate to
/// within a unit and a half of its last digit, not half a unit, and XBRL's decimals must not claim more.
/// Percent changes and percents of a total are tagged as pure facts of their own concepts
/// (<c>RevenueTotalPercentChangeFromPriorYear</c>, <c>RevenueDedicatedAccessPercentOfRevenueTotal</c>).
/// </remarks>
public static partial class InlineXbrlWriter
{
    public const string FileName = "release.xhtml";

    /// <summary>The context of a figure moved by one unit so that its table foots ends with this.</summary>
    public const string AdjustedSuffix = "-footing";

    /// <summary>The scenario element that marks a context of figures moved so that their table foots.</summary>
    public const string AdjustedElement = "RoundedSoThatTheTableFoots";
    private const string Ix = "http://www.xbrl.org/2013/inlineXBRL";
    private const string Ixt = "http://www.xbrl.org/inlineXBRL/transformation/2020-02-12";
    private const string Xbrli = "http://www.xbrl.org/2003/instance";
    private const string Link = "http://www.xbrl.org/2003/linkbase";
    private const string Iso4217 = "http://www.xbrl.org/2003/iso4217";
    private const string InstanceSchema = "http://www.xbrl.org/2003/xbrl-instance-2003-12-31.xsd";

    /// <summary>One tagged figure: the published figure and the fact it stands for.</summary>
    public sealed record TaggedFigure(PublishedFigure Figure, string Name, string ContextId, string UnitId, int Decimals, int Scale, decimal Value);

    /// <summary>The files to write: release.xhtml and the extension taxonomy's schema and linkbases.</summary>
    public static IReadOnlyDictionary<string, string> Write(ReleaseDefinition definition, ReleaseDocument document, XbrlSettings settings, ReleaseFrame? frame = null)
    {
        var tables = document.Blocks.OfType<RenderedTable>().ToList();
        var tagged = Tags(definition, tables.SelectMany(t => PublishedFigures.Of(definition, t)).ToList());
        var byCell = tagged.ToDictionary(t => (t.Figure.TableId, t.Figure.Row, t.Figure.Column));
        var date = definition.Current.End;
        var schema = settings.SchemaFile(date);
        var baseName = schema[..^4];
        var p = settings.Prefix;

        var header = new StringBuilder();
        header.Append("<ix:header>\n");
        var hidden = Subtotals(definition, tagged, Relations(definition));
        if (hidden.Count > 0)
        {
            header.Append("<ix:hidden>\n");
            foreach (var h in hidden)
            {
                header.Append($"<ix:nonFraction name=\"{p}:{h.Name}\" contextRef=\"{h.ContextId}\" unitRef=\"{h.UnitId}\" decimals=\"{h.Decimals}\" scale=\"0\" format=\"ixt:num-dot-decimal\"{(h.Value < 0 ? " sign=\"-\"" : "")}>{Math.Abs(h.Value).ToString("0.##########", CultureInfo.InvariantCulture)}</ix:nonFraction>\n");
            }

            header.Append("</ix:hidden>\n");
        }

        header.Append("<ix:references>\n<link:schemaRef xlink:type=\"simple\" xlink:href=\"").Append(schema).Append("\"/>\n</ix:references>\n<ix:resources>\n");
        foreach (var (period, adjusted) in tagged.Select(t => (t.Figure.Period, t.ContextId.EndsWith(AdjustedSuffix, StringComparison.Ordinal))).Distinct().Order())
        {
            header.Append("<xbrli:context id=\"").Append(ContextId(period) + (adjusted ? AdjustedSuffix : "")).Append("\"><xbrli:entity><xbrli:identifier scheme=\"")
                .Append(X(settings.Scheme)).Append("\">").Append(X(settings.Identifier)).Append("</xbrli:identifier></xbrli:entity><xbrli:period>")
                .Append(period.IsInstant
                    ? $"<xbrli:instant>{period.End:yyyy-MM-dd}</xbrli:instant>"
                    : $"<xbrli:startDate>{period.Start:yyyy-MM-dd}</xbrli:startDate><xbrli:endDate>{period.End:yyyy-MM-dd}</xbrli:endDate>")
                .Append("</xbrli:period>")
                .Append(adjusted ? $"<xbrli:scenario><{p}:{AdjustedElement}>true</{p}:{AdjustedElement}></xbrli:scenario>" : "")
                .Append("</xbrli:context>\n");
        }

        foreach (var unit in tagged.Select(t => t.Figure.Unit).Distinct().Order(StringComparer.Ordinal))
        {
            header.Append("<xbrli:unit id=\"").Append(UnitId(unit)).Append("\">").Append(UnitMeasures(unit, p)).Append("</xbrli:unit>\n");
        }

        header.Append("</ix:resources>\n</ix:header>\n");

        var root = $" xmlns:ix=\"{Ix}\" xmlns:ixt=\"{Ixt}\" xmlns:xbrli=\"{Xbrli}\" xmlns:link=\"{Link}\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" xmlns:iso4217=\"{Iso4217}\" xmlns:{p}=\"{X(settings.Namespace)}\"";
        var xhtml = HtmlRenderer.Render(document, new HtmlOptions(definition, Xhtml: true, RootAttributes: root, HiddenHeader: header.ToString(),
            Figure: (table, row, column) => byCell.TryGetValue((table.Id, row, column), out var t) ? Markup(t, p) : null, Frame: frame));

        var concepts = Concepts(definition, tagged);
        return new Dictionary<string, string>
        {
            [FileName] = xhtml,
            [schema] = Schema(settings, concepts, baseName),
            [baseName + "_lab.xml"] = Labels(settings, concepts, schema),
            [baseName + "_cal.xml"] = CalculationLinkbase(definition, settings, schema),
        };
    }

    /// <summary>
    /// The facts the published figures stand for. A figure moved by one unit so that its table foots, where the same
    /// fact is also shown unmoved (a millions table beside the statement in thousands), goes into a context of its own
    /// marked <see cref="AdjustedElement"/>: the two would otherwise be inconsistent duplicates, and the unmoved figure
    /// is the one the calculations check.
    /// </summary>
    public static IReadOnlyList<TaggedFigure> Tags(ReleaseDefinition definition, IReadOnlyList<PublishedFigure> figures)
    {
        var first = figures.Select(f => Tag(definition, f, adjustedContext: false)).ToList();
        var unmoved = first.Where(t => !t.Figure.Cell.Adjusted).Select(t => (t.Name, t.ContextId, t.UnitId)).ToHashSet();
        return first.Select(t => t.Figure.Cell.Adjusted && unmoved.Contains((t.Name, t.ContextId, t.UnitId)) ? Tag(definition, t.Figure, adjustedContext: true) : t).ToList();
    }

    /// <summary>A subtotal a table does not show but whose parts it shows beside its total, tagged hidden.</summary>
    public sealed record HiddenFact(string Name, string ContextId, string UnitId, int Decimals, decimal Value);

    /// <summary>
    /// XBRL Calculations 1.1 adds up the items a document reports. Where a table shows a total and the parts of one of
    /// its items but not that item (the USD column shows dedicated and dial-up access but not total connectivity), the
    /// item is tagged hidden as the sum of its shown parts, at their precision, so that the total is checked against
    /// everything the table shows.
    /// </summary>
    public static IReadOnlyList<HiddenFact> Subtotals(ReleaseDefinition definition, IReadOnlyList<TaggedFigure> tagged, IReadOnlyList<Calculation> relations)
    {
        var known = tagged.GroupBy(t => (t.Name, t.ContextId, t.UnitId))
            .ToDictionary(g => g.Key, g => g.OrderByDescending(t => t.Decimals).Select(t => (t.Value, t.Decimals)).First());
        var groups = known.Keys.Select(k => (k.ContextId, k.UnitId)).Distinct().ToList();
        var added = new List<HiddenFact>();
        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var calc in relations)
            {
                foreach (var (context, unit) in groups)
                {
                    if (!known.ContainsKey((Name(calc.Total), context, unit)) || !calc.Items.Any(i => known.ContainsKey((Name(i.Concept), context, unit))))
                    {
                        continue;
                    }

                    foreach (var missing in calc.Items.Where(i => !known.ContainsKey((Name(i.Concept), context, unit))))
                    {
                        if (relations.FirstOrDefault(c => c.Total == missing.Concept) is not { } sub ||
                            !sub.Items.All(j => known.ContainsKey((Name(j.Concept), context, unit))))
                        {
                            continue;
                        }

                        var parts = sub.Items.Select(j => (j.Weight, Fact: known[(Name(j.Concept), context, unit)])).ToList();
                        var value = parts.Sum(x => x.Weight * x.Fact.Value);
                        var decimals = parts.Min(x => x.Fact.Decimals);
                        known[(Name(missing.Concept), context, unit)] = (value, decimals);
                        added.Add(new HiddenFact(Name(missing.Concept), context, unit, decimals, value));
                        changed = true;
                    }
                }
            }
        }

        return added;
    }

    /// <summary>The fact a published figure stands for: its concept, context, unit, decimals, scale and value in base units.</summary>
    public static TaggedFigure Tag(ReleaseDefinition definition, PublishedFigure f, bool adjustedContext)
    {
        var shown = f.Cell.Shown!.Value;
        var context = ContextId(f.Period) + (adjustedContext ? AdjustedSuffix : "");
        if (f.IsPercent)
        {
            var name = f.Measure == Measure.Change
                ? $"{Name(f.Concept)}PercentChangeFrom{Name(f.Base ?? "base")}"
                : $"{Name(f.Concept)}PercentOf{Name(ShareOf(definition, f) ?? "total")}";
            var natural = f.Measure == Measure.Change ? shown : shown * f.Sign; // a change is of the signed values; a share is shown with the row's sign
            return new TaggedFigure(f, name, context, UnitId("pure"), f.Decimals + 2, -2, natural / 100m);
        }

        var scale = f.Unit == "percent" ? -2 : f.Scale;
        return new TaggedFigure(f, Name(f.Concept), context, UnitId(f.Unit), f.Decimals - scale, scale, shown * f.Sign * Pow10(scale));
    }

    private static string? ShareOf(ReleaseDefinition definition, PublishedFigure f) =>
        definition.Tables.FirstOrDefault(t => t.Id == f.TableId)?.Columns[f.Column].Of;

    /// <summary>The cell's text with its number wrapped in ix:nonFraction; a minus sign, parentheses and % stay outside.</summary>
    private static string Markup(TaggedFigure t, string prefix)
    {
        var text = t.Figure.Cell.Text;
        var match = Figure().Match(text);
        var sign = t.Value < 0 ? " sign=\"-\"" : "";
        var attributes = $"name=\"{prefix}:{t.Name}\" contextRef=\"{t.ContextId}\" unitRef=\"{t.UnitId}\" decimals=\"{t.Decimals}\" scale=\"{t.Scale}\"";
        if (!match.Success)
        {
            // A zero printed as a dash.
            return $"<ix:nonFraction {attributes} format=\"ixt:fixed-zero\">{HtmlRenderer.E(text)}</ix:nonFraction>";
        }

        return $"{HtmlRenderer.E(match.Groups["open"].Value)}<ix:nonFraction {attributes} format=\"ixt:num-dot-decimal\"{sign}>{match.Groups["number"].Value}</ix:nonFraction>{HtmlRenderer.E(match.Groups["close"].Value)}";
    }

    /// <summary>A shown figure: what stands before the number (a minus, a parenthesis, a currency symbol), the number, what follows.</summary>
    [GeneratedRegex(@"^(?<open>[^0-9]*?)(?<number>[0-9][0-9,]*(\.[0-9]+)?)(?<close>[^0-9]*)$")]
    private static partial Regex Figure();

    /// <summary>A character that may not stand in a unit id.</summary>
    [GeneratedRegex("[^A-Za-z0-9]")]
    private static partial Regex NotNameChar();

    /// <summary>An XBRL name from a concept id: <c>revenue.dedicated_access</c> is <c>RevenueDedicatedAccess</c>.</summary>
    public static string Name(string id) =>
        string.Concat(id.Split('.', '_', '-', ' ', '/').Where(s => s.Length > 0).Select(s => char.ToUpperInvariant(s[0]) + s[1..]));

    public static string ContextId(Period period) => period.IsInstant
        ? $"i{period.End:yyyyMMdd}"
        : $"d{period.Start:yyyyMMdd}-{period.End:yyyyMMdd}";

    public static string UnitId(string unit) => unit switch
    {
        "percent" or "pure" => "pure",
        _ => "u-" + NotNameChar().Replace(unit, "-"),
    };

    private static string UnitMeasures(string unit, string prefix)
    {
        static string Measure(string part, string prefix) => part switch
        {
            "JPY" or "USD" or "EUR" or "GBP" => "iso4217:" + part,
            "share" or "shares" => "xbrli:shares",
            "pure" or "percent" => "xbrli:pure",
            _ => $"{prefix}:{Name(part)}",
        };

        var parts = unit.Split('/');
        return parts.Length == 2
            ? $"<xbrli:divide><xbrli:unitNumerator><xbrli:measure>{Measure(parts[0], prefix)}</xbrli:measure></xbrli:unitNumerator><xbrli:unitDenominator><xbrli:measure>{Measure(parts[1], prefix)}</xbrli:measure></xbrli:unitDenominator></xbrli:divide>"
            : $"<xbrli:measure>{Measure(unit, prefix)}</xbrli:measure>";
    }

    /// <summary>A concept of the extension taxonomy: its name, label, item type, period type and balance.</summary>
    private sealed record XbrlConcept(string Name, string Label, string Type, PeriodType PeriodType, Balance Balance);

    private static List<XbrlConcept> Concepts(ReleaseDefinition definition, IReadOnlyList<TaggedFigure> tagged)
    {
        var concepts = new Dictionary<string, XbrlConcept>(StringComparer.Ordinal);
        foreach (var concept in definition.Concepts.Values)
        {
            var monetary = concept.Unit is "JPY" or "USD" or "EUR" or "GBP";
            var type = monetary ? "xbrli:monetaryItemType" : concept.Unit == "shares" ? "xbrli:sharesItemType" : "xbrli:decimalItemType";
            concepts.TryAdd(Name(concept.Id), new XbrlConcept(Name(concept.Id), concept.Label, type, concept.PeriodType, monetary ? concept.Balance : Balance.None));
        }

        foreach (var t in tagged.Where(t => t.Figure.IsPercent))
        {
            var label = definition.Concepts[t.Figure.Concept].Label + (t.Figure.Measure == Measure.Change
                ? $", percent change from {t.Figure.Base?.Replace('_', ' ')}"
                : $", percent of {definition.Concepts.GetValueOrDefault(ShareOf(definition, t.Figure) ?? "")?.Label ?? "total"}");
            concepts.TryAdd(t.Name, new XbrlConcept(t.Name, label, "xbrli:pureItemType", t.Figure.Period.Type, Balance.None));
        }

        return [.. concepts.Values.OrderBy(c => c.Name, StringComparer.Ordinal)];
    }

    private static string Schema(XbrlSettings settings, List<XbrlConcept> concepts, string baseName)
    {
        var sb = new StringBuilder();
        sb.Append($"""
            <?xml version="1.0" encoding="utf-8"?>
            <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xbrli="{Xbrli}" xmlns:link="{Link}" xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:{settings.Prefix}="{X(settings.Namespace)}" targetNamespace="{X(settings.Namespace)}" elementFormDefault="qualified" attributeFormDefault="unqualified">
              <xs:annotation>
                <xs:appinfo>
                  <link:linkbaseRef xlink:type="simple" xlink:href="{baseName}_lab.xml" xlink:role="http://www.xbrl.org/2003/role/labelLinkbaseRef" xlink:arcrole="http://www.w3.org/1999/xlink/properties/linkbase"/>
                  <link:linkbaseRef xlink:type="simple" xlink:href="{baseName}_cal.xml" xlink:role="http://www.xbrl.org/2003/role/calculationLinkbaseRef" xlink:arcrole="http://www.w3.org/1999/xlink/properties/linkbase"/>
                  <link:roleType roleURI="{X(settings.Namespace)}/role/calculations" id="calculations">
                    <link:definition>Calculations</link:definition>
                    <link:usedOn>link:calculationLink</link:usedOn>
                  </link:roleType>
                  <link:roleType roleURI="{X(settings.Namespace)}/role/calculations-2" id="calculations-2">
                    <link:definition>Calculations (a total computed a second way)</link:definition>
                    <link:usedOn>link:calculationLink</link:usedOn>
                  </link:roleType>
                </xs:appinfo>
              </xs:annotation>
              <xs:import namespace="{Xbrli}" schemaLocation="{InstanceSchema}"/>
              <xs:element name="{AdjustedElement}" type="xs:boolean">
                <xs:annotation><xs:documentation>Marks the context of figures shown one unit away from plain rounding so that their table foots; such a figure is accurate to a unit and a half of its last digit.</xs:documentation></xs:annotation>
              </xs:element>

            """);
        foreach (var c in concepts)
        {
            var balance = c.Balance == Balance.None ? "" : $" xbrli:balance=\"{c.Balance.ToString().ToLowerInvariant()}\"";
            sb.Append($"  <xs:element id=\"{settings.Prefix}_{c.Name}\" name=\"{c.Name}\" type=\"{c.Type}\" substitutionGroup=\"xbrli:item\" nillable=\"true\" xbrli:periodType=\"{c.PeriodType.ToString().ToLowerInvariant()}\"{balance}/>\n");
        }

        sb.Append("</xs:schema>\n");
        return sb.ToString();
    }

    private static string Labels(XbrlSettings settings, List<XbrlConcept> concepts, string schema)
    {
        var sb = new StringBuilder();
        sb.Append($"""
            <?xml version="1.0" encoding="utf-8"?>
            <link:linkbase xmlns:link="{Link}" xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:xml="http://www.w3.org/XML/1998/namespace">
              <link:labelLink xlink:type="extended" xlink:role="http://www.xbrl.org/2003/role/link">

            """);
        foreach (var c in concepts)
        {
            var id = settings.Prefix + "_" + c.Name;
            sb.Append($"    <link:loc xlink:type=\"locator\" xlink:href=\"{schema}#{id}\" xlink:label=\"loc_{c.Name}\"/>\n");
            sb.Append($"    <link:label xlink:type=\"resource\" xlink:label=\"lab_{c.Name}\" xlink:role=\"http://www.xbrl.org/2003/role/label\" xml:lang=\"en\">{X(c.Label)}</link:label>\n");
            sb.Append($"    <link:labelArc xlink:type=\"arc\" xlink:arcrole=\"http://www.xbrl.org/2003/arcrole/concept-label\" xlink:from=\"loc_{c.Name}\" xlink:to=\"lab_{c.Name}\"/>\n");
        }

        sb.Append("  </link:labelLink>\n</link:linkbase>\n");
        return sb.ToString();
    }

    /// <summary>
    /// The definition's calculations as summation-item arcs. A total computed a second way (total assets as total
    /// liabilities and equity) goes into a second link role, as two sets of items under one total would be added up.
    /// Only relations among concepts of one period type and one unit are written, as XBRL requires.
    /// </summary>
    private static string CalculationLinkbase(ReleaseDefinition definition, XbrlSettings settings, string schema)
    {
        var prefix = settings.Prefix;
        string Role(int r) => X(settings.Namespace) + (r == 0 ? "/role/calculations" : "/role/calculations-2");
        var roles = new List<List<Calculation>> { new(), new() };
        foreach (var calc in Relations(definition))
        {
            (roles[0].Any(c => c.Total == calc.Total) ? roles[1] : roles[0]).Add(calc);
        }

        var sb = new StringBuilder();
        sb.Append($"""
            <?xml version="1.0" encoding="utf-8"?>
            <link:linkbase xmlns:link="{Link}" xmlns:xlink="http://www.w3.org/1999/xlink">
              <link:roleRef roleURI="{Role(0)}" xlink:type="simple" xlink:href="{schema}#calculations"/>
              <link:roleRef roleURI="{Role(1)}" xlink:type="simple" xlink:href="{schema}#calculations-2"/>

            """);
        for (var r = 0; r < roles.Count; r++)
        {
            sb.Append($"  <link:calculationLink xlink:type=\"extended\" xlink:role=\"{Role(r)}\">\n");
            var located = new HashSet<string>(StringComparer.Ordinal);
            void Locate(string name)
            {
                if (located.Add(name))
                {
                    sb.Append($"    <link:loc xlink:type=\"locator\" xlink:href=\"{schema}#{prefix}_{name}\" xlink:label=\"{name}\"/>\n");
                }
            }

            foreach (var calc in roles[r])
            {
                Locate(Name(calc.Total));
                var order = 1;
                foreach (var item in calc.Items)
                {
                    Locate(Name(item.Concept));
                    sb.Append($"    <link:calculationArc xlink:type=\"arc\" xlink:arcrole=\"http://www.xbrl.org/2003/arcrole/summation-item\" xlink:from=\"{Name(calc.Total)}\" xlink:to=\"{Name(item.Concept)}\" order=\"{order++}\" weight=\"{item.Weight.ToString(CultureInfo.InvariantCulture)}\"/>\n");
                }
            }

            sb.Append("  </link:calculationLink>\n");
        }

        sb.Append("</link:linkbase>\n");
        return sb.ToString();
    }

    /// <summary>
    /// The calculations the linkbase holds: those among concepts of one period type and one unit whose weights agree with
    /// the concepts' balances.
    /// </summary>
    public static IReadOnlyList<Calculation> Relations(ReleaseDefinition definition) =>
        definition.Calculations.Where(calc =>
        {
            var all = calc.Items.Select(i => i.Concept).Prepend(calc.Total).Select(id => definition.Concepts.GetValueOrDefault(id)).ToList();
            return all.All(c => c is not null) && all.Select(c => (c!.PeriodType, c.Unit)).Distinct().Count() == 1 &&
                calc.Items.All(i => WeightAgreesWithBalances(all[0]!, definition.Concepts[i.Concept], i.Weight));
        }).ToList();

    /// <summary>
    /// XBRL 2.1 (5.1.1.2): an item of the same balance as its total adds to it, one of the opposite balance subtracts.
    /// A relation that breaks this (Adjusted EBITDA as operating income plus depreciation) is left out of the linkbase.
    /// </summary>
    private static bool WeightAgreesWithBalances(Concept total, Concept item, decimal weight)
    {
        static bool Monetary(Concept c) => c.Unit is "JPY" or "USD" or "EUR" or "GBP";
        if (!Monetary(total) || !Monetary(item) || total.Balance == Balance.None || item.Balance == Balance.None)
        {
            return true;
        }

        return (total.Balance == item.Balance) == (weight > 0);
    }

    private static decimal Pow10(int exponent)
    {
        var result = 1m;
        for (var i = 0; i < Math.Abs(exponent); i++)
        {
            result *= 10m;
        }

        return exponent >= 0 ? result : 1m / result;
    }

    private static string X(string text) => System.Security.SecurityElement.Escape(text);
}
