using System.Globalization;
using System.Xml.Linq;
using Kessan.Build;
using Kessan.Model;
using Kessan.Publish;
using Kessan.Render;
using Kessan.Tests.Build;

namespace Kessan.Tests.Publish;

/// <summary>
/// release.xhtml read back as an XBRL processor reads it: every figure of every table is a fact, equal to the built fact
/// it shows (scale and sign applied), and every calculation of the linkbase is consistent under XBRL Calculations 1.1
/// (each figure stands for the interval its decimals allow; a total must meet the sum of its items' intervals).
/// </summary>
public class InlineXbrlTests
{
    private static readonly XNamespace Ix = "http://www.xbrl.org/2013/inlineXBRL";
    private static readonly XNamespace Xbrli = "http://www.xbrl.org/2003/instance";
    private static readonly XNamespace Link = "http://www.xbrl.org/2003/linkbase";
    private static readonly XNamespace XLink = "http://www.w3.org/1999/xlink";

    private static readonly Lazy<IReadOnlyDictionary<string, string>> Files = new(() =>
        InlineXbrlWriter.Write(ExampleRelease.Output.Definition!, ExampleRelease.Output.Document!, XbrlSettings.Load(ExampleRelease.Output.Definition!).Value!));

    /// <summary>A fact as read back: its concept's local name, context, unit, value, decimals, and whether it is in the page's body.</summary>
    internal sealed record ReadFact(string Name, string Context, string Unit, decimal Value, int Decimals, bool Shown, bool Adjusted, string Text);

