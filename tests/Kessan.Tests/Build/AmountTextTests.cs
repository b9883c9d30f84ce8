using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using Kessan.Facts;

namespace Kessan.Tests.Build;

public class AmountTextTests
{
    [Theory]
    [InlineData("3,321,229", 3321229, 0)]
    [InlineData("-1,059,574", -1059574, 0)]
    [InlineData("(1,059,574)", -1059574, 0)]
    [InlineData("41.1", 41.1, 1)]
    [InlineData("0", 0, 0)]
    public void Reads_amounts_as_finance_people_write_them(string text, double expected, int digits)
    {
        AmountText.TryParse(text, out var value, out var fraction).ShouldBeTrue();
        value.ShouldBe((decimal)expected);
        fraction.ShouldBe(digits);
    }

    [Theory]
    [InlineData("12,34")]
    [InlineData("1,2345")]
    [InlineData("(-5)")]
    [InlineData("(5")]
    [InlineData("abc")]
    [InlineData("")]
    [InlineData("1.2.3")]
    public void Rejects_what_is_not_an_amount(string text) => AmountText.TryParse(text, out _, out _).ShouldBeFalse();

    [Fact]
    public void Any_amount_written_with_separators_reads_back_exactly() =>
        Prop.ForAll(
                ArbMap.Default.ArbFor<long>(),
                Gen.Choose(0, 4).ToArbitrary(),
                (units, decimals) =>
                {
                    var value = units / (decimal)Math.Pow(10, decimals);
                    var text = value.ToString("#,0." + new string('0', decimals), CultureInfo.InvariantCulture).TrimEnd('.');
                    return AmountText.TryParse(text, out var back, out _) && back == value;
                })
            .QuickCheckThrowOnFailure();
}
