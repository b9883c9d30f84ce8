using System.Globalization;

namespace Kessan.Model;

/// <summary>The shape of a period a release reports.</summary>
public enum PeriodKind
{
    /// <summary>One fiscal quarter (three months, or 13/14 weeks).</summary>
    Quarter,

    /// <summary>From the start of the fiscal year to the end of a quarter: three, six, nine or twelve months.</summary>
    YearToDate,

    /// <summary>A whole fiscal year.</summary>
    FiscalYear,

    /// <summary>Any range of dates.</summary>
    Range,

    /// <summary>A single date (a balance-sheet date).</summary>
    Instant,
}

/// <summary>
/// A period of the release a column shows: its dates, its shape and, when it ends with a fiscal quarter, that quarter
/// (the quarter a year-to-date period runs to, the fourth quarter of a fiscal year).
/// </summary>
public sealed record ReportingPeriod(PeriodKind Kind, DateOnly Start, DateOnly End, FiscalQuarter? Quarter)
{
    public static ReportingPeriod OfQuarter(FiscalQuarter q) => new(PeriodKind.Quarter, q.Start, q.End, q);

    /// <summary>The fiscal year from its start to the end of <paramref name="q"/>; a whole year at the fourth quarter.</summary>
    public static ReportingPeriod YearToDate(FiscalQuarter q) => new(PeriodKind.YearToDate, q.YearStart, q.End, q);

    public static ReportingPeriod FiscalYearOf(FiscalQuarter q) =>
        new(PeriodKind.FiscalYear, q.YearStart, q.YearEnd, q.Calendar.Quarter(q.FiscalYear, 4));

    public static ReportingPeriod InstantAt(DateOnly date, FiscalQuarter? quarter = null) => new(PeriodKind.Instant, date, date, quarter);

    public bool IsInstant => Kind == PeriodKind.Instant;

    /// <summary>Fiscal quarters covered: 1 for a quarter, 2 for six months to date, 4 for a year; 0 for an instant or a range.</summary>
    public int Quarters => Kind switch
    {
        PeriodKind.Quarter => 1,
        PeriodKind.YearToDate => Quarter!.Value.Number,
        PeriodKind.FiscalYear => 4,
        _ => 0,
    };

    /// <summary>
    /// The period a concept's figure is read for in this column: the whole duration for flows (none at an instant);
    /// for balances the date at its end, or at <see cref="Anchor.Start"/> the day before it starts (the opening balance).
    /// </summary>
    public Period? At(PeriodType type, Anchor at = Anchor.End) => type switch
    {
        PeriodType.Duration => IsInstant ? null : Period.Duration(Start, End),
        _ when at == Anchor.Start && !IsInstant => Period.Instant(Start.AddDays(-1)),
        _ => Period.Instant(End),
    };

    /// <summary>A short name: <c>2Q26</c>, <c>6M26</c> (six months to date), <c>FY26</c>, <c>2025-12-31</c>, <c>2026-01-01..2026-06-30</c>.</summary>
    public string Label => Kind switch
    {
        PeriodKind.Quarter => Quarter!.Value.Label,
        PeriodKind.YearToDate when Quarters == 4 => $"FY{Quarter!.Value.FiscalYear % 100:00}",
        PeriodKind.YearToDate => $"{Quarters * 3}M{Quarter!.Value.FiscalYear % 100:00}",
        PeriodKind.FiscalYear => $"FY{Quarter!.Value.FiscalYear % 100:00}",
        PeriodKind.Instant => Iso(End),
        _ => $"{Iso(Start)}..{Iso(End)}",
    };

    public override string ToString() => Label;

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>Where in a duration column's period a balance (instant) row is read.</summary>
public enum Anchor
{
    End,
    Start,
}
