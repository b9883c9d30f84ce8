using System.Globalization;
using System.Text.RegularExpressions;
using Kessan.Diagnostics;
using Kessan.Verify.Findings;
using Kessan.Verify.Numbers;
using Kessan.Verify.Reading;
using Kessan.Verify.Structure;

namespace Kessan.Verify.Checks;

/// <summary>
/// Sentences against the tables: "Revenues in 1Q03 totaled JPY8,344 million, a decrease of 15.3% compared to 1Q02".
/// The subject of the sentence ("Revenues") is matched to table rows by label; the amounts are checked against the
/// most precise table stating them; the percentages and the direction words (increase, decreased, declined, grew)
/// against the change computed from that table. When the text and a table's % column disagree, the one that the
/// figures do not support is reported.
/// </summary>
public static partial class NarrativeChecks
{
    [GeneratedRegex(@"(?<cur>US\\?\$|\\?\$|JPY|¥)\s?(?<num>[-−]?\s?\d[\d,]*(?:\.\d+)?)(?:\s?(?<scale>million|billion|thousand)\b)?|(?<![\d.,])(?<pnum>\d[\d,]*(?:\.\d+)?)\s?%", RegexOptions.IgnoreCase)]
    private static partial Regex FigurePattern();

    [GeneratedRegex(@"\b(?<up>increase[sd]?|increasing|grew|grow|grows|rose|rise|rises)\b|\b(?<down>decrease[sd]?|decreasing|declined?|declines|declining|fell|fall|falls)\b", RegexOptions.IgnoreCase)]
    private static partial Regex DirectionPattern();

    [GeneratedRegex(@"\b(was|were|is|are|totaled|totalled|totaling|amounted|decreased|increased|declined|grew|rose|fell|reached|stood)\b", RegexOptions.IgnoreCase)]
    private static partial Regex VerbPattern();

