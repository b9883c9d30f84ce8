using Kessan.Kpi;

namespace Kessan.Tests.Kpi;

/// <summary>Finds files of the repository from the test's output folder.</summary>
internal static class Repo
{
    public static string Root { get; } = FindRoot();

    public static string File(string relative) => Path.Combine(Root, relative);

    /// <summary>The bundled example's KPI file (examples/iij-2003q1/kpis.yaml).</summary>
    public static KpiDefinition Kpis { get; } = KpiDefinition.LoadFile(File("examples/iij-2003q1/kpis.yaml")).Value!;

    /// <summary>The tiers of the example's tiered service.</summary>
    public static BandwidthTiers Tiers => Kpis.Services.Single(s => s.Tiers is not null).Tiers!;

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (System.IO.File.Exists(Path.Combine(dir.FullName, "Kessan.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Kessan.slnx not found above " + AppContext.BaseDirectory);
    }
}
