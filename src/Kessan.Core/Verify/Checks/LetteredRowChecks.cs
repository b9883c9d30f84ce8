using System.Text.RegularExpressions;
using Kessan.Diagnostics;
using Kessan.Verify.Findings;
using Kessan.Verify.Numbers;
using Kessan.Verify.Structure;

namespace Kessan.Verify.Checks;

/// <summary>
/// Rows named by letters and rows whose labels state their arithmetic, as a Japanese notice of a revised forecast
/// (業績予想の修正に関するお知らせ, a form set by the exchange) prints them: "前回発表予想(A)", "今回修正予想(B)",
/// "増減額(B-A)", "増減率(%)". A row stating a sum or difference of lettered rows ("(B-A)", "(A)+(B)") is checked
/// against them in every column; a rate row (増減率, "% change") after a difference "(B-A)" is that difference over
/// (A), in %. The labels say what to compute; the figures confirm it (at least two columns and most of them hold)
/// before a column that does not is an error.
/// </summary>
public static partial class LetteredRowChecks
{
    /// <summary>A row's own letter at the end of its label: "前回発表予想(A)", "Previous forecast (A)".</summary>
    [GeneratedRegex(@"\(([A-Z])\)$")]
    private static partial Regex OwnLetter();

    /// <summary>A sum or difference of letters: "(B-A)", "(A+B-C)", "(B)-(A)".</summary>
    [GeneratedRegex(@"(?<![A-Za-z])\(?(?<first>[A-Z])\)?(?<rest>(?:[-+]\(?[A-Z]\)?)+)(?![A-Za-z])")]
    private static partial Regex Expression();

    [GeneratedRegex(@"([-+])\(?([A-Z])\)?")]
    private static partial Regex Term();

    /// <summary>A label as compared: full-width forms as ASCII (（Ｂ－Ａ） as (B-A)), no spaces, minus signs as '-'.</summary>
    private static string Plain(string label) => RowPeriod.Compact(label).Replace('−', '-').Replace('–', '-');

    private static bool IsRate(string plain) =>
        plain.Contains("増減率", StringComparison.Ordinal) || plain.Contains("伸び率", StringComparison.Ordinal)
        || (plain.Contains('%') && plain.Contains("change", StringComparison.OrdinalIgnoreCase));

    public static IEnumerable<Diagnostic> Check(VerifyContext ctx)
    {
        foreach (var table in ctx.Tables)
        {
            var rows = table.Rows.Where(r => !r.IsSection).ToList();
            var letters = Letters(rows);
            if (letters.Count < 2)
            {
                continue;
            }

            List<(int Sign, TableRow Row)>? lastDifference = null;
            foreach (var row in rows)
            {
                var plain = Plain(row.Label);
                if (IsRate(plain))
                {
                    if (lastDifference is [(1, var over), (-1, var under)])
                    {
                        foreach (var f in Rate(ctx, table, row, over, under))
                        {
                            yield return f;
                        }
                    }
                    else
                    {
                        ctx.Tally.Skipped(RelationKind.PercentChange, "no difference of two rows above it to be the rate of", row.Cells.Count(f => f is { IsDash: false }));
                    }

                    continue;
                }

                var m = Expression().Match(plain);
                if (!m.Success)
                {
                    continue;
                }

                var terms = new List<(int Sign, TableRow Row)>();
                if (!letters.TryGetValue(m.Groups["first"].Value[0], out var head))
                {
                    continue;
                }

                terms.Add((1, head));
                foreach (Match t in Term().Matches(m.Groups["rest"].Value))
                {
                    if (!letters.TryGetValue(t.Groups[2].Value[0], out var r) || r == row)
                    {
                        terms.Clear();
                        break;
                    }

                    terms.Add((t.Groups[1].Value == "-" ? -1 : 1, r));
                }

                if (terms.Count < 2)
                {
                    continue;
                }

                lastDifference = terms;
                foreach (var f in Sum(ctx, table, row, terms, m.Value))
                {
                    yield return f;
                }
            }
        }
    }

    /// <summary>The rows named by a letter of their own ("前回発表予想(A)"); none when a letter names two rows.</summary>
    private static Dictionary<char, TableRow> Letters(List<TableRow> rows)
    {
        var letters = new Dictionary<char, TableRow>();
        foreach (var row in rows)
        {
            var plain = Plain(row.Label);
            if (!Expression().IsMatch(plain) && OwnLetter().Match(plain) is { Success: true } m && !letters.TryAdd(m.Groups[1].Value[0], row))
            {
                return [];
            }
        }

        return letters;
    }

