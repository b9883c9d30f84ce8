using Kessan.Cli;
using Kessan.Publish;

namespace Kessan.Tests.Build;

/// <summary>
/// The same definition built twice gives the same bytes in every file, so two builds of one release can be compared
/// with a plain diff. The PDF, printed by a browser that may not be installed, is checked where one is.
/// </summary>
public sealed class ReproducibleBuildTests : IDisposable
{
    private readonly string work = Path.Combine(Path.GetTempPath(), "kessan-repro-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(work))
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private string BuildInto(string name)
    {
        var outDir = Path.Combine(work, name);
        var stderr = new StringWriter();
        KessanCli.Run(["build", Repo.Example, "--out", outDir, "--format", string.Join(",", ReleaseOutputs.SelfContained)], new StringWriter(), stderr)
            .ShouldBe(ExitCodes.Ok, stderr.ToString());
        return outDir;
    }

    [Fact]
    public void Building_the_example_twice_gives_byte_identical_files()
    {
        var first = BuildInto("first");
        var second = BuildInto("second");
        var files = Directory.EnumerateFiles(first, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(first, f)).Order(StringComparer.Ordinal).ToList();
        Directory.EnumerateFiles(second, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(second, f)).Order(StringComparer.Ordinal)
            .ShouldBe(files);
        files.ShouldContain("release.xlsx");
        foreach (var file in files)
        {
            File.ReadAllBytes(Path.Combine(second, file)).SequenceEqual(File.ReadAllBytes(Path.Combine(first, file)))
                .ShouldBeTrue($"{file} differs between two builds of the same definition");
        }
    }

    [Fact]
    public void The_times_a_browser_stamps_on_a_pdf_are_fixed_in_place()
    {
        var printed = "%PDF-1.4\n<</Creator (Chromium)/CreationDate (D:20261202123831+00'00')/ModDate (D:20261202123831+00'00')>>\n"u8.ToArray();
        var length = printed.Length;
        var fixedDates = System.Text.Encoding.ASCII.GetString(ChromiumPrinter.WithFixedDates(printed));
        fixedDates.ShouldBe("%PDF-1.4\n<</Creator (Chromium)/CreationDate (D:19800101000000+00'00')/ModDate (D:19800101000000+00'00')>>\n");
        fixedDates.Length.ShouldBe(length);
    }

    [Fact]
    public void Printing_the_release_twice_gives_the_same_pdf()
    {
        Assert.SkipWhen(ChromiumPrinter.Find() is null, "No Chromium browser on this machine (apt-get install -y chromium).");
        var html = File.ReadAllText(Path.Combine(BuildInto("page"), "release.html"));
        var first = ChromiumPrinter.Print(ChromiumPrinter.Find()!, html).Value.ShouldNotBeNull();
        Thread.Sleep(1100); // a second later: the time the browser stamps differs
        var second = ChromiumPrinter.Print(ChromiumPrinter.Find()!, html).Value.ShouldNotBeNull();
        second.SequenceEqual(first).ShouldBeTrue("two prints of the same release differ");
    }
}
