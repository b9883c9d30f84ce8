using Kessan.Cli;
using Kessan.Publish;

namespace Kessan.Tests.Build;

/// <summary>
/// The same definition built twice gives the same bytes in every file, so two builds of one release can be compared
/// with a plain diff. PDF is left out: it is printed by a browser that may not be installed.
/// </summary>
public sealed class ReproducibleBuildTests : IDisposable
{
    private readonly string work = Path.Combine(Path.GetTempPath(), "kessan-repro-" + Guid.NewGuid().ToString("N"));

    public void Dispose() => Directory.Delete(work, recursive: true);

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
}
