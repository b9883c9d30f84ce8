using System.Globalization;

namespace Kessan.Model;

/// <summary>
/// A reporting period: an instant (a balance-sheet date) or a duration from <see cref="Start"/> to <see cref="End"/>,
/// both dates inclusive. Two periods are equal when their dates are.
/// </summary>
public readonly record struct Period : IComparable<Period>
{
    private Period(DateOnly? start, DateOnly end)
    {
        Start = start;
        End = end;
    }

    /// <summary>First day of a duration; null for an instant.</summary>
    public DateOnly? Start { get; }

    /// <summary>Last day of a duration, or the date of an instant.</summary>
    public DateOnly End { get; }

    public bool IsInstant => Start is null;

    public PeriodType Type => IsInstant ? PeriodType.Instant : PeriodType.Duration;

    public static Period Instant(DateOnly date) => new(null, date);

    public static Period Duration(DateOnly start, DateOnly end)
    {
        if (end < start)
        {
            throw new ArgumentException($"A period cannot end ({end:yyyy-MM-dd}) before it starts ({start:yyyy-MM-dd}).");
        }

        return new(start, end);
    }

    public int CompareTo(Period other)
    {
        var byEnd = End.CompareTo(other.End);
        if (byEnd != 0)
        {
            return byEnd;
        }

        return (Start ?? End).CompareTo(other.Start ?? other.End);
    }

    /// <summary>ISO form: <c>2003-06-30</c> for an instant, <c>2003-04-01..2003-06-30</c> for a duration.</summary>
    public override string ToString() => IsInstant
        ? End.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
        : $"{Start!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}..{End.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";
}
