using Kessan.Cli.Commands;
using Kessan.Publish;
using Kessan.Tests.Build;

namespace Kessan.Tests.Publish;

/// <summary><c>kessan build --format</c>: the formats chosen are written, all or nothing; a wrong choice writes nothing.</summary>
public class FormatTests
{
    [Fact]
    public void Only_the_chosen_formats_are_written_with_rounding_txt()
    {
        var output = Path.Combine(Path.GetTempPath(), "kessan-format-" + Guid.NewGuid().ToString("N"));
        try
        {
            var code = BuildCommand.Write(ExampleRelease.Output, output, TextWriter.Null, TextWriter.Null, "txt,xlsx");
            code.ShouldBe(0);
            Directory.GetFiles(output).Select(Path.GetFileName).Order().ShouldBe(["release.txt", "release.xlsx", "rounding.txt"]);
        }
        finally
        {
            if (Directory.Exists(output))
            {
                Directory.Delete(output, true);
            }
        }
    }

    [Fact]
    public void Xhtml_brings_its_extension_taxonomy()
    {
        var files = ReleaseOutputs.Render(ExampleRelease.Output, ["xhtml"]).Value!;
        files.Keys.Order().ShouldBe(["ext-20030630.xsd", "ext-20030630_cal.xml", "ext-20030630_lab.xml", "release.xhtml", "rounding.txt"]);
    }

    [Fact]
    public void An_unknown_format_is_reported_and_nothing_is_written()
    {
        var output = Path.Combine(Path.GetTempPath(), "kessan-format-" + Guid.NewGuid().ToString("N"));
        var errors = new StringWriter();
        BuildCommand.Write(ExampleRelease.Output, output, TextWriter.Null, errors, "txt,docx").ShouldBe(2);
        errors.ToString().ShouldContain("publish.unknown-format");
        errors.ToString().ShouldContain("'docx'");
        Directory.Exists(output).ShouldBeFalse();
        ReleaseOutputs.Parse(" , ").Diagnostics.Single().Code.ShouldBe(PublishCodes.UnknownFormat);
    }

    [Fact]
    public void Pdf_without_a_browser_is_a_problem_that_names_what_to_install()
    {
        var rendered = ReleaseOutputs.Render(ExampleRelease.Output, ["txt", "pdf"], printPdf: null);
        var problem = rendered.Diagnostics.Single();
        problem.Code.ShouldBe("publish.no-browser");
        problem.Message.ShouldContain("apt-get install chromium");
    }

    [Fact]
    public void A_browser_that_prints_nothing_is_reported()
    {
        var printed = ChromiumPrinter.Print("/bin/true", "<html></html>");
        printed.Value.ShouldBeNull();
        printed.Diagnostics.Single().Code.ShouldBe("publish.print-failed");
    }
}
