using Kessan.Diagnostics;
using Kessan.Verify;
using Kessan.Verify.Findings;

namespace Kessan.Tests.Verify;

/// <summary>
/// Ratio rows read from the figures (a five-year summary's net debt-to-equity, price to book, return on assets) and a
/// convenience translation between columns of different scales ("(Bn JPY)" beside "(Mn USD)").
/// </summary>
public sealed class RatioTests
{
    private static List<Diagnostic> Findings(string text) => Verified.Findings(text, "t.md");

    private static List<Diagnostic> Errors(string text) => Verified.Errors(text, "t.md");

    private static string Change(string text, string from, string to) => Verified.Change(text, from, to);

    // Mitsui & Co.'s ten-year data, cut to what the checks need (Bn JPY; per share in JPY).
    private const string Summary = """
        Financial Data

        | | FY March 2020 | FY March 2021 | FY March 2022 | FY March 2023 | FY March 2024 |
        |---|---|---|---|---|---|
        | Profit for the Year Attributable to Owners of the Parent | 391.5 | 335.5 | 914.7 | 1,130.6 | 1,063.7 |
        | Total Assets | 11,806.3 | 12,515.8 | 14,923.3 | 15,380.9 | 16,899.5 |
        | Total Equity Attributable to Owners of the Parent | 3,817.7 | 4,570.4 | 5,605.2 | 6,367.8 | 7,541.8 |
        | Net Interest-bearing Debt | 3,486.7 | 3,299.8 | 3,338.9 | 3,212.7 | 3,398.1 |
        | Return on Assets (ROA) (%) | 3.3% | 2.8% | 6.7% | 7.5% | 6.6% |
        | Net Debt-to-Equity Ratio (Net DER)(times) | 0.91 | 0.72 | 0.60 | 0.50 | 0.45 |
        | Book value per share | 2,235.83 | 2,739.28 | 3,501.21 | 4,177.49 | 5,036.80 |
        | Market Capitalization | 2,567.3 | 3,849.9 | 5,340.8 | 6,289.7 | 10,691.9 |
        | Share Price (JPY) | 1,503.5 | 2,302.2 | 3,328.0 | 4,116.0 | 7,106.0 |
        | Price to Book-Value Ratio (PBR) (times) | 0.67 | 0.84 | 0.95 | 0.99 | 1.41 |

        """;

    [Fact]
    public void A_ratio_row_is_checked_against_the_two_rows_its_figures_divide()
    {
        Errors(Summary).ShouldBeEmpty();
        var e = Errors(Change(Summary, "| 5,605.2 |", "| 6,605.2 |")).ShouldHaveSingleItem();
        e.Code.ShouldBe(FindingCodes.RatioWrong);
        e.Message.ShouldContain("Net Debt-to-Equity");
        e.Message.ShouldContain("0.51");
    }

    [Fact]
    public void Every_ratio_checked_is_listed_with_its_figures()
    {
        var report = Verifier.VerifyText("t.md", Summary);
        report.Coverage!.Kinds[RelationKind.Ratio].Checked.ShouldBeGreaterThanOrEqualTo(14);
        report.Coverage.Explained.ShouldContain(x => x.Contains("\"Net Interest-bearing Debt\" 3,398.1 over \"Total Equity Attributable to Owners of the Parent\" 7,541.8", StringComparison.Ordinal));
    }

    [Fact]
    public void A_return_on_assets_divides_by_the_average_of_the_opening_and_closing_balance()
    {
        // 335.5 over the average of 21,806.3 and 12,515.8 is 2.0%, not the 2.8% printed; the other three years hold.
        Errors(Change(Summary, "| 11,806.3 |", "| 21,806.3 |")).ShouldHaveSingleItem().Message.ShouldContain("over the average of \"Total Assets\"");
    }

    [Fact]
    public void An_approximate_pair_does_not_outvote_the_exact_one()
    {
        // Market capitalisation over equity gives price to book in four years of five (1.42 against 1.41 in the last):
        // share price over book value per share gives it in all five, so a changed book value per share is an error.
        Errors(Change(Summary, "| 2,235.83 |", "| 3,235.83 |")).ShouldHaveSingleItem().Message.ShouldContain("Book value per share");
    }

