using FsCheck;
using FsCheck.Fluent;
using Kessan.Model;

namespace Kessan.Tests.Model;

public class ReportingPeriodTests
{
    private static readonly FiscalCalendar December = new(12, FiscalYearNaming.EndYear);
    private static readonly FiscalCalendar Weeks = new(12, FiscalYearNaming.EndYear, new FiscalWeeks(DayOfWeek.Saturday, WeekYearEnd.Nearest));

    private static ReportingPeriod Resolve(string role, FiscalQuarter current) =>
        PeriodRole.Parse(role, current.Calendar, out var problem)?.Resolve(current) ?? throw new InvalidOperationException(problem);

    private static (DateOnly, DateOnly) Dates(ReportingPeriod p) => (p.Start, p.End);

    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    [Fact]
    public void Roles_relative_to_the_second_quarter_of_a_december_year()
    {
        var q2 = December.Quarter(2026, 2);
        Dates(Resolve("quarter", q2)).ShouldBe((D(2026, 4, 1), D(2026, 6, 30)));
        Dates(Resolve("quarter -1y", q2)).ShouldBe((D(2025, 4, 1), D(2025, 6, 30)));
        Dates(Resolve("quarter -1q", q2)).ShouldBe((D(2026, 1, 1), D(2026, 3, 31)));
        Dates(Resolve("year_to_date", q2)).ShouldBe((D(2026, 1, 1), D(2026, 6, 30)));
        Dates(Resolve("year_to_date -1y", q2)).ShouldBe((D(2025, 1, 1), D(2025, 6, 30)));
        Dates(Resolve("fiscal_year -1y", q2)).ShouldBe((D(2025, 1, 1), D(2025, 12, 31)));
        Resolve("year_end -1y", q2).At(PeriodType.Instant).ShouldBe(Period.Instant(D(2025, 12, 31)));
        Resolve("year_end -1y", q2).At(PeriodType.Duration).ShouldBeNull();
        Resolve("year_to_date", q2).At(PeriodType.Instant, Anchor.Start).ShouldBe(Period.Instant(D(2025, 12, 31)));
        Resolve("year_to_date", q2).Label.ShouldBe("6M26");
        Resolve("2026-01-01..2026-03-31", q2).Kind.ShouldBe(PeriodKind.Range);
        Resolve("2025-12-31", q2).Kind.ShouldBe(PeriodKind.Instant);
    }

    [Theory]
    [InlineData(3, 9, "2025-12-31", "2026-01-01..2026-09-30")]
    [InlineData(4, 12, "2025-12-31", "2026-01-01..2026-12-31")]
    [InlineData(5, 3, "2026-12-31", "2027-01-01..2027-03-31")]
    public void Rolling_grows_year_to_date_and_keeps_the_year_end_at_a_year_end(int quarters, int months, string yearEnd, string ytd)
    {
        var start = December.Quarter(2026, 2);
        var to = start.Plus(quarters - 2);
        var roles = new[] { "year_to_date", "year_end -1y", "quarter -1y", "fiscal_year" }
            .ToDictionary(r => r, r => PeriodRole.Parse(r, December, out _)!.Rolled(quarters - 2).Resolve(to));
        roles["year_to_date"].Quarters.ShouldBe(months / 3);
        roles["year_to_date"].At(PeriodType.Duration).ToString().ShouldBe(ytd);
        roles["year_end -1y"].Label.ShouldBe(yearEnd);
        roles["quarter -1y"].Quarter.ShouldBe(to.PriorYear);
        roles["fiscal_year"].End.ShouldBe(to.YearEnd);
    }

    [Fact]
    public void A_fixed_quarter_moves_by_as_many_quarters_as_current_and_fixed_dates_stay()
    {
        var role = PeriodRole.Parse("4Q25", December, out _)!;
        role.Rolled(2).FixedQuarter.ShouldBe(December.Quarter(2026, 2));
        var dates = PeriodRole.Parse("2025-12-31", December, out _)!;
        dates.Rolled(2).ShouldBe(dates);
    }

    [Theory]
    [InlineData("next_year")]
    [InlineData("quarter -1w")]
    [InlineData("2026-02-30")]
    [InlineData("2026-06-30..2026-01-01")]
    public void Unreadable_roles_say_why(string text)
    {
        PeriodRole.Parse(text, December, out var problem).ShouldBeNull();
        problem.ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public void A_52_53_week_year_ends_on_the_saturday_nearest_december_31()
    {
        Weeks.YearEnd(2024).ShouldBe(D(2024, 12, 28));
        Weeks.YearEnd(2025).ShouldBe(D(2026, 1, 3));
        Weeks.WeeksIn(2025).ShouldBe(53);
        Weeks.WeeksIn(2024).ShouldBe(52);
        Weeks.Quarter(2025, 1).Start.ShouldBe(D(2024, 12, 29));
        Weeks.Quarter(2025, 1).End.ShouldBe(D(2025, 3, 29));
        Weeks.Quarter(2025, 4).Start.ShouldBe(D(2025, 9, 28));
        (Weeks.Quarter(2025, 4).End.DayNumber - Weeks.Quarter(2025, 4).Start.DayNumber + 1).ShouldBe(98);
        var last = new FiscalCalendar(9, FiscalYearNaming.EndYear, new FiscalWeeks(DayOfWeek.Friday, WeekYearEnd.Last));
        last.YearEnd(2026).ShouldBe(D(2026, 9, 25));
    }

    [Fact]
    public void Week_years_are_52_or_53_weeks_and_every_date_lies_in_its_quarter() =>
        Prop.ForAll<int>(days =>
        {
            var date = new DateOnly(1990, 1, 1).AddDays(Math.Abs(days % 20000));
            foreach (var cal in new[] { Weeks, new FiscalCalendar(6, FiscalYearNaming.StartYear, new FiscalWeeks(DayOfWeek.Sunday, WeekYearEnd.Last)) })
            {
                var q = cal.QuarterOf(date);
                if (date < q.Start || date > q.End || cal.WeeksIn(q.FiscalYear) is not (52 or 53) || q.Next.Start != q.End.AddDays(1))
                {
                    return false;
                }
            }

            return true;
        }).QuickCheckThrowOnFailure();
}
