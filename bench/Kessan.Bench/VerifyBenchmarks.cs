using BenchmarkDotNet.Attributes;
using Kessan.Verify;

namespace Kessan.Bench;

/// <summary>Verify of the seed release, in process, after warm-up (target: under 20 ms).</summary>
[MemoryDiagnoser]
[MinColumn]
[MedianColumn]
public class VerifyBenchmarks
{
    private string _text = "";

    [GlobalSetup]
    public void Setup() => _text = File.ReadAllText(Paths.Seed);

    [Benchmark]
    public int VerifySeed() => Verifier.VerifyText("seed.txt", _text).Findings.Count;
}

internal static class Paths
{
    public static string Root
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Kessan.slnx")))
            {
                dir = dir.Parent;
            }

            return dir?.FullName ?? Directory.GetCurrentDirectory();
        }
    }

    public static string Seed => Environment.GetEnvironmentVariable("KESSAN_SEED")
        ?? Path.GetFullPath(Path.Combine(Root, "tests", "data", "seeds", "002_55af39662756e4d2.txt"));
}
