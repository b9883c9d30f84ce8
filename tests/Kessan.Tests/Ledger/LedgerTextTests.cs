using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Kessan.Ledger;

namespace Kessan.Tests.Ledger;

public class LedgerTextTests
{
    private static (bool Ok, decimal Value, string Commodity) Full(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var ok = LedgerText.TryParseAmount(bytes, out var v, out var cs, out var cl);
        return (ok, ok ? v.Value : 0m, ok ? Encoding.UTF8.GetString(bytes.AsSpan(cs, cl)) : "");
    }

    private static (bool Ok, decimal Value, string Commodity) Fast(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var ok = LedgerText.TryParseAmountFast(bytes, out var units, out _, out var cs, out var cl);
        return (ok, ok ? units / 10_000m : 0m, ok ? Encoding.UTF8.GetString(bytes.AsSpan(cs, cl)) : "");
    }

    [Theory]
    [InlineData("JPY 1,000", "1000", "JPY")]
    [InlineData("-JPY 1,000", "-1000", "JPY")]
    [InlineData("JPY -1,000", "-1000", "JPY")]
    [InlineData("1000 JPY", "1000", "JPY")]
    [InlineData("-1,234,567 JPY", "-1234567", "JPY")]
    [InlineData("¥1000", "1000", "¥")]
    [InlineData("-¥1,000", "-1000", "¥")]
    [InlineData("$12.50", "12.5", "$")]
    [InlineData("1,000 \"Some Fund\"", "1000", "Some Fund")]
    [InlineData("42", "42", "")]
    [InlineData("0.0001 BTC", "0.0001", "BTC")]
    [InlineData("123456789012345678.123456 JPY", "123456789012345678.123456", "JPY")]
    public void Reads_amounts_as_journals_write_them(string text, string expected, string commodity)
    {
        var value = decimal.Parse(expected, CultureInfo.InvariantCulture);
        Full(text).ShouldBe((true, value, commodity));
        var fast = Fast(text);
        if (fast.Ok)
        {
            fast.ShouldBe((true, value, commodity));
        }
    }

    [Theory]
    [InlineData("JPY")]
    [InlineData("abc")]
    [InlineData("1.2.3")]
    [InlineData("1,000.5,0")]
    [InlineData("JPY 1.000,50")]
    [InlineData("--5")]
    [InlineData("-JPY -5")]
    [InlineData("1,,000")]
    [InlineData(",100")]
    [InlineData("5 JPY USD")]
    public void Rejects_what_is_not_an_amount(string text)
    {
        Full(text).Ok.ShouldBeFalse();
        Fast(text).Ok.ShouldBeFalse();
    }

    [Theory]
    [InlineData("2003-04-01", true)]
    [InlineData("2003/4/1", true)]
    [InlineData("2004-02-29", true)]
    [InlineData("2003-02-29", false)]
    [InlineData("2003-13-01", false)]
    [InlineData("2003-04-31", false)]
    [InlineData("03-04-01", false)]
    [InlineData("2003-04-01x", false)]
    public void Reads_only_real_dates(string text, bool ok) =>
        LedgerText.TryParseDate(Encoding.ASCII.GetBytes(text), out _, out _, out _).ShouldBe(ok);

    [Fact]
    public void The_fast_and_the_full_amount_parser_agree_on_every_notation() =>
        Prop.ForAll(
                ArbMap.Default.ArbFor<long>(),
                ArbMap.Default.ArbFor<byte>(),
                (raw, style) =>
                {
                    var decimals = style % 5;
                    var value = (raw % 100_000_000_000_000L) / (decimal)Math.Pow(10, decimals);
                    var abs = Math.Abs(value);
                    var minus = value < 0 ? "-" : "";
                    var format = decimals == 0 ? "#,0" : "#,0." + new string('0', decimals);
                    var grouped = abs.ToString(format, CultureInfo.InvariantCulture);
                    var plain = abs.ToString(decimals == 0 ? "0" : "0." + new string('0', decimals), CultureInfo.InvariantCulture);
                    var text = (style / 5 % 5) switch
                    {
                        0 => $"{minus}JPY {grouped}",
                        1 => $"JPY {minus}{grouped}",
                        2 => $"{minus}{plain} JPY",
                        3 => $"{minus}¥{grouped}",
                        _ => $"{minus}{grouped}",
                    };
                    var full = Full(text);
                    var fast = Fast(text);
                    return full.Ok && full.Value == value && (!fast.Ok || fast == full);
                })
            .QuickCheckThrowOnFailure();
}
