using System.Globalization;
using System.Text.RegularExpressions;
using Kessan.Diagnostics;
using Kessan.Verify.Findings;
using Kessan.Verify.Numbers;
using Kessan.Verify.Reading;
using Kessan.Verify.Structure;

namespace Kessan.Verify.Checks;

/// <summary>
/// A sentence's amount that agrees with no figure of its row, when the sentence does not name its span in the words
/// the strict rule needs: "Sales for 2000 were $496.9 million", "Revenues for the first quarter of fiscal 2026 were
/// $94.1 million", a bullet "Consolidated net sales of $622.9 million" under the heading "Second Quarter 2026
/// Highlights". The subject, once its period words ("first quarter of fiscal 2026"), the company's ticker and
/// "reported", "consolidated" are set aside, must be exactly the label of every row it matches; the period is the one
/// the sentence names, else the one its paragraph or heading names, else the release's own period when the tables hold
/// that row for it in one column only; and the tables must hold the row for that period. Then an amount that agrees
/// with none of the row's figures, in any column, is an error, reported against the period's nearest figure.
/// Sentences about a part ("excluding", "of which", "segment", "resulting from", "in Europe"), a range, an outlook or
/// an average, and any amount but the sentence's first, are left alone.
/// </summary>
public static partial class NarrativeChecks
{
    /// <summary>What a sentence may take its period from: the paragraph before it, the heading above it, the issuer's ticker.</summary>
    /// <param name="Continued">The sentence starts its paragraph, but the paragraph before ends mid-sentence (a page or line break).</param>
    private sealed record Setting(string Before, string? Heading, IReadOnlySet<string> Issuer, RowIndex Index, bool Continued);

    [GeneratedRegex(@"\((?:NYSE|NASDAQ|Nasdaq|NYSE American|NYSE MKT|AMEX|TSX)\s*:\s*(?<t>[A-Za-z.]{1,6})\)")]
    private static partial Regex Ticker();

    [GeneratedRegex(@"(?<![\d,.$])(?<y>(?:19|20)\d\d)(?![\d,.]*\d)(?!\s*%)")]
    private static partial Regex YearNamed();

    [GeneratedRegex(@"\b(of which|exclud\w*|segments?|outside|average\w*|cumulative\w*|since|to date|resulting from|result of|related to|relating to|associated with|attributable to|in connection with|pro forma|annuali[sz]ed|run[- ]rate|per day|each|combined|together|aggregate\w*)\b", RegexOptions.IgnoreCase)]
    private static partial Regex AboutAPart();

    [GeneratedRegex(@"\b(?:in|at|from|for|of|by|across)\s+(?:the\s+)?(?<w>[A-Z][\w&.-]*)")]
    private static partial Regex NamedPlace();

    [GeneratedRegex(@"^(?:(?:19|20)\d\d|fy\d{2,4}|q[1-4]|[1-4]q\d\d|\d{1,2})$")]
    private static partial Regex PeriodToken();

    [GeneratedRegex(@"\bfiscal\b|\bFY", RegexOptions.IgnoreCase)]
    private static partial Regex FiscalWord();

    [GeneratedRegex(@"^(?:19|20)\d\d$")]
    private static partial Regex YearToken();

    [GeneratedRegex(@"^\s*(?:million|billion|thousand)?\s*(?:of|in)\s+(?!(?:the\s+)?(?:first|second|third|fourth|quarter|fiscal|year|period|six|nine|three|twelve|(?:19|20)\d\d)\b)[a-z]", RegexOptions.IgnoreCase)]
    private static partial Regex AmountOfSomethingElse();

    private static readonly HashSet<string> PeriodWords =
    [
        "first", "second", "third", "fourth", "quarter", "quarterly", "fiscal", "year", "month", "three", "six", "nine", "twelve",
        "ended", "ending", "period", "full", "half", "during", "three-month", "six-month", "nine-month", "twelve-month", "full-year",
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
        "consolidated", "company", "reported", "record", "had", "we",
    ];

    /// <summary>The <see cref="PeriodWords"/> as label tokens: words of a subject that say when or whose, not what.</summary>
    private static readonly HashSet<string> PeriodTokens = [.. PeriodWords.SelectMany(Labels.Tokens)];

    private static readonly HashSet<string> Linking =
    [
        "wa", "was", "were", "is", "are", "totaled", "totalled", "totaling", "totalling", "amounted", "reached", "stood", "had", "reported", "generated",
        "came", "record", "with", "of", "to", "at", "approximately",
    ];

    private static readonly HashSet<string> SameMeasureWords = ["loss", "income", "expense", "benefit", "profit", "gain", "charge", "credit", "reported", "gaap", "consolidated", "net"];

