using System.Globalization;
using System.Text.RegularExpressions;
using FsCheck;
using FsCheck.Fluent;
using Kessan.Verify.Numbers;
using Interval = Kessan.Verify.Numbers.Interval;

namespace Kessan.Tests.Verify;

/// <summary>Figures as printed, and the interval arithmetic every check relies on.</summary>
public sealed partial class NumberTests
{
    [Theory]
    [InlineData("3,321", 3321, 0, false)]
    [InlineData("(5.7%)", -5.7, 1, true)]
    [InlineData("-5.7%", -5.7, 1, true)]
    [InlineData("(5.7)", -5.7, 1, false)]
    [InlineData("\\$ 1,234.5", 1234.5, 1, false)]
    [InlineData("$(2,567)", -2567, 0, false)]
    [InlineData("(1,989,090)", -1989090, 0, false)]
    [InlineData("-43.98", -43.98, 2, false)]
    [InlineData("12.0⁽¹⁾", 12.0, 1, false)]
    [InlineData("(9)", -9, 0, false)]
    public void Parses_release_notation(string text, double value, int decimals, bool percent)
    {
        var f = FigureParser.Parse(text).ShouldNotBeNull();
        f.Value.ShouldBe((decimal)value);
        f.Decimals.ShouldBe(decimals);
        f.IsPercent.ShouldBe(percent);
    }

    [Theory]
    [InlineData("-")]
    [InlineData("—")]
    public void Dash_is_zero(string text) => FigureParser.Parse(text).ShouldNotBeNull().IsDash.ShouldBeTrue();

    [Theory]
    [InlineData("Revenues")]
    [InlineData("1Q03")]
    [InlineData("Jun 30, 2003")]
    [InlineData("nm")]
    [InlineData("12,34")]
    public void Text_is_not_a_figure(string text) => FigureParser.Parse(text).ShouldBeNull();

    [Fact]
    public void A_rounded_figure_stands_for_half_a_unit_either_side()
    {
        var f = FigureParser.Parse("2,534")!;
        f.Range.ShouldBe(new Interval(2533.5m, 2534.5m));
        FigureParser.Parse("5.7%")!.Range.ShouldBe(new Interval(5.65m, 5.75m));
    }

    [Fact]
    public void Printing_then_parsing_gives_the_same_value() =>
        Prop.ForAll(ArbMap.Default.ArbFor<int>(), ArbMap.Default.ArbFor<byte>(), (raw, d) =>
        {
            var decimals = d % 4;
            var value = raw / Figure.Pow10(decimals);
            var text = Figure.Format(value, decimals);
            var parsed = FigureParser.Parse(text.StartsWith('-') ? "(" + text[1..] + ")" : text);
            return parsed is not null && parsed.Value == value && parsed.Decimals == decimals;
        }).QuickCheckThrowOnFailure();

    /// <summary>How numbers were read before the hand-written reader: a pattern, then decimal parsing without the commas.</summary>
    [GeneratedRegex(@"^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?$|^\.(\d+)$")]
    private static partial Regex NumberPattern();

    private static (decimal Value, int Decimals)? ReadByPattern(string s)
    {
        var m = NumberPattern().Match(s);
        if (!m.Success || s.Count(char.IsDigit) > 15)
        {
            return null;
        }

        var decimals = m.Groups[1].Success ? m.Groups[1].Length : m.Groups[2].Success ? m.Groups[2].Length : 0;
        return decimal.TryParse(s.Replace(",", "", StringComparison.Ordinal), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var v) ? (v, decimals) : null;
    }

    [Theory]
    [InlineData("1,234.50")]
    [InlineData(".84")]
    [InlineData("0.00")]
    [InlineData("1234,567")]
    [InlineData("12,34")]
    [InlineData("1.")]
    [InlineData(",123")]
    [InlineData("1,234,")]
    [InlineData("123456789012345")]
    [InlineData("1234567890123456")]
    [InlineData("１２３")]
    [InlineData("12\n")]
    [InlineData("")]
    public void The_number_reader_agrees_with_the_pattern_it_replaces(string text) => AgreesWithPattern(text).ShouldBeTrue(text);

