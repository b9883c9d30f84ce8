using System.CommandLine;
using System.Diagnostics;
using Kessan.Build;
using Kessan.Synth;

namespace Kessan.Cli.Commands;

/// <summary>
/// <c>kessan synth-ledger DIR --transactions N --out OUT [--seed S]</c>: writes seeded synthetic ledgers of the group
/// read from the definition's <c>group.txt</c> (journal and CSV), their account mappings, the group file and the
/// cash-flow definition, whose consolidation gives the release's statements of operations, balance sheets and cash
/// flows exactly. Problems of the group file, or a group that cannot give the facts exactly, are listed; exit 2 and
/// nothing is written.
/// </summary>
public static class SynthLedgerCommand
{
    public static Command Create()
    {
        var dir = new Argument<string>("definition") { Description = "Folder of the release definition whose facts the ledgers reproduce, with the group in group.txt." };
        var transactions = new Option<long>("--transactions") { Description = "How many transactions to write in all (10 thousand to 10 million).", DefaultValueFactory = _ => 10_000 };
        var seed = new Option<int>("--seed") { Description = "Seed of the generator; the same seed always writes the same ledgers.", DefaultValueFactory = _ => 2003 };
        var output = new Option<string>("--out") { Description = "Folder for the ledgers (ENTITY.journal), mappings (ENTITY.map), group.txt, and csv/ with the same ledgers as CSV.", Required = true };
        var command = new Command("synth-ledger", "Write synthetic general ledgers of the group whose consolidation is the release's statements of operations and balance sheets.")
        {
            dir, transactions, seed, output,
        };
        command.SetAction(parse => Run(parse.GetValue(dir)!, parse.GetValue(transactions), parse.GetValue(seed), parse.GetValue(output)!, parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error));
        return command;
    }

    /// <summary>The fewest transactions synth-ledger writes: enough for every movement of the group.</summary>
    public const long MinTransactions = 10_000;

    /// <summary>The most transactions synth-ledger writes.</summary>
    public const long MaxTransactions = 10_000_000;

    public static int Run(string definitionDir, long transactions, int seed, string outDir, TextWriter stdout, TextWriter stderr)
    {
        if (transactions is < MinTransactions or > MaxTransactions)
        {
            stderr.WriteLine($"kessan synth-ledger: --transactions must be from {MinTransactions:N0} to {MaxTransactions:N0}, not {transactions:N0}.");
            return ExitCodes.BadInput;
        }

        if (ProblemReport.OutputFails("synth-ledger", OutputFolder.NotEmpty(outDir, Path.GetFullPath(outDir)), stderr))
        {
            return ExitCodes.BadInput;
        }

        var (definition, facts, diagnostics) = ReleasePipeline.Load(definitionDir);
        if (ProblemReport.Stops("synth-ledger", diagnostics, stderr, failed: definition is null) || definition is null)
        {
            return ExitCodes.BadInput;
        }

        var clock = Stopwatch.StartNew();
        Kessan.Diagnostics.Result<SynthLedgerSummary>? synthesized = null;
        var written = LedgerProgress.Run(
            progress => OutputFolder.CreateFolder(outDir, folder => (synthesized = LedgerSynthesizer.Write(definition, facts, Path.Combine(definitionDir, LedgerRelease.GroupFile), folder, transactions, seed, progress)).Value is not null, replace: false),
            LedgerProgress.IsTerminal(stderr),
            "Writing ledgers");
        if (ProblemReport.OutputFails("synth-ledger", written, stderr)
            || ProblemReport.Stops("synth-ledger", synthesized?.Diagnostics ?? [], stderr, failed: synthesized?.Value is null)
            || synthesized?.Value is not { } summary)
        {
            return ExitCodes.BadInput;
        }

        stdout.WriteLine($"wrote {summary.Transactions:N0} transactions ({summary.Postings:N0} postings) of {summary.Entities} entities to {outDir} in {clock.Elapsed.TotalSeconds:0.0} s");
        return ExitCodes.Ok;
    }
}