    private static readonly HashSet<string> CalendarWords =
    [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
        "Fiscal", "First", "Second", "Third", "Fourth", "Full", "Year", "Quarter", "FY", "Q1", "Q2", "Q3", "Q4",
    ];

    /// <summary>The issuer's ticker symbols ("Nasdaq: AMSC"), as words a subject may carry ("AMSC reported net income").</summary>
    private static HashSet<string> IssuerWords(VerifyContext ctx) =>
        ctx.Paragraphs.Take(12).SelectMany(p => Ticker().Matches(p.Text)).Select(m => m.Groups["t"].Value.ToLowerInvariant()).ToHashSet();

    /// <summary>
    /// The heading a paragraph sits under: the nearest paragraph before it, bullets skipped, when short and not a
    /// sentence ("Second Quarter 2026 Highlights", "2000 Compared to 1999"); null otherwise.
    /// </summary>
    private static string? HeadingOf(IReadOnlyList<Paragraph> paragraphs, int index)
    {
        for (var i = index - 1; i >= 0 && i >= index - 8; i--)
        {
            var t = paragraphs[i].Text.Trim();
            if (t.Length > 0 && IsBullet(t[0]))
            {
                continue;
            }

            return t.Length is > 0 and <= 90 && !t.EndsWith('.') && !t.Contains('$', StringComparison.Ordinal) ? t : null;
        }

        return null;
    }

    /// <summary>Whether the paragraph before this one ends mid-sentence and is no heading: this one goes on with its sentence.</summary>
    private static bool Continues(IReadOnlyList<Paragraph> paragraphs, int index)
    {
        var before = index > 0 ? paragraphs[index - 1].Text.Trim() : "";
        var own = paragraphs[index].Text.TrimStart();
        return before.Length > 90 && !(before[^1] is '.' or '!' or '?' or ':' or '"' or '”' or '’' or ')') && !IsBullet(before[0])
            && own.Length > 0 && !IsBullet(own[0]) && !char.IsUpper(own[0]);
    }

    private static bool IsBullet(char c) => c is '•' or '·' or '▪' or '●' or '-' or '*';

    /// <summary>The subject's words that name a measure: period words, the issuer's ticker and "reported" set aside.</summary>
    private static HashSet<string> MeasureWords(HashSet<string> words, IReadOnlySet<string> issuer) =>
        words.Where(w => !PeriodWords.Contains(w) && !issuer.Contains(w) && !PeriodToken().IsMatch(w)).ToHashSet();

    /// <summary>The one year a text names, with whether it is a fiscal year; null when it names none or several.</summary>
    private static (int Year, bool Fiscal)? YearIn(string text)
    {
        var years = YearNamed().Matches(text).Select(m => int.Parse(m.Groups["y"].Value, CultureInfo.InvariantCulture)).Distinct().ToList();
        return years is [var only] ? (only, FiscalWord().IsMatch(text)) : null;
    }

    private static bool InYear(string? key, int year) =>
        key is not null && (key == $"Y{year}" || key.StartsWith($"{year}-", StringComparison.Ordinal));

