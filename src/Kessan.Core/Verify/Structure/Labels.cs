using System.Text.RegularExpressions;

namespace Kessan.Verify.Structure;

/// <summary>Row labels: cleaning, comparing, and the sign conventions they state ("benefit (expense)").</summary>
public static partial class Labels
{
    private static readonly HashSet<string> StopWords = ["of", "and", "the", "in", "for", "total", "a", "an", "to", "from", "on", "by", "at", "its", "our", "s"];

    private static readonly HashSet<string> SignWords = ["expense", "benefit", "income", "loss", "gain", "increase", "decrease", "payment", "refund", "profit", "charge", "credit"];

    [GeneratedRegex(@"[\u00B9\u00B2\u00B3\u2070-\u209F]+|\(\d{1,2}\)|\\")]
    private static partial Regex Markers();

    [GeneratedRegex(@"[a-z0-9][a-z0-9\-]*")]
    private static partial Regex Word();

    [GeneratedRegex(@"\b([a-z]+)\s*\(\s*([a-z]+)\s*\)")]
    private static partial Regex Convention();

    [GeneratedRegex(@"^net cash\b.*\b(activit|provided|used|generated|from|inflow|outflow|flow)")]
    private static partial Regex NetCashLabel();

    [GeneratedRegex(@"^net \(?(increase|decrease|change)\b.*\bcash")]
    private static partial Regex NetChangeInCash();

    [GeneratedRegex(@"^(net )?(increase|decrease) \(?(increase|decrease)?\)? ?in cash")]
    private static partial Regex IncreaseDecreaseInCash();

    /// <summary>The label without footnote markers and surrounding spaces or colons.</summary>
    public static string Clean(string label) => Markers().Replace(label, "").Trim().TrimEnd(':').Trim();

    /// <summary>Content words of a label, lower case, plural "s" dropped, "SI" spelt out.</summary>
    public static IReadOnlyList<string> Tokens(string text)
    {
        // Words as spans of the cleaned text, each allocated once as the token it gives (every row's label goes
        // through here).
        var result = new List<string>();
        var lower = Markers().Replace(text, " ").ToLowerInvariant().Replace("’", "'", StringComparison.Ordinal);
        foreach (var m in Word().EnumerateMatches(lower))
        {
            var w = lower.AsSpan(m.Index, m.Length).Trim('-');
            if (w.Length == 0 || StopWordSpans.Contains(w))
            {
                continue;
            }

            if (w.SequenceEqual("capex"))
            {
                result.Add("capital");
                result.Add("expenditure");
                continue;
            }

            if (w.SequenceEqual("si"))
            {
                result.Add("system");
                result.Add("integration");
                continue;
            }

            result.Add(Stem(w));
        }

        return result;
    }

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> StopWordSpans = StopWords.GetAlternateLookup<ReadOnlySpan<char>>();

    private static string Stem(ReadOnlySpan<char> w)
    {
        if (w.Length <= 3 || !w.EndsWith('s') || w.EndsWith("ss", StringComparison.Ordinal))
        {
            return w.ToString();
        }

        return w.EndsWith("sses", StringComparison.Ordinal) || w.EndsWith("xes", StringComparison.Ordinal) ? w[..^2].ToString()
            : w.EndsWith("ies", StringComparison.Ordinal) ? string.Concat(w[..^3], "y")
            : w[..^1].ToString();
    }

    /// <summary>
    /// A label that names a rate, margin, ratio, percentage, yield or average ("Effective income tax rate", "Gross margin
    /// %", 自己資本比率): its figures do not add up with amounts. <paramref name="tokens"/> are the label's <see cref="Tokens"/>.
    /// </summary>
    public static bool NamesARate(string label, IReadOnlyList<string> tokens) =>
        label.Contains('%') || label.Contains('率') || tokens.Any(t => t is "margin" or "rate" or "ratio" or "percentage" or "percent" or "yield" or "average");

    public static bool IsTotal(string label)
    {
        var l = Clean(label).ToLowerInvariant();
        if (l.Length > 1 && l[^1] == '計')
        {
            // 流動資産合計, 小計, 総計; a bare 資産計 often closes a nested breakdown, so it is not taken for a total.
            return l[^2] is '合' or '小' or '総';
        }

        return l.StartsWith("total", StringComparison.Ordinal) || l.StartsWith("subtotal", StringComparison.Ordinal) || l.StartsWith("sub-total", StringComparison.Ordinal)
            || NetCashLabel().IsMatch(l) || NetChangeInCash().IsMatch(l)
            || IncreaseDecreaseInCash().IsMatch(l);
    }

    /// <summary>
    /// The sign convention a label states, as the word that positive numbers mean: "Income tax expense(benefit)"
    /// gives "expense"; "Income tax benefit (expense)" gives "benefit". Null when the label states none.
    /// </summary>
    public static (string Positive, string Negative)? SignConvention(string label)
    {
        var m = Convention().Match(Clean(label).ToLowerInvariant());
        if (!m.Success)
        {
            return null;
        }

        var a = Stem(m.Groups[1].ValueSpan);
        var b = Stem(m.Groups[2].ValueSpan);
        return SignWords.Contains(a) && SignWords.Contains(b) && a != b ? (a, b) : null;
    }

    /// <summary>How alike two labels are: shared content words over all content words (0 to 1).</summary>
    public static decimal Similarity(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        if (a.Count == 0 || b.Count == 0)
        {
            return 0;
        }

        var sa = a.ToHashSet();
        var sb = b.ToHashSet();
        var inter = sa.Count(sb.Contains);
        return (decimal)inter / (sa.Count + sb.Count - inter);
    }
}
