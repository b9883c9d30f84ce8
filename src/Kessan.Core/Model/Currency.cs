using System.Collections.Frozen;
using System.Text.RegularExpressions;

namespace Kessan.Model;

/// <summary>
/// A currency by its ISO 4217 code (<c>USD</c>, <c>EUR</c>, <c>GBP</c>, <c>JPY</c>...), with the symbol a release prints
/// and on which side of the number it goes (a currency without a symbol below prints its code). Only ISO 4217 codes are
/// currencies, so a unit such as <c>ADS</c> (American depositary shares) is not mistaken for one.
/// </summary>
public readonly partial record struct Currency
{
    private static readonly FrozenDictionary<string, (string Symbol, bool Before)> Symbols = new Dictionary<string, (string, bool)>(StringComparer.Ordinal)
    {
        ["USD"] = ("$", true),
        ["EUR"] = ("€", true),
        ["GBP"] = ("£", true),
        ["JPY"] = ("¥", true),
        ["CNY"] = ("¥", true),
        ["CAD"] = ("C$", true),
        ["AUD"] = ("A$", true),
        ["CHF"] = ("CHF ", true),
        ["INR"] = ("₹", true),
        ["KRW"] = ("₩", true),
        ["SEK"] = (" kr", false),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenSet<string> Codes = (
        "AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN BWP BYN BZD CAD CDF CHF " +
        "CLP CNY COP CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG " +
        "HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA " +
        "MKD MMK MNT MOP MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD " +
        "RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX " +
        "USD UYU UZS VES VND VUV WST XAF XCD XOF XPF YER ZAR ZMW ZWL").Split(' ').ToFrozenSet(StringComparer.Ordinal);

    private Currency(string code) => Code = code;

    /// <summary>The ISO 4217 code, three capital letters.</summary>
    public string Code { get; }

    /// <summary>The symbol printed with an amount: <c>$</c>, <c>€</c>, <c>£</c>, <c>¥</c>; the code and a space when unknown.</summary>
    public string Symbol => Symbols.TryGetValue(Code, out var s) ? s.Symbol : Code + " ";

    /// <summary>Whether the symbol goes before the number (<c>$1.2</c>) or after it (<c>1.2 kr</c>).</summary>
    public bool SymbolBefore => !Symbols.TryGetValue(Code, out var s) || s.Before;

    [GeneratedRegex("^[A-Z]{3}$", RegexOptions.CultureInvariant)]
    private static partial Regex CodePattern();

    /// <summary>Reads a currency code (<c>USD</c>); false for anything that is not an ISO 4217 code.</summary>
    public static bool TryParse(string? text, out Currency currency)
    {
        if (text is not null && CodePattern().IsMatch(text) && Codes.Contains(text))
        {
            currency = new Currency(text);
            return true;
        }

        currency = default;
        return false;
    }

    /// <summary>The currency of a code known to be valid (throws otherwise: a bug, not user input).</summary>
    public static Currency Of(string code) =>
        TryParse(code, out var c) ? c : throw new ArgumentException($"'{code}' is not an ISO 4217 currency code.", nameof(code));

    /// <summary>
    /// The currency a unit is measured in: <c>USD</c> and <c>USD/share</c> are in dollars; <c>shares</c>, <c>pure</c> and
    /// <c>contracts</c> are in none.
    /// </summary>
    public static Currency? OfUnit(string unit)
    {
        var slash = unit.IndexOf('/', StringComparison.Ordinal);
        return TryParse(slash < 0 ? unit : unit[..slash], out var c) ? c : null;
    }

    /// <summary>Writes an already formatted number with the symbol on its side: <c>$1,234</c>, <c>1,234 kr</c>.</summary>
    public string Decorate(string number) => SymbolBefore ? Symbol + number : number + Symbol;

    public override string ToString() => Code;
}
