namespace Kessan.Model;

/// <summary>Whether a concept is measured at a point in time (balance sheet) or over a period (everything else).</summary>
public enum PeriodType
{
    Duration,
    Instant,
}

/// <summary>
/// The natural side of a monetary concept. A fact's value is signed in its concept's natural direction:
/// a credit concept (revenue, income) is positive when credit, a debit concept (cost, tax expense) positive when debit.
/// So "Operating income (loss)" is a credit concept and a loss is negative; "Income tax expense (benefit)" is a debit
/// concept and a benefit is negative.
/// </summary>
public enum Balance
{
    None,
    Debit,
    Credit,
}

/// <summary>A line item or measure (revenue of a service, total assets, contracts of a bandwidth tier...).</summary>
/// <param name="Id">Stable identifier used by facts and definitions, e.g. <c>revenue.dedicated_access</c>.</param>
/// <param name="Label">The label a reader sees by default.</param>
/// <param name="Unit">Base unit of its values: a currency code (<c>USD</c>, <c>EUR</c>), a currency per share
/// (<c>USD/share</c>), or a count or measure (<c>shares</c>, <c>contracts</c>, <c>Gbps</c>, <c>pure</c>).</param>
public sealed record Concept(string Id, string Label, PeriodType PeriodType, Balance Balance, string Unit)
{
    /// <summary>The currency of a monetary concept (per-share amounts included); null for counts and ratios.</summary>
    public Currency? Currency { get; } = Model.Currency.OfUnit(Unit);

    public bool IsMonetary => Currency is not null;

    /// <summary>A figure of this concept as money; the concept must be monetary (a bug otherwise).</summary>
    public Money Money(decimal amount) =>
        Currency is { } c ? new Money(amount, c) : throw new InvalidOperationException($"'{Id}' is measured in {Unit}, not in a currency.");
}
