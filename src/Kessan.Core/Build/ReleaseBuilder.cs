using Kessan.Definitions;
using Kessan.Diagnostics;
using Kessan.Model;

namespace Kessan.Build;

/// <summary>
/// Turns a release definition and its (derived) facts into the finished tables: values at each table's scale, percent
/// changes, percents of a total, the convenience translation, all rounded so that every displayed total foots
/// (<see cref="FootingRounder"/>). A pure function: no files, no console.
/// </summary>
public static partial class ReleaseBuilder
{
    /// <summary>Figures that are rounded together: same measure, same unit of the last digit, same denominator.</summary>
    private readonly record struct GroupKey(Measure Measure, int Exponent, string? Of);

    private readonly record struct NodeKey(GroupKey Group, string Concept, Period Period);

    private sealed record Slot(NodeKey Node, decimal Exact, int Decimals, int Sign, bool Percent, FigureFormat Format);

    /// <summary>An amount of change: the later figure less the earlier, each as shown, printed in the later one's format.</summary>
    private sealed record Difference(Slot Now, Slot Then);

    public static Result<ReleaseDocument> Build(ReleaseDefinition definition, FactSet facts)
    {
        var diagnostics = new List<Diagnostic>();
        var missing = new SortedDictionary<string, Diagnostic>(StringComparer.Ordinal);
        var nodes = new Dictionary<NodeKey, FootingNode>();
        var constraints = new List<(FootingConstraint Constraint, string Table)>();
        var nodeTables = new Dictionary<NodeKey, SortedSet<string>>();
        var plans = new List<(TableDefinition Table, List<(RowDefinition Row, List<object?> Cells)> Rows)>();

        // A total that cannot be computed is reported as the facts it lacks, so the list names what to enter, once each.
        void ReportMissing(string concept, Period period, SourceLocation? at, string neededBy)
        {
            foreach (var leaf in MissingFacts.LeavesOf(definition, facts, concept, period))
            {
                var what = $"'{leaf}' for {Calculator.Describe(period, definition)}";
                var why = leaf == concept ? "" : $" (to compute '{concept}')";
                missing.TryAdd(what, Diagnostic.Error(BuildCodes.MissingFact, at, $"missing fact: {what} is needed by {neededBy}{why}"));
            }
        }

        // A translation with no rate is one problem, at the first place that asks for one, counting the others: the
        // rate missing from release.yaml is the one thing to fix.
        var noRate = new List<SourceLocation>();
        void NoRate(SourceLocation at, string what)
        {
            if (noRate.Contains(at))
            {
                return;
            }

            if (noRate.Count == 0)
            {
                diagnostics.Add(Diagnostic.Error(DefinitionCodes.MissingRate, at, $"{what} but release.yaml gives no exchange rate: add 'fx: {{to: USD, rate: ..., as_of: ...}}'"));
            }

            noRate.Add(at);
        }

        Fact? Need(string concept, Period period, TableDefinition table, RowDefinition row)
        {
            var fact = facts.Find(concept, period);
            if (fact is null)
            {
                ReportMissing(concept, period, row.Source, $"{TableName(table)}, row '{row.Label}'");
            }

            return fact;
        }

        foreach (var table in definition.Tables)
        {
            var rows = new List<(RowDefinition, List<object?>)>();
            foreach (var row in table.Rows)
            {
                var cells = new List<object?>();
                rows.Add((row, cells));
                if (row.IsHeading)
                {
                    continue;
                }

                var concept = definition.Concepts.GetValueOrDefault(row.Concept!);
                if (concept is null)
                {
                    continue;
                }

                foreach (var col in table.Columns)
                {
                    if (!definition.Periods.TryGetValue(col.Period, out var columnPeriod) ||
                        (row.ValuesOnly && col.Measure != Measure.Value) ||
                        (!concept.IsMonetary && col.Measure is Measure.Translation or Measure.Share) ||
                        columnPeriod.At(concept.PeriodType, row.At) is not { } period)
                    {
                        cells.Add(null);
                        continue;
                    }

                    var fact = Need(concept.Id, period, table, row);
                    if (fact is null)
                    {
                        cells.Add(null);
                        continue;
                    }

                    var scale = (int)(row.Scale ?? col.Scale);
                    // A row's decimals (EPS with two) are for its amounts; percents keep their column's.
                    // A margin (a concept in percent) marked percent_sign: true prints its % sign in a value column too.
                    var percentValue = col.Measure == Measure.Value && concept.Unit == "percent" && row.PercentSign;
                    var percent = col.Measure is Measure.Change or Measure.Share || percentValue;
                    var decimals = percent && !percentValue ? col.Decimals : row.Decimals ?? col.Decimals;
                    var format = FigureFormat.Of(table, col, row, percent, col.Measure == Measure.Translation ? definition.Fx?.To : concept.Currency);
                    switch (col.Measure)
                    {
                        case Measure.Change:
                        case Measure.AmountChange:
                        {
                            var basePeriod = definition.Periods.GetValueOrDefault(col.Base ?? "")?.At(concept.PeriodType, row.At);
                            var baseFact = basePeriod is { } b ? Need(concept.Id, b, table, row) : null;
                            if (baseFact is null)
                            {
                                cells.Add(null);
                                break;
                            }

                            if (col.Measure == Measure.AmountChange)
                            {
                                // The difference of the two figures as shown, so that it foots with them and its column.
                                var exponent = new GroupKey(Measure.Value, scale - decimals, null);
                                var now = AddNode(new NodeKey(exponent, concept.Id, period), fact.Value / Fact.Pow10(scale) * Fact.Pow10(decimals), decimals, row.Sign, false, format, table);
                                var then = AddNode(new NodeKey(exponent, concept.Id, baseFact.Period), baseFact.Value / Fact.Pow10(scale) * Fact.Pow10(decimals), decimals, row.Sign, false, format, table);
                                cells.Add(new Difference(now, then));
                                break;
                            }

                            var change = PercentChange(fact, baseFact, col.PercentBase, col.SignChangeNotMeaningful);
                            if (change is { } size && col.NotMeaningfulAbove is { } above && Math.Abs(size) > above)
                            {
                                change = null;
                            }

                            cells.Add(change is not { } exactChange
                                ? new RenderedCell(format.NotMeaningful)
                                : Cell(Math.Round(exactChange, decimals, MidpointRounding.AwayFromZero), exactChange, decimals, true, format));
                            break;
                        }

                        case Measure.Share:
                        {
                            var denominatorPeriod = columnPeriod.At(definition.Concepts.GetValueOrDefault(col.Of!)?.PeriodType ?? concept.PeriodType);
                            var denominator = denominatorPeriod is { } dp ? Need(col.Of!, dp, table, row) : null;
                            if (denominator is null || denominator.Value == 0)
                            {
                                cells.Add(null);
                                break;
                            }

                            var key = new NodeKey(new GroupKey(Measure.Share, -decimals, col.Of), concept.Id, period);
                            var exact = fact.Value / denominator.Value * 100m * Fact.Pow10(decimals);
                            cells.Add(AddNode(key, exact, decimals, row.Sign, true, format, table));
                            break;
                        }

                        default:
                        {
                            if (col.Measure == Measure.Translation && definition.Fx is null)
                            {
                                NoRate(col.Source, $"{TableName(table)} has a translation column");
                                cells.Add(null);
                                break;
                            }

                            var value = col.Measure == Measure.Translation ? Translate(definition, concept, fact.Value) : fact.Value;
                            var key = new NodeKey(new GroupKey(col.Measure, scale - decimals, null), concept.Id, period);
                            cells.Add(AddNode(key, value / Fact.Pow10(scale) * Fact.Pow10(decimals), decimals, row.Sign, percentValue, format, table));
                            break;
                        }
                    }
                }
            }

            plans.Add((table, rows));
            constraints.AddRange(TableConstraints(definition, table, rows).Select(c => (c, TableName(table))));
        }

        Slot AddNode(NodeKey key, decimal exact, int decimals, int sign, bool percent, FigureFormat format, TableDefinition table)
        {
            nodes.TryAdd(key, new FootingNode(key, exact));
            if (!nodeTables.TryGetValue(key, out var names))
            {
                nodeTables[key] = names = new SortedSet<string>(StringComparer.Ordinal);
            }

            names.Add(TableName(table));
            return new Slot(key, exact, decimals, sign, percent, format);
        }


        // Round every group of figures so that all tables foot.
        var shown = new Dictionary<NodeKey, decimal>();
        var adjusted = new HashSet<NodeKey>();
        foreach (var group in nodes.Values.GroupBy(n => ((NodeKey)n.Key).Group))
        {
            var groupConstraints = constraints.Where(c => ((NodeKey)c.Constraint.Total).Group == group.Key).ToList();
            var solution = FootingRounder.Solve(group.ToList(), groupConstraints.Select(c => c.Constraint).ToList(), definition.Footing);
            foreach (var (key, value) in solution.Shown)
            {
                shown[(NodeKey)key] = value;
            }

            foreach (var a in solution.Adjustments)
            {
                var key = (NodeKey)a.Key;
                adjusted.Add(key);
                var scaleNote = Describe(key.Group, definition.Fx?.To);
                diagnostics.Add(Diagnostic.Info(RoundingCodes.Adjusted, null, $"{string.Join(", ", nodeTables[key])}: '{definition.Concepts[key.Concept].Label}' for {Calculator.Describe(key.Period, definition)} is shown as {Unscale(a.Shown, key)} {scaleNote} (exact {Unscale(a.Exact, key, extraDigits: 3)}, plain rounding {Unscale(a.Plain, key)}) so that its totals foot"));
            }

            foreach (var c in solution.Unfooted)
            {
                var key = (NodeKey)c.Total;
                diagnostics.Add(Diagnostic.Warning(RoundingCodes.CannotFoot, null, $"{string.Join(", ", nodeTables[key])}: '{definition.Concepts[key.Concept].Label}' for {Calculator.Describe(key.Period, definition)} cannot be made to foot with its parts by rounding adjustments of one unit"));
            }
        }

        var tables = plans.Select(p => Render(definition, p.Table, p.Rows, shown, adjusted)).ToList();
        var figures = new Figures(definition, facts, shown, ReportMissing, NoRate);
        var texts = (definition.Texts ?? []).Select(t => RenderText(t, figures, diagnostics)).ToList();
        diagnostics.AddRange(missing.Values);
        if (noRate.Count > 1)
        {
            var first = diagnostics.FindIndex(d => d.Code == DefinitionCodes.MissingRate);
            var others = noRate.Skip(1).ToList();
            diagnostics[first] = diagnostics[first] with { Message = $"{diagnostics[first].Message}; {others.Count} more place{(others.Count == 1 ? " asks" : "s ask")} for one too ({string.Join(", ", others.Take(3))}{(others.Count > 3 ? ", …" : "")})" };
        }

        var document = new ReleaseDocument(definition.Company, tables, diagnostics.Where(d => d.Severity != Severity.Error).ToList(), texts, definition.Layout);
        return new Result<ReleaseDocument>(document, diagnostics);
    }

