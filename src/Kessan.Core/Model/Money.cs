using System.Globalization;

namespace Kessan.Model;

/// <summary>
/// An amount of money in base units of its currency (dollars, not thousands of dollars). Adding, subtracting or
/// comparing amounts of two currencies is a bug and throws; translating is explicit, through an <see cref="ExchangeRate"/>.
/// </summary>
public readonly record struct Money(decimal Amount, Currency Currency) : IComparable<Money>
{
    public static Money Zero(Currency currency) => new(0m, currency);

    public static Money operator +(Money a, Money b) => new(a.Amount + Same(a, b).Amount, a.Currency);

    public static Money operator -(Money a, Money b) => new(a.Amount - Same(a, b).Amount, a.Currency);

    public static Money operator -(Money a) => new(-a.Amount, a.Currency);

    public static Money operator *(Money a, decimal factor) => new(a.Amount * factor, a.Currency);

    public static bool operator <(Money a, Money b) => a.CompareTo(b) < 0;

    public static bool operator >(Money a, Money b) => a.CompareTo(b) > 0;

    public static bool operator <=(Money a, Money b) => a.CompareTo(b) <= 0;

    public static bool operator >=(Money a, Money b) => a.CompareTo(b) >= 0;

    public Money Abs() => new(Math.Abs(Amount), Currency);

    public int CompareTo(Money other) => Amount.CompareTo(Same(this, other).Amount);

    private static Money Same(Money a, Money b) =>
        a.Currency == b.Currency
            ? b
            : throw new InvalidOperationException($"Amounts in {a.Currency} and {b.Currency} cannot be combined without a translation.");

    public override string ToString() => $"{Amount.ToString("#,0.##", CultureInfo.InvariantCulture)} {Currency}";
}

/// <summary>
/// A convenience translation: <see cref="Rate"/> units of <see cref="From"/> buy one <see cref="To"/>, as of a date
/// (119.87 JPY per USD; 0.92 EUR per USD).
/// </summary>
public sealed record ExchangeRate(Currency From, Currency To, decimal Rate, DateOnly AsOf)
{
    public decimal Rate { get; } = Rate > 0 ? Rate : throw new ArgumentOutOfRangeException(nameof(Rate), Rate, "An exchange rate is positive.");

    /// <summary>The amount in <see cref="To"/>; an amount in any other currency than <see cref="From"/> is a bug and throws.</summary>
    public Money Translate(Money money) =>
        money.Currency == From
            ? new Money(money.Amount / Rate, To)
            : throw new InvalidOperationException($"A {From}→{To} rate cannot translate an amount in {money.Currency}.");
}
