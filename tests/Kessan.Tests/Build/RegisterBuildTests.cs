using Kessan.Build;
using Kessan.Diagnostics;
using Kessan.Render;

namespace Kessan.Tests.Build;

/// <summary>Tables 3 and 4 counted from the contract register give the same release as the KPI facts.</summary>
public sealed class RegisterBuildTests : IDisposable
{
    private readonly string work = Path.Combine(Path.GetTempPath(), "kessan-register-" + Guid.NewGuid().ToString("N"));

    public void Dispose() => Directory.Delete(work, recursive: true);

    [Fact]
    public void Building_with_kpis_from_the_register_gives_the_same_release()
    {
        Repo.CopyExample(work);

        var facts = Path.Combine(work, "facts.csv");
        File.WriteAllLines(facts, File.ReadAllLines(facts).Where(l => !l.StartsWith("kpi.", StringComparison.Ordinal)));
        File.AppendAllText(Path.Combine(work, "release.yaml"), "\nregister:\n  contracts: contracts.csv\n  kpis: kpis.yaml\n");

        var built = ReleasePipeline.Run(work);
        built.Diagnostics.Where(d => d.Severity == Severity.Error).ShouldBeEmpty();
        TextRenderer.Render(built.Document!, ReleaseFrameLoader.Load(built.Definition!).Value!).ShouldBe(ExampleRelease.Text);
    }
}