    [Fact]
    public void A_ratio_no_two_rows_give_is_not_checked_and_says_so()
    {
        var text = Change(Summary, "| Net Interest-bearing Debt | 3,486.7 | 3,299.8 | 3,338.9 | 3,212.7 | 3,398.1 |\n", "");
        var report = Verifier.VerifyText("t.md", text);
        report.Findings.ShouldNotContain(f => f.Severity == Severity.Error);
        report.Coverage!.Kinds[RelationKind.Ratio].Skipped.Keys.ShouldContain("no two rows whose quotient it is");
    }

    [Fact]
    public void A_ratio_that_never_moves_proves_no_pair()
    {
        // Three equal ratios are matched by any two rows that grow together: nothing is confirmed, nothing reported.
        const string text = """
            | | 2021 | 2022 | 2023 | 2024 |
            |---|---|---|---|---|
            | Revenue | 100 | 200 | 300 | 400 |
            | Cost | 50 | 100 | 150 | 210 |
            | Cost ratio (times) | 0.50 | 0.50 | 0.50 | 0.50 |

            """;
        Findings(text).ShouldNotContain(f => f.Code == FindingCodes.RatioWrong);
    }

    [Fact]
    public void A_divisor_of_nought_is_passed_over()
    {
        // The pair holds in four columns of five; the fifth divides by nought and is neither checked nor a crash.
        const string text = """
            | | 2020 | 2021 | 2022 | 2023 | 2024 |
            |---|---|---|---|---|---|
            | Net debt | 30 | 40 | 50 | 60 | 10 |
            | Equity | 100 | 100 | 100 | 120 | 0 |
            | Net debt to equity ratio (times) | 0.30 | 0.40 | 0.50 | 0.50 | 0.45 |

            """;
        var report = Verifier.VerifyText("t.md", text);
        report.Findings.ShouldNotContain(f => f.Code == FindingCodes.RatioWrong);
        report.Coverage!.Kinds[RelationKind.Ratio].Checked.ShouldBe(4);
    }

    private const string Translated = """
        Financial Data

        | | | (Bn JPY) | (Mn USD) |
        |---|---|---|---|
        | | FY March 2023 | FY March 2024 | FY March 2024 |
        | Total Assets | 15,380.9 | 16,899.5 | 111,917 |
        | Total Equity Attributable to Owners of the Parent | 6,367.8 | 7,541.8 | 49,946 |
        | | | (JPY) | (USD) |
        | Basic earnings per share | 721.82 | 705.60 | 4.67 |
        | Dividend payout ratio | 19.4% | 24.1% | 24.1% |

        Notes: The USD amounts represent translations of the JPY amounts at the rate of USD/JPY 151.00, the approximate rate of exchange on March 31, 2024.

        """;

    [Fact]
    public void A_translation_between_columns_of_different_scales_is_checked_at_the_stated_rate()
    {
        var report = Verifier.VerifyText("t.md", Translated);
        report.Findings.ShouldNotContain(f => f.Severity == Severity.Error);
        // Amounts (billions of yen into millions of dollars) and per-share figures (yen into dollars), not the %.
        report.Coverage!.Kinds[RelationKind.Translation].Checked.ShouldBe(3);
        Errors(Change(Translated, "| 49,946 |", "| 59,946 |")).ShouldHaveSingleItem().Code.ShouldBe(FindingCodes.TranslationWrong);
        Errors(Change(Translated, "| 4.67 |", "| 5.67 |")).ShouldHaveSingleItem().Code.ShouldBe(FindingCodes.TranslationWrong);
    }

    [Theory]
    [InlineData("at the rate of USD/JPY 151.00, the approximate rate", "151.00")]
    [InlineData("translated at JPY 119.87 = US$1", "119.87")]
    [InlineData("at the rate of ¥151 to US$1", "151")]
    [InlineData("at US$1 = ¥151.00", "151.00")]
    [InlineData("at the rate of 110.50 yen to the U.S. dollar", "110.50")]
    public void The_exchange_rate_is_read_however_it_is_written(string sentence, string rate) =>
        Kessan.Verify.Checks.TranslationChecks.FindRate([sentence]).ShouldBe(decimal.Parse(rate, System.Globalization.CultureInfo.InvariantCulture));
}
