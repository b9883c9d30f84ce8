using System.Text;
using Kessan.Cli;

namespace Kessan.Tests.Cli;

/// <summary>
/// Every command run with bad inputs, bad output locations and bad options, as data: each case is a command, a
/// valid set of inputs, and one thing made wrong. Whatever the case, the command never shows a stack trace or an
/// internal error, exits with the code the contract gives (2 for a problem of the input, options or output; 0 where
/// the input is still good; 1 only when verify finds errors), writes nothing when it stops, never leaves a temporary
/// file behind, and never echoes a huge line whole.
/// </summary>
public sealed class SweepTests
{
    /// <summary>One run: how its inputs are prepared, its arguments, and the exit codes that are right for it.</summary>
    /// <param name="Name">command/what is wrong.</param>
    /// <param name="Prepare">Makes the inputs in the case's input folder (and may put something where the output goes).</param>
    /// <param name="Args">The arguments, given the input folder and the output path.</param>
    /// <param name="Exits">The exit codes that are correct.</param>
    public sealed record Case(string Name, Action<string, string> Prepare, Func<string, string, string[]> Args, int[] Exits);

    private const string Unwritable = "/proc/kessan-sweep/out";

    private static readonly Lazy<string> Ledgers = new(() =>
    {
        var dir = Path.Combine(Path.GetTempPath(), "kessan-sweep-ledgers-" + Guid.NewGuid().ToString("N"));
        var (code, _, stderr) = Kessan.Tests.Ledger.Cli.Run("synth-ledger", Repo.Example, "--transactions", "10000", "--out", dir);
        code.ShouldBe(ExitCodes.Ok, stderr);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Directory.Delete(dir, recursive: true); // shared by the cases, gone with them
        return dir;
    });

    /// <summary>What is done to one input file: deleted, emptied, made binary, Latin-1, UTF-16, a huge line, a folder.</summary>
    private static readonly (string Name, Action<string> Apply)[] FileFaults =
    [
        ("missing", path => File.Delete(path)),
        ("empty", path => File.WriteAllBytes(path, [])),
        ("binary", path => File.WriteAllBytes(path, [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x08, 0x00, .. Encoding.ASCII.GetBytes("xl/workbook.xml")])),
        ("latin1", path => File.AppendAllText(path, "\n# Caf\u00e9 d\u00e9j\u00e0 vu\n", Encoding.Latin1)),
        ("utf16", path => File.WriteAllText(path, File.ReadAllText(path), Encoding.Unicode)),
        ("huge-line", path => File.AppendAllText(path, "\n" + new string('x', 3 << 20) + "\n")),
        ("folder", path =>
        {
            File.Delete(path);
            Directory.CreateDirectory(path);
        }),
    ];

    /// <summary>What is done to where the output goes (a folder output or a file output).</summary>
    private static readonly (string Name, Func<string, string> Apply)[] OutputFaults =
    [
        ("out-is-a-file", output =>
        {
            File.WriteAllText(output, "keep me\n");
            return output;
        }),
        ("out-under-a-file", output =>
        {
            File.WriteAllText(output, "keep me\n");
            return Path.Combine(output, "inner");
        }),
        ("out-unwritable", _ => Unwritable),
    ];

    private static void CopyExample(string input) => Copy(Repo.Example, Path.Combine(input, "def"));

