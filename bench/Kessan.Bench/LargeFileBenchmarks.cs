using System.Text;
using BenchmarkDotNet.Attributes;
using Kessan.Verify;

namespace Kessan.Bench;

/// <summary>
/// Verify of a large but acceptable file: the seed release repeated to 2 MB, in process. Was a test with a time
/// limit, which failed under load; time belongs here, where it is measured, not asserted.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class LargeFileBenchmarks
{
    private string _text = "";

    [GlobalSetup]
    public void Setup()
    {
        var seed = File.ReadAllText(Paths.Seed);
        var sb = new StringBuilder();
        while (sb.Length < 2 * 1024 * 1024)
        {
            sb.Append(seed);
        }

        _text = sb.ToString();
    }

    [Benchmark]
    public bool VerifyTwoMegabytes() => Verifier.VerifyText("big.txt", _text).Unusable;
}
