using System.Globalization;
using System.Text.RegularExpressions;

namespace Kessan.Facts;

/// <summary>
/// Reads an amount as finance people write it in a data file: <c>3,321,229</c>, <c>-1,059,574</c>,
/// <c>(1,059,574)</c>, <c>41.1</c>. Thousands separators must group by three. Returns the value and the number of
/// digits after the decimal point (which, with the scale, tells how precisely the figure is known).
/// </summary>
public static partial class AmountText
{
    [GeneratedRegex(@"^(?<open>\()?\s*(?<sign>[-+−])?\s*(?<int>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?<frac>\d+))?\s*(?<close>\))?$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    public static bool TryParse(string? text, out decimal value, out int fractionDigits)
    {
        value = 0;
        fractionDigits = 0;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var m = Pattern().Match(text.Trim());
        if (!m.Success || m.Groups["open"].Success != m.Groups["close"].Success || (m.Groups["open"].Success && m.Groups["sign"].Success))
        {
            return false;
        }

        var digits = m.Groups["int"].Value.Replace(",", "", StringComparison.Ordinal);
        var frac = m.Groups["frac"].Value;
        if (digits.Length + frac.Length > 28)
        {
            return false;
        }

        value = decimal.Parse(frac.Length > 0 ? $"{digits}.{frac}" : digits, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
        fractionDigits = frac.Length;
        if (m.Groups["open"].Success || m.Groups["sign"].Value is "-" or "−")
        {
            value = -value;
        }

        return true;
    }
}