    [GeneratedRegex(@"(approximately|about|nearly|almost|around|over|more than|less than|some|roughly|up to|past|exceed(?:ing|ed|s)?|above|below|under|at least|surpass(?:ing|ed)?)\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex Hedge();

    [GeneratedRegex(@"(?<=[.!?])\s+(?=[A-Z“""(\-])")]
    private static partial Regex SentenceBreak();

    [GeneratedRegex(@"^\s*per\s+(?:\w+\s+){0,2}(share|ads|adr)", RegexOptions.IgnoreCase)]
    private static partial Regex PerShareAfter();

    /// <summary>A figure found in a sentence.</summary>
    internal sealed record TextFigure(int Index, int Length, decimal Value, int Decimals, bool Percent, bool Usd, bool ExplicitSign, decimal Scale, string Text);

    internal sealed record Claim(TableModel Table, TableRow Row);

    public static IEnumerable<Diagnostic> Check(VerifyContext ctx)
    {
        if (ctx.CurrentPeriod is null)
        {
            yield break;
        }

        // Tables of amounts: those stating a currency, or every table of a release that reports in dollars.
        var dollars = ReportsInDollars(ctx);
        var rows = ctx.Tables.Where(t => dollars || t.Currency is not null || t.ValueColumns.Any(c => c.Currency is not null))
            .SelectMany(t => t.Rows.Where(r => !r.IsSection && r.Tokens.Count > 0 && !(r.Tokens.Count == 1 && r.Tokens[0] == "other")).Select(r => new Claim(t, r)))
            .ToList();
        if (rows.Count == 0)
        {
            yield break;
        }

        var index = new RowIndex(rows);
        var issuer = IssuerWords(ctx);
        for (var p = 0; p < ctx.Paragraphs.Count; p++)
        {
            var para = ctx.Paragraphs[p];
            if (para.Text.AsSpan().IndexOfAnyInRange('0', '9') < 0)
            {
                continue; // no figure, nothing to check
            }

            var offset = 0;
            foreach (var sentence in SentenceBreak().Split(para.Text))
            {
                var start = para.Text.IndexOf(sentence, offset, StringComparison.Ordinal);
                offset = start + sentence.Length;
                if (sentence.AsSpan().IndexOfAnyInRange('0', '9') < 0)
                {
                    continue;
                }

                var setting = new Setting(para.Text[..start], HeadingOf(ctx.Paragraphs, p), issuer, index, start == 0 && Continues(ctx.Paragraphs, p));
                foreach (var f in CheckSentence(ctx, index, para, sentence, start, setting))
                {
                    yield return f;
                }
            }
        }
    }

    internal static List<TextFigure> FiguresIn(string sentence)
    {
        var result = new List<TextFigure>();
        foreach (Match m in FigurePattern().Matches(sentence))
        {
            var percent = m.Groups["pnum"].Success;
            var raw = percent ? m.Groups["pnum"].Value : m.Groups["num"].Value;
            var neg = raw.StartsWith('-') || raw.StartsWith('−');
            var digits = raw.TrimStart('-', '−', ' ').Replace(",", "", StringComparison.Ordinal);
            if (!decimal.TryParse(digits, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var v))
            {
                continue;
            }

            var dot = digits.IndexOf('.');
            var decimals = dot < 0 ? 0 : digits.Length - dot - 1;
            var scale = m.Groups["scale"].Value.ToLowerInvariant() switch
            {
                "million" => 1_000_000m,
                "billion" => 1_000_000_000m,
                "thousand" => 1_000m,
                _ => 1m,
            };
            var usd = !percent && m.Groups["cur"].Value.Contains('$');
            result.Add(new TextFigure(m.Index, m.Length, neg ? -v : v, decimals, percent, usd, neg, scale, m.Value));
        }

        return result;
    }

    private static IEnumerable<Diagnostic> CheckSentence(VerifyContext ctx, RowIndex index, Paragraph para, string sentence, int start, Setting setting)
    {
        var figures = FiguresIn(sentence);
        if (figures.Count == 0)
        {
            yield break;
        }

        // The subject: from the last comma before the first verb or figure, to that verb or figure.
        var verb = VerbPattern().Match(sentence);
        var subjectEnd = Math.Min(figures[0].Index, verb.Success ? verb.Index : int.MaxValue);
        var subjectText = sentence[..subjectEnd];
        var comma = subjectText.LastIndexOfAny([',', ';', ':']);
        if (comma >= 0 && comma < subjectText.Length - 3)
        {
            subjectText = subjectText[(comma + 1)..];
        }

        var subject = Labels.Tokens(subjectText).ToHashSet();
        var rows = index.Candidates(subject);
        if (subject.Contains("margin") && !ReportsInDollars(ctx))
        {
            foreach (var f in MarginSentence(ctx, rows, para, sentence, start, figures, subject))
            {
                yield return f;
            }

            yield break;
        }

        var matches = rows.Where(c => c.Row.Tokens.All(subject.Contains)).ToList();
        if (matches.Count == 0)
        {
            yield break;
        }

        var best = matches.Max(c => c.Row.Tokens.Distinct().Count());
        matches = matches.Where(c => c.Row.Tokens.Distinct().Count() == best).ToList();

        var quarters = ctx.Fiscal.QuartersIn(sentence).ToList();
        var directions = DirectionPattern().Matches(sentence).Select(m => (m.Index, Up: m.Groups["up"].Success, m.Value)).ToList();
        var current = ctx.CurrentPeriod!;

        string PeriodAfter(TextFigure f, bool skipCurrent)
        {
            var next = figures.FirstOrDefault(g => g.Index > f.Index && (g.Percent == f.Percent || !skipCurrent));
            var limit = skipCurrent ? (figures.FirstOrDefault(g => g.Index > f.Index && g.Percent)?.Index ?? sentence.Length) : (next?.Index ?? sentence.Length);
            foreach (var q in quarters.Where(q => q.Index > f.Index && q.Index < limit))
            {
                if (!skipCurrent || q.Key != current)
                {
                    return q.Key;
                }
            }

            return skipCurrent ? "" : current;
        }

        (int Index, bool Up, string Value)? DirectionBefore(int index) =>
            directions.Where(d => d.Index < index).Select(d => ((int, bool, string)?)d).LastOrDefault();

        // When several rows match the subject equally well, keep those that state the sentence's current amount.
        var firstAmount = figures.FirstOrDefault(f => !f.Percent && !f.Usd && PeriodAfter(f, false) == current);
        if (firstAmount is not null && matches.Count > 1)
        {
            var stating = matches.Where(c => ValueFor(c, current) is { } v && Compare(firstAmount, v).Ok).ToList();
            if (stating.Count > 0)
            {
                matches = stating;
            }
        }

        // A row that names only part of the subject ("Total costs" for "International backbone costs were JPY261
        // million"): the sentence may be about something narrower that no table shows. It is taken as the row's only
        // when one of its figures agrees with the row (an amount, or a change against the period it names).
        // (US releases in dollars are read by DollarAmount and DollarChange, which keep to the same measure.)
        var dollars = ReportsInDollars(ctx);
        bool Agrees(TextFigure f)
        {
            if (!f.Percent)
            {
                return !f.Usd && matches.Any(c => ValueFor(c, PeriodAfter(f, false)) is { } v && Compare(f, v).Ok);
            }

            var basePeriod = PeriodAfter(f, true);
            return basePeriod.Length > 0 && DirectionBefore(f.Index) is { } d && matches.Any(c =>
                ValueFor(c, current) is { } now && ValueFor(c, basePeriod) is { } then && PercentChecks.ChangeRange(now, then) is { } range
                && range.Overlaps(ClaimedChange(f, d.Up)));
        }

        var narrower = subject.Any(t => !t.Any(char.IsAsciiDigit) && !PeriodTokens.Contains(t) && !matches.Any(c => c.Row.Tokens.Contains(t)));
        if (!dollars && narrower && !figures.Any(Agrees))
        {
            ctx.Tally.Skipped(RelationKind.Sentence, "subject or period not confirmed");
            yield break;
        }

        var seenCurrentAmount = false;
        foreach (var f in figures)
        {
            if (Hedge().IsMatch(sentence.AsSpan(Math.Max(0, f.Index - 24), Math.Min(24, f.Index))))
            {
                continue;
            }

            var (line, column) = para.Locate(start + f.Index);
            var at = new SourceLocation(ctx.Path, line, column);
            if (!f.Percent)
            {
                var period = PeriodAfter(f, false);
                if (period == current && !f.Usd)
                {
                    if (seenCurrentAmount)
                    {
                        continue; // a second amount for the same period is about something else
                    }

                    seenCurrentAmount = true;
                }

                // "JPY 418,200 per share" is a per-share amount; everything else is a total amount.
                var perShare = PerShareAfter().IsMatch(sentence[(f.Index + f.Length)..])
                    || subjectText.Contains(" per ", StringComparison.OrdinalIgnoreCase);
                if (f.Usd && ctx.JpyPerUsd is null)
                {
                    if (dollars)
                    {
                        foreach (var d in DollarAmount(ctx, SameMeasure(matches, subject), subject, sentence, f, perShare, at, $"L{line}C{column}", setting))
                        {
                            yield return d;
                        }
                    }
                    else
                    {
                        ctx.Tally.Skipped(RelationKind.Sentence, "dollar amount without an exchange rate");
                    }

                    continue;
                }

                var source = MostPrecise(matches.Where(c => (c.Row.Unit == RowUnit.PerShare) == perShare).ToList(), period);
                if (source is null || ValueFor(source, period) is not { } value)
                {
                    ctx.Tally.Skipped(RelationKind.Sentence, "no table row states it");
                    continue;
                }

                if (f.Usd)
                {
                    value = value.Times(1 / ctx.JpyPerUsd!.Value);
                }

                if (f.Value != 0 && TenTimesApart(f, value))
                {
                    // Ten times or more apart: a scale the sentence or the table does not state ("JPY 1.9 tn"), or
                    // a part of the row's measure (one country of a total), not a wrong figure.
                    ctx.Tally.Skipped(RelationKind.Sentence, "scale not confirmed");
                    continue;
                }

                var (ok, near, expected, stated) = Compare(f, value);
                ctx.Tally.Checked(RelationKind.Sentence, ok || near, $"{ctx.LineName(line)}: {f.Text} against \"{source.Row.Label}\" in {VerifyContext.Short(source.Table)} ({expected})");
                if (!ok)
                {
                    var text = $"The text says {f.Text} for \"{source.Row.Label}\"{(period == current ? "" : " in the earlier period")}, but {VerifyContext.Short(source.Table)} gives {expected}.";
                    yield return near
                        ? new Diagnostic(FindingCodes.RoundingAdjustment, Severity.Info, at, text + " One unit off: a rounding difference.") { Expected = expected, Actual = stated }
                        : new Diagnostic(FindingCodes.NarrativeAmount, Severity.Error, at, text) { Expected = expected, Actual = stated, Subject = $"L{line}C{column}" };
                    continue;
                }

                // "increased from JPY 464 million in 1Q02": the direction word must match the figures.
                if (period != current && !f.Usd && DirectionBefore(f.Index) is { } dir && ValueFor(source, current) is { } now &&
                    PercentChecks.ChangeRange(now, value) is { } change && (dir.Up ? change.Hi < 0 : change.Lo > 0))
                {
                    var (dl, dc) = para.Locate(start + dir.Index);
                    yield return new Diagnostic(FindingCodes.NarrativeDirection, Severity.Error, new SourceLocation(ctx.Path, dl, dc),
                        $"The text says \"{dir.Value}\" for \"{source.Row.Label}\" against {f.Text}, but the figures show {(dir.Up ? "a decrease" : "an increase")}.") { Expected = ComparedValue.Words(dir.Up ? "a decrease" : "an increase"), Actual = ComparedValue.Words(dir.Value), Subject = $"L{dl}C{dc}" };
                }

                continue;
            }

            // A percentage change: needs a base period after it and a direction word before it.
            var basePeriod = PeriodAfter(f, true);
            if (dollars)
            {
                // "up 41% from a year ago": the base is named in words, not as a quarter.
                foreach (var d in DollarChange(ctx, SameMeasure(matches, subject), subject, sentence, f, at, $"L{line}C{column}"))
                {
                    yield return d;
                }

                continue;
            }

            if (basePeriod.Length == 0 || DirectionBefore(f.Index) is not { } direction)
            {
                continue;
            }

            var src = matches.Where(c => ValueFor(c, current) is not null && ValueFor(c, basePeriod) is not null).OrderBy(c => c.Table.ScaleOf(c.Row)).FirstOrDefault();
            if (src is null || PercentChecks.ChangeRange(ValueFor(src, current)!.Value, ValueFor(src, basePeriod)!.Value) is not { } range)
            {
                ctx.Tally.Skipped(RelationKind.Sentence, "no table row states it");
                continue;
            }

            var signed = direction.Up ? f.Value : -f.Value;
            var half = Figure.Pow10(-f.Decimals) / 2;
            var claimed = ClaimedChange(f, direction.Up);
            ctx.Tally.Checked(RelationKind.Sentence, range.Overlaps(claimed),
                $"{ctx.LineName(line)}: {direction.Value} {f.Text} against \"{src.Row.Label}\" in {VerifyContext.Short(src.Table)} ({range}%)");

            if (!range.Overlaps(claimed))
            {
                if (range.Overlaps(Interval.Around(-signed, half)))
                {
                    var (dl, dc) = para.Locate(start + direction.Index);
                    yield return new Diagnostic(FindingCodes.NarrativeDirection, Severity.Error, new SourceLocation(ctx.Path, dl, dc),
                        $"The text says \"{direction.Value}\" of {f.Text} for \"{src.Row.Label}\", but {VerifyContext.Short(src.Table)} shows {(direction.Up ? "a decrease" : "an increase")} ({Figure.Format(range.Mid, f.Decimals, true)}).") { Expected = Compared.Of(Figure.Format(range.Mid, f.Decimals, true), range), Actual = ComparedValue.Words($"{direction.Value} {f.Text}"), Subject = $"L{dl}C{dc}" };
                }
                else
                {
                    yield return new Diagnostic(FindingCodes.NarrativePercent, Severity.Error, at,
                        $"The text says {direction.Value} {f.Text} for \"{src.Row.Label}\", but {VerifyContext.Short(src.Table)} gives a change of {Figure.Format(range.Mid, f.Decimals, true)} (between {range}% whatever the rounding).") { Expected = Compared.Of(Figure.Format(range.Mid, f.Decimals, true), range), Actual = Compared.Of(Figure.Format(signed, f.Decimals, true), claimed), Subject = $"L{line}C{column}" };
                }

                continue;
            }

            // The text is possible; does a table's % column say something else?
            foreach (var c in matches)
            {
                var col = c.Table.Columns.FirstOrDefault(k => k.Kind == ColumnKind.PercentChange && k.Current is { } cu && k.Base is { } ba &&
                    c.Table.Columns[cu].Period == current && c.Table.Columns[ba].Period == basePeriod);
                if (col is null || c.Row[col.Index] is not { } cell || cell.Decimals != f.Decimals || cell.Value == signed)
                {
                    continue;
                }

                var estimate = Math.Round(range.Mid, f.Decimals, MidpointRounding.AwayFromZero);
                if (estimate == signed)
                {
                    yield return new Diagnostic(FindingCodes.TableContradictsText, Severity.Error, ctx.At(cell),
                        $"{VerifyContext.Where(c.Table, c.Row, col.Index)} is {cell.Text} but the text says \"{direction.Value} of {f.Text}\"; " +
                        $"{ValueFor(c, current)!.Value.Mid / c.Table.ScaleOf(c.Row):#,0.##} against {ValueFor(c, basePeriod)!.Value.Mid / c.Table.ScaleOf(c.Row):#,0.##} is {range.Mid:0.00}%, which rounds to the text's {Figure.Format(signed, f.Decimals, true)}: the table is wrong.") { Expected = Compared.Of(Figure.Format(signed, f.Decimals, true), range), Actual = Compared.Of(cell), Subject = VerifyContext.SubjectOf(c.Table, c.Row) };
                }
                else
                {
                    yield return new Diagnostic(FindingCodes.NarrativePercent, Severity.Error, at,
                        $"The text says {direction.Value} of {f.Text} for \"{c.Row.Label}\", but {VerifyContext.Where(c.Table, c.Row, col.Index)} is {cell.Text} " +
                        $"and the figures give {range.Mid:0.00}%: the text is wrong.") { Expected = Compared.Of(cell.Text, range), Actual = Compared.Of(Figure.Format(signed, f.Decimals, true), claimed), Subject = $"L{line}C{column}" };
                }
            }
        }
    }

    /// <summary>Rows by the words of their labels, so a sentence is compared with the rows that share its words only.</summary>
    private sealed class RowIndex
    {
        private readonly Dictionary<string, List<Claim>> _byWord = [];

        public RowIndex(List<Claim> rows)
        {
            foreach (var c in rows)
            {
                foreach (var t in c.Row.Tokens.Distinct())
                {
                    if (!_byWord.TryGetValue(t, out var list))
                    {
                        _byWord[t] = list = [];
                    }

                    list.Add(c);
                }
            }
        }

        public List<Claim> Candidates(HashSet<string> subject)
        {
            var result = new HashSet<Claim>();
            foreach (var word in subject.Append("revenue").Append("cost"))
            {
                if (_byWord.TryGetValue(word, out var list) && list.Count <= 512)
                {
                    result.UnionWith(list);
                }
            }

            return [.. result];
        }
    }

    /// <summary>
    /// "The gross margin ratio for SI deteriorated to 3.5% in 1Q03 compared to 10.3% in 1Q02": (revenues − cost)
    /// / revenues of the rows the subject names, in one table, for each quarter named after a percentage.
    /// </summary>
    private static IEnumerable<Diagnostic> MarginSentence(VerifyContext ctx, List<Claim> rows, Paragraph para, string sentence, int start, List<TextFigure> figures, HashSet<string> subject)
    {
        var topic = new HashSet<string>(subject) { "revenue", "cost", "sale" };
        var pairs =
            from r in rows
            where !r.Row.Tokens.Contains("cost") && r.Row.Tokens.All(topic.Contains) && r.Row.Tokens.Any(t => subject.Contains(t) && t != "revenue")
            from c in rows
            where c.Table == r.Table && c.Row.Tokens.Contains("cost") && c.Row.Tokens.All(topic.Contains) && r.Row.Tokens.Where(t => t != "revenue").All(c.Row.Tokens.Contains)
            orderby r.Table.ScaleOf(r.Row), r.Row.Tokens.Count + c.Row.Tokens.Count descending
            select (Revenue: r, Cost: c);
        var pair = pairs.FirstOrDefault();
        if (pair.Revenue is null)
        {
            yield break;
        }

        var quarters = ctx.Fiscal.QuartersIn(sentence).ToList();
        foreach (var f in figures.Where(f => f.Percent))
        {
            var next = figures.FirstOrDefault(g => g.Index > f.Index && g.Percent)?.Index ?? sentence.Length;
            var q = quarters.FirstOrDefault(q => q.Index > f.Index && q.Index < next);
            if (q.Key is null || ValueFor(pair.Revenue, q.Key) is not { } rev || ValueFor(pair.Cost, q.Key) is not { } cost || (rev - cost).DividedBy(rev) is not { } margin)
            {
                continue;
            }

            margin = margin.Times(100);
            var claimed = Interval.Around(f.Value, Figure.Pow10(-f.Decimals) / 2);
            if (!margin.Overlaps(claimed))
            {
                var (line, column) = para.Locate(start + f.Index);
                yield return new Diagnostic(FindingCodes.NarrativePercent, Severity.Error, new SourceLocation(ctx.Path, line, column),
                    $"The text says a margin of {f.Text} in {sentence.Substring(q.Index, q.Length)}, but \"{pair.Revenue.Row.Label}\" less \"{pair.Cost.Row.Label}\" in {VerifyContext.Short(pair.Revenue.Table)} is a margin of {Figure.Format(margin.Mid, f.Decimals, true)}.") { Expected = Compared.Of(Figure.Format(margin.Mid, f.Decimals, true), margin), Actual = Compared.Of(f.Text, Interval.Around(f.Value, Figure.Pow10(-f.Decimals) / 2)), Subject = $"L{line}C{column}" };
            }
        }
    }

    private static Claim? MostPrecise(List<Claim> matches, string period) =>
        matches.Where(c => ValueFor(c, period) is not null).OrderBy(c => c.Table.ScaleOf(c.Row)).FirstOrDefault();

    /// <summary>The exact range a row states for a period (first matching value column, not USD).</summary>
    /// <summary>The change a sentence's "% up / down" can stand for: its figure with the direction's sign, within half its last digit.</summary>
    private static Interval ClaimedChange(TextFigure f, bool up) => Interval.Around(up ? f.Value : -f.Value, Figure.Pow10(-f.Decimals) / 2);

    private static Interval? ValueFor(Claim c, string period)
    {
        var col = c.Table.ValueColumns.FirstOrDefault(k => k.Period == period && k.Currency != "USD" && c.Row[k.Index] is not null);
        return col is null ? null : VerifyContext.Real(c.Table, c.Row, c.Row[col.Index]!);
    }

    /// <summary>
    /// Whether a sentence's amount and the table's are ten times or more apart: a scale one of them does not state, or
    /// a part of the row's measure, never a wrong figure (the table's value is not zero).
    /// </summary>
    private static bool TenTimesApart(TextFigure f, Interval value) =>
        value.Mid != 0 && Math.Abs(f.Value * f.Scale / value.Mid) is > 10 or < 0.1m;

    /// <summary>A sentence's amount against the table's: whether they agree, or are one unit apart; both in the sentence's units.</summary>
    private static (bool Ok, bool Near, ComparedValue Expected, ComparedValue Claimed) Compare(TextFigure f, Interval value)
    {
        var unit = Figure.Pow10(-f.Decimals) * f.Scale;
        var claimed = Interval.Around(f.Value * f.Scale, unit / 2);
        var target = f.ExplicitSign ? value : value.Abs();
        var expected = Compared.Of(Figure.Format(target.Mid / f.Scale, f.Decimals), target.Times(1 / f.Scale));
        var stated = Compared.Of(f.Text, claimed.Times(1 / f.Scale));
        return target.Overlaps(claimed) ? (true, false, expected, stated) : (false, target.DistanceTo(claimed) <= unit, expected, stated);
    }
}
