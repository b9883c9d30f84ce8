using System.Runtime.CompilerServices;

namespace Kessan.Ledger;

/// <summary>
/// An exact amount as the readers accumulate it: whole units of 1/10,000 in a <see cref="long"/> for speed, plus a
/// <see cref="decimal"/> part that takes whatever does not fit (more decimals, or sums beyond ±900 trillion).
/// Its value is always <c>Units / 10,000 + Extra</c>, exactly.
/// </summary>
internal struct ScaledAmount
{
    public long Units;
    public decimal Extra;

    /// <summary>Decimals written in the source (the largest seen, for sums), used for balancing tolerance with prices.</summary>
    public int Decimals;

    public static ScaledAmount FromUnits(long units, int decimals) => new() { Units = units, Decimals = decimals };

    public static ScaledAmount FromDecimal(decimal value, int decimals) => new() { Extra = value, Decimals = decimals };

    public readonly decimal Value => Extra + ((decimal)Units / LedgerText.UnitsPerOne);

    public readonly bool IsZero => Units == 0 && Extra == 0m;

    public readonly int Sign => Units == 0 ? Math.Sign(Extra) : Extra == 0m ? Math.Sign(Units) : Math.Sign(Value);

    public readonly ScaledAmount Negate() =>
        Units == long.MinValue ? FromDecimal(-Value, Decimals) : new() { Units = -Units, Extra = -Extra, Decimals = Decimals };

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(in ScaledAmount other)
    {
        var a = Units;
        var b = other.Units;
        var r = unchecked(a + b);
        if (((a ^ r) & (b ^ r)) < 0)
        {
            // The integer part would overflow: move it to the decimal part.
            Extra += (decimal)a / LedgerText.UnitsPerOne + (decimal)b / LedgerText.UnitsPerOne;
            Units = 0;
        }
        else
        {
            Units = r;
        }

        if (other.Extra != 0m)
        {
            Extra += other.Extra;
        }

        if (other.Decimals > Decimals)
        {
            Decimals = other.Decimals;
        }
    }
}
