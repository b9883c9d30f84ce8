using System.Globalization;
using System.Text.RegularExpressions;

namespace Kessan.Verify.Numbers;

/// <summary>
/// A number as printed in a release: its value, how many decimals it was printed with, whether it is a percentage,
/// and where it is. <see cref="Range"/> is every value that prints the same.
/// </summary>
public sealed record Figure(decimal Value, int Decimals, bool IsPercent, bool IsDash, string Text, int Line, int Column)
{
    /// <summary>One unit of the last printed digit (1 for 2,534; 0.1 for 5.7%).</summary>
    public decimal Unit => Pow10(-Decimals);

    public decimal HalfUnit => Unit / 2;

    /// <summary>
    /// Printed by cutting off the digits below the last one (Japanese statements in 百万円 or 千円 state
    /// 百万円未満切捨て) rather than rounding: the exact value may be a whole unit away.
    /// </summary>
    public bool Truncated { get; init; }

    public Interval Range => Interval.Around(Value, Truncated ? Unit : HalfUnit);

    public bool IsNegative => Value < 0;

    internal static decimal Pow10(int exponent)
    {
        var r = 1m;
        for (var i = 0; i < Math.Abs(exponent); i++)
        {
            r = exponent > 0 ? r * 10 : r / 10;
        }

        return r;
    }

    /// <summary>Prints a value the way a release would, with the given decimals.</summary>
    public static string Format(decimal value, int decimals, bool percent = false)
    {
        var rounded = Math.Round(value, decimals, MidpointRounding.AwayFromZero);
        var text = rounded.ToString("#,0." + new string('0', decimals), CultureInfo.InvariantCulture).TrimEnd('.');
        return percent ? text + "%" : text;
    }
}

/// <summary>Reads figures from cell text: thousands separators, (5.7%), -5.7%, (5.7), "-" for zero, \$, footnote marks.</summary>
public static partial class FigureParser
{
    [GeneratedRegex(@"^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?$|^\.(\d+)$")]
    private static partial Regex NumberPattern();

    [GeneratedRegex(@"[\u00B9\u00B2\u00B3\u2070-\u209F]+|(?<=\S)\s+\(\d\)\s*$|\s\*+$")]
    private static partial Regex Footnotes();

    /// <summary>
    /// A Japanese note reference before a figure ("※７ 4,526", "※１,※２ 12,345", "※ 2,250"): a ※ with note numbers
    /// in full-width digits, or ASCII digits followed by a space. "※14,526" is left alone: note 1 of 4,526 or note 14 of
    /// 526 cannot be told apart.
    /// </summary>
    [GeneratedRegex(@"^※(?:\s*[０-９]+(?:\s*[,，、・]\s*※?\s*[０-９]+)*\s*|\s*[0-9]+(?:\s*[,，、・]\s*※?\s*[0-9]+)*\s+|\s+)(?=[0-9△▲(\-−])")]
    private static partial Regex NoteMarker();

    /// <summary>Dashes printed for zero or nothing; Japanese statements print a full-width "－" or a "―".</summary>
    private static readonly string[] Dashes = ["-", "—", "–", "−", "--", "－", "―"];

    /// <summary>The unit written after the first figure of a Japanese note ("80百万円", then 27, 45 below it).</summary>
    [GeneratedRegex(@"(?<=\d)\s*(?:百万円|千円)$")]
    private static partial Regex TrailingYenUnit();

    /// <summary>Parses a cell; null when the text is not a single figure.</summary>
    public static Figure? Parse(string text, int line = 0, int column = 0)
    {
        var s = text.Trim();
        if (s.Length == 0 || s.Length > 40)
        {
            return null;
        }

        if (s[0] == '※' && NoteMarker().Match(s) is { Success: true } note)
        {
            s = s[note.Length..];
            text = s;
        }

        s = TrailingYenUnit().Replace(Footnotes().Replace(s, ""), "").Trim();
        s = s.Replace("\\$", "", StringComparison.Ordinal).Replace("US$", "", StringComparison.Ordinal)
            .Replace("$", "", StringComparison.Ordinal).Replace("¥", "", StringComparison.Ordinal)
            .Replace("JPY", "", StringComparison.Ordinal).Replace("\u00A0", " ", StringComparison.Ordinal).Trim();
        if (Array.IndexOf(Dashes, s) >= 0)
        {
            return new Figure(0, 0, false, true, text.Trim(), line, column);
        }

        var negative = false;
        var percent = false;
        if (s.Length > 1 && s[0] is '△' or '▲')
        {
            // Japanese statements mark a negative with a triangle: △1,234.
            negative = true;
            s = s[1..].Trim();
        }

        if (s.StartsWith('(') && (s.EndsWith(')') || s.EndsWith(")%", StringComparison.Ordinal)))
        {
            negative = true;
            if (s.EndsWith(")%", StringComparison.Ordinal))
            {
                percent = true;
                s = s[1..^2];
            }
            else
            {
                s = s[1..^1];
            }

            s = s.Trim();
        }

        if (s.EndsWith('%'))
        {
            percent = true;
            s = s[..^1].Trim();
        }

        if (s.Length > 1 && (s[0] == '-' || s[0] == '−' || s[0] == '–'))
        {
            if (negative)
            {
                return null;
            }

            negative = true;
            s = s[1..].Trim();
        }
        else if (s.Length > 1 && s[0] == '+')
        {
            s = s[1..].Trim();
        }

        var m = NumberPattern().Match(s);
        if (!m.Success || s.Count(char.IsDigit) > 15)
        {
            return null;
        }

        var decimals = m.Groups[1].Success ? m.Groups[1].Length : m.Groups[2].Success ? m.Groups[2].Length : 0;
        if (!decimal.TryParse(s.Replace(",", "", StringComparison.Ordinal), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            return null;
        }

        return new Figure(negative ? -value : value, decimals, percent, false, text.Trim(), line, column);
    }

    /// <summary>A bare year such as 2019 (no separators, no decimals): a header, not a figure.</summary>
    public static bool LooksLikeYear(string text)
    {
        var s = Footnotes().Replace(text.Trim(), "").Trim();
        return s.Length == 4 && int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var y) && y is >= 1900 and <= 2100;
    }
}
