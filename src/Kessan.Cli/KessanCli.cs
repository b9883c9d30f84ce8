using System.CommandLine;
using Kessan.Cli.Commands;

namespace Kessan.Cli;

/// <summary>Exit codes shared by every command.</summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The run worked and found errors in what it checked (verify).</summary>
    public const int Findings = 1;

    /// <summary>Unusable input or a usage mistake; nothing was written.</summary>
    public const int BadInput = 2;
}

/// <summary>The <c>kessan</c> command line. Each subcommand lives in its own file under Commands/.</summary>
public static class KessanCli
{
    public static RootCommand CreateRoot()
    {
        var root = new RootCommand("Kessan: build and verify a listed company's quarterly results release.");
        root.Subcommands.Add(BuildCommand.Create());
        root.Subcommands.Add(SynthRegisterCommand.Create());
        root.Subcommands.Add(RegisterKpisCommand.Create());
        root.Subcommands.Add(RollCommand.Create());
        root.Subcommands.Add(VerifyCommand.Create());
        root.Subcommands.Add(TrialBalanceCommand.Create());
        root.Subcommands.Add(SynthLedgerCommand.Create());
        root.Subcommands.Add(ConsolidateCommand.Create());
        return root;
    }

    /// <summary>Runs one command line with the given writers; returns the exit code. Tests call this in-process.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        if (args is ["trial-balance", ..])
        {
            // The other processor compiles the journal reader while this one parses the command line.
            Kessan.Ledger.TrialBalanceBuilder.Prepare();
        }

        var parse = CreateRoot().Parse(args);
        var config = new InvocationConfiguration { Output = output, Error = error };
        if (parse.Errors.Count > 0)
        {
            foreach (var e in parse.Errors)
            {
                error.WriteLine($"kessan: {e.Message}");
            }

            error.WriteLine("Run 'kessan --help' for usage.");
            return ExitCodes.BadInput;
        }

        return parse.Invoke(config);
    }
}
