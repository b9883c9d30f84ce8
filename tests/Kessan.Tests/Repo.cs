namespace Kessan.Tests;

/// <summary>Paths of the repository and of the test documents kept in it.</summary>
internal static class Repo
{
    public static string Root { get; } = FindRoot();

    public static string Example => Path.Combine(Root, "examples", "iij-2003q1");

    public static string Seed => Path.Combine(Root, "tests", "data", "seeds", "002_55af39662756e4d2.txt");

    public static string Golden(string name) => Path.Combine(Root, "tests", "Kessan.Tests", "Golden", name);

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Kessan.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Kessan.slnx not found above the test binaries");
    }

    /// <summary>Copies the bundled example into <paramref name="target"/> (a scratch folder a test may change).</summary>
    public static string CopyExample(string target)
    {
        foreach (var file in Directory.EnumerateFiles(Example, "*", SearchOption.AllDirectories))
        {
            var to = Path.Combine(target, Path.GetRelativePath(Example, file));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(file, to);
        }

        return target;
    }

    /// <summary>Compares with a golden file; with KESSAN_UPDATE_GOLDEN=1 rewrites it instead.</summary>
    public static void MatchesGolden(string actual, string goldenPath)
    {
        if (Environment.GetEnvironmentVariable("KESSAN_UPDATE_GOLDEN") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(goldenPath)!);
            File.WriteAllText(goldenPath, actual);
        }

        File.Exists(goldenPath).ShouldBeTrue($"golden file {goldenPath} is missing; run the tests with KESSAN_UPDATE_GOLDEN=1 to create it");
        actual.ShouldBe(File.ReadAllText(goldenPath), $"output differs from {goldenPath}; if the change is intended, rerun with KESSAN_UPDATE_GOLDEN=1 and review the diff");
    }
}
