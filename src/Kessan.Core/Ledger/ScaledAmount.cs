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

    /// <summary>Whether <see cref="Extra"/> has ever been used: keeps decimal arithmetic off the common path.</summary>
    public bool HasExtra;

    public static ScaledAmount FromUnits(long units, int decimals) => new() { Units = units, Decimals = decimals };

    public static ScaledAmount FromDecimal(decimal value, int decimals) => new() { Extra = value, Decimals = decimals, HasExtra = true };

    public readonly decimal Value => HasExtra ? Extra + ((decimal)Units / LedgerText.UnitsPerOne) : (decimal)Units / LedgerText.UnitsPerOne;

    public readonly bool IsZero
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Units == 0 && (!HasExtra || Extra == 0m);
    }

    public readonly int Sign => !HasExtra ? Math.Sign(Units) : Math.Sign(Value);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public readonly ScaledAmount Negate() =>
        Units == long.MinValue || HasExtra ? FromDecimal(-Value, Decimals) : new() { Units = -Units, Decimals = Decimals };

    [MethodImpl(MethodImplOptions.AggressiveInlining | MethodImplOptions.AggressiveOptimization)]
    public void Add(in ScaledAmount other)
    {
        var a = Units;
        var b = other.Units;
        var r = unchecked(a + b);
        if (((a ^ r) & (b ^ r)) < 0 || other.HasExtra)
        {
            AddSlow(other);
            return;
        }

        Units = r;
        if (other.Decimals > Decimals)
        {
            Decimals = other.Decimals;
        }
    }

    /// <summary>Adds whole units (1/10,000) written with the given decimals.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining | MethodImplOptions.AggressiveOptimization)]
    public void AddUnits(long units, int decimals)
    {
        var a = Units;
        var r = unchecked(a + units);
        if (((a ^ r) & (units ^ r)) < 0)
        {
            AddUnitsSlow(units, decimals);
            return;
        }

        Units = r;
        if (decimals > Decimals)
        {
            Decimals = decimals;
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void AddUnitsSlow(long units, int decimals) => AddSlow(FromUnits(units, decimals));

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void AddSlow(in ScaledAmount other)
    {
        var value = Value + other.Value;
        Units = 0;
        Extra = value;
        HasExtra = true;
        if (other.Decimals > Decimals)
        {
            Decimals = other.Decimals;
        }
    }
}