    [Fact]
    public void The_number_reader_agrees_with_the_pattern_on_any_digits_commas_and_points() =>
        Prop.ForAll(Gen.ArrayOf(Gen.Elements('0', '1', '5', '9', ',', '.', '٣')).Select(cs => new string(cs)).ToArbitrary(), AgreesWithPattern)
            .Check(Config.QuickThrowOnFailure.WithMaxTest(5000));

    /// <summary>Same value, same decimals, and the same scale inside the decimal (so "1.50" prints as it did).</summary>
    private static bool AgreesWithPattern(string s)
    {
        var expected = ReadByPattern(s);
        var ok = FigureParser.TryReadNumber(s, out var value, out var decimals);
        return expected is { } e
            ? ok && value == e.Value && decimals == e.Decimals && decimal.GetBits(value).SequenceEqual(decimal.GetBits(e.Value))
            : !ok;
    }

    [Fact]
    public void Units_and_half_units_of_decimals_are_one_divided_by_ten_that_many_times_and_halved()
    {
        var r = 1m;
        for (var k = 0; k <= 28; k++)
        {
            decimal.GetBits(Figure.Pow10(-k)).ShouldBe(decimal.GetBits(r), $"10^-{k}");
            var figure = new Figure(1, k, false, false, "1", 0, 0);
            decimal.GetBits(figure.HalfUnit).ShouldBe(decimal.GetBits(r / 2), $"half of 10^-{k}");
            r /= 10;
        }
    }

    [Fact]
    public void Sums_of_intervals_contain_sums_of_members() =>
        Prop.ForAll(ArbMap.Default.ArbFor<int>(), ArbMap.Default.ArbFor<int>(), ArbMap.Default.ArbFor<byte>(), (a, b, w) =>
        {
            var x = Interval.Around(a, w / 10m);
            var y = Interval.Around(b, w / 20m);
            var sum = x + y;
            var diff = x - y;
            return sum.Contains(a + b) && sum.Contains(x.Hi + y.Lo) && diff.Contains(a - b) && diff.Contains(x.Lo - y.Hi);
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void Quotients_contain_quotients_of_members() =>
        Prop.ForAll(ArbMap.Default.ArbFor<int>(), ArbMap.Default.ArbFor<int>(), (a, b) =>
        {
            if (Math.Abs(b) < 2)
            {
                return true;
            }

            var x = Interval.Around(a, 0.5m);
            var y = Interval.Around(b, 0.5m);
            var q = x.DividedBy(y)!.Value;
            return q.Contains((decimal)a / b) && q.Contains(x.Lo / y.Hi) && q.Contains(x.Hi / y.Lo);
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void Division_by_a_range_containing_zero_is_refused() =>
        Interval.Around(5, 1).DividedBy(Interval.Around(0.2m, 0.5m)).ShouldBeNull();

    [Fact]
    public void Any_correctly_rounded_total_foots_with_its_rounded_items() =>
        Prop.ForAll(ArbMap.Default.ArbFor<int[]>(), values =>
        {
            // Exact values in thousands, shown in millions: the shown total always overlaps the sum of shown items.
            var exact = values.Take(8).Select(v => (decimal)Math.Abs(v % 10_000_000)).ToList();
            if (exact.Count < 2)
            {
                return true;
            }

            var shown = exact.Select(v => Math.Round(v / 1000, 0, MidpointRounding.AwayFromZero)).ToList();
            var total = Math.Round(exact.Sum() / 1000, 0, MidpointRounding.AwayFromZero);
            var sum = shown.Aggregate(Interval.Exact(0), (acc, s) => acc + Interval.Around(s, 0.5m));
            return sum.Overlaps(Interval.Around(total, 0.5m));
        }).QuickCheckThrowOnFailure();
}