    private static Diagnostic? StatedFor(VerifyContext ctx, List<Claim> rows, HashSet<string> words, string sentence, TextFigure f, Setting setting, SourceLocation at, string subject)
    {
        var measure = MeasureWords(words, setting.Issuer);
        if (rows.Count == 0 || measure.Count == 0 || !rows.All(c => c.Row.Tokens.ToHashSet().SetEquals(measure)) || f.Value == 0
            || FiguresIn(sentence).FirstOrDefault(g => !g.Percent)?.Index != f.Index || AboutAPart().IsMatch(sentence))
        {
            return null;
        }

        // The sentence must be whole and say the amount of its subject: "Accounts receivable were net of reserves of $15.0
        // million" and "had $8.6 billion of credit agreements" are amounts of something else.
        var lead = sentence.TrimStart(' ', '•', '·', '▪', '●', '"', '“', '(');
        var verb = VerbPattern().Match(sentence);
        var subjectEnd = verb.Success && verb.Index < f.Index ? verb.Index : f.Index;
        var gap = Labels.Tokens(sentence[subjectEnd..f.Index]).Where(w => !PeriodWords.Contains(w) && !Linking.Contains(w) && !YearToken().IsMatch(w));
        if (setting.Continued || lead.Length == 0 || char.IsLower(lead[0]) || gap.Any()
            || AmountOfSomethingElse().IsMatch(sentence[(f.Index + f.Length)..]))
        {
            return null;
        }

        // "Net sales were $80.2 million in Energy Systems": a place or a part named after the amount.
        var next = FiguresIn(sentence).FirstOrDefault(g => g.Index > f.Index)?.Index ?? sentence.Length;
        var clause = sentence[(f.Index + f.Length)..next];
        var cut = clause.IndexOfAny([',', ';']);
        clause = cut >= 0 ? clause[..cut] : clause;
        if (NamedPlace().Matches(clause).Any(m => !CalendarWords.Contains(m.Groups["w"].Value)))
        {
            return null;
        }

        // The period: named with the amount (up to the end of its clause), else in the paragraph so far, else in the heading above.
        var own = sentence[..f.Index] + clause;
        var year = YearIn(own) ?? (YearNamed().IsMatch(own) ? null : YearIn(setting.Before) ?? (YearNamed().IsMatch(setting.Before) ? null : setting.Heading is { } h ? YearIn(h) : null));
        if (year is null && (YearNamed().IsMatch(own) || YearNamed().IsMatch(setting.Before)))
        {
            return null; // several years named: which one is not known
        }

        var months = FiscalConvention.MonthsOf(own) ?? FiscalConvention.MonthsOf(setting.Before) ?? (setting.Heading is { } hd ? FiscalConvention.MonthsOf(hd) : null);
        var named = year is not null || months is not null;
        var current = ctx.CurrentPeriod;
        var currentYear = current is not null && int.TryParse(current.AsSpan(current.StartsWith('Y') ? 1 : 0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var cy) ? cy : (int?)null;

        bool PeriodFits(ColumnInfo k, int? y) => y is { } ny
            ? InYear(k.Period, ny)
            : currentYear is { } c && InYear(k.Period, c) && (k.Period == current || k.Period!.StartsWith('Y') || current!.StartsWith('Y'));

        bool SpanFits(TableModel t, ColumnInfo k) => months is null || k.Months == months
            || (k.Months is null && (k.Period!.StartsWith('Y') ? months == 12 : t.ValueColumns.Count(o => o.Period == k.Period) == 1));

        // The figures each table states for the period, from the tables that hold it in one column only; "fiscal 2027"
        // may be the year that ends in 2027 or the one that starts in 2026 (the calendar year of its first quarter).
        var values = new List<(Claim Claim, ColumnInfo Column, Interval Value)>();
        foreach (var y in year is { } fy ? (fy.Fiscal ? new int?[] { fy.Year, fy.Year - 1 } : [fy.Year]) : [null])
        {
            foreach (var c in rows)
            {
                var cols = c.Table.ValueColumns.Where(k => k.Currency != "USD" || ReportsInDollars(ctx)).Where(k => PeriodFits(k, y) && SpanFits(c.Table, k)).ToList();
                if (cols is [var only] && c.Row[only.Index] is { IsDash: false } cell)
                {
                    values.Add((c, only, VerifyContext.Real(c.Table, c.Row, cell)));
                }
                else if (cols.Count > 1 && !named)
                {
                    return null; // the release's period in several spans (quarter and six months): which one is not said
                }
            }

            if (values.Count > 0)
            {
                break;
            }
        }

        // The release's own period before any other of the year (an outlook for the next quarter).
        if (values.Any(v => v.Column.Period == current))
        {
            values = values.Where(v => v.Column.Period == current).ToList();
        }

        if (values.Count == 0 || values.Any(v => v.Value.Mid == 0))
        {
            return null;
        }

        // No figure of any row that names the same measure otherwise ("Operating profit (loss)", "GAAP net income") agrees.
        if (AllFigures(setting.Index.Candidates(measure).Where(c => measure.All(c.Row.Tokens.Contains) && c.Row.Tokens.All(t => measure.Contains(t) || SameMeasureWords.Contains(t))))
            .Any(v => Compare(f, v).Ok))
        {
            return null;
        }

        var (source, _, value) = values.OrderBy(v => Math.Abs((v.Value.Mid / f.Scale) - f.Value)).First();
        if (TenTimesApart(f, value))
        {
            return null; // a scale not stated: counted as not checked by the caller
        }

        var (_, near, expected, claimed) = Compare(f, value);
        ctx.Tally.Checked(RelationKind.Sentence, near, $"{ctx.LineName(at.Line)}: {f.Text} against \"{source.Row.Label}\" in {VerifyContext.Short(source.Table)} ({expected})");
        var text = $"The text says {f.Text} for \"{source.Row.Label}\", but {VerifyContext.Short(source.Table)} gives {expected} for the period the text speaks of, and no figure of that row is {f.Text}.";
        return near
            ? new Diagnostic(FindingCodes.RoundingAdjustment, Severity.Info, at, text + " One unit off: a rounding difference.") { Expected = expected, Actual = claimed }
            : new Diagnostic(FindingCodes.NarrativeAmount, Severity.Error, at, text) { Expected = expected, Actual = claimed, Subject = subject };
    }
}
