using System.Buffers;
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

    public decimal HalfUnit => Decimals is >= 0 and < 28 ? HalfUnitOfDecimals[Decimals] : Unit / 2;

    /// <summary>
    /// Printed by cutting off the digits below the last one (Japanese statements in 百万円 or 千円 state
    /// 百万円未満切捨て) rather than rounding: the exact value may be a whole unit away.
    /// </summary>
    public bool Truncated { get; init; }

    public Interval Range => Interval.Around(Value, Truncated ? Unit : HalfUnit);

    public bool IsNegative => Value < 0;

    internal static decimal Pow10(int exponent)
    {
        if (exponent is >= -28 and <= 0)
        {
            return UnitOfDecimals[-exponent];
        }

        var r = 1m;
        for (var i = 0; i < Math.Abs(exponent); i++)
        {
            r = exponent > 0 ? r * 10 : r / 10;
        }

        return r;
    }

    /// <summary>10^-k for k = 0..28, as 1 with k decimals: the value and scale that dividing 1 by ten k times gives.</summary>
    private static readonly decimal[] UnitOfDecimals = [.. Enumerable.Range(0, 29).Select(k => new decimal(1, 0, 0, false, (byte)k))];

    /// <summary>Half of 10^-k for k = 0..27, as 5 with k + 1 decimals: the value and scale that halving the unit gives.</summary>
    private static readonly decimal[] HalfUnitOfDecimals = [.. Enumerable.Range(0, 28).Select(k => new decimal(5, 0, 0, false, (byte)(k + 1)))];

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

    /// <summary>The characters of the <see cref="Dashes"/>.</summary>
    private static readonly SearchValues<char> DashCharacters = SearchValues.Create(string.Concat(Dashes));

    /// <summary>The characters that the text of a figure may carry around its number: currency marks and a no-break space.</summary>
    private static readonly SearchValues<char> CurrencyMarks = SearchValues.Create("$¥J\u00A0");

    /// <summary>The unit written after the first figure of a Japanese note ("80百万円", then 27, 45 below it).</summary>
    [GeneratedRegex(@"(?<=\d)\s*(?:百万円|千円)$")]
    private static partial Regex TrailingYenUnit();

    /// <summary>Parses a cell; null when the text is not a single figure.</summary>
    /// <summary>
    /// Whether <paramref name="text"/> may be a figure: it has an ASCII digit or a dash. Most words of a release have
    /// neither, and <see cref="Parse"/> gives null for them at once.
    /// </summary>
    public static bool MayBeFigure(ReadOnlySpan<char> text) => text.ContainsAnyInRange('0', '9') || text.ContainsAny(DashCharacters);

    public static Figure? Parse(string text, int line = 0, int column = 0)
    {
        if (!MayBeFigure(text))
        {
            return null;
        }

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

        if (MayHaveFootnote(s))
        {
            s = Footnotes().Replace(s, "");
        }

        if (s.AsSpan().TrimEnd('\n').EndsWith("円", StringComparison.Ordinal))
        {
            s = TrailingYenUnit().Replace(s, "");
        }

        s = s.Trim();
        if (s.AsSpan().IndexOfAny(CurrencyMarks) >= 0)
        {
            s = s.Replace("\\$", "", StringComparison.Ordinal).Replace("US$", "", StringComparison.Ordinal)
                .Replace("$", "", StringComparison.Ordinal).Replace("¥", "", StringComparison.Ordinal)
                .Replace("JPY", "", StringComparison.Ordinal).Replace("\u00A0", " ", StringComparison.Ordinal).Trim();
        }

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

        if (!TryReadNumber(s, out var value, out var decimals))
        {
            return null;
        }

        return new Figure(negative ? -value : value, decimals, percent, false, text.Trim(), line, column);
    }

    /// <summary>
    /// Reads an unsigned number as printed: digits, either all together or in groups of three after a first group of one
    /// to three ("1,234,567"), then optionally a point and at least one digit; or a point and digits alone (".84").
    /// At most 15 digits in all. The value keeps the decimals printed (1.50 is 150 hundredths), as decimal parsing does.
    /// </summary>
    internal static bool TryReadNumber(ReadOnlySpan<char> s, out decimal value, out int decimals)
    {
        value = 0;
        decimals = 0;
        long units = 0;
        var digits = 0;
        var group = 0; // digits since the start or the last comma
        var grouped = false;
        var i = 0;
        for (; i < s.Length && s[i] != '.'; i++)
        {
            var ch = s[i];
            if (ch == ',')
            {
                if (grouped ? group != 3 : group is < 1 or > 3)
                {
                    return false;
                }

                grouped = true;
                group = 0;
            }
            else if (char.IsAsciiDigit(ch) && ++digits <= 15)
            {
                units = (units * 10) + (ch - '0');
                group++;
            }
            else
            {
                return false;
            }
        }

        var whole = digits;
        if (grouped && group != 3)
        {
            return false;
        }

        if (i < s.Length)
        {
            for (i++; i < s.Length; i++)
            {
                var ch = s[i];
                if (!char.IsAsciiDigit(ch) || ++digits > 15)
                {
                    return false;
                }

                units = (units * 10) + (ch - '0');
                decimals++;
            }

            if (decimals == 0)
            {
                return false;
            }
        }
        else if (whole == 0)
        {
            return false;
        }

        value = new decimal(unchecked((int)(uint)units), (int)(units >> 32), 0, false, (byte)decimals);
        return true;
    }

    /// <summary>Whether <see cref="Footnotes"/> can match: a superscript, the "(" of "(1)" or a "*".</summary>
    private static bool MayHaveFootnote(string s)
    {
        foreach (var ch in s)
        {
            if (ch is '(' or '*' or '\u00B9' or '\u00B2' or '\u00B3' or (>= '\u2070' and <= '\u209F'))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A bare year such as 2019 (no separators, no decimals): a header, not a figure.</summary>
    public static bool LooksLikeYear(string text)
    {
        if (!text.AsSpan().ContainsAnyInRange('0', '9'))
        {
            return false;
        }

        var s = Footnotes().Replace(text.Trim(), "").Trim();
        return s.Length == 4 && int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var y) && y is >= 1900 and <= 2100;
    }
}
