using Kessan.Verify.Findings;
using Kessan.Verify.Reading;

namespace Kessan.Tests.Verify;

/// <summary>
/// An EDGAR text exhibit typed to 80 columns, with a wide table block the table reader does not take (officers in
/// columns), and sentences about one business unit of a table that shows each unit as a section: the unit named by
/// the heading above the paragraph ("this business unit had sales of $497 million") or in the sentence itself.
/// </summary>
public sealed class UnitSentenceTests
{
    private const string Exhibit = """
                                 ACME INSTRUMENTS, INC.

        OPERATING SEGMENTS

             Set forth below is a brief summary of each of the Company's two operating
        segments together with a description of their products.

          Optics

             Our Optics business unit produces lenses, detectors and lighting sources for
        the telecom and medical markets. In 2000, this business unit had sales of $497
        million, representing 58% of our total sales.

          Sensors

             Our Sensors business unit produces pressure and flow sensors for industrial
        customers. In 2000, Sensors had sales of $360 million.

          Overview

             Our instruments are sold in over 40 countries. In 2000, this business unit had
        sales of $612 million.

        EXECUTIVE OFFICERS

        <TABLE>
        <CAPTION>
        NAME                                                 POSITION                                      OFFICE
        ----                                                 --------                                      ------
        <S>                                                  <C>                                           <C>
        Jane Q. Smith......................................  Chairman of the Board and Chief Executive     Boston
        John R. Doe........................................  Senior Vice President and Chief Financial     Boston
        Mary T. Major......................................  Senior Vice President and General Counsel     Boston
        </TABLE>

        FINANCIAL INFORMATION ABOUT OPERATING SEGMENTS

             Sales and operating profit by segment for the three years ended December
        31, 2000 are shown in the table below:

        <TABLE>
        <CAPTION>
        (IN THOUSANDS)                                       2000          1999         1998
        --------------                                    ----------    ----------    --------
        <S>                                               <C>           <C>           <C>
        OPTICS
        Sales...........................................  $  496,851    $  447,681    $274,506
        Operating Profit................................      96,931        40,317       4,133
        SENSORS
        Sales...........................................     359,754       325,311     237,537
        Operating Profit................................      45,071        31,078       3,887
        </TABLE>

        """;

    [Fact]
    public void Fixed_width_text_is_read_in_paragraphs_even_with_a_wide_table_block()
    {
        var doc = ReleaseLoader.Parse("exhibit.txt", Exhibit);
        doc.Paragraphs.ShouldContain(p => p.Text.Contains("this business unit had sales of $497 million, representing 58% of our total sales.", StringComparison.Ordinal));
    }

    [Fact]
    public void Sentences_that_agree_with_their_unit_give_no_error() => CheckTests.Errors(Exhibit).ShouldBeEmpty();

    [Theory]
    [InlineData("sales of $497", "sales of $597", 11)] // the unit named by the heading above the paragraph
    [InlineData("sales of $360", "sales of $460", 17)] // the unit named in the sentence
    public void A_changed_amount_of_a_unit_is_found(string from, string to, int line)
    {
        var e = CheckTests.Errors(Exhibit.Replace(from, to, StringComparison.Ordinal));
        e.ShouldContain(f => f.Code == FindingCodes.NarrativeAmount && f.Line == line);
    }

    [Fact]
    public void A_heading_that_names_no_unit_of_the_tables_confirms_nothing() =>
        CheckTests.Errors(Exhibit.Replace("$612 million", "$912 million", StringComparison.Ordinal)).ShouldBeEmpty();
}
