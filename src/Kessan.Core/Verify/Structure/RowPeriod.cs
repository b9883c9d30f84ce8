using System.Globalization;
using System.Text.RegularExpressions;

namespace Kessan.Verify.Structure;

/// <summary>
/// The period a row's label names, in a table whose rows are periods and whose columns are measures, as a Japanese
/// 決算短信 summary prints its results ("2024年３月期", "2023年３月期第２四半期", "2025年12月期中間期",
/// "2023年３月期（予想）") and as some English tables do ("FY2024", "Six months ended September 30, 2022").
/// <see cref="Year"/> and <see cref="Month"/> are those of the fiscal year's end for a Japanese label (2023年３月期第２四半期:
/// the year ending March 2023) and of the period's own end for an English one; <see cref="Part"/> says which part of that
/// year ("FY" for a whole fiscal period, "Q2" for the second quarter, "H1" for 中間期, "6M" for six months ended).
/// Two rows compare as a year apart only when they name the same part.
/// </summary>
public sealed partial record RowPeriod(int Year, int Month, string Part, bool Forecast)
{
    /// <summary>A Japanese period, its text narrowed and without spaces: 2024年3月期, 2023年3月期第2四半期, 2025年12月期中間期(予想).</summary>
    private const string JapanesePeriod = @"(?<y>[0-9]{4})年(?<m>[0-9]{1,2})月期(?:第(?<q>[1-4])四半期(?:\((?:累計|中間期)\))?|(?<q>[1-4])Q|(?<h>中間期|上期|上半期))?(?:\(累計\))?(?<f>\(予想\))?";

    [GeneratedRegex("^" + JapanesePeriod + "$")]
    private static partial Regex Japanese();

    [GeneratedRegex("^" + JapanesePeriod)]
    private static partial Regex JapaneseStart();

    [GeneratedRegex(@"^(?:FY|Fiscal(?:year)?)'?(?<y>[0-9]{4}|[0-9]{2})(?:Q(?<q>[1-4])|(?<q>[1-4])Q)?(?<f>\((?:forecast|estimate|plan)\))?$", RegexOptions.IgnoreCase)]
    private static partial Regex FiscalYear();

    [GeneratedRegex(@"^(?:(?<span>three|six|nine|twelve)months|(?<span>quarter|(?:fiscal)?year))ended(?<mon>[A-Za-z]+)\.?[0-9]{1,2},?(?<y>[0-9]{4})$", RegexOptions.IgnoreCase)]
    private static partial Regex Ended();

    /// <summary>A forecast's row named by its part of the year alone (通期, 第２四半期（累計）): the year is the one forecast.</summary>
    [GeneratedRegex(@"^(?:(?<y>通期)|第(?<q>[1-4])四半期(?:\(?累計(?:期間)?\)?)?|(?<h>中間期|上期|上半期)(?:\(?累計(?:期間)?\)?)?)$")]
    private static partial Regex PartOnly();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    /// <summary>The period a row label names, or null when the label is anything else.</summary>
    public static RowPeriod? Parse(string label)
    {
        // Full-width digits and brackets as ASCII (２ → 2, （ → (); spaces dropped (the labels are compared whole).
        var text = Compact(label).Replace("[", "(", StringComparison.Ordinal).Replace("]", ")", StringComparison.Ordinal);
        var m = Japanese().Match(text);
        if (m.Success)
        {
            return FromJapanese(m);
        }

        m = PartOnly().Match(text);
        if (m.Success)
        {
            return new RowPeriod(0, 0, m.Groups["q"].Success ? "Q" + m.Groups["q"].Value : m.Groups["h"].Success ? "H1" : "FY", true);
        }

        m = FiscalYear().Match(text);
        if (m.Success)
        {
            var year = m.Groups["y"].Value.Length == 2 ? "20" + m.Groups["y"].Value : m.Groups["y"].Value;
            return Make(year, 0, m.Groups["q"].Success ? "Q" + m.Groups["q"].Value : "FY", m.Groups["f"].Success);
        }

        m = Ended().Match(text);
        if (m.Success && FiscalConvention.TryMonth(m.Groups["mon"].Value, out var month))
        {
            var part = m.Groups["span"].Value.ToLowerInvariant() switch
            {
                "three" or "quarter" => "3M",
                "six" => "6M",
                "nine" => "9M",
                _ => "FY",
            };
            return Make(m.Groups["y"].Value, month, part, false);
        }

        return null;
    }

    /// <summary>
    /// A Japanese period at the start of a text already <see cref="Compact"/> ("2022年4月期第1四半期12,397百万円", a period
    /// and its amount in one cell): the period and the text after it; null when the text does not start with one.
    /// </summary>
    internal static (RowPeriod Period, string After)? Leading(string compact) =>
        JapaneseStart().Match(compact) is { Success: true } m && FromJapanese(m) is { } period ? (period, compact[m.Length..]) : null;

    private static RowPeriod? FromJapanese(Match m)
    {
        var part = m.Groups["q"].Success ? "Q" + m.Groups["q"].Value : m.Groups["h"].Success ? "H1" : "FY";
        return Make(m.Groups["y"].Value, int.Parse(m.Groups["m"].Value, CultureInfo.InvariantCulture), part, m.Groups["f"].Success);
    }

    /// <summary>A text <see cref="Narrow"/>ed and without white space, as labels and cells are compared.</summary>
    internal static string Compact(string text) => Spaces().Replace(Narrow(text), "");

    /// <summary>
    /// Full-width ASCII characters as their ASCII forms (２ → 2, （ → (, ％ → %), the ideographic space as a space: what
    /// NFKC does for them, written out because the runtime runs without culture data (invariant globalization).
    /// </summary>
    public static string Narrow(string text)
    {
        if (!text.Any(ch => ch is (>= '\uFF01' and <= '\uFF5E') or '\u3000'))
        {
            return text;
        }

        return string.Create(text.Length, text, static (span, t) =>
        {
            for (var i = 0; i < t.Length; i++)
            {
                var ch = t[i];
                span[i] = ch is >= '\uFF01' and <= '\uFF5E' ? (char)(ch - 0xFEE0) : ch == '\u3000' ? ' ' : ch;
            }
        });
    }

    private static RowPeriod? Make(string year, int month, string part, bool forecast)
    {
        var y = int.Parse(year, CultureInfo.InvariantCulture);
        return month is >= 0 and <= 12 && y is >= 1900 and <= 2200 ? new RowPeriod(y, month, part, forecast) : null;
    }

    /// <summary>A forecast row that names only its part of the year (通期): the year is the one after the latest reported.</summary>
    public bool YearUnsaid => Year == 0;

    /// <summary>Months from year 0 to this period's end, for ordering and distances.</summary>
    public int End => (Year * 12) + Month;

    /// <summary>The same part of the fiscal year (whole year, quarter, half) and the same year end.</summary>
    public bool SamePeriod(RowPeriod other) => Year == other.Year && Month == other.Month && Part == other.Part;

    /// <summary>
    /// <paramref name="earlier"/> is the period this one is compared with as "the period before": the same part a year
    /// earlier, or, for whole fiscal periods of six months (a REIT's 2022年12月期 after 2022年６月期), the one
    /// six months earlier.
    /// </summary>
    public bool Follows(RowPeriod earlier) =>
        Part == earlier.Part && !YearUnsaid && !earlier.YearUnsaid && (End - earlier.End == 12 || (Part == "FY" && Month != 0 && earlier.Month != 0 && End - earlier.End == 6));
}