    private static string Describe(GroupKey g, Currency? to) => g.Measure switch
    {
        Measure.Share => "(percent)",
        Measure.Translation => g.Exponent switch { 3 => $"({to} thousands)", 6 => $"({to} millions)", _ => $"({to})" },
        _ => g.Exponent switch { 3 => "(thousands)", 6 => "(millions)", _ => "" },
    };

    /// <summary>A figure in display units written as the table shows it, or with more digits for an exact value.</summary>
    private static string Unscale(decimal displayUnits, NodeKey key, int extraDigits = 0)
    {
        var decimals = Math.Max(0, -key.Group.Exponent);
        var value = displayUnits / Fact.Pow10(decimals);
        var digits = decimals + extraDigits;
        return value.ToString(digits > 0 ? "#,0." + new string('0', digits) : "#,0", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Percent change, (current − base) / base × 100 — or / |base| with <see cref="PercentBase.Absolute"/> — from each
    /// figure as precisely as it is known; null (not meaningful) when the base is zero, or, if asked, when the figure
    /// changes sign.
    /// </summary>
    public static decimal? PercentChange(Fact current, Fact @base, PercentBase divideBy = PercentBase.Signed, bool signChangeNotMeaningful = false)
    {
        var b = Precise(@base);
        var c = Precise(current);
        if (b == 0 || (signChangeNotMeaningful && c != 0 && Math.Sign(c) != Math.Sign(b)))
        {
            return null;
        }

        return (c - b) / (divideBy == PercentBase.Absolute ? Math.Abs(b) : b) * 100m;
    }

    /// <summary>The value a percent change is computed from: the fact rounded to the precision it is known to.</summary>
    private static decimal Precise(Fact fact) =>
        fact.Decimals is { } d && d < 0 ? Math.Round(fact.Value / Fact.Pow10(-d), 0, MidpointRounding.AwayFromZero) * Fact.Pow10(-d) : fact.Value;

    /// <summary>A figure of a monetary concept in the convenience currency (the definition must have a rate).</summary>
    private static decimal Translate(ReleaseDefinition definition, Concept concept, decimal value) =>
        definition.Fx!.Translate(concept.Money(value)).Amount;

    private static string TableName(TableDefinition t) => t.Title.Count > 0 ? t.Title.FirstOrDefault(l => l.StartsWith("Table", StringComparison.Ordinal)) ?? t.Id : t.Id;

    private static RenderedCell Cell(decimal shownValue, decimal exact, int decimals, bool percent, FigureFormat format) =>
        new(NumberFormatter.Format(shownValue, decimals, percent, format), exact, shownValue);

    /// <summary>The relations a table displays: each total shown with all its parts shown (directly or through unshown subtotals).</summary>
    private static IEnumerable<FootingConstraint> TableConstraints(ReleaseDefinition definition, TableDefinition table, List<(RowDefinition Row, List<object?> Cells)> rows)
    {
        for (var c = 0; c < table.Columns.Count; c++)
        {
            if (table.Columns[c].Measure == Measure.Change)
            {
                continue;
            }

            var slots = new Dictionary<(string Concept, Anchor At), NodeKey>();
            foreach (var (row, cells) in rows)
            {
                if (!row.IsHeading && c < cells.Count && cells[c] is Slot s)
                {
                    slots.TryAdd((row.Concept!, row.At), s.Node);
                }
            }

            if (slots.Count == 0)
            {
                continue;
            }

            foreach (var calc in definition.Calculations)
            {
                if (!slots.TryGetValue((calc.Total, Anchor.End), out var total))
                {
                    continue;
                }

                var items = new List<(object, decimal)>();
                if (calc.Items.All(i => Expand(definition, i.Concept, i.Weight, slots, items, 0)))
                {
                    yield return new FootingConstraint(total, items);
                }
            }

            foreach (var roll in definition.RollForwards)
            {
                if (slots.TryGetValue((roll.Balance, Anchor.End), out var end) &&
                    slots.TryGetValue((roll.Balance, Anchor.Start), out var start) &&
                    slots.TryGetValue((roll.Change, Anchor.End), out var change))
                {
                    yield return new FootingConstraint(end, [(start, 1m), (change, 1m)]);
                }
            }
        }
    }

    private static bool Expand(ReleaseDefinition definition, string concept, decimal weight, Dictionary<(string, Anchor), NodeKey> slots, List<(object, decimal)> items, int depth)
    {
        if (slots.TryGetValue((concept, Anchor.End), out var node))
        {
            items.Add((node, weight));
            return true;
        }

        if (depth > 20 || definition.Calculations.FirstOrDefault(c => c.Total == concept) is not { } calc)
        {
            return false;
        }

        return calc.Items.All(i => Expand(definition, i.Concept, weight * i.Weight, slots, items, depth + 1));
    }

    private static RenderedTable Render(ReleaseDefinition definition, TableDefinition table, List<(RowDefinition Row, List<object?> Cells)> rows, Dictionary<NodeKey, decimal> shown, HashSet<NodeKey> adjusted)
    {
        var width = table.Columns.Count;
        var rendered = rows.Select(r =>
        {
            if (r.Row.IsHeading)
            {
                return new RenderedRow(Placeholders.Expand(r.Row.Label, definition), true, Enumerable.Repeat(RenderedCell.Blank, width).ToList());
            }

            var cells = r.Cells.Select(cell => cell switch
            {
                RenderedCell done => done,
                Slot s => SlotCell(s, shown[s.Node], adjusted.Contains(s.Node)),
                Difference d => DifferenceCell(d, shown[d.Now.Node] - shown[d.Then.Node]),
                _ => RenderedCell.Blank,
            }).ToList();
            while (cells.Count < width)
            {
                cells.Add(RenderedCell.Blank);
            }

            return new RenderedRow(Placeholders.Expand(r.Row.Label, definition), false, cells);
        }).ToList();

        return new RenderedTable(
            table.Id,
            table.Title.Select(t => Placeholders.Expand(t, definition)).ToList(),
            table.Header.Select(h => (IReadOnlyList<string>)h.Select(x => Placeholders.Expand(x, definition)).ToList()).ToList(),
            rendered,
            table.Notes.Select(n => Placeholders.Expand(n, definition)).ToList(),
            width);
    }

    private static RenderedCell SlotCell(Slot s, decimal shownUnits, bool adjusted)
    {
        var value = s.Sign * shownUnits / Fact.Pow10(s.Decimals);
        return new RenderedCell(NumberFormatter.Format(value, s.Decimals, s.Percent, s.Format), s.Sign * s.Exact / Fact.Pow10(s.Decimals), value, adjusted);
    }

    private static RenderedCell DifferenceCell(Difference d, decimal shownUnits)
    {
        var value = d.Now.Sign * shownUnits / Fact.Pow10(d.Now.Decimals);
        return new RenderedCell(NumberFormatter.Format(value, d.Now.Decimals, false, d.Now.Format), d.Now.Sign * (d.Now.Exact - d.Then.Exact) / Fact.Pow10(d.Now.Decimals), value);
    }
}
