using FsCheck;
using FsCheck.Fluent;
using Kessan.Model;

namespace Kessan.Tests.Model;

public class FiscalCalendarTests
{
    private static readonly FiscalCalendar Iij = FiscalCalendar.MarchYearEnd;

    [Fact]
    public void First_quarter_of_fiscal_2003_is_April_to_June_2003()
    {
        var q = Iij.Quarter(2003, 1);
        q.Start.ShouldBe(new DateOnly(2003, 4, 1));
        q.End.ShouldBe(new DateOnly(2003, 6, 30));
        q.Label.ShouldBe("1Q03");
    }

    [Fact]
    public void Fourth_quarter_of_fiscal_2002_ends_March_31_2003()
    {
        var q = Iij.Quarter(2002, 4);
        q.Start.ShouldBe(new DateOnly(2003, 1, 1));
        q.End.ShouldBe(new DateOnly(2003, 3, 31));
        Iij.Quarter(2003, 1).Previous.ShouldBe(q);
        Iij.Quarter(2003, 1).PriorYear.ShouldBe(Iij.Quarter(2002, 1));
    }

    [Theory]
    [InlineData("1Q03", 2003, 1)]
    [InlineData("4Q02", 2002, 4)]
    [InlineData("2Q2003", 2003, 2)]
    public void Reads_quarter_labels(string text, int year, int quarter)
    {
        Iij.TryParseQuarter(text, out var q).ShouldBeTrue();
        q.ShouldBe(Iij.Quarter(year, quarter));
    }

    [Fact]
    public void Every_date_lies_in_the_quarter_found_for_it() =>
        FsCheck.Fluent.Prop.ForAll(
                FsCheck.Fluent.ArbMap.Default.ArbFor<int>(),
                days =>
                {
                    var date = new DateOnly(2000, 1, 1).AddDays(Math.Abs(days % 20000));
                    foreach (var cal in new[] { Iij, new FiscalCalendar(12, FiscalYearNaming.EndYear), new FiscalCalendar(6, FiscalYearNaming.EndYear) })
                    {
                        var q = cal.QuarterOf(date);
                        if (date < q.Start || date > q.End)
                        {
                            return false;
                        }
                    }

                    return true;
                })
            .QuickCheckThrowOnFailure();
}
