using FsCheck;
using FsCheck.Fluent;
using Kessan.Model;

namespace Kessan.Tests.Model;

public class MoneyTests
{
    private static readonly Currency Usd = Currency.Of("USD");
    private static readonly Currency Eur = Currency.Of("EUR");

    [Fact]
    public void Adding_amounts_of_two_currencies_is_a_bug()
    {
        Should.Throw<InvalidOperationException>(() => new Money(1m, Usd) + new Money(1m, Eur));
        Should.Throw<InvalidOperationException>(() => new Money(1m, Usd) < new Money(1m, Eur));
        (new Money(1.5m, Usd) + new Money(2m, Usd)).ShouldBe(new Money(3.5m, Usd));
    }

    [Fact]
    public void A_rate_translates_only_its_own_currency()
    {
        var rate = new ExchangeRate(Currency.Of("JPY"), Usd, 119.87m, new DateOnly(2003, 6, 30));
        rate.Translate(new Money(119_870m, Currency.Of("JPY"))).ShouldBe(new Money(1_000m, Usd));
        Should.Throw<InvalidOperationException>(() => rate.Translate(new Money(1m, Eur)));
        Should.Throw<ArgumentOutOfRangeException>(() => new ExchangeRate(Eur, Usd, 0m, new DateOnly(2026, 6, 30)));
    }

    [Theory]
    [InlineData("USD", "USD")]
    [InlineData("USD/share", "USD")]
    [InlineData("GBP", "GBP")]
    [InlineData("JPY/ADS", "JPY")]
    [InlineData("ADS", null)]
    [InlineData("shares", null)]
    [InlineData("pure", null)]
    public void The_currency_of_a_unit(string unit, string? code) =>
        Currency.OfUnit(unit)?.Code.ShouldBe(code);

    [Fact]
    public void Symbols_go_on_their_side()
    {
        Usd.Decorate("1.2").ShouldBe("$1.2");
        Currency.Of("GBP").Decorate("3").ShouldBe("£3");
        Currency.Of("SEK").Decorate("3").ShouldBe("3 kr");
        Currency.Of("NOK").Decorate("3").ShouldBe("NOK 3");
    }

    [Fact]
    public void Sums_are_exact_and_undo() =>
        Prop.ForAll<decimal, decimal>((a, b) =>
        {
            var x = new Money(a, Usd);
            var y = new Money(b, Usd);
            return (x + y - y) == x && (x - y) == -(y - x);
        }).QuickCheckThrowOnFailure();
}
