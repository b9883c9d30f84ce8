using Kessan.Cli;

namespace Kessan.Tests.Cli;

/// <summary>
/// The command line tested as data, in the spirit of hledger's shelltests: each folder under tests/cli holds one case
/// (see tests/cli/README.md): the arguments, the input files, and the exact standard output, standard error and exit
/// code expected. One theory runs them all; KESSAN_UPDATE_GOLDEN=1 rewrites the expected files.
/// </summary>
public sealed class CliCaseTests
{
    private static string Cases => Path.Combine(Repo.Root, "tests", "cli");

    public static TheoryData<string> All()
    {
        var data = new TheoryData<string>();
        foreach (var dir in Directory.EnumerateDirectories(Cases).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(dir));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(All))]
    public void Case(string name)
    {
        var run = CliCase.Load(Path.Combine(Cases, name));
        var actual = run.Run();
        run.Check(actual);
    }

    [Fact]
    public void There_are_cases()
    {
        All().Count.ShouldBeGreaterThan(10);
    }
}

/// <summary>One case of tests/cli: how its input is put together, how it is run and what it must give.</summary>
internal sealed class CliCase(string folder)
{
    private readonly string scratch = Path.Combine(Path.GetTempPath(), "kessan-cli-" + Guid.NewGuid().ToString("N"));

    public static CliCase Load(string folder) => new(folder);

    private string Read(string name) => File.Exists(Path.Combine(folder, name)) ? File.ReadAllText(Path.Combine(folder, name)) : "";

    public (int Code, string Stdout, string Stderr) Run()
    {
        var input = Path.Combine(scratch, "in");
        var output = Path.Combine(scratch, "out");
        Directory.CreateDirectory(input);
        try
        {
            if (Read("base").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) is [var baseFolder, .. var into])
            {
                Copy(Path.Combine(Repo.Root, baseFolder), Path.Combine([input, .. into]));
            }

            var own = Path.Combine(folder, "in");
            if (Directory.Exists(own))
            {
                Overlay(own, input);
            }

            // edit: PATH<tab>OLD<tab>NEW per line (\n and \t written as such): OLD replaced once in the input file.
            foreach (var line in Read("edit").Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                var parts = line.Split('\t');
                string Unescape(string t) => t.Replace("\\n", "\n", StringComparison.Ordinal).Replace("\\t", "\t", StringComparison.Ordinal);
                var path = Path.Combine(input, parts[0]);
                var text = File.ReadAllText(path);
                var at = text.IndexOf(Unescape(parts[1]), StringComparison.Ordinal);
                at.ShouldBeGreaterThanOrEqualTo(0, $"edit: '{parts[1]}' is not in {parts[0]}");
                File.WriteAllText(path, string.Concat(text.AsSpan(0, at), Unescape(parts[2]), text.AsSpan(at + Unescape(parts[1]).Length)));
            }

            foreach (var line in Read("delete").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var path = Path.Combine(input, line);
                if (Directory.Exists(path))
                {
                    Directory.Delete(path, recursive: true);
                }
                else
                {
                    File.Delete(path);
                }
            }

            var args = Read("args").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(a => a.Replace("$IN", input, StringComparison.Ordinal).Replace("$OUT", output, StringComparison.Ordinal))
                .ToArray();
            var stdout = new StringWriter();
            var stderr = new StringWriter();
            var code = KessanCli.Run(args, stdout, stderr);
            string Clean(string text) => text.Replace(input, "$IN", StringComparison.Ordinal).Replace(output, "$OUT", StringComparison.Ordinal).Replace("\r\n", "\n", StringComparison.Ordinal);
            var leftovers = Directory.Exists(scratch)
                ? Directory.EnumerateFileSystemEntries(scratch, ".*", SearchOption.AllDirectories).Where(p => p.Contains(".kessan-", StringComparison.Ordinal)).ToList()
                : [];
            leftovers.ShouldBeEmpty("no temporary file or folder is left behind");
            if (code == ExitCodes.BadInput)
            {
                Directory.Exists(output).ShouldBeFalse("nothing is written when the command stops with exit code 2");
            }

            return (code, Clean(stdout.ToString()), Clean(stderr.ToString()));
        }
        finally
        {
            if (Directory.Exists(scratch))
            {
                Directory.Delete(scratch, recursive: true);
            }
        }
    }

    public void Check((int Code, string Stdout, string Stderr) actual)
    {
        if (Environment.GetEnvironmentVariable("KESSAN_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(Path.Combine(folder, "exit"), actual.Code + "\n");
            File.WriteAllText(Path.Combine(folder, "stderr"), actual.Stderr);
            if (File.Exists(Path.Combine(folder, "stdout")) || actual.Stdout.Length > 0)
            {
                File.WriteAllText(Path.Combine(folder, "stdout"), actual.Stdout);
            }
        }

        var name = Path.GetFileName(folder);
        actual.Code.ShouldBe(int.Parse(Read("exit").Trim(), System.Globalization.CultureInfo.InvariantCulture), $"{name}: exit code; stderr was:\n{actual.Stderr}");
        actual.Stderr.ShouldBe(Read("stderr"), $"{name}: standard error");
        if (File.Exists(Path.Combine(folder, "stdout")))
        {
            actual.Stdout.ShouldBe(Read("stdout"), $"{name}: standard output");
        }
    }

    private static void Copy(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }

    /// <summary>Files of the case's in/ replace the base's; NAME.append is added to the end of NAME, NAME.prepend to its start.</summary>
    private static void Overlay(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(from, file);
            var bytes = File.ReadAllBytes(file);
            if (relative.EndsWith(".append", StringComparison.Ordinal))
            {
                var target = Path.Combine(to, relative[..^".append".Length]);
                File.WriteAllBytes(target, [.. File.ReadAllBytes(target), .. bytes]);
            }
            else if (relative.EndsWith(".prepend", StringComparison.Ordinal))
            {
                var target = Path.Combine(to, relative[..^".prepend".Length]);
                File.WriteAllBytes(target, [.. bytes, .. File.ReadAllBytes(target)]);
            }
            else
            {
                var target = Path.Combine(to, relative);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.WriteAllBytes(target, bytes);
            }
        }
    }
}
