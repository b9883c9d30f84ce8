using System.Diagnostics;
using BenchmarkDotNet.Running;
using Kessan.Cli.Commands;
using Kessan.Verify;

namespace Kessan.Bench;

/// <summary>
/// <c>dotnet run -c Release --project bench/Kessan.Bench</c> runs the BenchmarkDotNet suite;
/// <c>-- quick</c> measures verify of the seed with a stopwatch; <c>-- many N</c> verifies N copies in one call
/// and reports memory as it goes.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "quick")
        {
            return Quick();
        }

        if (args.Length > 0 && args[0] == "many")
        {
            return Many(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1000);
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }

    private static int Quick()
    {
        var text = File.ReadAllText(Paths.Seed);
        for (var i = 0; i < 50; i++)
        {
            Verifier.VerifyText("seed.txt", text);
        }

        var times = new List<double>();
        for (var i = 0; i < 200; i++)
        {
            var sw = Stopwatch.StartNew();
            Verifier.VerifyText("seed.txt", text);
            times.Add(sw.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        if (Environment.GetEnvironmentVariable("KESSAN_PROFILE") == "1")
        {
            var doc = Kessan.Verify.Reading.ReleaseLoader.Parse("seed.txt", text);
            var sw0 = Stopwatch.StartNew();
            for (var i = 0; i < 50; i++)
            {
                Kessan.Verify.Reading.ReleaseLoader.Parse("seed.txt", text);
            }

            Console.WriteLine($"read: {sw0.Elapsed.TotalMilliseconds / 50:0.00} ms");
            sw0.Restart();
            for (var i = 0; i < 50; i++)
            {
                Verifier.Understand(doc, []);
            }

            Console.WriteLine($"understand: {sw0.Elapsed.TotalMilliseconds / 50:0.00} ms");
            var texts = doc.Paragraphs.Select(p => p.Text).Concat(doc.Tables.SelectMany(t => t.Context)).ToList();
            sw0.Restart();
            for (var i = 0; i < 50; i++)
            {
                Kessan.Verify.Structure.FiscalConvention.FromText(texts);
            }

            Console.WriteLine($"  fiscal: {sw0.Elapsed.TotalMilliseconds / 50:0.00} ms");
            sw0.Restart();
            for (var i = 0; i < 50; i++)
            {
                Kessan.Verify.Checks.TranslationChecks.FindRate(texts);
            }

            Console.WriteLine($"  rate: {sw0.Elapsed.TotalMilliseconds / 50:0.00} ms");
            sw0.Restart();
            for (var i = 0; i < 50; i++)
            {
                foreach (var t in doc.Tables)
                {
                    Kessan.Verify.Structure.TableInference.Infer(t, Kessan.Verify.Structure.FiscalConvention.Default, "x", []);
                }
            }

            Console.WriteLine($"  tables: {sw0.Elapsed.TotalMilliseconds / 50:0.00} ms");
            var ctx = Verifier.Understand(doc, []);
            foreach (var check in Verifier.Checks)
            {
                sw0.Restart();
                for (var i = 0; i < 50; i++)
                {
                    _ = check(ctx).ToList();
                }

                Console.WriteLine($"{check.Method.DeclaringType!.Name}: {sw0.Elapsed.TotalMilliseconds / 50:0.00} ms");
            }
        }

        Console.WriteLine($"verify seed: median {times[100]:0.00} ms, p95 {times[190]:0.00} ms, min {times[0]:0.00} ms");
        return 0;
    }

    private static int Many(int n)
    {
        var dir = Path.Combine(Path.GetTempPath(), $"kessan-bench-{Environment.ProcessId}");
        Directory.CreateDirectory(dir);
        var text = File.ReadAllText(Paths.Seed);
        var files = new List<string>();
        for (var i = 0; i < n; i++)
        {
            var p = Path.Combine(dir, $"release-{i:0000}.txt");
            File.WriteAllText(p, text);
            files.Add(p);
        }

        var sink = new MemoryCheckingWriter();
        var sw = Stopwatch.StartNew();
        var exit = VerifyCommand.Run(files, json: true, sink);
        sw.Stop();
        Console.WriteLine($"verify {n} files in one call: {sw.Elapsed.TotalSeconds:0.00} s ({sw.Elapsed.TotalMilliseconds / n:0.00} ms per file), exit {exit}");
        Console.WriteLine($"working set after 10% of files: {sink.EarlyMb:0.0} MB, at the end: {sink.LateMb:0.0} MB, peak: {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:0.0} MB; managed heap at end {GC.GetTotalMemory(false) / 1048576.0:0.0} MB");
        Directory.Delete(dir, true);
        return 0;
    }

    /// <summary>Discards output, sampling the working set after each file.</summary>
    private sealed class MemoryCheckingWriter : TextWriter
    {
        private int _files;

        public double EarlyMb { get; private set; }

        public double LateMb { get; private set; }

        public override System.Text.Encoding Encoding => System.Text.Encoding.UTF8;

        public override void Write(char value)
        {
        }

        public override void Write(string? value)
        {
            if (value is not null && value.StartsWith("{\"path\"", StringComparison.Ordinal) || value?.Contains("\"path\"", StringComparison.Ordinal) == true)
            {
                _files++;
                var mb = Environment.WorkingSet / 1048576.0;
                if (_files == 100)
                {
                    EarlyMb = mb;
                }

                LateMb = mb;
            }
        }
    }
}
