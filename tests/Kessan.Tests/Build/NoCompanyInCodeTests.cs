namespace Kessan.Tests.Build;

/// <summary>
/// A company is described by its definition files: the source names none of the bundled examples' companies, nor
/// their group's entities, services, KPI concepts or partners (those are in the examples' text files).
/// </summary>
public class NoCompanyInCodeTests
{
    [Theory]
    [InlineData("iij")]
    [InlineData("internet initiative")]
    [InlineData("arista")]
    [InlineData("ij4u")]
    [InlineData("l-mode")]
    [InlineData("ntt east")]
    [InlineData("dedicated_ip")]
    [InlineData("dc_connectivity")]
    [InlineData("other_dialup")]
    [InlineData("kpi.contracts.ip_")]
    [InlineData("kpi.accounts.")]
    [InlineData("kpi.bandwidth.")]
    [InlineData("crosswave")]
    [InlineData("net-care")]
    [InlineData("other_current_liabilities")]
    [InlineData("general_and_administrative")]
    [InlineData("4Q01")]
    public void The_source_does_not_name_a_company(string name)
    {
        var hits = Directory.EnumerateFiles(Path.Combine(Repo.Root, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (f, i, line)))
            .Where(x => x.line.Contains(name, StringComparison.OrdinalIgnoreCase))
            .Select(x => $"{Path.GetRelativePath(Repo.Root, x.f)}:{x.i + 1}: {x.line.Trim()}")
            .ToList();
        hits.ShouldBeEmpty();
    }
}
