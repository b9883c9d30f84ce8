using Kessan.Kpi;

namespace Kessan.Tests.Kpi;

public class ContractTests
{
    private static readonly DateOnly June30 = new(2003, 6, 30);

    private static Contract Make(string start, string? end) =>
        new("C1", "Aoyama Trading Co., Ltd.", "dedicated_ip", Bandwidth.FromKbps(128), DateOnly.Parse(start), end is null ? null : DateOnly.Parse(end));

    [Theory]
    [InlineData("2003-06-30", null, true)] // starts on the period end: counted
    [InlineData("2003-07-01", null, false)] // starts after it
    [InlineData("2001-01-01", "2003-06-30", false)] // ends on the period end: no longer counted
    [InlineData("2001-01-01", "2003-07-01", true)] // ends the day after
    [InlineData("2001-01-01", "2003-06-29", false)]
    [InlineData("2001-01-01", null, true)]
    public void Is_in_force_from_its_start_until_the_day_before_its_end(string start, string? end, bool inForce) =>
        Make(start, end).InForceAt(June30).ShouldBe(inForce);
}