    internal static (List<ReadFact> Facts, Dictionary<string, Period> Contexts) Read(string xhtml)
    {
        var page = XDocument.Parse(xhtml);
        var contexts = page.Descendants(Xbrli + "context").ToDictionary(
            c => (string)c.Attribute("id")!,
            c => c.Descendants(Xbrli + "instant").FirstOrDefault() is { } instant
                ? Period.Instant(DateOnly.Parse(instant.Value, CultureInfo.InvariantCulture))
                : Period.Duration(DateOnly.Parse(c.Descendants(Xbrli + "startDate").Single().Value, CultureInfo.InvariantCulture), DateOnly.Parse(c.Descendants(Xbrli + "endDate").Single().Value, CultureInfo.InvariantCulture)));
        var facts = page.Descendants(Ix + "nonFraction").Select(f =>
        {
            var text = f.Value.Trim();
            var number = (string?)f.Attribute("format") == "ixt:fixed-zero" ? 0m : decimal.Parse(text.Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
            var scale = int.Parse((string?)f.Attribute("scale") ?? "0", CultureInfo.InvariantCulture);
            var value = number * (decimal)Math.Pow(10, scale) * ((string?)f.Attribute("sign") == "-" ? -1 : 1);
            var td = f.Ancestors().FirstOrDefault(a => a.Name.LocalName == "td");
            return new ReadFact(((string)f.Attribute("name")!).Split(':')[1], (string)f.Attribute("contextRef")!, (string)f.Attribute("unitRef")!, value,
                int.Parse((string)f.Attribute("decimals")!, CultureInfo.InvariantCulture), td is not null, (string?)td?.Attribute("class") == "adjusted", td?.Value ?? text);
        }).ToList();
        return (facts, contexts);
    }

    [Fact]
    public void Every_figure_of_every_table_is_a_fact_equal_to_the_built_fact_it_shows()
    {
        var output = ExampleRelease.Output;
        var definition = output.Definition!;
        var (facts, contexts) = Read(Files.Value[InlineXbrlWriter.FileName]);
        var figures = output.Document!.Tables.Sum(t => PublishedFigures.Of(definition, t).Count);
        facts.Count(f => f.Shown).ShouldBe(figures, "one fact per figure shown in a table");
        figures.ShouldBeGreaterThan(700);

        var byName = definition.Concepts.Keys.ToDictionary(InlineXbrlWriter.Name);
        var compared = 0;
        foreach (var fact in facts.Where(f => f.Shown))
        {
            // A figure moved to foot may be a unit off the exact value; any other is within half a unit of its last digit.
            var tolerance = (fact.Adjusted ? 1.5m : 0.5m) * (decimal)Math.Pow(10, -fact.Decimals);
            if (fact.Unit == "pure")
            {
                // A percent reads back as the fraction the cell shows: "(5.7%)" is -0.057 (a share is shown with its row's sign).
                var shown = ReleaseText.Figure(fact.Text)!.Value / 100m;
                Math.Abs(Math.Abs(fact.Value) - Math.Abs(shown)).ShouldBeLessThanOrEqualTo(0.0000001m, $"{fact.Name} shows '{fact.Text}'");
                continue;
            }

            var built = output.Facts.Find(byName[fact.Name], contexts[fact.Context]);
            built.ShouldNotBeNull($"{fact.Name} {fact.Context}");
            var expected = fact.Unit == "u-USD" ? built.Value / definition.Fx!.Rate : built.Value;
            Math.Abs(fact.Value - expected).ShouldBeLessThanOrEqualTo(tolerance, $"{fact.Name} {fact.Context} {fact.Unit} shows '{fact.Text}'");
            compared++;
        }

        compared.ShouldBeGreaterThan(500);
    }

    [Fact]
    public void A_percent_change_reads_back_with_the_sign_it_is_shown_with()
    {
        var (facts, _) = Read(Files.Value[InlineXbrlWriter.FileName]);
        var changes = facts.Where(f => f.Name.Contains("PercentChangeFrom", StringComparison.Ordinal)).ToList();
        changes.ShouldNotBeEmpty();
        foreach (var change in changes)
        {
            change.Value.ShouldBe(ReleaseText.Figure(change.Text)!.Value / 100m, change.Text);
        }
    }

    [Fact]
    public void Every_calculation_is_consistent_under_xbrl_calculations_1_1() =>
        CalculationsConsistent(Files.Value).ShouldBeGreaterThan(50);

    public static TheoryData<string> Examples() => [.. Directory.GetDirectories(Path.Combine(Repo.Root, "examples")).Select(d => Path.GetFileName(d)!).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Examples))]
    public void Every_bundled_example_tags_every_figure_consistently(string example)
    {
        var built = ReleasePipeline.Run(Path.Combine(Repo.Root, "examples", example));
        var rendered = ReleaseOutputs.Render(built, ReleaseOutputs.SelfContained);
        rendered.Diagnostics.ShouldBeEmpty();
        var files = rendered.Value!.ToDictionary(f => f.Key, f => System.Text.Encoding.UTF8.GetString(f.Value));
        var (facts, _) = Read(files[InlineXbrlWriter.FileName]);
        facts.Count(f => f.Shown).ShouldBe(built.Document!.Tables.Sum(t => PublishedFigures.Of(built.Definition!, t).Count));
        facts.Where(f => f.Shown).ShouldAllBe(f => f.Value != 0 || ReleaseText.Figure(f.Text) == 0 || ReleaseText.Figure(f.Text) == null);
        CalculationsConsistent(files).ShouldBeGreaterThan(0);
    }

    /// <summary>Checks every calculation of the linkbase against the document's facts; returns how many were checked.</summary>
    private static int CalculationsConsistent(IReadOnlyDictionary<string, string> files)
    {
        var (facts, _) = Read(files[InlineXbrlWriter.FileName]);
        var linkbase = XDocument.Parse(files.Single(f => f.Key.EndsWith("_cal.xml", StringComparison.Ordinal)).Value);

        // Duplicates must agree: their intervals meet; the narrowest stands for the fact.
        var intervals = new Dictionary<(string, string, string), (decimal Low, decimal High)>();
        foreach (var group in facts.GroupBy(f => (f.Name, f.Context, f.Unit)))
        {
            var low = group.Max(f => f.Value - Half(f.Decimals));
            var high = group.Min(f => f.Value + Half(f.Decimals));
            low.ShouldBeLessThanOrEqualTo(high, $"duplicates of {group.Key} disagree: {string.Join(", ", group.Select(f => f.Value))}");
            intervals[group.Key] = (low, high);
        }

        var checkedSums = 0;
        foreach (var link in linkbase.Descendants(Link + "calculationLink"))
        {
            foreach (var relation in link.Elements(Link + "calculationArc").GroupBy(a => (string)a.Attribute(XLink + "from")!))
            {
                foreach (var (context, unit) in intervals.Keys.Where(k => k.Item1 == relation.Key).Select(k => (k.Item2, k.Item3)))
                {
                    var items = relation.Select(a => (Weight: decimal.Parse((string)a.Attribute("weight")!, CultureInfo.InvariantCulture), Key: ((string)a.Attribute(XLink + "to")!, context, unit)))
                        .Where(i => intervals.ContainsKey(i.Key)).ToList();
                    if (items.Count == 0)
                    {
                        continue;
                    }

                    var low = items.Sum(i => i.Weight > 0 ? i.Weight * intervals[i.Key].Low : i.Weight * intervals[i.Key].High);
                    var high = items.Sum(i => i.Weight > 0 ? i.Weight * intervals[i.Key].High : i.Weight * intervals[i.Key].Low);
                    var total = intervals[(relation.Key, context, unit)];
                    (total.Low <= high && low <= total.High).ShouldBeTrue($"{relation.Key} in {context} {unit}: [{total.Low}, {total.High}] against items [{low}, {high}]");
                    checkedSums++;
                }
            }
        }

        return checkedSums;
    }

    [Fact]
    public void The_extension_taxonomy_defines_every_concept_the_document_uses()
    {
        var (facts, _) = Read(Files.Value[InlineXbrlWriter.FileName]);
        var schema = XDocument.Parse(Files.Value.Single(f => f.Key.EndsWith(".xsd", StringComparison.Ordinal)).Value);
        var defined = schema.Root!.Elements().Where(e => e.Name.LocalName == "element").Select(e => (string)e.Attribute("name")!).ToHashSet();
        facts.Select(f => f.Name).Distinct().Where(n => !defined.Contains(n)).ShouldBeEmpty();
        Files.Value[InlineXbrlWriter.FileName].ShouldContain("link:schemaRef");
    }

    private static decimal Half(int decimals) => 0.5m * (decimal)Math.Pow(10, -decimals);
}
