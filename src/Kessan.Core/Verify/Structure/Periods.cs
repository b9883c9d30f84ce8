using System.Globalization;
using System.Text.RegularExpressions;

namespace Kessan.Verify.Structure;

/// <summary>
/// How a release names quarters: "1Q03" is the first quarter of fiscal 2003, which for a company whose year ends
/// in March and that names a year after its start ends in June 2003. Read from the release
/// ("fiscal year ending March 31, 2004 ("fiscal 2003")"); March and start-year naming when it does not say.
/// </summary>
public sealed partial record FiscalConvention(int YearEndMonth, int LabelOffset)
{
    public static readonly FiscalConvention Default = new(3, 1);

    [GeneratedRegex(@"fiscal year ending (\w+) \d{1,2}, (\d{4})\s*\(\W*fiscal (\d{4})", RegexOptions.IgnoreCase)]
    private static partial Regex Statement();

    [GeneratedRegex(@"\b([1-4])Q(\d{2})\b|\bQ([1-4])\s*(?:FY)?'?(\d{2,4})\b")]
    private static partial Regex Quarter();

    [GeneratedRegex(@"\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2},?\s+(\d{4})\b", RegexOptions.IgnoreCase)]
    private static partial Regex Date();

    [GeneratedRegex(@"(?<![\d,.])(19\d\d|20\d\d)(?![\d,.%])")]
    private static partial Regex Year();

    public static FiscalConvention FromText(IEnumerable<string> texts)
    {
        foreach (var t in texts)
        {
            var m = Statement().Match(t);
            if (m.Success && TryMonth(m.Groups[1].Value, out var month))
            {
                var endYear = int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture);
                var label = int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture);
                return new FiscalConvention(month, endYear - label);
            }
        }

        return Default;
    }

    /// <summary>A period key ("2003-06" for a quarter or date ending June 2003, "Y2019" for a bare year); null if none.</summary>
    public string? KeyOf(string header)
    {
        var q = Quarter().Match(header);
        if (q.Success)
        {
            var quarter = int.Parse(q.Groups[1].Success ? q.Groups[1].Value : q.Groups[3].Value, CultureInfo.InvariantCulture);
            var yy = q.Groups[2].Success ? q.Groups[2].Value : q.Groups[4].Value;
            var year = int.Parse(yy, CultureInfo.InvariantCulture);
            if (year < 100)
            {
                year += 2000;
            }

            return QuarterKey(quarter, year);
        }

        var d = Date().Match(header);
        if (d.Success && TryMonth(d.Groups[1].Value, out var month))
        {
            return $"{d.Groups[2].Value}-{month:00}";
        }

        var y = Year().Match(header);
        return y.Success ? "Y" + y.Groups[1].Value : null;
    }

    /// <summary>All quarter names in a text with their positions and period keys.</summary>
    public IEnumerable<(int Index, int Length, string Key)> QuartersIn(string text)
    {
        foreach (Match q in Quarter().Matches(text))
        {
            if (KeyOf(q.Value) is { } key)
            {
                yield return (q.Index, q.Length, key);
            }
        }
    }

    public string QuarterKey(int quarter, int labelYear)
    {
        // The fiscal year labelled L ends in YearEndMonth of L + LabelOffset; quarter q ends 3*(4-q) months earlier.
        var endYear = labelYear + LabelOffset;
        var months = (endYear * 12) + (YearEndMonth - 1) - (3 * (4 - quarter));
        return $"{months / 12}-{(months % 12) + 1:00}";
    }

    /// <summary>The key of the period ending <paramref name="monthsBack"/> months before <paramref name="key"/>.</summary>
    public static string? Shift(string key, int monthsBack)
    {
        if (key.Length != 7 || !int.TryParse(key[..4], CultureInfo.InvariantCulture, out var y) || !int.TryParse(key[5..], CultureInfo.InvariantCulture, out var m))
        {
            return null;
        }

        var months = (y * 12) + (m - 1) - monthsBack;
        return $"{months / 12}-{(months % 12) + 1:00}";
    }

    [GeneratedRegex(@"\b(?:(?<q>three months|quarter|quarterly|Q[1-4])|(?<h>six months|first half|half[- ]year)|(?<n>nine months)|(?<y>twelve months|full year|fiscal year|year ended))\b", RegexOptions.IgnoreCase)]
    private static partial Regex SpanWords();

    /// <summary>How many months a heading or sentence speaks of ("three months", "quarter" 3; "six months" 6; "nine months" 9; "full year" 12); null when it names none or several.</summary>
    public static int? MonthsOf(string text)
    {
        var found = SpanWords().Matches(text).Select(m => m.Groups["q"].Success ? 3 : m.Groups["h"].Success ? 6 : m.Groups["n"].Success ? 9 : 12).Distinct().ToList();
        return found.Count == 1 ? found[0] : null;
    }

    internal static bool TryMonth(string name, out int month)
    {
        string[] names = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
        month = Array.IndexOf(names, name[..Math.Min(3, name.Length)].ToLowerInvariant()) + 1;
        return month > 0;
    }
}
