using FsCheck;
using FsCheck.Fluent;
using Kessan.Kpi;

namespace Kessan.Tests.Kpi;

public class BandwidthTests
{
    [Theory]
    [InlineData("64kbps", 64)]
    [InlineData("128Kbps", 128)]
    [InlineData("1.5Mbps", 1_500)]
    [InlineData("1.544 Mbps", 1_544)]
    [InlineData(" 10MBPS ", 10_000)]
    [InlineData("1Gbps", 1_000_000)]
    [InlineData("1.2Gbps", 1_200_000)]
    public void Reads_a_number_with_its_unit(string text, int kbps)
    {
        Bandwidth.TryParse(text, out var b).ShouldBeTrue();
        b.Kbps.ShouldBe(kbps);
    }

    [Theory]
    [InlineData("")]
    [InlineData("128")]
    [InlineData("1.5")]
    [InlineData("1.5Mb")]
    [InlineData("0kbps")]
    [InlineData("-1Mbps")]
    [InlineData("1,5Mbps")]
    [InlineData("fast")]
    public void Rejects_what_is_not_a_bandwidth(string text) => Bandwidth.TryParse(text, out _).ShouldBeFalse();

    [Fact]
    public void Units_are_decimal() => Bandwidth.FromGbps(1m).ShouldBe(Bandwidth.FromMbps(1_000m));

    [Theory]
    [InlineData(64, "64kbps")]
    [InlineData(1_500, "1.5Mbps")]
    [InlineData(1_200_000, "1.2Gbps")]
    [InlineData(100_000, "100Mbps")]
    public void Writes_in_the_largest_unit(int kbps, string text) => Bandwidth.FromKbps(kbps).ToString().ShouldBe(text);

    [Fact]
    public void What_is_written_reads_back_the_same() =>
        Prop.ForAll(
                ArbMap.Default.ArbFor<int>(),
                ArbMap.Default.ArbFor<byte>(),
                (n, scale) =>
                {
                    var kbps = (Math.Abs((long)n) + 1) / Kessan.Model.Fact.Pow10(scale % 4);
                    var b = Bandwidth.FromKbps(kbps);
                    return Bandwidth.TryParse(b.ToString(), out var back) && back == b;
                })
            .QuickCheckThrowOnFailure();
}
