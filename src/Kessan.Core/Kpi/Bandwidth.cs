using System.Globalization;
using System.Text.RegularExpressions;

namespace Kessan.Kpi;

/// <summary>
/// A contracted line speed, held in kbps as a decimal. Decimal units: 1 Gbps = 1,000 Mbps = 1,000,000 kbps.
/// Written with its unit: <c>64kbps</c>, <c>1.5Mbps</c>, <c>1Gbps</c> (unit letters in any case, a space allowed).
/// </summary>
public readonly record struct Bandwidth : IComparable<Bandwidth>
{
    public const decimal KbpsPerMbps = 1_000m;
    public const decimal KbpsPerGbps = 1_000_000m;

    private static readonly Regex Pattern = new(
        @"^\s*(?<n>[0-9]+(\.[0-9]+)?)\s*(?<u>kbps|mbps|gbps)\s*$",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase | RegexOptions.Compiled);

    private Bandwidth(decimal kbps) => Kbps = kbps;

    /// <summary>The speed in kbps.</summary>
    public decimal Kbps { get; }

    public decimal Mbps => Kbps / KbpsPerMbps;

    public decimal Gbps => Kbps / KbpsPerGbps;

    public static Bandwidth FromKbps(decimal kbps) => kbps > 0m
        ? new(kbps)
        : throw new ArgumentOutOfRangeException(nameof(kbps), kbps, "A bandwidth is more than zero.");

    public static Bandwidth FromMbps(decimal mbps) => FromKbps(mbps * KbpsPerMbps);

    public static Bandwidth FromGbps(decimal gbps) => FromKbps(gbps * KbpsPerGbps);

    /// <summary>Reads <c>128kbps</c>, <c>1.5Mbps</c>, <c>1Gbps</c>. A bare number has no unit and is not accepted.</summary>
    public static bool TryParse(string? text, out Bandwidth bandwidth)
    {
        bandwidth = default;
        if (text is null)
        {
            return false;
        }

        var m = Pattern.Match(text);
        if (!m.Success
            || !decimal.TryParse(m.Groups["n"].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var n))
        {
            return false;
        }

        var factor = char.ToLowerInvariant(m.Groups["u"].Value[0]) switch
        {
            'k' => 1m,
            'm' => KbpsPerMbps,
            _ => KbpsPerGbps,
        };
        decimal kbps;
        try
        {
            kbps = n * factor;
        }
        catch (OverflowException)
        {
            return false;
        }

        if (kbps <= 0m)
        {
            return false;
        }

        bandwidth = new(kbps);
        return true;
    }

    public int CompareTo(Bandwidth other) => Kbps.CompareTo(other.Kbps);

    public static bool operator <(Bandwidth a, Bandwidth b) => a.Kbps < b.Kbps;

    public static bool operator >(Bandwidth a, Bandwidth b) => a.Kbps > b.Kbps;

    public static bool operator <=(Bandwidth a, Bandwidth b) => a.Kbps <= b.Kbps;

    public static bool operator >=(Bandwidth a, Bandwidth b) => a.Kbps >= b.Kbps;

    /// <summary>The register's form, in the largest unit that keeps the number at least 1: <c>1.5Mbps</c>, <c>1.2Gbps</c>.</summary>
    public override string ToString()
    {
        var (value, unit) = Kbps >= KbpsPerGbps ? (Gbps, "Gbps") : Kbps >= KbpsPerMbps ? (Mbps, "Mbps") : (Kbps, "kbps");
        return value.ToString("0.############", CultureInfo.InvariantCulture) + unit;
    }
}
