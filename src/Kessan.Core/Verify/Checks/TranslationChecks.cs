using System.Globalization;
using System.Text.RegularExpressions;
using Kessan.Diagnostics;
using Kessan.Verify.Findings;
using Kessan.Verify.Numbers;
using Kessan.Verify.Structure;

namespace Kessan.Verify.Checks;

/// <summary>Convenience translation: each USD figure is the JPY figure of the same period divided by the stated rate.</summary>
public static partial class TranslationChecks
{
    // "JPY 119.87 = US$1", "¥151.00 to US$1", "151 yen per U.S. dollar", "US$1 = ¥151", "USD/JPY 151.00".
    [GeneratedRegex(@"(?:(?:JPY|¥|yen)\s?(?<rate>\d{1,4}(?:\.\d+)?)|(?<rate>\d{1,4}(?:\.\d+)?)\s?(?:yen|JPY))\s?(?:=|to|per)\s?(?:(?:US|U\.S\.)?\s?\\?\$\s?1\b|(?:the\s|one\s)?(?:US|U\.S\.)\s?dollar)"
        + @"|(?:US|U\.S\.)?\s?\\?\$\s?1(?:\.00)?\s?=\s?(?:JPY|¥)\s?(?<rate>\d{1,4}(?:\.\d+)?)"
        + @"|\bUSD\s?/\s?JPY\s?(?:of\s)?(?<rate>\d{1,4}(?:\.\d+)?)", RegexOptions.IgnoreCase)]
    private static partial Regex RatePhrase();

    /// <summary>The JPY-per-dollar rate stated anywhere in the release ("JPY 119.87 = US$1", "USD/JPY 151.00").</summary>
    public static decimal? FindRate(IEnumerable<string> texts)
    {
        foreach (var t in texts)
        {
            var m = RatePhrase().Match(t);
            if (m.Success && decimal.TryParse(m.Groups["rate"].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var rate) && rate > 0)
            {
                return rate;
            }
        }

        return null;
    }

    public static IEnumerable<Diagnostic> Check(VerifyContext ctx)
    {
        if (ctx.JpyPerUsd is not { } rate)
        {
            foreach (var table in ctx.Tables.Where(t => t.ValueColumns.Any(c => c.Currency == "USD") && t.ValueColumns.Any(c => c.Currency == "JPY")))
            {
                ctx.Tally.Skipped(RelationKind.Translation, "no exchange rate stated", table.Rows.Count(r => table.ValueColumns.Any(c => c.Currency == "USD" && r[c.Index] is not null)));
            }

            yield break;
        }

        foreach (var table in ctx.Tables)
        {
            foreach (var usd in table.ValueColumns.Where(c => c.Currency == "USD"))
            {
                var jpy = table.ValueColumns.FirstOrDefault(c => c.Currency == "JPY" && c.Period == usd.Period && c.Index > usd.Index)
                    ?? table.ValueColumns.FirstOrDefault(c => c.Currency == "JPY" && c.Period == usd.Period);
                if (jpy is null)
                {
                    continue;
                }

                // Columns headed "(Bn JPY)" and "(Mn USD)" hold amounts in different scales, while the per-share rows of
                // the same table do not: each row takes the scale its figures are nearer to.
                decimal[] factors = jpy.Scale is { } ys && usd.Scale is { } us && ys != us ? [1m, ys / us] : [1m];
                foreach (var row in table.Rows.Where(r => !r.IsSection && r.Unit != RowUnit.ShareCount))
                {
                    if (row[usd.Index] is not { } u || row[jpy.Index] is not { } y || u.IsPercent || y.IsPercent)
                    {
                        continue;
                    }

                    var factor = factors.MinBy(k => Apart(u.Value, y.Value * k / rate));
                    var expected = y.Range.Times(factor / rate);
                    ctx.Tally.Checked(RelationKind.Translation, expected.DistanceTo(u.Range) <= u.Unit, $"{VerifyContext.Where(table, row, usd.Index)}: {u.Text} against JPY {y.Text} at {rate} ({expected})");
                    if (expected.Overlaps(u.Range))
                    {
                        continue;
                    }

                    var shown = VerifyContext.Show(expected.Mid, u);
                    if (expected.DistanceTo(u.Range) <= u.Unit)
                    {
                        var plain = Math.Round(expected.Mid, u.Decimals, MidpointRounding.AwayFromZero);
                        var why = FootingChecks.FootsBecauseOf(table, row, usd.Index, plain) is { } t
                            ? $"a rounding adjustment so that \"{t}\" foots as printed"
                            : "a rounding adjustment";
                        yield return new Diagnostic(FindingCodes.RoundingAdjustment, Severity.Info, ctx.At(u),
                            $"{VerifyContext.Where(table, row, usd.Index)} is {u.Text} where JPY {y.Text} at {rate} gives {shown}: {why}.") { Expected = Compared.Of(shown, expected), Actual = Compared.Of(u), Subject = VerifyContext.SubjectOf(table, row) };
                    }
                    else
                    {
                        yield return new Diagnostic(FindingCodes.TranslationWrong, Severity.Error, ctx.At(u),
                            $"{VerifyContext.Where(table, row, usd.Index)} is {u.Text}, but JPY {y.Text} translated at JPY {rate} = US$1 is {shown}.") { Expected = Compared.Of(shown, expected), Actual = Compared.Of(u), Subject = VerifyContext.SubjectOf(table, row) };
                    }
                }
            }
        }
    }

