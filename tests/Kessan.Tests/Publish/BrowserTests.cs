using System.Diagnostics;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using Kessan.Build;
using Kessan.Publish;
using Kessan.Render;
using Kessan.Tests.Build;
using UglyToad.PdfPig;

namespace Kessan.Tests.Publish;

/// <summary>
/// The page in a real browser (Debian's Chromium, headless; .ci/run installs it): it lays out without horizontal
/// overflow and its text holds every figure; release.pdf printed from it holds every figure of every table, each table
/// on one page, and numbers its pages "Page N of M".
/// </summary>
public class BrowserTests
{
    private const string NoBrowser = "Chromium is not installed (.ci/run installs it with apt-get install chromium; or set KESSAN_CHROMIUM)";

    private static string Html => HtmlRenderer.Render(ExampleRelease.Output.Document!,
        new HtmlOptions(ExampleRelease.Output.Definition!, Frame: ReleaseFrameLoader.Load(ExampleRelease.Output.Definition!).Value!));

    private static readonly Lazy<byte[]?> Pdf = new(() =>
        ChromiumPrinter.Find() is { } browser ? ChromiumPrinter.Print(browser, Html).Value : null);

    private static IEnumerable<string> Figures() =>
        ExampleRelease.Output.Document!.Tables.SelectMany(t => t.Rows).SelectMany(r => r.Cells).Where(c => c.Shown is not null).Select(c => c.Text).Distinct();

    [Fact]
    public void The_page_lays_out_without_horizontal_overflow_and_shows_every_figure()
    {
        var browser = ChromiumPrinter.Find();
        Assert.SkipWhen(browser is null, NoBrowser);
        var work = Directory.CreateTempSubdirectory("kessan-layout-");
        try
        {
            // A script added to a copy of the page measures it once laid out, at the width of an A4 page.
            const string probe = """
                <script>
                const width = document.documentElement.clientWidth;
                const wide = [...document.querySelectorAll('table, p, h1, h2, li')].filter(e => e.getBoundingClientRect().right > width + 1).map(e => e.closest('[id]')?.id ?? e.tagName);
                const out = document.createElement('pre');
                out.id = 'kessan-probe';
                out.textContent = JSON.stringify({ width, scroll: document.documentElement.scrollWidth, wide }) + '\n' + document.body.innerText;
                document.body.appendChild(out);
                </script>
                """;
            var page = Path.Combine(work.FullName, "release.html");
            File.WriteAllText(page, Html.Replace("</body>", probe + "</body>", StringComparison.Ordinal));
            var dom = Run(browser!, work.FullName, "--window-size=794,1123", "--dump-dom", new Uri(page).AbsoluteUri);
            var probed = new HtmlParser().ParseDocument(dom).GetElementById("kessan-probe")?.TextContent;
            probed.ShouldNotBeNull("the browser ran the page's probe");
            var measures = probed.Split('\n')[0];
            measures.ShouldContain("\"wide\":[]", Case.Sensitive, $"nothing may stick out to the right: {measures}");
            var sizes = Regex.Match(measures, "\"width\":(\\d+),\"scroll\":(\\d+)");
            sizes.Success.ShouldBeTrue(measures);
            int.Parse(sizes.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture)
                .ShouldBeLessThanOrEqualTo(int.Parse(sizes.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), $"the page scrolls sideways: {measures}");
            var text = probed;
            Figures().Where(f => !text.Contains(f, StringComparison.Ordinal)).ShouldBeEmpty("every figure is in the page's text");
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    [Fact]
    public void The_pdf_holds_every_figure_of_every_table_and_numbers_its_pages()
    {
        Assert.SkipWhen(ChromiumPrinter.Find() is null, NoBrowser);
        Pdf.Value.ShouldNotBeNull("the browser printed the page");
        using var pdf = PdfDocument.Open(Pdf.Value);
        var pages = pdf.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))).ToList();
        pages.Count.ShouldBeInRange(6, 20);
        for (var i = 0; i < pages.Count; i++)
        {
            pages[i].ShouldContain($"Page {i + 1} of {pages.Count}");
            pages[i].ShouldContain("IIJ Announces First Quarter 2003 Results", Case.Sensitive, "the running header is on every page");
        }

        var all = string.Join("\n", pages);
        var words = all.Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        Figures().Where(f => !words.Contains(f)).ShouldBeEmpty("every figure of every table is a word of the PDF");
    }

    [Fact]
    public void No_table_is_split_across_pages()
    {
        Assert.SkipWhen(ChromiumPrinter.Find() is null, NoBrowser);
        using var pdf = PdfDocument.Open(Pdf.Value!);
        var pages = pdf.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))).ToList();
        foreach (var table in ExampleRelease.Output.Document!.Tables)
        {
            var first = string.Join(" ", table.Rows.First(r => !r.IsHeading).Cells.Where(c => c.Shown is not null).Select(c => c.Text));
            var last = string.Join(" ", table.Rows.Last().Cells.Where(c => c.Shown is not null).Select(c => c.Text));
            pages.Any(p => p.Contains(first, StringComparison.Ordinal) && p.Contains(last, StringComparison.Ordinal))
                .ShouldBeTrue($"{table.Id}: its first row ({first}) and last row ({last}) are on one page");
        }
    }

    private static string Run(string browser, string work, params string[] arguments)
    {
        var start = new ProcessStartInfo(browser) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--user-data-dir=" + Path.Combine(work, "profile") }.Concat(arguments))
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit(120_000).ShouldBeTrue("the browser finished");
        _ = stderr.Result;
        return output;
    }
}
