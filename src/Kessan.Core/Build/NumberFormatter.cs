using System.Globalization;
using Kessan.Definitions;

namespace Kessan.Build;

/// <summary>Writes a rounded figure the way a release prints it: thousands separators, (negatives) or -negatives, % signs.</summary>
public static class NumberFormatter
{
    public static string Format(decimal shown, int decimals, bool percent, bool percentSign, TableStyle style)
    {
        if (shown == 0m)
        {
            return percent ? 0m.ToString("F" + decimals, CultureInfo.InvariantCulture) + (percentSign ? "%" : "") : style.Zero;
        }

        var body = Math.Abs(shown).ToString("#,0" + (decimals > 0 ? "." + new string('0', decimals) : ""), CultureInfo.InvariantCulture);
        if (percent && percentSign)
        {
            body += "%";
        }

        if (shown > 0)
        {
            return body;
        }

        return style.Negative == NegativeStyle.Parentheses ? $"({body})" : $"-{body}";
    }
}