    /// <summary>How many times apart two amounts are (1 when equal); zero and opposite signs count as far apart.</summary>
    private static decimal Apart(decimal a, decimal b) =>
        a == 0 || b == 0 || (a < 0) != (b < 0) ? decimal.MaxValue : Math.Abs(a) >= Math.Abs(b) ? a / b : b / a;
}


/// <summary>Per share and per ADS: net income (loss) divided by the weighted average number of shares (ADSs).</summary>
public static class PerShareChecks
{
    public static IEnumerable<Diagnostic> Check(VerifyContext ctx)
    {
        foreach (var table in ctx.Tables)
        {
            var net = table.Rows.FirstOrDefault(r => !r.IsSection && r.Unit == RowUnit.Amount && IsNetIncome(r));
            var perShareCells = table.Rows.Where(r => !r.IsSection && r.Unit == RowUnit.PerShare).Sum(r => table.ValueColumns.Count(c => r[c.Index] is { IsDash: false }));
            if (net is null || table.Rows.Any(r => r.Tokens.Any(t => t is "attributable" or "distributed" or "undistributed" or "preferred" or "dividend")))
            {
                ctx.Tally.Skipped(RelationKind.PerShare, "no plain net income row in the table", perShareCells);
                continue;
            }

            // "Non-GAAP net income per share" divides non-GAAP net income, not net income.
            foreach (var per in table.Rows.Where(r => !r.IsSection && r.Unit == RowUnit.PerShare && !r.Tokens.Any(t => t is "non-gaap" or "adjusted" or "gaap" or "pro" or "core" or "operating")))
            {
                var ads = per.Label.Contains("ADS", StringComparison.OrdinalIgnoreCase) || per.Label.Contains("ADR", StringComparison.OrdinalIgnoreCase);
                var counts = table.Rows.Where(r => r.Unit == RowUnit.ShareCount && !r.IsSection && !r.Tokens.Any(t => t is "effect" or "dilutive") &&
                    (r.Label.Contains("ADS", StringComparison.OrdinalIgnoreCase) || r.Label.Contains("ADR", StringComparison.OrdinalIgnoreCase)) == ads).ToList();
                var kind = per.Tokens.Contains("diluted") ? "diluted" : per.Tokens.Contains("basic") ? "basic" : null;
                var count = counts.FirstOrDefault(r => kind is not null && r.Tokens.Contains(kind)) ?? counts.FirstOrDefault();
                if (count is null || per.Label.Contains("diluted", StringComparison.OrdinalIgnoreCase) != count.Label.Contains("diluted", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                foreach (var col in table.ValueColumns)
                {
                    if (per[col.Index] is not { } p || net[col.Index] is not { } n || count[col.Index] is not { } c)
                    {
                        continue;
                    }

                    // Share counts are often in the table's scale too ("in millions, except per share amounts").
                    if (VerifyContext.Real(table, net, n).DividedBy(VerifyContext.Real(table, count, c)) is not { } expected)
                    {
                        continue;
                    }

                    var holds = expected.Overlaps(p.Range) || n.Range.DividedBy(c.Range) is { } sameScale && sameScale.Overlaps(p.Range);
                    ctx.Tally.Checked(RelationKind.PerShare, holds, $"{VerifyContext.Where(table, per, col.Index)}: {p.Text} against \"{net.Label}\" {n.Text} over {c.Text}");
                    if (holds)
                    {
                        continue;
                    }

                    var shown = VerifyContext.Show(expected.Mid, p);
                    var severity = expected.DistanceTo(p.Range) <= p.Unit ? Severity.Warning : Severity.Error;
                    yield return new Diagnostic(FindingCodes.PerShareWrong, severity, ctx.At(p),
                        $"{VerifyContext.Where(table, per, col.Index)} is {p.Text}, but \"{net.Label}\" {n.Text} over {c.Text} {(ads ? "ADSs" : "shares")} is {shown}.") { Expected = Compared.Of(shown, expected), Actual = Compared.Of(p), Subject = VerifyContext.SubjectOf(table, per) };
                }
            }
        }
    }

    internal static bool IsNetIncome(TableRow r)
    {
        var l = r.Label.ToLowerInvariant();
        return l is "net loss" or "net income" or "net income (loss)" or "net loss (income)" or "net (loss) income" or "net income(loss)" or "net profit" or "net (loss)/income";
    }
}