    /// <summary>A rate row (増減率) of a table with lettered rows: checked here, not as a ratio of two rows.</summary>
    internal static bool IsLetteredRate(TableModel table, TableRow row) =>
        IsRate(Plain(row.Label)) && Letters(table.Rows.Where(r => !r.IsSection).ToList()).Count >= 2;

    private static Interval RangeOf(VerifyContext ctx, TableModel table, int column, Figure f) => PeriodRowChecks.RangeOf(ctx, f, table.Columns[column].Header);

    private static IEnumerable<Diagnostic> Sum(VerifyContext ctx, TableModel table, TableRow row, List<(int Sign, TableRow Row)> terms, string expression)
    {
        var cases = new List<(int Column, Figure Printed, Interval Exact)>();
        foreach (var c in table.ValueColumns.Select(c => c.Index))
        {
            if (row[c] is not { IsDash: false } printed || terms.Any(t => t.Row[c] is null))
            {
                continue;
            }

            var exact = terms.Aggregate(Interval.Exact(0), (s, t) => t.Row[c] is { IsDash: false } f ? (t.Sign > 0 ? s + RangeOf(ctx, table, c, f) : s - RangeOf(ctx, table, c, f)) : s);
            cases.Add((c, printed, exact));
        }

        string What(int c) => string.Concat(terms.Select((t, i) => (i == 0 ? "" : t.Sign > 0 ? " + " : " − ") + (t.Row[c] is { IsDash: false } f ? f.Text : "0"))) + $" ({expression.Trim('(', ')')})";
        foreach (var f in Report(ctx, table, row, cases, What, FindingCodes.PercentChangeWrong))
        {
            yield return f;
        }
    }

    private static IEnumerable<Diagnostic> Rate(VerifyContext ctx, TableModel table, TableRow row, TableRow over, TableRow under)
    {
        var cases = new List<(int Column, Figure Printed, Interval Exact)>();
        foreach (var c in table.ValueColumns.Select(c => c.Index))
        {
            if (row[c] is not { IsDash: false } printed || over[c] is not { IsDash: false } b || under[c] is not { IsDash: false } a || a.Value == 0)
            {
                continue;
            }

            // (B − A) / |A|, from the two figures themselves (the printed difference is checked on its own row).
            var diff = RangeOf(ctx, table, c, b) - RangeOf(ctx, table, c, a);
            if (diff.DividedBy(RangeOf(ctx, table, c, a).Abs()) is { } rate)
            {
                cases.Add((c, printed, rate.Times(100)));
            }
        }

        string What(int c) => $"({over[c]!.Text} − {under[c]!.Text}) over {under[c]!.Text}, in %";
        foreach (var f in Report(ctx, table, row, cases, What, FindingCodes.PercentChangeWrong))
        {
            yield return f;
        }
    }

    private static IEnumerable<Diagnostic> Report(VerifyContext ctx, TableModel table, TableRow row, List<(int Column, Figure Printed, Interval Exact)> cases, Func<int, string> what, string code)
    {
        bool Holds((int Column, Figure Printed, Interval Exact) c) => PeriodRowChecks.Holds(c.Exact, c.Printed);
        if (!PercentChecks.Confirmed(cases.Count(Holds), cases.Count))
        {
            ctx.Tally.Skipped(RelationKind.PercentChange, "column's pairing not confirmed by the figures", cases.Count);
            yield break;
        }

        foreach (var c in cases)
        {
            var holds = Holds(c);
            ctx.Tally.Checked(RelationKind.PercentChange, holds, $"{VerifyContext.Where(table, row, c.Column)}: {c.Printed.Text} against {what(c.Column)} ({c.Exact})");
            if (!holds)
            {
                var expected = VerifyContext.Show(c.Exact.Mid, c.Printed);
                yield return new Diagnostic(code, Severity.Error, ctx.At(c.Printed),
                    $"{VerifyContext.Where(table, row, c.Column)} is {c.Printed.Text}, but {what(c.Column)} is {expected} (between {c.Exact}).")
                    { Expected = Compared.Of(expected, c.Exact), Actual = Compared.Of(c.Printed), Subject = $"{VerifyContext.SubjectOf(table, row)}C{c.Column}" };
            }
        }
    }
}