    private static void Copy(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    private const string Journal = """
        2003-04-01 * sale
            Assets:Cash    JPY 1,000
            Income:Sales

        2003-05-01 * rent
            Expenses:Rent    JPY 300
            Assets:Cash

        """;

    private const string LedgerCsv = "date,transaction id,account,amount,currency\n2003-04-01,1,Assets:Cash,500,JPY\n2003-04-01,1,Income:Sales,-500,JPY\n";

    /// <summary>The commands: how to make valid inputs, the arguments, the input files a fault is put in, and the output (if any).</summary>
    private sealed record Command(string Name, Action<string> Inputs, Func<string, string, string[]> Args, string[] Targets, bool FolderOutput, bool FileOutput, string[][] BadOptions);

    private static readonly Command[] Commands =
    [
        new("build", CopyExample, (i, o) => ["build", Path.Combine(i, "def"), "--out", o, "--format", "txt,md,html"],
            ["def/facts.csv", "def/text/results.txt", "def/release.yaml", "def/concepts.yaml", "def/tables/01-revenues.yaml", "def/document.yaml"],
            FolderOutput: true, FileOutput: false,
            [["--format", "docx"], ["--encoding", "klingon"], ["--encoding", "shift_jis"], ["--bogus"], ["--ledger", "/nonexistent-ledgers"]]),
        new("roll", CopyExample, (i, o) => ["roll", Path.Combine(i, "def"), "--to", "2Q03", "--out", o],
            ["def/facts.csv", "def/release.yaml", "def/concepts.yaml"],
            FolderOutput: true, FileOutput: false,
            [["--to", "garbage"], ["--to", "4Q02"], ["--bogus"]]),
        new("verify", i => File.Copy(Path.Combine(Repo.Root, "tests", "data", "seeds", "002_55af39662756e4d2.txt"), Path.Combine(i, "release.txt")),
            (i, _) => ["verify", Path.Combine(i, "release.txt")],
            ["release.txt"], FolderOutput: false, FileOutput: false,
            [["--format", "yaml"], ["--encoding", "klingon"], ["--encoding", "euc-jp"], ["--bogus"]]),
        new("trial-balance", i =>
            {
                File.WriteAllText(Path.Combine(i, "a.journal"), Journal);
                File.WriteAllText(Path.Combine(i, "b.csv"), LedgerCsv);
            },
            (i, o) => ["trial-balance", Path.Combine(i, "a.journal"), Path.Combine(i, "b.csv"), "--out", o],
            ["a.journal", "b.csv"], FolderOutput: false, FileOutput: true,
            [["--by", "week"], ["--fiscal-year-end", "Smarch"], ["--jobs", "0"], ["--column", "nonsense"], ["--encoding", "klingon"], ["--encoding", "shift_jis"], ["--bogus"]]),
        new("consolidate", i =>
            {
                CopyExample(i);
                Copy(Ledgers.Value, Path.Combine(i, "led"));
            },
            (i, o) => ["consolidate", Path.Combine(i, "led"), "--model", Path.Combine(i, "def"), "--out", o],
            ["led/group.txt", "led/iij.map", "led/iij.journal", "led/cashflow.txt", "led/net-care.journal", "def/facts.csv", "def/release.yaml"],
            FolderOutput: false, FileOutput: true,
            [["--format", "xml"], ["--encoding", "klingon"], ["--encoding", "latin1"], ["--bogus"]]),
        new("synth-ledger", CopyExample, (i, o) => ["synth-ledger", Path.Combine(i, "def"), "--transactions", "10000", "--out", o],
            ["def/group.txt", "def/facts.csv", "def/release.yaml"],
            FolderOutput: true, FileOutput: false,
            [["--transactions", "12"], ["--transactions", "many"], ["--seed", "x"], ["--bogus"]]),
        new("synth-register", i =>
            {
                File.Copy(Path.Combine(Repo.Example, "register-targets.csv"), Path.Combine(i, "targets.csv"));
                File.Copy(Path.Combine(Repo.Example, "kpis.yaml"), Path.Combine(i, "kpis.yaml"));
            },
            (i, o) => ["synth-register", "--targets", Path.Combine(i, "targets.csv"), "--out", o],
            ["targets.csv", "kpis.yaml"], FolderOutput: false, FileOutput: true,
            [["--seed", "x"], ["--bogus"]]),
        new("register-kpis", i =>
            {
                File.Copy(Path.Combine(Repo.Example, "contracts.csv"), Path.Combine(i, "contracts.csv"));
                File.Copy(Path.Combine(Repo.Example, "kpis.yaml"), Path.Combine(i, "kpis.yaml"));
            },
            (i, _) => ["register-kpis", Path.Combine(i, "contracts.csv"), "--kpis", Path.Combine(i, "kpis.yaml"), "--at", "1Q03"],
            ["contracts.csv", "kpis.yaml"], FolderOutput: false, FileOutput: false,
            [["--at", "2003-13-45"], ["--encoding", "klingon"], ["--bogus"]]),
    ];

    /// <summary>
    /// Faults after which the command is right to go on and succeed: a huge line or a Latin-1 comment in a file read
    /// as prose or where comments are allowed is still good input.
    /// </summary>
    private static readonly Dictionary<string, int[]> Expected = new(StringComparer.Ordinal)
    {
        ["build/def/text/results.txt/huge-line"] = [0], // a long paragraph
        ["build/def/text/results.txt/empty"] = [0], // a passage with nothing to say
        ["trial-balance/a.journal/empty"] = [0], // no transactions: nothing to total, as in ledger-cli
        ["trial-balance/b.csv/empty"] = [0],
        ["consolidate/led/cashflow.txt/missing"] = [0], // the statement of cash flows is optional
        ["verify/release.txt/huge-line"] = [ExitCodes.Findings], // the release's own errors are still found
        ["trial-balance/out-is-a-file"] = [0], // --out FILE replaces the file, all or nothing
        ["consolidate/out-is-a-file"] = [0],
        ["synth-register/out-is-a-file"] = [0],
        ["trial-balance/option --encoding shift_jis"] = [0], // ASCII journals read the same in Shift_JIS
        ["consolidate/option --encoding latin1"] = [0], // every byte is a character in Latin-1 (UTF-8 read so is still valid input)
    };

    private static readonly Dictionary<string, Case> Cases = Make().ToDictionary(c => c.Name, StringComparer.Ordinal);

    private static IEnumerable<Case> Make()
    {
        foreach (var command in Commands)
        {
            int[] bad = [ExitCodes.BadInput];
            foreach (var target in command.Targets)
            {
                foreach (var (fault, apply) in FileFaults)
                {
                    var name = $"{command.Name}/{target}/{fault}";
                    yield return new Case(name, (i, _) =>
                    {
                        command.Inputs(i);
                        apply(Path.Combine(i, target));
                    }, command.Args, Expected.GetValueOrDefault(name, bad));
                }
            }

            if (command.FolderOutput || command.FileOutput)
            {
                foreach (var (fault, apply) in OutputFaults)
                {
                    var name = $"{command.Name}/{fault}";
                    yield return new Case(name, (i, _) => command.Inputs(i), (i, o) => command.Args(i, apply(o)), Expected.GetValueOrDefault(name, [ExitCodes.BadInput]));
                }

                // A folder where the output file belongs, or a file where a file of the output folder belongs.
                yield return new Case($"{command.Name}/out-named-like-an-output", (i, o) =>
                {
                    command.Inputs(i);
                    Directory.CreateDirectory(command.FileOutput ? o : Path.Combine(o, "release.txt"));
                    if (command.FolderOutput && command.Name != "build")
                    {
                        File.WriteAllText(Path.Combine(o, "keep-me.txt"), "keep me\n"); // not empty: roll and synth-ledger refuse it
                    }
                }, command.Args, [ExitCodes.BadInput]);
            }

            foreach (var options in command.BadOptions)
            {
                var name = $"{command.Name}/option {string.Join(' ', options)}";
                yield return new Case(name, (i, _) => command.Inputs(i), (i, o) => [.. command.Args(i, o), .. options], Expected.GetValueOrDefault(name, [ExitCodes.BadInput]));
            }

            yield return new Case($"{command.Name}/no-arguments", (_, _) => { }, (_, _) => [command.Name], [ExitCodes.BadInput]);
        }
    }

    public static TheoryData<string> All() => [.. Cases.Keys.Order(StringComparer.Ordinal)];

    [Fact]
    public void The_sweep_covers_every_command_with_many_cases()
    {
        Cases.Count.ShouldBeGreaterThanOrEqualTo(144);
        Commands.Select(c => c.Name).Order(StringComparer.Ordinal).ShouldBe(KessanCli.CreateRoot().Subcommands.Select(c => c.Name).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(All))]
    public void Case_never_crashes_and_exits_as_the_contract_says(string name)
    {
        var run = Cases[name];
        var scratch = Directory.CreateTempSubdirectory("kessan-sweep-").FullName;
        var input = Path.Combine(scratch, "in");
        var output = Path.Combine(scratch, "out");
        Directory.CreateDirectory(input);
        try
        {
            run.Prepare(input, output);
            var args = run.Args(input, output);
            var before = Snapshot(output);
            var stdout = new StringWriter();
            var stderr = new StringWriter();
            var code = KessanCli.Run(args, stdout, stderr);
            var error = stderr.ToString();
            var shown = error.Length > 2000 ? error[..2000] + "…" : error;

            error.ShouldNotContain("internal error", Shouldly.Case.Sensitive, $"{name}: {shown}");
            error.ShouldNotContain("   at ", Shouldly.Case.Sensitive, $"{name}: a stack trace: {shown}");
            code.ShouldBeOneOf(run.Exits, $"{name}: stderr was {shown}");
            (error.Length + stdout.ToString().Length).ShouldBeLessThan(64 * 1024, $"{name}: a huge line is not echoed whole");
            Directory.EnumerateFileSystemEntries(scratch, "*", SearchOption.AllDirectories)
                .Where(p => Path.GetFileName(p).Contains(".kessan-", StringComparison.Ordinal))
                .ShouldBeEmpty($"{name}: no temporary file or folder is left behind");
            Directory.Exists(Path.GetDirectoryName(Unwritable)).ShouldBeFalse();
            if (code != ExitCodes.Ok)
            {
                Snapshot(output).ShouldBe(before, $"{name}: nothing is written when the command stops");
            }
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    /// <summary>What is at <paramref name="path"/>: nothing, a file with its bytes, or a folder with its files.</summary>
    private static string Snapshot(string path) =>
        File.Exists(path) ? "file " + Convert.ToHexString(File.ReadAllBytes(path))
        : Directory.Exists(path) ? "folder " + string.Join(";", Directory.EnumerateFileSystemEntries(path, "*", SearchOption.AllDirectories).Select(p => Path.GetRelativePath(path, p)).Order(StringComparer.Ordinal))
        : "nothing";
}
