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

    /// <summary>
    /// The quick readers of an amount held in the line buffer (the general one, and the vector one for a commodity and
    /// a number in groups of three) read only what the full parser reads the same, on any text: random pieces of
    /// amounts, and well-formed amounts, with random bytes (digits and commas among them) around them in the buffer.
    /// What they take must be read the same by the full parser (value, decimals, commodity); the vector reader must
    /// give what the general one gives.
    /// </summary>
    [Fact]
    public void The_quick_readers_of_amounts_in_the_line_buffer_agree_with_the_full_parser_on_any_text()
    {
        var random = new Random(20261202);
        string[] pieces = ["0", "1", "5", "9", "12", "123", "1,000", ",", ",123", ",12", ",1234", ".", ".5", " ", "  ", "-", "+", "JPY", "JPYX", "¥", "$", "\"", "x", "USD", "JP", "é"];
        var around = "0123456789,.- JPY¥x"u8.ToArray();
        // The commodity named last: JPY or ¥, alone or with how it was last written before the number.
        ShortName[] knowns =
        [
            Known("JPY", ""), Known("JPY", "JPY "), Known("JPY", "JPY"), Known("JPY", "JPY  "), Known("¥", "¥"), Known("¥", "¥ "),
        ];
        int grouped = 0, agreed = 0, learnedAgain = 0;
        for (var n = 0; n < 200_000; n++)
        {
            string text;
            if (random.Next(2) == 0)
            {
                var sb = new StringBuilder();
                for (var k = random.Next(1, 7); k > 0; k--)
                {
                    sb.Append(pieces[random.Next(pieces.Length)]);
                }

                text = sb.ToString().Trim(' ');
            }
            else
            {
                var value = random.NextInt64(0, 1_000_000_000_000_000) / (long)Math.Pow(10, random.Next(0, 16));
                var number = random.Next(4) == 0 ? value.ToString(CultureInfo.InvariantCulture) : value.ToString("#,0", CultureInfo.InvariantCulture);
                var commodity = new[] { "JPY", "USD", "¥", "$", "JPYX", "J" }[random.Next(6)];
                text = random.Next(6) switch
                {
                    0 => $"-{commodity} {number}",
                    1 => $"{commodity} -{number}",
                    2 => $"{commodity}{number}",
                    3 => $"-{commodity}  {number}",
                    4 => $"-{commodity} -{number}", // not a number: two minus signs
                    _ => $"{commodity} {number}",
                };
            }

            if (text.Length == 0)
            {
                continue;
            }

            var amount = Encoding.UTF8.GetBytes(text);
            var before = random.Next(0, 24);
            var buffer = new byte[before + amount.Length + 8];
            for (var i = 0; i < buffer.Length; i++)
            {
                buffer[i] = around[random.Next(around.Length)];
            }

            amount.CopyTo(buffer, before);
            var end = before + amount.Length;
            var at = LedgerText.TryParseAmountAt(ref buffer[0], before, end, out var units, out var decimals, out var cs, out var cl);
            LedgerText.TryParseAmountFast(amount, out var units2, out _, out _, out _).ShouldBe(at, text);
            if (at)
            {
                var full = LedgerText.TryParseAmount(amount, out var value, out var fullStart, out var fullLength);
                (full, value.Value, value.Decimals, Encoding.UTF8.GetString(amount, fullStart, fullLength))
                    .ShouldBe((true, units / 10_000m, decimals, Encoding.UTF8.GetString(buffer, cs, cl)), text);
                units2.ShouldBe(units, text);
                agreed++;
            }

            var known = knowns[random.Next(knowns.Length)];
            if (end >= 16 && LedgerText.TryParseGroupedAmount(ref buffer[0], before, end, known, out var units3, out var cs3, out var cl3, out var isKnown, out var prefix))
            {
                grouped++;
                (at, units3, decimals, cs3, cl3).ShouldBe((true, units, 0, cs, cl), text);
                if (isKnown)
                {
                    buffer.AsSpan(cs3, cl3).SequenceEqual(BitConverter.GetBytes(known.Bits).AsSpan(0, known.Length)).ShouldBeTrue(text);
                }

                // How the commodity was written, learned from this amount, recognises it again in one comparison.
                if (prefix is > 0 and <= 8)
                {
                    var learned = new ShortName
                    {
                        Bits = Bits(buffer.AsSpan(cs3, cl3)), Length = cl3, Id = 7,
                        PrefixBits = Bits(buffer.AsSpan(cs3, prefix)), PrefixLength = prefix,
                    };
                    LedgerText.TryParseGroupedAmount(ref buffer[0], before, end, learned, out var units4, out var cs4, out var cl4, out var isKnown4, out var prefix4).ShouldBeTrue(text);
                    (units4, cs4, cl4, isKnown4, prefix4).ShouldBe((units, cs, cl, true, 0), text);
                    learnedAgain++;
                }
            }
        }

        grouped.ShouldBeGreaterThan(20_000); // the vector reader did take the common amounts
        agreed.ShouldBeGreaterThan(80_000);
        learnedAgain.ShouldBeGreaterThan(5_000);
    }

    private static ShortName Known(string name, string prefix) => new()
    {
        Bits = Bits(Encoding.UTF8.GetBytes(name)), Length = Encoding.UTF8.GetByteCount(name), Id = 7,
        PrefixBits = Bits(Encoding.UTF8.GetBytes(prefix)), PrefixLength = Encoding.UTF8.GetByteCount(prefix),
    };

    /// <summary>Up to 8 bytes as one little-endian number, as the readers compare them.</summary>
    private static ulong Bits(ReadOnlySpan<byte> bytes)
    {
        var bits = 0UL;
        for (var i = Math.Min(8, bytes.Length) - 1; i >= 0; i--)
        {
            bits = (bits << 8) | bytes[i];
        }

        return bits;
    }
}
